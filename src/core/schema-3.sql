-- SPDX-License-Identifier: GPL-3.0-or-later
-- Lotline schema, version 3: recalls (21 CFR Part 7).
--
-- A recall starts as a draft with its seed lots; its scope is computed from
-- a downstream trace of the seeds.  Opening it snapshots the affected lots
-- and the consignees (customers that received them) into recall_lot and
-- recall_consignee, where the consignees' responses are then tracked.

CREATE TABLE recall (
  id              INTEGER PRIMARY KEY,
  number          TEXT NOT NULL UNIQUE,
  title           TEXT NOT NULL,
  reason          TEXT NOT NULL,
  hazard          TEXT NOT NULL,
  discovered_how  TEXT,
  discovered_on   TEXT,
  classification  TEXT NOT NULL CHECK (classification IN ('I', 'II', 'III')),
  depth           TEXT NOT NULL CHECK (depth IN ('consumer', 'retail', 'wholesale')),
  public_warning  INTEGER NOT NULL DEFAULT 0 CHECK (public_warning IN (0, 1)),
  effectiveness   TEXT NOT NULL DEFAULT 'A' CHECK (effectiveness IN ('A', 'B', 'C', 'D', 'E')),
  instructions    TEXT,
  contact_name    TEXT,
  contact_phone   TEXT,
  contact_email   TEXT,
  status          TEXT NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft', 'open', 'completed', 'terminated')),
  disposition     TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  opened_at       TEXT,
  terminated_at   TEXT
);
CREATE INDEX recall_status ON recall (status);

CREATE TABLE recall_seed (
  recall_id INTEGER NOT NULL REFERENCES recall (id),
  lot_id    INTEGER NOT NULL REFERENCES lot (id),
  PRIMARY KEY (recall_id, lot_id)
) WITHOUT ROWID;

-- The lots a recall reached when it was opened, with their status and
-- on-hand quantity before opening (for the audit trail and the reports).
CREATE TABLE recall_lot (
  recall_id    INTEGER NOT NULL REFERENCES recall (id),
  lot_id       INTEGER NOT NULL REFERENCES lot (id),
  prior_status TEXT NOT NULL,
  on_hand      INTEGER NOT NULL,
  PRIMARY KEY (recall_id, lot_id)
) WITHOUT ROWID;
CREATE INDEX recall_lot_lot ON recall_lot (lot_id);

CREATE TABLE recall_consignee (
  recall_id          INTEGER NOT NULL REFERENCES recall (id),
  party_id           INTEGER NOT NULL REFERENCES party (id),
  in_sample          INTEGER NOT NULL DEFAULT 0 CHECK (in_sample IN (0, 1)),
  notified_at        TEXT,
  notify_method      TEXT,
  responded_at       TEXT,
  on_hand_reported   INTEGER CHECK (on_hand_reported IS NULL OR on_hand_reported >= 0),
  quantity_returned  INTEGER NOT NULL DEFAULT 0 CHECK (quantity_returned >= 0),
  quantity_destroyed INTEGER NOT NULL DEFAULT 0 CHECK (quantity_destroyed >= 0),
  notes              TEXT,
  PRIMARY KEY (recall_id, party_id)
) WITHOUT ROWID;
