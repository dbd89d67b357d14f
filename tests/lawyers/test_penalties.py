"""The penalty discretion table (violation × circumstances → suggested penalty), the decision with its departure
and reason, the article's own limits, and the 行政处罚决定书."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from sifa.core.models import AuditEvent
from sifa.core.workflow import StepError
from sifa.lawyers import penalties, services
from sifa.lawyers.models import PenaltyDecision

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(complain, staff):
    def _decided(kind="warning"):
        c = complain(date(2024, 3, 4))
        services.complaint_step(c, "accept", by=staff, on=date(2024, 3, 6))
        services.complaint_step(c, "decide", by=staff, on=date(2024, 4, 10),
                                data={"outcome": "penalty", "penalty_kind": kind, "findings": "以不正当手段承揽业务。"})
        c.refresh_from_db()
        return c
    return _decided


def test_the_table_suggests_within_each_article():
    assert penalties.suggest("47.2", "minor").kind == "warning"
    assert penalties.suggest("48.1", "serious").months == (3, 6)
    assert penalties.suggest("49.3", "serious").kind == "revocation"
    assert penalties.suggest("50.3", "ordinary").kind == "rectification"
    for key in penalties.VIOLATIONS:  # every suggestion keeps within its article
        for c in penalties.Circumstance.values:
            s = penalties.suggest(key, c)
            assert not penalties.statutory_errors(key, kind=s.kind, fine=Decimal(s.fine_max),
                                                  months=s.months[1]), (key, c)


def test_following_the_suggestion_needs_no_reason_and_the_document_is_filled(decided, staff, login):
    c = decided("warning")
    d = services.penalty_decide(c, violation="47.2", circumstance="ordinary", facts="当事人以支付介绍费方式承揽业务。",
                                penalty_kind="warning", fine=3000, on=date(2024, 4, 12), by=staff)
    assert d.number.endswith("号") and "罚决" in d.number and d.departure == ""
    assert d.suggested == "警告，可以并处五千元以下罚款"
    assert AuditEvent.objects.filter(action="lawyers.penalty.decided").exists()
    resp = login(staff).get(reverse("lawyers:penalty_document", args=[d.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)
    assert "行政处罚决定书" in text and d.number in text and "钱律师" in text and "第四十七条第（二）项" in text
    assert "罚款人民币3000元" in text and "十五日内" in text and "六十日内" in text and "{" not in text


def test_a_departure_needs_its_reason_and_the_article_limits_refuse(decided, staff):
    c = decided("warning")
    with pytest.raises(StepError) as e:  # a minor case: the table suggests a warning without a fine
        services.penalty_decide(c, violation="47.2", circumstance="minor", facts="事实", penalty_kind="warning",
                                fine=2000, on=date(2024, 4, 12), by=staff)
    assert e.value.field == "departure_reason"
    with pytest.raises(StepError) as e:  # over the article's maximum: no reason helps
        services.penalty_decide(c, violation="47.2", circumstance="ordinary", facts="事实", penalty_kind="warning",
                                fine=8000, on=date(2024, 4, 12), by=staff, departure_reason="情节恶劣")
    assert e.value.field == "fine"
    with pytest.raises(StepError) as e:  # the complaint was decided with a warning
        services.penalty_decide(c, violation="47.2", circumstance="serious", facts="事实", penalty_kind="suspension",
                                months=2, on=date(2024, 4, 12), by=staff)
    assert e.value.field == "penalty_kind"
    assert not PenaltyDecision.objects.exists()
    d = services.penalty_decide(c, violation="47.2", circumstance="minor", facts="事实", penalty_kind="warning",
                                fine=2000, on=date(2024, 4, 12), by=staff, departure_reason="拒不改正，并处罚款")
    assert d.departure == "罚款超过建议的0元" and d.departure_reason == "拒不改正，并处罚款"


def test_the_page_records_a_suspension_and_lists_it(decided, staff, login):
    c = decided("suspension")
    client = login(staff)
    page = client.get(reverse("lawyers:penalties")).content.decode()
    assert c.number in page and "处罚裁量" in page
    resp = client.post(reverse("lawyers:penalty_new", args=[c.pk]), {
        "violation": "48.2", "circumstance": "serious", "facts": "无正当理由拒绝出庭。", "penalty_kind": "suspension",
        "months": 8, "on": "2024-04-12"})
    assert resp.status_code == 200 and "3至6个月" in resp.content.decode() and not PenaltyDecision.objects.exists()
    resp = client.post(reverse("lawyers:penalty_new", args=[c.pk]), {
        "violation": "48.2", "circumstance": "serious", "facts": "无正当理由拒绝出庭。", "penalty_kind": "suspension",
        "months": 4, "on": "2024-04-12"})
    d = PenaltyDecision.objects.get()
    assert resp.status_code == 302 and resp["Location"] == d.get_absolute_url() and d.months == 4
    page = client.get(reverse("lawyers:penalties"), {"kind": "suspension"}).content.decode()
    assert d.number in page
    assert d.number not in client.get(reverse("lawyers:penalties"), {"departed": "1"}).content.decode()
