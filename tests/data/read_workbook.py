"""Reads a workbook as a person's spreadsheet would show it, with openpyxl: an independent reader
for tests/sheets.rs (a filled set-up workbook, engagekit template KIND --from DOC). Needs
`pip install openpyxl`.

    python3 read_workbook.py IN.xlsx OUT.json ARGS

ARGS is ignored (the helper that runs the scripts passes one). OUT.json:
{"SHEET": {"state": "visible" | "hidden",
           "cells": {"A2": {"value": ..., "date": true | false, "format": "dd/mm/yyyy"}, ...},
           "validations": [{"range": "C2:C500", "type": "list", "formula": "...", "title": "..."}]}}
A date cell's value is its day, YYYY-MM-DD.
"""

import datetime
import json
import sys

import openpyxl

source, target = sys.argv[1], sys.argv[2]
book = openpyxl.load_workbook(source)
out = {}
for sheet in book.worksheets:
    cells = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            value = cell.value
            if isinstance(value, datetime.datetime):
                value = value.date().isoformat()
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            cells[cell.coordinate] = {"value": value, "date": cell.is_date, "format": cell.number_format}
    validations = [
        {"range": str(v.sqref), "type": v.type, "formula": v.formula1, "title": v.promptTitle}
        for v in sheet.data_validations.dataValidation
    ]
    out[sheet.title] = {"state": sheet.sheet_state, "cells": cells, "validations": validations}
with open(target, "w", encoding="utf-8") as f:
    json.dump(out, f)
