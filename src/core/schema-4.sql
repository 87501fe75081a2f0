-- SPDX-License-Identifier: GPL-3.0-or-later
-- Lotline schema, version 4: lot-code formats.
--
-- A product may have its own lot-code format, a template such as
-- "{YYMMDD}-{LINE}{SEQ:3}"; NULL means the site's format applies.  The
-- site's format and the facility, line and shift its codes carry are meta
-- keys (lot_code_format, lot_code_facility, lot_code_line, lot_code_shift),
-- absent until they are set.

ALTER TABLE product ADD COLUMN lot_format TEXT;
