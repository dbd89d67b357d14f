"""The monthly-totals import (an office whose system exports no single applications): row errors in Chinese, all
or nothing, and the figures counting the totals with the single applications without counting a month twice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from sifa.core import imports, metrics
from sifa.notary.models import MonthlyTotal

pytestmark = pytest.mark.django_db

HEAD = "公证处,月份,公证事项,用于境外,受理件数,一次都不跑,最多跑一次,出证件数,不予办理件数,公证费\n"
SINGLE = "业务编号,公证处,申请人,公证事项,用于境外,渠道,申请日期,受理日期,出证日期,不予办理日期,不予办理情形,承办公证员\n"


def _run(tmp_path, kind, head, body, user):
    path = tmp_path / f"{kind}.csv"
    path.write_text(head + body, encoding="utf-8-sig")
    return imports.run(imports.importer(kind), path, by=user)


def test_monthly_totals_are_counted_once_with_the_single_applications(tmp_path, staff, apply):
    single = apply(received_on=date(2024, 3, 4))  # one civil entrustment accepted in March at the window
    bad = ("PT-GZC,2024-04,委托,否,100,10,5,90,1,20000\n"
           "PT-GZC,2024-13,委托,否,10,0,0,0,0,0\n"  # no such month
           "PT-GZC,2024-03,声明,否,10,0,0,0,0,0\n"  # March holds single applications
           "PT-GZC,2024-04,委托,否,5,4,3,0,0,0\n"  # twice in the file, and more online than accepted
           "PT-GZC,2024-05,不存在的事项,否,十,0,0,0,0,0\n")
    with translation_zh():
        report = _run(tmp_path, "notary-monthly", HEAD, bad, staff)
    messages = [str(e) for e in report.errors]
    assert report.written == 0 and not MonthlyTotal.objects.exists()  # all or nothing
    assert any("第3行" in m and "不是一个月份" in m for m in messages), messages
    assert any("第4行" in m and "逐件" in m for m in messages), messages
    assert any("第5行" in m and "重复" in m for m in messages), messages
    assert any("第5行" in m and "线上申请" in m for m in messages), messages
    assert any("第6行" in m for m in messages), messages

    good = ("PT-GZC,2024-04,委托,否,100,10,5,90,1,20000\n"
            "PT-GZC,2024年5月,合同,否,20,0,2,18,0,6000\n"
            "PT-GZC,2024-05,出生,是,7,7,0,7,0,560\n")
    report = _run(tmp_path, "notary-monthly", HEAD, good, staff)
    assert not report.errors and report.written == 3
    v = metrics.compute(date(2024, 1, 1), date(2024, 12, 31), lines=["notary"]).values
    assert v["notary.accepted"] == 1 + 100 + 20 + 7
    assert (v["notary.accepted_civil"], v["notary.accepted_economic"], v["notary.accepted_foreign"]) == (101, 20, 7)
    assert v["notary.online"] == 17 and v["notary.online_one_visit"] == 7 and v["notary.issued"] == 115
    assert v["notary.fees"] == Decimal("200") + Decimal("26560")
    res = metrics.compute(date(2024, 1, 1), date(2024, 12, 31), lines=["notary"])
    assert all(eq.holds for eq in res.equations)

    # a month imported again replaces its figures rather than adding to them
    _run(tmp_path, "notary-monthly", HEAD, "PT-GZC,2024-04,委托,否,110,10,5,90,1,20000\n", staff)
    assert metrics.compute(date(2024, 4, 1), date(2024, 4, 30), lines=["notary"])["notary.accepted"] == 110

    # single applications of a month held as totals are refused, so the month is not counted twice
    report = _run(tmp_path, "notarisations", SINGLE, "N9,PT-GZC,王甲,委托,否,窗口,2024-04-02,2024-04-02,,,,沈丽\n",
                  staff)
    assert report.written == 0 and report.errors
    assert single.accepted_on.month == 3


def test_the_monthly_list_drills_down_filters_and_exports(tmp_path, staff, login):
    _run(tmp_path, "notary-monthly", HEAD, "PT-GZC,2024-04,委托,否,100,10,5,90,1,20000\n"
                                           "PT-GZC,2023-04,委托,否,50,10,5,40,1,9000\n", staff)
    client = login(staff)
    resp = client.get(reverse("notary:list"), {"metric": "notary.monthly_accepted", "from": "2024-01-01",
                                               "to": "2024-12-31"})
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("notary:monthly"))
    page = client.get(resp["Location"])
    assert [t.accepted for t in page.context["rows"]] == [100] and page.context["totals"]["accepted"] == 100
    assert [t.accepted for t in client.get(reverse("notary:monthly"), {"year": "2023"}).context["rows"]] == [50]
    export = client.get(reverse("notary:monthly"), {"export": "csv"})
    assert export.status_code == 200


def translation_zh():
    from django.utils import translation

    return translation.override("zh-hans")
