"""Helpers of the import tests: spreadsheets written as staff would write them, and messages in Chinese."""

from __future__ import annotations

import pytest
from django.utils import translation
from openpyxl import Workbook


@pytest.fixture(autouse=True)
def in_chinese():
    """The import's messages in the district's language (a test module imports this fixture to use it)."""
    with translation.override("zh-hans"):
        yield


def write_xlsx(path, headers, rows):
    """An .xlsx at `path` whose first sheet holds the header row and the rows."""
    wb = Workbook()
    wb.active.append(list(headers))
    for r in rows:
        wb.active.append(list(r))
    wb.save(path)
    return path


def spreadsheet_row(headers, defaults: dict, cells: dict) -> list:
    """One row in header order: the defaults, overridden by `cells`; a missing column is empty."""
    values = {**defaults, **cells}
    return [values.get(h, "") for h in headers]
