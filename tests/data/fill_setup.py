"""Fills a set-up workbook (engagekit template ...) as a person would, with openpyxl: an
independent writer for tests/sheets.rs. Needs `pip install openpyxl`.

    python3 fill_setup.py IN.xlsx OUT.xlsx FILL_JSON

FILL_JSON: {"settings": {"title": "...", "scale max": 4, ...},
            "sheets": {"Criteria": [{"id": "Q1", "weight": 16, ...}, ...], ...},
            "cells": [{"sheet": "Panel", "cell": "E2", "formula": "=1+1"} | {..., "text": ".."}
                      | {..., "value": 0.16, "format": "0%"}],
            "merge": [{"sheet": "Bids", "range": "B2:B3"}],
            "drop": ["Consensus"]}
A row's keys are header words, matched against row 1 of the sheet; a value is a string, a number,
true/false, or {"date": "YYYY-MM-DD"} (a date cell). Settings are found by name in column A and
written in column B.
"""

import datetime
import json
import sys

import openpyxl


def cell_value(value):
    if isinstance(value, dict) and "date" in value:
        return datetime.date.fromisoformat(value["date"])
    return value


def write(cell, value):
    cell.value = cell_value(value)
    if isinstance(value, str):
        cell.data_type = "s"  # text, even when it starts with "="


source, target, fill = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
book = openpyxl.load_workbook(source)
settings = fill.get("settings", {})
if settings:
    sheet = book["Settings"]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(2, sheet.max_row + 1)}
    for name, value in settings.items():
        row = rows.get(name)
        if row is None:
            row = sheet.max_row + 1
            sheet.cell(row=row, column=1).value = name
        write(sheet.cell(row=row, column=2), value)
for name, rows in fill.get("sheets", {}).items():
    sheet = book[name]
    header = {sheet.cell(row=1, column=c).value: c for c in range(1, sheet.max_column + 1)}
    for r, values in enumerate(rows, start=2):
        for key, value in values.items():
            if key not in header:
                col = sheet.max_column + 1
                sheet.cell(row=1, column=col).value = key
                header[key] = col
            write(sheet.cell(row=r, column=header[key]), value)
for edit in fill.get("cells", []):
    cell = book[edit["sheet"]][edit["cell"]]
    if "formula" in edit:
        cell.value = edit["formula"]
    else:
        write(cell, edit["text"] if "text" in edit else edit["value"])
    if "format" in edit:
        cell.number_format = edit["format"]  # as Excel formats a cell typed "16%": 0.16 shown as 16%
for merge in fill.get("merge", []):
    book[merge["sheet"]].merge_cells(merge["range"])
for name in fill.get("drop", []):
    del book[name]
book.save(target)
