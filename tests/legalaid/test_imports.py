"""The 12348 hotline's export imported: every row checked in Chinese, all or nothing, duplicates recognised."""

from __future__ import annotations

import pytest

from sifa.core import imports
from sifa.legalaid.models import Consultation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HEAD = "记录编号,日期,法律援助中心,渠道,咨询类别,咨询问题,解答内容,引导分流,需要回访,满意度\n"


def _run(tmp_path, body: str, user):
    path = tmp_path / "calls.csv"
    path.write_text(HEAD + body, encoding="utf-8-sig")
    return imports.run(imports.importer("consultations"), path, by=user)


def test_the_hotline_export_is_imported_and_a_second_import_skips_what_is_held(tmp_path, staff):
    body = ("A1,2026-03-02,PT-FYZX,12348来电,劳动与社会保障,拖欠工资,可申请仲裁,申请法律援助,是,满意\n"
            "A2,2026-03-02,PT-FYZX,,婚姻家庭,离婚财产,解答,,否,\n")
    report = _run(tmp_path, body, staff)
    assert not report.errors and report.written == 2
    c = Consultation.objects.get(external_id="A1")
    assert (c.channel, c.category, c.referral, c.callback_requested) == ("call_12348", "labour", "legal_aid", True)
    again = _run(tmp_path, body + "A3,2026-03-03,PT-FYZX,网络,其他,,,,,\n", staff)
    assert again.written == 1 and Consultation.objects.count() == 3


def test_a_bad_row_writes_nothing_and_says_why_on_the_cell(tmp_path, staff, users):
    report = _run(tmp_path, "B1,2026-03-02,PT-FYZX,12348来电,不存在的类别,,,,,\nB2,2026-13-01,PT-FYZX,,其他,,,,,\n",
                  staff)
    assert Consultation.objects.count() == 0 and len(report.errors) == 2
    assert {e.column for e in report.errors} == {"咨询类别", "日期"}
    outsider = _run(tmp_path, "C1,2026-03-02,PT-FYZX,,其他,,,,,\n", users["mediator"])
    assert outsider.errors and Consultation.objects.count() == 0  # not the mediator's centre
