"""Fills a score sheet workbook as an evaluator would, with openpyxl: an independent writer for
tests/workbook.rs. Needs `pip install openpyxl`.

    python3 fill_scoresheet.py IN.xlsx OUT.xlsx EDITS_JSON

EDITS_JSON is a list of edits: {"cell": "G2", "number": 4}, {"cell": "H2", "text": "=1+1"} (a
string cell, whatever it holds), {"cell": "G3", "formula": "=2+2"}, {"rename": "Sheet1"} (the
sheet `Scores` gets another name).
"""

import json
import sys

import openpyxl

source, target, edits = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
book = openpyxl.load_workbook(source)
sheet = book["Scores"]
for edit in edits:
    if "rename" in edit:
        sheet.title = edit["rename"]
    elif "number" in edit:
        sheet[edit["cell"]] = edit["number"]
    elif "text" in edit:
        cell = sheet[edit["cell"]]
        cell.value = edit["text"]
        cell.data_type = "s"  # text, even when it starts with "="
    elif "formula" in edit:
        sheet[edit["cell"]] = edit["formula"]
book.save(target)
