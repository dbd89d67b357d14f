"""An agency's HR list of officers imported into the register: checked row by row, all or nothing, officers
already registered (same ID number) skipped."""

from __future__ import annotations

import pytest

from sifa.core import imports
from sifa.enforcement.models import Officer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HEAD = "执法单位,姓名,身份证号,工号,岗位,资格\n"


def _run(tmp_path, body: str, user):
    path = tmp_path / "officers.csv"
    path.write_text(HEAD + body, encoding="utf-8-sig")
    return imports.run(imports.importer("officers"), path, by=user)


def test_the_hr_list_is_imported_and_a_second_import_skips_who_is_held(tmp_path, staff):
    body = ("PT-SCJG,王一,11010519491231002X,SC-1,食品安全执法,法学学历\n"
            "PT-CGZF,李二,,CG-7,城管执法,\n")
    report = _run(tmp_path, body, staff)
    assert not report.errors and report.written == 2
    o = Officer.objects.get(person__name="王一")
    assert (o.agency.code, o.post, o.qualification, o.unit.code) == ("PT-SCJG", "食品安全执法", "law_degree", "PT-SFJ-ZF")
    assert o.person.id_number_masked and "1231002X" not in o.person.id_number_masked
    again = _run(tmp_path, "PT-SCJG,王一,11010519491231002X,SC-1,食品安全执法,\n", staff)
    assert again.written == 0 and Officer.objects.count() == 2


def test_a_bad_row_writes_nothing_and_says_why_on_the_cell(tmp_path, staff):
    report = _run(tmp_path, "PT-NONE,王一,,,执法,\nPT-SCJG,李二,110105194912310021,,执法,\nPT-SCJG,张三,,,,\n",
                  staff)
    assert Officer.objects.count() == 0
    assert {e.column for e in report.errors} == {"执法单位", "身份证号", "岗位"}
