"""The pages of community correction: the correction staff see and act, the district's division sees every office,
an office's staff their own office only; the leader and the other lines' staff see nothing; viewing a file is
audited."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from sifa.core.models import AuditEvent
from sifa.correction import services
from sifa.correction.models import Release, Session, Supervisee
from sifa.correction.workflow import WORKFLOW

pytestmark = pytest.mark.django_db


def test_the_officer_registers_a_notice_and_sees_it_in_the_list(login, officer, office):
    client = login(officer)
    resp = client.post(reverse("correction:new"), {
        "name": "赵矫正", "id_number": "11010519491231002X", "kind": "probation", "offence": "危险驾驶罪",
        "deciding_organ": "court", "deciding_body": "上海市普陀区人民法院", "decision_number": "（2024）沪0107刑初9号",
        "notice_received_on": "2024-03-05", "effective_on": "2024-03-04", "term_end": "2025-03-03",
        "unit": office.pk})
    case = Supervisee.objects.get()
    assert resp.status_code == 302 and resp["Location"] == case.get_absolute_url()
    page = client.get(reverse("correction:list")).content.decode()
    assert case.number in page and "逾期" in page  # the 2024 report-in has long run out
    assert "002X" not in page


def test_bad_input_is_refused_on_the_field_and_nothing_is_written(login, officer, office):
    resp = login(officer).post(reverse("correction:new"), {
        "name": "赵矫正", "id_number": "110105194912310021", "kind": "probation", "offence": "危险驾驶罪",
        "deciding_organ": "court", "deciding_body": "法院", "decision_number": "X", "notice_received_on": "2099-01-01",
        "effective_on": "2024-03-04", "term_end": "2024-01-01", "unit": office.pk})
    page = resp.content.decode()
    assert resp.status_code == 200 and not Supervisee.objects.exists()
    assert "该日期晚于今天。" in page and "危险驾驶罪" in page


def test_viewing_a_file_is_audited(login, officer, supervised):
    before = AuditEvent.objects.filter(action="correction.viewed").count()
    page = login(officer).get(supervised.get_absolute_url()).content.decode()
    assert supervised.number in page and "严管" in page and "脱管" in page
    assert AuditEvent.objects.filter(action="correction.viewed").count() == before + 1


def test_only_correction_staff_of_the_office_or_the_division_see_a_person(login, users, units, supervised,
                                                                            office_officer):
    from sifa.core.models import Membership, Role, User

    other = User.objects.create(username="jz_cy", last_name="钱", first_name="矫正")
    Membership.objects.create(user=other, unit=units["PT-SFS-CYXC"], role=Role.objects.get(code="correction_officer"))
    url = supervised.get_absolute_url()
    assert login(office_officer).get(url).status_code == 200
    assert login(other).get(url).status_code == 404
    assert supervised.number not in login(other).get(reverse("correction:list")).content.decode()
    assert login(users["leader"]).get(url).status_code == 403
    assert login(users["changshou"]).get(url).status_code == 403  # the justice office's other staff


def test_the_step_page_shows_the_ladders_proposal_and_takes_the_step(login, officer, supervised):
    client = login(officer)
    url = reverse("correction:action", args=[supervised.pk, "sanction"])
    page = client.get(url).content.decode()
    assert "第二十八条" in page and "训诫" in page
    resp = client.post(url, {"version": supervised.version, "on": "2024-03-12", "kind": "admonition",
                             "facts": "未按规定时间报告", "days_out": "0"})
    assert resp.status_code == 302
    detail = client.get(supervised.get_absolute_url()).content.decode()
    assert "训诫决定书" in detail
    s = supervised.sanctions.get()
    doc = client.get(reverse("correction:document", args=[supervised.pk, "admonition", s.pk]))
    assert doc.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(doc.content)).paragraphs)
    assert "训诫" in text and "第二十八条" in text and supervised.person.name in text


def test_the_announcement_and_the_certificate_download_as_docx(login, officer, supervised):
    client = login(officer)
    resp = client.get(reverse("correction:document", args=[supervised.pk, "announcement", 0]))
    text = "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)
    assert "社区矫正宣告书" in text.replace("\n", "") or "宣告" in text
    assert client.get(reverse("correction:document", args=[supervised.pk, "certificate", 0])).status_code == 404
    WORKFLOW.run(supervised, "end", by=officer, on=date(2025, 3, 3), data={"end_reason": "term"})
    resp = client.get(reverse("correction:document", args=[supervised.pk, "certificate", 0]))
    text = "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)
    assert "第四十四条" in text


def test_a_leave_form_downloads(login, officer, supervised):
    lv = WORKFLOW.run(supervised, "leave", by=officer, on=date(2024, 3, 10),
                      data={"destination": "苏州", "reason": "探亲", "start": date(2024, 3, 11),
                            "end": date(2024, 3, 13), "approve": True})
    resp = login(officer).get(reverse("correction:document", args=[supervised.pk, "leave", lv.pk]))
    assert resp.status_code == 200


def test_a_session_with_participants(login, officer, supervised):
    client = login(officer)
    resp = client.post(reverse("correction:session_new"), {
        "kind": "thematic", "held_on": "2024-03-20", "title": "法治讲座", "hours": "2",
        "participants": f"{supervised.number}"})
    s = Session.objects.get()
    assert resp.status_code == 302 and s.participants == 1
    assert supervised.number in client.get(s.get_absolute_url()).content.decode()
    resp = client.post(reverse("correction:session_new"), {
        "kind": "individual", "held_on": "2024-03-20", "title": "个别教育", "hours": "1", "participants": "无此人"})
    assert resp.status_code == 200 and Session.objects.count() == 1


def test_a_release_is_handed_over_and_a_key_person_must_be_escorted(login, officer, office):
    r = services.release_register(unit=office, by=officer, name="孙释放", prison="上海市提篮桥监狱",
                                  notice_received_on=date(2024, 2, 1), release_on=date(2024, 3, 1), key_person=True)
    client = login(officer)
    resp = client.post(r.get_absolute_url(), {"version": r.version, "on": "2024-03-01"})
    assert resp.status_code == 200 and "必接必送" in resp.content.decode()
    resp = client.post(r.get_absolute_url(), {"version": r.version, "on": "2024-03-01", "escorted": "on"})
    r.refresh_from_db()
    assert resp.status_code == 302 and r.hand_over == "done"
    assert client.get(reverse("correction:release_document", args=[r.pk])).status_code == 200
    assert "已衔接" in client.get(reverse("correction:releases")).content.decode()
    assert Release.objects.count() == 1


def test_a_figure_drills_down_to_its_persons(login, officer, supervised):
    WORKFLOW.run(supervised, "record_contact", by=officer, on=date(2024, 3, 18), data={"method": "phone"})
    url = reverse("correction:list") + "?metric=correction.contacts_late&from=2024-01-01&to=2024-12-31"
    page = login(officer).get(url).content.decode()
    assert supervised.number in page
    url = reverse("correction:list") + "?metric=correction.out_of_supervision&from=2024-01-01&to=2024-12-31"
    assert supervised.number not in login(officer).get(url).content.decode()


def test_the_statistics_pages_show_the_lines_figures_and_drill_down_without_names(login, users, officer,
                                                                                 supervised):
    WORKFLOW.run(supervised, "record_contact", by=officer, on=date(2024, 3, 18), data={"method": "phone"})
    client = login(users["stats"])
    page = client.get(reverse("reports:line_stats", args=["correction"]) + "?from=2024-01-01&to=2024-12-31")
    assert page.status_code == 200 and "脱管" in page.content.decode()
    resp = client.get(reverse("drilldown") + "?metric=correction.contacts_late&from=2024-01-01&to=2024-12-31")
    assert resp.status_code == 200
    assert supervised.number in resp.content.decode() and supervised.person.name not in resp.content.decode()
