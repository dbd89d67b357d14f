"""The online patrol (网上巡查): its rules raise warnings from the records once, the warnings are handled and
closed; and the complaints white paper computed from the records."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from sifa.appraisal import patrol, services
from sifa.appraisal.models import PatrolWarning, WarningState
from sifa.appraisal.services import ReportRecord
from sifa.core.models import AuditEvent
from sifa.core.workflow import StepError

pytestmark = pytest.mark.django_db


def _complaints(division, staff, institution, month: date, n: int):
    for i in range(n):
        services.complaint_register(unit=division, by=staff, received_on=month.replace(day=2 + i), channel="phone",
                                    complainant=f"投诉人{i}", matter="鉴定超期", respondent_institution=institution)


def test_the_rules_raise_each_warning_once(division, staff, institution):
    services.reports_import(records=[ReportRecord(institution.pk, date(2024, 3, 1), 40, 30, 2),
                                     ReportRecord(institution.pk, date(2024, 4, 1), 40, 30, 0)], by=staff,
                            reported_on=date(2024, 5, 5))
    _complaints(division, staff, institution, date(2024, 2, 1), 1)
    _complaints(division, staff, institution, date(2024, 5, 1), 3)  # 3 against a monthly average of 0.3
    _complaints(division, staff, institution, date(2024, 6, 1), 2)  # under the minimum
    found = {(f.rule, f.month) for f in patrol.scan(date(2024, 6, 30))}
    assert found == {("overdue", date(2024, 3, 1)), ("surge", date(2024, 5, 1))}
    assert services.patrol_run(by=staff, until=date(2024, 6, 30)) == 2
    assert services.patrol_run(by=staff, until=date(2024, 7, 1)) == 0
    w = PatrolWarning.objects.get(rule="overdue")
    assert "超过时限完成2件" in w.detail and w.state == WarningState.OPEN
    assert AuditEvent.objects.filter(action="appraisal.patrol.run").count() == 2


def test_a_steady_level_of_complaints_is_no_surge(division, staff, institution):
    for m in (2, 3, 4, 5):
        _complaints(division, staff, institution, date(2024, m, 1), 3)
    assert not [f for f in patrol.scan(date(2024, 5, 31)) if f.month == date(2024, 5, 1)]


def test_the_supervisor_closes_a_warning_on_its_page(division, staff, institution, login, users):
    services.reports_import(records=[ReportRecord(institution.pk, date.today().replace(day=1), 40, 30, 2)], by=staff)
    client = login(staff)
    assert client.get(reverse("appraisal:patrol_run")).status_code == 405
    resp = client.post(reverse("appraisal:patrol_run"))
    assert resp.status_code == 302
    w = PatrolWarning.objects.get()
    page = client.get(reverse("appraisal:warnings"), {"state": "open"}).content.decode()
    assert w.get_absolute_url() in page and "上海测试司法鉴定所" in page
    resp = client.post(w.get_absolute_url(), {"handling": "", "on": str(date.today())})
    assert resp.status_code == 200 and PatrolWarning.objects.get().state == WarningState.OPEN
    assert login(users["leader"]).post(w.get_absolute_url(), {"handling": "约谈", "on": str(date.today())}
                                       ).status_code == 403
    client = login(staff)
    resp = client.post(w.get_absolute_url(), {"handling": "约谈机构负责人，已制定整改措施", "on": str(date.today())})
    w.refresh_from_db()
    assert resp.status_code == 302 and w.state == WarningState.CLOSED and w.closed_by == staff
    with pytest.raises(StepError):
        services.warning_close(w, handling="再次", on=date.today(), by=staff)
    assert w.get_absolute_url() not in client.get(reverse("appraisal:warnings"), {"state": "open"}).content.decode()


def test_the_white_paper_page_and_document(division, staff, institution, login):
    _complaints(division, staff, institution, date(2024, 3, 1), 2)
    client = login(staff)
    page = client.get(reverse("appraisal:white_paper"), {"start": "2024-01-01", "end": "2024-12-31"}).content.decode()
    assert "上海测试司法鉴定所：2" in page
    resp = client.get(reverse("appraisal:white_paper"), {"start": "2024-01-01", "end": "2024-12-31", "download": "1"})
    text = "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)
    assert "投诉举报2件" in text and "上海测试司法鉴定所2件" in text and "办结率0%" in text
    assert AuditEvent.objects.filter(action="appraisal.white_paper.downloaded").exists()
    resp = client.get(reverse("appraisal:white_paper"), {"start": "2024-12-31", "end": "2024-01-01"})
    assert resp.status_code == 200 and "结束日期早于开始日期" in resp.content.decode() or "早于" in resp.content.decode()
