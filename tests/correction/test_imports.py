"""The learning platform's export imported: every row checked, all or nothing, duplicates recognised, and the hours
reach the figure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sifa.core import imports, metrics
from sifa.correction.models import LearningRecord

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HEAD = "记录编号,矫正编号,学习日期,学习时长（小时）,课程\n"


def _run(tmp_path, body: str, user):
    path = tmp_path / "learning.csv"
    path.write_text(HEAD + body, encoding="utf-8-sig")
    return imports.run(imports.importer("learning"), path, by=user)


def test_the_export_is_imported_and_a_second_import_skips_what_is_held(tmp_path, officer, supervised, units):
    n = supervised.number
    body = f"H1,{n},2024-03-10,1.5,社区矫正法解读\nH2,{n},2024-03-11,2,法律常识\n"
    report = _run(tmp_path, body, officer)
    assert not report.errors and report.written == 2
    again = _run(tmp_path, body + f"H3,{n},2024-03-12,0.5,心理健康\n", officer)
    assert again.written == 1 and LearningRecord.objects.count() == 3
    v = metrics.compute(date(2024, 3, 1), date(2024, 3, 31), units["PT"], lines=["correction"]).flat()
    assert v["correction.learning_hours"] == Decimal("4.0")


def test_a_bad_row_writes_nothing_and_says_why(tmp_path, officer, supervised, users):
    n = supervised.number
    report = _run(tmp_path, f"B1,不存在的编号,2024-03-10,1,\nB2,{n},2024-13-01,1,\n", officer)
    assert LearningRecord.objects.count() == 0 and len(report.errors) == 2
    assert {e.column for e in report.errors} == {"矫正编号", "学习日期"}
    outsider = _run(tmp_path, f"C1,{n},2024-03-10,1,\n", users["legalaid"])
    assert outsider.errors and LearningRecord.objects.count() == 0  # not theirs to see
