"""Derived figures edited in the UI by a statistics administrator (core.manage_figures): validated as typed,
audited, a stale edit refused with the conflict message; the statistics page shows the definition in force,
its terms and the comparison with the same period a year earlier; a report's period words follow its period."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sifa.core import figures, metrics
from sifa.core.models import AuditEvent, FigureDefinition

from .conftest import LINE

pytestmark = pytest.mark.django_db

SHARE = {"key": f"{LINE}.person_share2", "label": "自然人占比（本区）", "definition": "自然人 ÷ 全部 × 100",
         "formula": f"{LINE}.persons / {LINE}.received * 100", "kind": "rate", "decimals": 0}


def test_only_a_holder_of_manage_figures_opens_the_page(users, login, line):
    assert login(users["stats"]).get(reverse("reports:figures")).status_code == 403
    assert login(users["leader"]).get(reverse("reports:figures")).status_code == 200


def test_the_formula_is_checked_as_typed(users, login, line):
    client = login(users["leader"])
    bad = client.get(reverse("reports:figure_check"), {"formula": f"{LINE}.persons / {LINE}.nothing"}).json()
    assert bad == {"ok": False, "message": f"公式中的指标键“{LINE}.nothing”未登记"}
    syntax = client.get(reverse("reports:figure_check"), {"formula": f"({LINE}.persons"}).json()
    assert not syntax["ok"] and "左括号没有对应的右括号" in syntax["message"]
    good = client.get(reverse("reports:figure_check"), {"formula": f"{LINE}.persons ÷ {LINE}.received"}).json()
    assert good["ok"] and "÷" in good["text"]


def test_a_definition_saved_in_the_ui_is_audited_and_shown_with_its_comparison(users, login, line, records):
    client = login(users["leader"])
    resp = client.post(reverse("reports:figures"), {**SHARE, "formula": f"{LINE}.persons / {LINE}.nothing"})
    assert resp.status_code == 200 and "“testline.nothing”未登记" in resp.content.decode()
    assert not FigureDefinition.objects.exists()
    resp = client.post(reverse("reports:figures"), SHARE)
    assert resp.status_code == 302
    row = FigureDefinition.objects.get()
    assert AuditEvent.objects.filter(action="core.figure.saved", object_id=str(row.pk)).exists()
    page = login(users["stats"]).get(reverse("reports:line_stats", args=[LINE]) + "?from=2022-01-01&to=2022-10-31")
    text = page.content.decode()
    assert "自然人占比（本区）" in text and "自然人 ÷ 全部 × 100" in text and "上年同期" in text
    res = metrics.compute(date(2022, 1, 1), date(2022, 10, 31), lines=[LINE])
    assert f"{LINE}.person_share2" in res.values


def test_a_stale_edit_is_refused_with_the_conflict_message(users, login, line):
    row = figures.save({k: v for k, v in SHARE.items() if k != "decimals"}, by=users["leader"])
    client = login(users["leader"])
    url = reverse("reports:figure_edit", args=[row.pk])
    figures.save({**SHARE, "decimals": 2, "label": "别人改过"}, by=users["leader"], instance=row,
                 expected_version=1)
    resp = client.post(url, {**SHARE, "version": "1"})
    assert resp.status_code == 200
    assert FigureDefinition.objects.get().label == "别人改过"
    assert "此记录已于" in resp.content.decode() and "请刷新后重试" in resp.content.decode()
    resp = client.post(url, {**SHARE, "version": "2", "label": "第三版"})
    assert resp.status_code == 302 and FigureDefinition.objects.get().version == 3


def test_a_count_cannot_be_overridden_and_a_circle_is_refused(users, line):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        figures.save({**SHARE, "key": f"{LINE}.received"}, by=users["leader"])
    assert "不能用公式覆盖" in str(exc.value)
    figures.save({**SHARE, "key": f"{LINE}.a", "formula": f"{LINE}.persons + 1"}, by=users["leader"])
    figures.save({**SHARE, "key": f"{LINE}.b", "formula": f"{LINE}.a + 1"}, by=users["leader"])
    row = FigureDefinition.objects.get(key=f"{LINE}.a")
    with pytest.raises(ValidationError) as exc:
        figures.save({**SHARE, "key": f"{LINE}.a", "formula": f"{LINE}.b * 2"}, by=users["leader"], instance=row)
    assert "循环引用" in str(exc.value)


def test_a_report_follows_its_period_and_states_the_previous_year(records, users, line):
    from sifa.reports import annual, phrasing, services
    from sifa.reports.models import SectionLevel
    from sifa.reports.placeholders import check

    from .conftest import make

    make(records["PT-SFS-CSL"], "person", date(2021, 5, 4), 2)  # the same period a year earlier: 2 received
    report = services.report_create(
        year=2022, unit=records["PT-SFJ"], through=date(2022, 9, 30), by=users["leader"], sections=[
            (SectionLevel.SECTION, "（一）测试", line,
             f"{{{{ period.as_of }}}}，共收到{{{{ {LINE}.received }}}}件，比{{{{ period.previous_year }}}}年同期"
             f"（{{{{ {LINE}.received.previous }}}}件）{{{{ {LINE}.received.yoy }}}}；"
             f"自然人比例{{{{ {LINE}.person_rate }}}}%，同比{{{{ {LINE}.person_rate.yoy }}}}。")])
    texts = [b.text for b in annual.document(report).body]
    # 2022-01..09: 10 received, 7 persons (70.00%); 2021-01..09: 2 persons (100.00%)
    assert "截至2022年9月底，共收到10件，比2021年同期（2件）增长400.0%；自然人比例70.00%，同比下降30.00个百分点。" in texts
    june = [b.text for b in annual.document(report, through=date(2022, 6, 30)).body]
    assert june[-1].startswith("截至2022年6月底，共收到4件，比2021年同期（2件）增长100.0%")
    assert not check("{{ period.weekday }}") == []  # an unknown period word is refused
    # the generated paragraph carries the period's words as placeholders, not a frozen date
    assert phrasing.paragraph(LINE, date(2022, 9, 30)).startswith("{{ period.as_of }}，")
