#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks a Lotline FSMA 204 workbook against the CSV folder of the same export.

usage: check-xlsx.py WORKBOOK.xlsx CSV_DIR SHEET=FILE.csv...

The ZIP must be valid (every member's CRC), each sheet named as given, in
that order, with a bold, frozen header row and an autofilter over the whole
table, and every cell equal to the CSV's (whose cells that look like a
formula carry a leading apostrophe).  The parts are read with the standard
library; when openpyxl is installed the workbook is read back with it too.
Prints one line per problem and exits 1 when there is any.
"""

import csv
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
problems = []


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return [[c[1:] if c[:1] == "'" and c[1:2] in ("=", "+", "-", "@", "\t", "\r") else c for c in row]
            for row in rows]


def column_index(ref):
    letters = "".join(ch for ch in ref if ch.isalpha())
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n - 1


def sheet_rows_stdlib(z, part):
    root = ET.fromstring(z.read(part))
    rows = []
    for row in root.find("m:sheetData", NS):
        cells = {}
        for c in row:
            t = c.find("m:is/m:t", NS)
            cells[column_index(c.get("r"))] = (t.text or "") if t is not None else ""
        width = max(cells) + 1 if cells else 0
        rows.append([cells.get(i, "") for i in range(width)])
    return root, rows


def trim(rows):
    out = []
    for row in rows:
        row = list(row)
        while row and row[-1] in ("", None):
            row.pop()
        out.append(["" if v is None else str(v) for v in row])
    return out


def check_stdlib(path, expected):
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad is not None:
            problems.append(f"bad CRC in {bad}")
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        names = [s.get("name") for s in wb.find("m:sheets", NS)]
        if names != [name for name, _ in expected]:
            problems.append(f"sheets {names}, expected {[name for name, _ in expected]}")
        styles = ET.fromstring(z.read("xl/styles.xml"))
        fonts = styles.find("m:fonts", NS)
        xfs = styles.find("m:cellXfs", NS)
        for i, (name, csv_rows) in enumerate(expected):
            root, rows = sheet_rows_stdlib(z, f"xl/worksheets/sheet{i + 1}.xml")
            if trim(rows) != trim(csv_rows):
                problems.append(f"{name}: cells differ from the CSV")
            pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
            if pane is None or pane.get("state") != "frozen" or pane.get("topLeftCell") != "A2":
                problems.append(f"{name}: header row not frozen")
            af = root.find("m:autoFilter", NS)
            dim = root.find("m:dimension", NS).get("ref")
            if af is None or af.get("ref") != dim or not dim.startswith("A1:"):
                problems.append(f"{name}: no autofilter over {dim}")
            for c in root.find("m:sheetData", NS)[0]:
                font = fonts[int(xfs[int(c.get("s", "0"))].get("fontId"))]
                if font.find("m:b", NS) is None:
                    problems.append(f"{name}: header cell {c.get('r')} not bold")


def check_openpyxl(path, expected):
    try:
        import openpyxl
    except ImportError:
        print("# openpyxl is not installed; checked with the standard library only")
        return
    wb = openpyxl.load_workbook(path)
    if wb.sheetnames != [name for name, _ in expected]:
        problems.append(f"openpyxl: sheets {wb.sheetnames}")
    for name, csv_rows in expected:
        ws = wb[name]
        rows = trim(ws.iter_rows(values_only=True))
        if rows != trim(csv_rows):
            problems.append(f"openpyxl: {name}: cells differ from the CSV")
        if ws.freeze_panes != "A2":
            problems.append(f"openpyxl: {name}: freeze panes {ws.freeze_panes}")
        if ws.auto_filter.ref != ws.dimensions:
            problems.append(f"openpyxl: {name}: autofilter {ws.auto_filter.ref}, table {ws.dimensions}")
        if not all(cell.font.b for cell in ws[1]):
            problems.append(f"openpyxl: {name}: header not bold")
    print(f"# openpyxl {openpyxl.__version__} read {len(wb.sheetnames)} sheets")


def main():
    path, csv_dir = sys.argv[1], sys.argv[2]
    expected = []
    for arg in sys.argv[3:]:
        name, file = arg.split("=", 1)
        expected.append((name, read_csv(f"{csv_dir}/{file}")))
    check_stdlib(path, expected)
    check_openpyxl(path, expected)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
