"""The pages, documents, API (Open311) and the import of the hotline's export."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from sifa.core import imports as core_imports
from sifa.petitions.models import Opinion, Petition, State
from sifa.petitions.workflow import WORKFLOW

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_staff_register_on_the_form_and_a_hotline_order_needs_its_kind(login, staff):
    client = login(staff)
    data = {"channel": "hotline", "kind": "complaint", "name": "王先生", "subject": "律师收费", "content": "收费过高",
            "received_on": "2022-09-26", "external_id": "12345-1"}
    resp = client.post(reverse("petitions:new"), data)
    assert resp.status_code == 200 and not Petition.objects.exists()
    resp = client.post(reverse("petitions:new"), {**data, "hotline_kind": "complaint"})
    p = Petition.objects.get()
    assert resp.status_code == 302 and resp["Location"] == p.get_absolute_url()


def test_the_list_filters_open_and_closed_and_exports(login, staff, register, order):
    a = register()
    b = order()
    WORKFLOW.run(b, "return_order", by=staff, on=date(2022, 9, 27), data={"reason": "非本单位职责"})
    client = login(staff)
    page = client.get(reverse("petitions:list"), {"status": "open"}).content.decode()
    assert a.number in page and b.number not in page
    page = client.get(reverse("petitions:list"), {"status": "closed"}).content.decode()
    assert b.number in page and a.number not in page
    assert client.get(reverse("petitions:list"), {"export": "xlsx"}).status_code == 200


def test_the_three_documents_download(login, staff, register):
    p = register()
    WORKFLOW.run(p, "accept", by=staff, on=date(2022, 9, 28))
    p.refresh_from_db()
    WORKFLOW.run(p, "answer", by=staff, on=date(2022, 10, 20), data={"opinion": Opinion.SUPPORT, "reply": "已督促履行。"})
    p.refresh_from_db()
    WORKFLOW.run(p, "request_review", by=staff, on=date(2022, 10, 25))
    p.refresh_from_db()
    WORKFLOW.run(p, "review", by=staff, on=date(2022, 11, 10), data={"opinion": "维持原处理意见。"})
    client = login(staff)
    notice = _text(client.get(reverse("petitions:document", args=[p.pk, "acceptance_notice"])).content)
    assert "本局已受理" in notice and "六十日" in notice and p.notice_number
    opinion = _text(client.get(reverse("petitions:document", args=[p.pk, "opinion"])).content)
    assert "予以支持" in opinion and "复查" in opinion
    review = _text(client.get(reverse("petitions:document", args=[p.pk, "review_opinion"])).content)
    assert "维持原处理意见" in review and "复核" in review


def test_the_hotline_posts_an_order_and_reads_it_in_open311_terms(login, staff, users):
    client = login(staff)
    body = {"service_request_id": "12345-20220926-0001", "hotline_kind": "complaint", "requested_datetime": "2022-09-26",
            "name": "王先生", "title": "律师收费争议", "description": "收费过高"}
    resp = client.post("/api/petitions/orders", body, content_type="application/json")
    assert resp.status_code == 201, resp.content
    out = resp.json()
    assert (out["status"], out["status_notes"], out["expected_datetime"]) == ("open", "registered", "2022-10-08")
    p = Petition.objects.get(pk=out["id"])
    WORKFLOW.run(p, "return_order", by=staff, on=date(2022, 9, 27), data={"reason": "非本单位职责"})
    assert client.get(f"/api/petitions/orders/{p.pk}").json()["status"] == "closed"
    again = client.post("/api/petitions/orders", body, content_type="application/json")
    assert again.status_code == 422
    assert login(users["mediator"]).get(f"/api/petitions/orders/{p.pk}").status_code == 403


def test_the_hotline_export_imports_all_or_nothing(staff, tmp_path):
    importer = next(i for i in core_imports.importers() if i.kind == "orders")
    header = [c.header for c in importer.columns]
    good = ["12345-A", "2022-09-26", "投诉", "", "王先生", "", "律师收费", "收费过高"]
    bad = ["12345-B", "2022-09-26", "抱怨", "", "李女士", "", "公证", "太慢"]
    f = tmp_path / "orders.csv"
    f.write_text("\n".join(",".join(r) for r in (header, good, bad)), encoding="utf-8")
    result = core_imports.run(importer, f, by=staff)
    assert not Petition.objects.exists() and result.errors
    f.write_text("\n".join(",".join(r) for r in (header, good)), encoding="utf-8")
    assert core_imports.run(importer, f, by=staff).ok
    p = Petition.objects.get()
    assert (p.external_id, p.hotline_kind, p.state) == ("12345-A", "complaint", State.REGISTERED)
