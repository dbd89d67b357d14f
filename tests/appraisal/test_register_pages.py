"""Editing the appraisal register on its pages, and the citizens' look-up of appraisers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sifa.appraisal import services
from sifa.core.models import AuditEvent
from sifa.core.register import Status

pytestmark = pytest.mark.django_db


def test_the_supervisor_grades_an_institution_and_revokes_an_appraiser(login, staff, institution, users):
    a = services.appraiser_register(institution=institution, name="孙鉴定", licence_number="310107001234567",
                                    by=staff, practice_areas=["法医临床鉴定"])
    client = login(staff)
    resp = client.post(reverse("appraisal:institution_grade", args=[institution.pk]),
                       {"year": 2023, "result": "A", "on": "2024-03-01", "note": ""})
    assert resp.status_code == 302 and institution.assessments.get().result == "A"
    resp = client.post(reverse("appraisal:institution_grade", args=[institution.pk]),
                       {"year": 2023, "result": "E", "on": "2024-03-01"})
    assert resp.status_code == 200 and institution.assessments.count() == 1
    assert "孙鉴定" in client.get(institution.get_absolute_url()).content.decode()
    resp = client.post(reverse("appraisal:appraiser_status", args=[a.pk]), {
        "version": a.version, "status": "revoked", "on": "2024-03-05", "reason": "故意作虚假鉴定"})
    assert resp.status_code == 302
    a.refresh_from_db()
    assert a.status == Status.REVOKED
    assert AuditEvent.objects.filter(action="appraisal.appraiser.status_changed").exists()
    assert "故意作虚假鉴定" in client.get(a.get_absolute_url()).content.decode()
    assert login(users["leader"]).get(reverse("appraisal:appraiser_status", args=[a.pk])).status_code == 403


def test_the_public_look_up_of_an_appraiser(client, institution, staff):
    services.appraiser_register(institution=institution, name="孙鉴定", licence_number="310107001234567", by=staff)
    page = client.post(reverse("appraisal:public_lookup"), {"query": "孙鉴定"}).content.decode()
    assert "上海测试司法鉴定所" in page and "执业" in page and "310107001234567" not in page
