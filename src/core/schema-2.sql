-- SPDX-License-Identifier: GPL-3.0-or-later
-- Lotline schema, version 2: customer shelf-life policies.
--
-- A customer accepts a delivery only with a minimum of shelf life left on
-- the delivery date, in days, as a percentage of the lot's total shelf life
-- (expires_on minus produced_on, or minus received_on for bought-in lots),
-- or both.  The customer's own policy lives on the party row (days since
-- version 1, percent from now on); a policy for one of the customer's
-- products lives in shelf_life_policy and replaces the customer's policy
-- for that product entirely.

ALTER TABLE party ADD COLUMN min_shelf_life_percent INTEGER
  CHECK (min_shelf_life_percent IS NULL OR min_shelf_life_percent BETWEEN 0 AND 100);

CREATE TABLE shelf_life_policy (
  customer_id INTEGER NOT NULL REFERENCES party (id),
  product_id  INTEGER NOT NULL REFERENCES product (id),
  min_days    INTEGER CHECK (min_days IS NULL OR min_days >= 0),
  min_percent INTEGER CHECK (min_percent IS NULL OR min_percent BETWEEN 0 AND 100),
  PRIMARY KEY (customer_id, product_id)
) WITHOUT ROWID;
CREATE INDEX shelf_life_policy_product ON shelf_life_policy (product_id);

-- Allocation reads a product's stock lot by lot, and waste analytics reads
-- destroy events by month.
CREATE INDEX lot_product_expires ON lot (product_id, expires_on);
CREATE INDEX event_kind_date ON event (kind, occurred_on);
