"""Documents carry the case's data and their number; every kind downloads from the case page."""

from __future__ import annotations

import io
from datetime import date

import docx
from django.urls import reverse

from sifa.core.models import AuditEvent
from sifa.reconsideration.models import CaseDocument, DocumentKind
from sifa.reconsideration.workflow import WORKFLOW


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def test_every_document_kind_downloads_with_its_number_and_the_case_data(make_app, handler, users, login):
    a = make_app()
    WORKFLOW.run(a, "request_correction", by=handler, on=date(2024, 3, 5), data={"items": "请提交身份证复印件"})
    WORKFLOW.run(a, "receive_correction", by=handler, on=date(2024, 3, 7))
    WORKFLOW.run(a, "accept", by=handler, on=date(2024, 3, 8))
    WORKFLOW.run(a, "schedule_hearing", by=handler, on=date(2024, 3, 11),
                 data={"scheduled_for": date(2024, 3, 20), "presiding": users["fuyi_head"],
                 "officers": [users["handler"], users["handler2"]], "clerk": users["yingsu"],
                 "place": "第一听证室", "matters": "处罚程序"})
    WORKFLOW.run(a, "suspend", by=handler, on=date(2024, 3, 21), data={"ground": "8"})
    WORKFLOW.run(a, "resume", by=handler, on=date(2024, 3, 28))
    WORKFLOW.run(a, "decide", by=handler, on=date(2024, 4, 10), data={"decision_type": "CX",
                 "reasons": "认定事实不清"})
    b = make_app()
    WORKFLOW.run(b, "not_accept", by=handler, on=date(2024, 3, 6), data={"reasons": "超过申请期限"})
    c = make_app()
    WORKFLOW.run(c, "accept", by=handler, on=date(2024, 3, 5))
    WORKFLOW.run(c, "mediate", by=handler, on=date(2024, 3, 20), data={"terms": "被申请人减免罚款"})
    d = make_app()
    WORKFLOW.run(d, "accept", by=handler, on=date(2024, 3, 5))
    WORKFLOW.run(d, "withdraw", by=handler, on=date(2024, 3, 20), data={"settled": True})

    kinds = set(CaseDocument.objects.values_list("kind", flat=True))
    assert kinds == set(DocumentKind.values)
    client = login(handler)
    for doc in CaseDocument.objects.select_related("case"):
        resp = client.get(reverse("reconsideration:document", args=[doc.case_id, doc.pk]))
        assert resp.status_code == 200
        text = _text(resp.content)
        assert doc.number in text, doc.kind
        assert "钱某某" in text, doc.kind
        assert "上海市普陀区人民政府" in text
    decision = _text(client.get(reverse("reconsideration:document", args=[a.pk, a.documents.get(kind="decision").pk]))
                     .content)
    assert a.number in decision and "撤销" in decision and "认定事实不清" in decision
    hearing = CaseDocument.objects.get(kind="hearing_notice")
    assert "第一听证室" in _text(client.get(reverse("reconsideration:document", args=[a.pk, hearing.pk])).content)
    assert AuditEvent.objects.filter(action="reconsideration.document.downloaded").count() == CaseDocument.objects.count() + 2


def test_document_numbers_run_per_kind_and_year(make_app, handler):
    a, b = make_app(), make_app(received_on=date(2022, 3, 1))
    WORKFLOW.run(a, "accept", by=handler, on=date(2024, 3, 5))
    WORKFLOW.run(b, "accept", by=handler, on=date(2022, 3, 2))
    c = make_app()
    WORKFLOW.run(c, "accept", by=handler, on=date(2024, 3, 6))
    assert a.documents.get().number == "普府复受字〔2024〕1号"
    assert b.documents.get().number == "普府复受字〔2022〕1号"
    assert c.documents.get().number == "普府复受字〔2024〕2号"


def test_decision_under_the_2017_law_cites_its_article(make_app, handler):
    from sifa.reconsideration import documents

    a = make_app(received_on=date(2022, 3, 1))
    WORKFLOW.run(a, "accept", by=handler, on=date(2022, 3, 2))
    WORKFLOW.run(a, "decide", by=handler, on=date(2022, 4, 1), data={"decision_type": "WC", "reasons": "x"})
    assert "第二十八条" in _text(documents.render(a.documents.get(kind="decision")))
