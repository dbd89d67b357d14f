"""The pages of the lawyers' line as the division's supervisor, the leader and a supervisor of another unit."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from sifa.core.models import Membership, Role, User
from sifa.lawyers import services
from sifa.lawyers.models import LawyerComplaint, LicensingMatter

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider(units):
    user = User.objects.create(username="lv_other", last_name="外", first_name="管")
    Membership.objects.create(user=user, unit=units["PT-SFS-CYXC"], role=Role.objects.get(code="profession_supervisor"))
    return user


def test_the_supervisor_registers_a_complaint_and_takes_it_through(login, staff, firm, lawyer):
    client = login(staff)
    resp = client.post(reverse("lawyers:complaint_new"), {
        "received_on": "2024-03-04", "channel": "visit", "complainant": "赵投诉", "complainant_address": "",
        "respondent_firm": firm.pk, "respondent_lawyer": lawyer.pk, "matter": "未及时告知案件进展"})
    c = LawyerComplaint.objects.get()
    assert resp.status_code == 302 and resp["Location"] == c.get_absolute_url()
    page = client.get(c.get_absolute_url()).content.decode()
    assert "投诉受理审查期限" in page and "受理投诉" in page and "钱律师" in page
    resp = client.post(reverse("lawyers:complaint_action", args=[c.pk, "accept"]), {"version": c.version, "on": "2024-03-06"})
    assert resp.status_code == 302
    c.refresh_from_db()
    doc = client.get(reverse("lawyers:complaint_document", args=[c.pk, "acceptance_notice"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(doc.content)).paragraphs)
    assert "投诉受理通知书" in text and c.acceptance_number in text and "钱律师" in text
    assert client.get(reverse("lawyers:complaint_document", args=[c.pk, "reply"])).status_code == 404


def test_bad_input_is_refused_on_the_field_and_nothing_written(login, staff, firm):
    resp = login(staff).post(reverse("lawyers:complaint_new"), {
        "received_on": "2099-01-01", "channel": "visit", "complainant": "赵投诉", "respondent_firm": firm.pk,
        "matter": "未及时告知案件进展"})
    assert resp.status_code == 200 and not LawyerComplaint.objects.exists()
    assert "该日期晚于今天" in resp.content.decode() and "未及时告知案件进展" in resp.content.decode()


def test_lists_filter_sort_and_drill_down(login, staff, complain, division, firm):
    old, new = complain(date(2024, 3, 4)), complain(date(2024, 6, 3))
    services.complaint_step(old, "not_accept", by=staff, on=date(2024, 3, 6), data={"reason": "不属于受理范围。"})
    client = login(staff)
    page = client.get(reverse("lawyers:complaints"), {"outcome": "not_accepted"}).content.decode()
    assert old.number in page and new.number not in page
    page = client.get(reverse("lawyers:complaints"), {"sort": "received"}).content.decode()
    assert page.index(old.number) < page.index(new.number)
    resp = client.get(reverse("lawyers:list"), {"metric": "lawyers.complaints", "from": "2024-06-01",
                                                "to": "2024-06-30"})
    assert resp.status_code == 302 and reverse("lawyers:complaints") in resp["Location"]
    page = client.get(resp["Location"]).content.decode()
    assert new.number in page and old.number not in page
    m = services.matter_register(unit=division, by=staff, kind="firm_change", applicant="测试所", received_on=date(2024, 3, 4),
                                 firm=firm)
    page = client.get(reverse("lawyers:list"), {"metric": "lawyers.licensing", "from": "2024-01-01",
                                                "to": "2024-12-31"}).content.decode()
    assert m.number in page
    assert client.get(reverse("lawyers:list"), {"kind": "lawyer_licence"}).content.decode().count(m.number) == 0


def test_the_leader_reads_but_does_not_act_and_another_unit_sees_nothing(login, users, complain, outsider, firm):
    c = complain(date(2024, 3, 4))
    client = login(users["leader"])
    assert client.get(c.get_absolute_url()).status_code == 200
    resp = client.post(reverse("lawyers:complaint_action", args=[c.pk, "accept"]), {"version": c.version,
                                                                                  "on": "2024-03-06"})
    assert resp.status_code == 200 and LawyerComplaint.objects.get(pk=c.pk).state == "received"
    client = login(outsider)
    assert client.get(c.get_absolute_url()).status_code == 404
    assert client.get(firm.get_absolute_url()).status_code == 404
    assert c.number not in client.get(reverse("lawyers:complaints")).content.decode()


def test_the_register_pages_show_status_and_inspection(login, staff, firm, lawyer):
    services.inspection_record(firm, year=2023, result="合格", on=date(2024, 5, 31), by=staff)
    services.status_change(lawyer, status="suspended", on=date(2024, 5, 1), reason="停止执业三个月", by=staff)
    client = login(staff)
    page = client.get(firm.get_absolute_url()).content.decode()
    assert "合格" in page and "钱律师" in page
    assert "停止执业三个月" in client.get(lawyer.get_absolute_url()).content.decode()
    assert firm.name in client.get(reverse("lawyers:firms"), {"q": "测试"}).content.decode()
    assert LicensingMatter.objects.count() == 0
