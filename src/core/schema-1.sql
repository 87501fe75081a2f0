-- SPDX-License-Identifier: GPL-3.0-or-later
-- Lotline schema, version 1.  Quantities are integers in thousandths of the
-- product's base unit.  Dates are ISO calendar dates (YYYY-MM-DD); instants
-- are ISO 8601 UTC text (YYYY-MM-DDTHH:MM:SSZ).

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE product (
  id              INTEGER PRIMARY KEY,
  sku             TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  gtin            TEXT,
  kind            TEXT NOT NULL CHECK (kind IN ('raw', 'packaging', 'intermediate', 'finished')),
  unit            TEXT NOT NULL DEFAULT 'kg',
  shelf_life_days INTEGER CHECK (shelf_life_days IS NULL OR shelf_life_days >= 0),
  tracking        TEXT NOT NULL DEFAULT 'lot' CHECK (tracking IN ('lot', 'serial', 'none')),
  ftl             INTEGER NOT NULL DEFAULT 0 CHECK (ftl IN (0, 1)),
  unit_cost_milli INTEGER NOT NULL DEFAULT 0 CHECK (unit_cost_milli >= 0)
);
CREATE INDEX product_gtin ON product (gtin) WHERE gtin IS NOT NULL;

CREATE TABLE party (
  id                  INTEGER PRIMARY KEY,
  code                TEXT NOT NULL UNIQUE,
  name                TEXT NOT NULL,
  kind                TEXT NOT NULL CHECK (kind IN ('supplier', 'customer', 'site')),
  gln                 TEXT,
  phone               TEXT,
  street              TEXT,
  city                TEXT,
  region              TEXT,
  postal_code         TEXT,
  country             TEXT,
  contact_name        TEXT,
  contact_email       TEXT,
  min_shelf_life_days INTEGER CHECK (min_shelf_life_days IS NULL OR min_shelf_life_days >= 0)
);
CREATE INDEX party_kind ON party (kind);

CREATE TABLE location (
  id        INTEGER PRIMARY KEY,
  code      TEXT NOT NULL UNIQUE,
  name      TEXT NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('warehouse', 'zone', 'bin', 'production', 'quarantine', 'scrap')),
  parent_id INTEGER REFERENCES location (id),
  site_id   INTEGER REFERENCES party (id)
);

CREATE TABLE lot (
  id           INTEGER PRIMARY KEY,
  product_id   INTEGER NOT NULL REFERENCES product (id),
  code         TEXT NOT NULL,
  produced_on  TEXT,
  received_on  TEXT,
  expires_on   TEXT,
  best_before  TEXT,
  supplier_id  INTEGER REFERENCES party (id),
  supplier_lot TEXT,
  tlc_source   TEXT,
  status       TEXT NOT NULL DEFAULT 'released'
               CHECK (status IN ('released', 'quarantined', 'recalled', 'expired', 'destroyed')),
  notes        TEXT,
  created_at   TEXT NOT NULL,
  UNIQUE (product_id, code),
  CHECK (expires_on IS NULL OR produced_on IS NULL OR expires_on >= produced_on)
);
CREATE INDEX lot_code ON lot (code);
CREATE INDEX lot_expires ON lot (expires_on);
CREATE INDEX lot_supplier ON lot (supplier_id);

CREATE TABLE event (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('receive', 'produce', 'transfer', 'ship', 'return',
                                            'adjust', 'destroy', 'quarantine', 'release')),
  occurred_at TEXT NOT NULL,  -- UTC instant
  occurred_on TEXT NOT NULL,  -- the local calendar date it happened on (expiry is judged on it)
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  party_id    INTEGER REFERENCES party (id),
  doc_type    TEXT,
  doc_number  TEXT,
  reason      TEXT,
  override_reason TEXT
);
CREATE INDEX event_party ON event (party_id) WHERE party_id IS NOT NULL;
CREATE INDEX event_kind_time ON event (kind, occurred_at);

-- role: 'input' = the lot goes into the event and leaves stock at location;
--       'output' = the lot comes out of the event and enters stock at location;
--       'subject' = the event concerns the lot but moves no stock (quarantine, release).
CREATE TABLE event_line (
  id          INTEGER PRIMARY KEY,
  event_id    INTEGER NOT NULL REFERENCES event (id),
  lot_id      INTEGER NOT NULL REFERENCES lot (id),
  location_id INTEGER REFERENCES location (id),
  role        TEXT NOT NULL CHECK (role IN ('input', 'output', 'subject')),
  quantity    INTEGER NOT NULL,
  CHECK ((role = 'subject' AND quantity >= 0) OR (role <> 'subject' AND quantity > 0 AND location_id IS NOT NULL))
);
CREATE INDEX event_line_event ON event_line (event_id);
CREATE INDEX event_line_lot ON event_line (lot_id, event_id);

-- Genealogy edges, written with each production event: parent lot consumed,
-- child lot produced.  Indexed both ways so traces are index walks.
CREATE TABLE lot_edge (
  event_id        INTEGER NOT NULL REFERENCES event (id),
  parent_lot_id   INTEGER NOT NULL REFERENCES lot (id),
  child_lot_id    INTEGER NOT NULL REFERENCES lot (id),
  parent_quantity INTEGER NOT NULL,
  child_quantity  INTEGER NOT NULL,
  PRIMARY KEY (parent_lot_id, child_lot_id, event_id)
) WITHOUT ROWID;
CREATE INDEX lot_edge_child ON lot_edge (child_lot_id, parent_lot_id);

CREATE TABLE stock (
  lot_id      INTEGER NOT NULL REFERENCES lot (id),
  location_id INTEGER NOT NULL REFERENCES location (id),
  quantity    INTEGER NOT NULL CHECK (quantity >= 0),
  PRIMARY KEY (lot_id, location_id)
) WITHOUT ROWID;
CREATE INDEX stock_location ON stock (location_id);

CREATE TABLE audit (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  who       TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id INTEGER,
  old_value TEXT,
  new_value TEXT,
  reason    TEXT,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
