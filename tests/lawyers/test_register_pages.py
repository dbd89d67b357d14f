"""Editing the register on its pages (status changes, annual inspection and assessment, through the services,
audited) and the citizens' public look-up (whole name or licence number, masked licence, rate-limited)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sifa.core.models import AuditEvent
from sifa.core.register import Status

pytestmark = pytest.mark.django_db


def test_the_supervisor_suspends_a_lawyer_and_records_the_assessment(login, staff, lawyer, users):
    client = login(staff)
    page = client.get(lawyer.get_absolute_url()).content.decode()
    assert reverse("lawyers:lawyer_status", args=[lawyer.pk]) in page
    resp = client.post(reverse("lawyers:lawyer_status", args=[lawyer.pk]), {
        "version": lawyer.version, "status": "suspended", "on": "2024-05-06", "reason": "停止执业六个月",
        "basis": "律师法第四十九条"})
    assert resp.status_code == 302 and resp["Location"] == lawyer.get_absolute_url()
    lawyer.refresh_from_db()
    assert lawyer.status == Status.SUSPENDED
    change = lawyer.status_changes.get()
    assert (change.on, change.reason, change.basis) == (date(2024, 5, 6), "停止执业六个月", "律师法第四十九条")
    assert AuditEvent.objects.filter(action="lawyers.lawyer.status_changed", actor=staff).exists()
    resp = client.post(reverse("lawyers:lawyer_assessment", args=[lawyer.pk]), {
        "year": 2023, "result": "称职", "on": "2024-04-30", "note": ""})
    assert resp.status_code == 302 and lawyer.assessments.get().result == "称职"
    assert AuditEvent.objects.filter(action="lawyers.lawyer.assessed").exists()
    # the leader sees the register but may not change it
    assert login(users["leader"]).get(reverse("lawyers:lawyer_status", args=[lawyer.pk])).status_code == 403


def test_register_refusals_land_on_their_fields_and_write_nothing(login, staff, firm):
    client = login(staff)
    resp = client.post(reverse("lawyers:firm_status", args=[firm.pk]), {
        "version": firm.version, "status": "practising", "on": "2024-05-06", "reason": "x"})
    assert resp.status_code == 200 and "已是当前状态" in resp.content.decode()
    resp = client.post(reverse("lawyers:firm_status", args=[firm.pk]), {
        "version": firm.version, "status": "suspended", "on": "2099-01-01", "reason": "停业整顿"})
    assert "该日期晚于今天" in resp.content.decode() and "停业整顿" in resp.content.decode()
    resp = client.post(reverse("lawyers:firm_inspection", args=[firm.pk]), {
        "year": 2023, "result": "称职", "on": "2024-04-30"})  # a lawyer's result is not a firm's
    assert resp.status_code == 200
    client.post(reverse("lawyers:firm_inspection", args=[firm.pk]), {"year": 2023, "result": "合格", "on": "2024-04-30"})
    resp = client.post(reverse("lawyers:firm_inspection", args=[firm.pk]), {"year": 2023, "result": "不合格",
                                                                              "on": "2024-05-30"})
    assert resp.status_code == 200 and "已登记" in resp.content.decode()
    firm.refresh_from_db()
    assert firm.status == Status.PRACTISING and not firm.status_changes.exists()
    assert list(firm.assessments.values_list("result", flat=True)) == ["合格"]
    resp = client.post(reverse("lawyers:firm_status", args=[firm.pk]), {
        "version": firm.version + 5, "status": "suspended", "on": "2024-05-06", "reason": "停业整顿"})
    assert resp.status_code == 200 and not firm.status_changes.exists()  # someone else saved in between


def test_the_public_look_up_shows_status_and_firm_but_not_the_whole_licence(client, lawyer, firm, staff, settings):
    from sifa.lawyers import services

    services.status_change(lawyer, status="suspended", on=date(2024, 5, 6), reason="停止执业", by=staff)
    url = reverse("lawyers:public_lookup")
    assert client.get(url).status_code == 200
    page = client.post(url, {"query": "钱律师"}).content.decode()
    assert "上海测试律师事务所" in page and "停止执业" in page and "2024-05-06" in page
    assert lawyer.licence_number not in page and "1310*********0001" in page
    page = client.post(url, {"query": "钱"}).content.decode()  # a part of a name finds nothing
    assert "上海测试律师事务所" not in page
    page = client.post(url, {"query": firm.licence_number}).content.decode()
    assert "上海测试律师事务所" in page
    settings.SIFA_PORTAL_LOOKUP_PER_ADDRESS = (1, 3600)
    resp = client.post(url, {"query": "钱律师"})
    assert resp.status_code == 429 and "Retry-After" in resp


def test_a_likely_duplicate_complaint_is_named_and_may_be_registered_anyway(login, staff, firm, lawyer, complain):
    from sifa.lawyers.models import LawyerComplaint

    first = complain(date(2024, 3, 4))
    data = {"received_on": "2024-03-20", "channel": "visit", "complainant": "赵投诉", "complainant_address": "",
            "respondent_firm": firm.pk, "respondent_lawyer": lawyer.pk, "matter": "同一事项再次投诉"}
    client = login(staff)
    resp = client.post(reverse("lawyers:complaint_new"), data)
    page = resp.content.decode()
    assert resp.status_code == 200 and first.get_absolute_url() in page and LawyerComplaint.objects.count() == 1
    resp = client.post(reverse("lawyers:complaint_new"), {**data, "register_anyway": "on"})
    assert resp.status_code == 302 and LawyerComplaint.objects.count() == 2
