"""Documents carry the case's data and their number; every kind downloads from the case page."""

from __future__ import annotations

import io
from datetime import date

import docx
from django.urls import reverse

from sifa.core.models import AuditEvent
from sifa.reconsideration import services
from sifa.reconsideration.models import CaseDocument, DocumentKind


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def test_every_document_kind_downloads_with_its_number_and_the_case_data(make_app, handler, users, login):
    a = make_app()
    services.application_request_correction(application=a, items="请提交身份证复印件", by=handler, on=date(2024, 3, 5))
    services.application_receive_correction(application=a, by=handler, on=date(2024, 3, 7))
    services.application_accept(application=a, by=handler, on=date(2024, 3, 8))
    services.hearing_schedule(application=a, scheduled_for=date(2024, 3, 20), presiding=users["fuyi_head"],
                              officers=[users["handler"], users["handler2"]], clerk=users["yingsu"], place="第一听证室",
                              matters="处罚程序", by=handler, on=date(2024, 3, 11))
    services.application_suspend(application=a, ground="8", by=handler, on=date(2024, 3, 21))
    services.application_resume(application=a, by=handler, on=date(2024, 3, 28))
    services.application_decide(application=a, decision_type="CX", reasons="认定事实不清", by=handler,
                                on=date(2024, 4, 10))
    b = make_app()
    services.application_not_accept(application=b, reasons="超过申请期限", by=handler, on=date(2024, 3, 6))
    c = make_app()
    services.application_accept(application=c, by=handler, on=date(2024, 3, 5))
    services.application_mediate(application=c, terms="被申请人减免罚款", by=handler, on=date(2024, 3, 20))
    d = make_app()
    services.application_accept(application=d, by=handler, on=date(2024, 3, 5))
    services.application_withdraw(application=d, settled=True, by=handler, on=date(2024, 3, 20))

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
    services.application_accept(application=a, by=handler, on=date(2024, 3, 5))
    services.application_accept(application=b, by=handler, on=date(2022, 3, 2))
    c = make_app()
    services.application_accept(application=c, by=handler, on=date(2024, 3, 6))
    assert a.documents.get().number == "普府复受字〔2024〕1号"
    assert b.documents.get().number == "普府复受字〔2022〕1号"
    assert c.documents.get().number == "普府复受字〔2024〕2号"


def test_decision_under_the_2017_law_cites_its_article(make_app, handler):
    from sifa.reconsideration import documents

    a = make_app(received_on=date(2022, 3, 1))
    services.application_accept(application=a, by=handler, on=date(2022, 3, 2))
    services.application_decide(application=a, decision_type="WC", reasons="x", by=handler, on=date(2022, 4, 1))
    assert "第二十八条" in _text(documents.render(a.documents.get(kind="decision")))
