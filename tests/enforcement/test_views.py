"""The pages of enforcement supervision as the division's handler, the leader, and a handler of another division."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from sifa.enforcement import services
from sifa.enforcement.models import AgreementReview, CertificateApplication, Officer, State
from sifa.enforcement.workflow import WORKFLOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(apply, staff):
    case = apply()
    WORKFLOW.run(case, "record_exam", by=staff, on=date(2024, 3, 5), data={"exam_score": 80})
    WORKFLOW.run(case, "issue", by=staff, on=date(2024, 3, 6), data={"opinion": "符合持证条件。"})
    case.refresh_from_db()
    return case


def test_the_handler_registers_an_officer_and_an_application_on_the_officers_page(login, staff, agency):
    client = login(staff)
    resp = client.post(reverse("enforcement:officer_new"), {
        "agency": agency.pk, "name": "李执法", "id_number": "", "staff_number": "S-1", "post": "食品安全执法",
        "qualification": "law_degree"})
    officer = Officer.objects.get(person__name="李执法")
    assert resp.status_code == 302 and resp["Location"] == officer.get_absolute_url()
    resp = client.post(officer.get_absolute_url(), {"apply": "1", "kind": "new", "received_on": "2024-03-04",
                                                    "post": "", "qualification": "", "reason": ""})
    case = CertificateApplication.objects.get(officer=officer)
    assert resp.status_code == 302 and case.state == State.RECEIVED
    page = client.get(reverse("enforcement:list"))
    assert page.status_code == 200 and case.number in page.content.decode()


def test_a_bad_id_number_is_refused_on_its_field_and_the_input_kept(login, staff, agency):
    resp = login(staff).post(reverse("enforcement:officer_new"), {
        "agency": agency.pk, "name": "李执法", "id_number": "110105194912310021", "post": "执法",
        "qualification": "law_degree"})
    assert resp.status_code == 200 and resp.context["form"].errors.get("id_number")
    assert "李执法" in resp.content.decode() and not Officer.objects.exists()


def test_the_step_page_takes_the_exam_and_refuses_a_failed_one_on_the_page(login, staff, apply):
    case = apply()
    client = login(staff)
    url = reverse("enforcement:action", args=[case.pk, "record_exam"])
    assert "第十六条" in client.get(url).content.decode()
    client.post(url, {"version": case.version, "on": "2024-03-05", "exam_score": "45"})
    case.refresh_from_db()
    resp = client.post(reverse("enforcement:action", args=[case.pk, "issue"]),
                       {"version": case.version, "on": "2024-03-06", "opinion": "同意"})
    assert resp.status_code == 200 and resp.context["form"].non_field_errors()
    case.refresh_from_db()
    assert case.state == State.RECEIVED


def test_the_review_opinion_downloads_as_docx(login, staff, issued):
    resp = login(staff).get(reverse("enforcement:document", args=[issued.pk]))
    assert resp.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)
    assert issued.certificate_number in text and "执法证审核意见" in text


def test_the_register_filters_and_the_annual_review_lists_holders_to_cancel(login, staff, issued):
    officer = issued.officer
    officer.refresh_from_db()
    client = login(staff)
    assert officer.person.name in client.get(reverse("enforcement:officers") + "?q=王执").content.decode()
    review = reverse("enforcement:officers") + "?review=on"
    assert officer.person.name not in client.get(review).content.decode()
    client.post(officer.get_absolute_url(), {"flag": "1", "version": officer.version, "on_post": "",
                                             "sanctioned": "on"})
    assert officer.person.name in client.get(review).content.decode()
    export = client.get(reverse("enforcement:officers") + "?export=csv")
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert export.status_code == 200 and issued.certificate_number in body


def test_a_figure_drills_down_to_its_records(login, staff, issued, division):
    services.agreement_register(unit=division, by=staff, title="合作协议", counterparty="某公司",
                                received_on=date(2024, 3, 4))
    client = login(staff)
    resp = client.get(reverse("enforcement:list") + "?metric=enforcement.certificates_issued&from=2024-01-01"
                      "&to=2024-12-31")
    assert resp.status_code == 200 and issued.number in resp.content.decode()
    resp = client.get(reverse("enforcement:list") + "?metric=enforcement.agreements_reviewed&from=2024-01-01"
                      "&to=2024-12-31")
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("enforcement:agreements"))
    assert "合作协议" not in client.get(resp["Location"]).content.decode()  # registered, not reviewed yet


def test_the_campaign_pages_draw_score_and_send_rectification(login, staff, units):
    client = login(staff)
    resp = client.post(reverse("enforcement:campaign_new"), {
        "name": "评查", "year": 2024, "started_on": "2024-05-06", "files_per_agency": 1,
        "agencies": "PT-SCJG: 罚1, 罚2\nPT-WLJ：罚9", "evaluators": "甲, PT-SCJG\n乙"})
    assert resp.status_code == 302
    campaign_url = resp["Location"]
    page = client.get(campaign_url)
    campaign = page.context["campaign"]
    client.post(campaign_url, {"draw": "1", "version": campaign.version, "seed": "abc", "on": "2024-05-07"})
    files = list(campaign.files.all())
    assert len(files) == 2 and all(f.evaluator.agency_id != f.agency_id for f in files)
    for f in files:
        resp = client.post(reverse("enforcement:file", args=[f.pk]), {"on": "2024-05-08", "d_order": "2"})
        assert resp.status_code == 302
    campaign.refresh_from_db()
    client.post(campaign_url, {"report": "1", "version": campaign.version})
    campaign.refresh_from_db()
    assert campaign.bulletin_number
    assert client.get(reverse("enforcement:bulletin", args=[campaign.pk])).status_code == 200
    resp = client.post(campaign_url, {"rectify": "1", "agency": units["PT-SCJG"].pk, "on": "2024-05-10",
                                      "findings": "送达不规范"})
    assert resp.status_code == 302
    rect = client.get(resp["Location"])
    assert rect.status_code == 200 and "送达不规范" in rect.content.decode()


def test_an_unknown_unit_code_in_a_campaign_is_refused_on_its_field(login, staff):
    resp = login(staff).post(reverse("enforcement:campaign_new"), {
        "name": "评查", "year": 2024, "started_on": "2024-05-06", "files_per_agency": 1,
        "agencies": "NOPE: 罚1", "evaluators": "甲"})
    assert resp.status_code == 200 and resp.context["form"].errors.get("agencies")


def test_an_agreement_is_registered_reviewed_and_its_opinion_downloaded(login, staff):
    client = login(staff)
    resp = client.post(reverse("enforcement:agreement_new"), {"title": "框架协议", "counterparty": "某交易所",
                                                              "received_on": "2024-03-04", "submitted_by": ""})
    a = AgreementReview.objects.get()
    assert resp.status_code == 302
    client.post(a.get_absolute_url(), {"version": a.version, "on": "2024-03-06", "text": "无法律风险。"})
    a.refresh_from_db()
    assert a.opinion_number and a.working_days_taken == 2
    assert client.get(reverse("enforcement:agreement_document", args=[a.pk])).status_code == 200


def test_a_handler_of_another_division_sees_none_of_the_records(login, users, issued):
    client = login(users["handler"])
    assert client.get(issued.get_absolute_url()).status_code == 404
    assert issued.number not in client.get(reverse("enforcement:list")).content.decode()
