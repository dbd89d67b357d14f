"""The citizen's online application, end to end: submit with materials, receipt, progress lookup."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sifa.reconsideration.models import Application, Channel, State
from sifa.reconsideration.workflow import WORKFLOW

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def _form(units, **extra):
    data = {"party_kind": "person", "name": "周某", "id_number": "110101199003077774", "phone": "13912345678",
            "address": "上海市普陀区", "respondent": units["PT-CGZF"].pk, "act_kind": "penalty",
            "act_description": "责令限期拆除决定", "request": "撤销该决定", "reasons": "非违法建筑"}
    data.update(extra)
    return data


def _submit(client, units, files=None, **extra):
    data = _form(units, **extra)
    if files is not None:
        data["attachments"] = files
    return client.post(reverse("portal:apply"), data, REMOTE_ADDR="10.0.0.1", **ZH)


def test_online_application_end_to_end(client, district, units, login):
    resp = _submit(client, units, files=[SimpleUploadedFile("证据.pdf", PDF, content_type="application/pdf")])
    assert resp.status_code == 302
    app = Application.objects.get()
    assert app.channel == Channel.ONLINE and app.state == State.RECEIVED and app.attachments.count() == 1
    receipt = client.get(reverse("portal:receipt"), **ZH)
    assert app.receipt_number in receipt.content.decode()
    # staff see it in the list with channel online
    staff = district["users"]["handler"]
    WORKFLOW.run(app, "request_correction", by=staff, data={"items": "请补充房屋权属证明"})
    WORKFLOW.run(app, "receive_correction", by=staff)
    app.internal_notes = "内部讨论：倾向维持"
    app.save()
    progress = client.post(reverse("portal:progress"), {"receipt_number": app.receipt_number.lower(),
                                                        "phone": "13912345678"}, REMOTE_ADDR="10.0.0.2", **ZH)
    html = progress.content.decode()
    assert progress.context["app"].pk == app.pk
    assert app.number in html and "2026" in html  # received today
    assert "内部讨论" not in html and "李承办" not in html


def test_staff_list_shows_the_online_application(client, district, units, login):
    _submit(client, units)
    resp = login(district["users"]["handler"]).get(reverse("reconsideration:list"), {"q": "周某"}, **ZH)
    assert [a.channel for a in resp.context["page"].rows] == ["online"]


def test_progress_needs_the_right_phone(client, district, units):
    _submit(client, units)
    app = Application.objects.get()
    resp = client.post(reverse("portal:progress"), {"receipt_number": app.receipt_number, "phone": "13900000000"},
                       **ZH)
    assert resp.context["app"] is None and resp.context["form"].non_field_errors()


@pytest.mark.parametrize("name,content,code", [
    ("病毒.exe", b"MZ\x90\x00", "file_type"),
    ("伪装.pdf", b"MZ\x90\x00 not a pdf", "file_content"),
    ("空.pdf", b"", None),
])
def test_bad_uploads_are_refused_on_the_field(client, district, units, name, content, code):
    resp = _submit(client, units, files=[SimpleUploadedFile(name, content)])
    assert resp.status_code == 200
    assert "attachments" in resp.context["form"].errors
    assert not Application.objects.exists()


def test_oversized_upload_is_refused(client, district, units, settings):
    settings.SIFA_UPLOAD_MAX_BYTES = 100
    resp = _submit(client, units, files=[SimpleUploadedFile("大.pdf", PDF + b"x" * 200)])
    assert "attachments" in resp.context["form"].errors


def test_submissions_are_rate_limited_per_address(client, district, units, settings):
    settings.SIFA_PORTAL_APPLY_PER_ADDRESS = (2, 3600)
    assert _submit(client, units).status_code == 302
    assert _submit(client, units, id_number="11010519491231002X").status_code == 302
    resp = _submit(client, units, id_number="310107199001011232")
    assert resp.status_code == 429
    assert Application.objects.count() == 2
    other = client.post(reverse("portal:apply"), _form(units, id_number="310107199001011232"),
                        REMOTE_ADDR="10.9.9.9", **ZH)
    assert other.status_code == 302


def test_bad_id_number_is_refused_on_its_field(client, district, units):
    resp = _submit(client, units, id_number="110101199003077777")
    assert "id_number" in resp.context["form"].errors


def test_progress_shows_a_hearing_only_while_it_is_still_to_come(client, district, units):
    from datetime import timedelta

    from django.utils import timezone

    from sifa.reconsideration.models import Hearing
    from sifa.reconsideration.portal import upcoming_hearings

    _submit(client, units)
    app = Application.objects.get()
    today = timezone.localdate()
    hearing = Hearing.objects.create(case=app, kind="hearing", state="scheduled", scheduled_for=today + timedelta(days=9),
                                     place="听证室", unit=app.unit, respondent=app.respondent, act_kind=app.act_kind)
    assert upcoming_hearings(app) == [hearing]
    Application.objects.filter(pk=app.pk).update(concluded_on=today, served_on=today)
    app.refresh_from_db()
    assert upcoming_hearings(app) == []  # decided and served: no longer "scheduled" for the applicant
    Application.objects.filter(pk=app.pk).update(concluded_on=None, served_on=None)
    Hearing.objects.filter(pk=hearing.pk).update(scheduled_for=today - timedelta(days=1))
    app.refresh_from_db()
    assert upcoming_hearings(app) == []  # its day is past
