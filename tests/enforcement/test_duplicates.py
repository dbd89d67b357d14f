"""Registration warns of a likely duplicate, links to it, and registers anyway when told."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sifa.enforcement.models import LegalityReview, Officer

pytestmark = pytest.mark.django_db


def test_an_officer_with_the_same_id_number_is_warned_of_and_registered_only_when_told(login, staff, officer, agency):
    client = login(staff)
    data = {"agency": agency.pk, "name": "王执法二", "id_number": "11010519491231002X", "staff_number": "",
            "post": "执法", "qualification": "law_degree"}
    resp = client.post(reverse("enforcement:officer_new"), data)
    assert resp.status_code == 200 and resp.context["form"].duplicates == [officer]
    assert officer.get_absolute_url() in resp.content.decode()
    assert Officer.objects.count() == 1
    resp = client.post(reverse("enforcement:officer_new"), {**data, "register_anyway": "on"})
    assert resp.status_code == 302 and Officer.objects.count() == 2


def test_the_same_draft_of_the_same_body_still_under_review_is_warned_of(login, staff, agency):
    client = login(staff)
    data = {"subject": "major_decision", "title": "城市更新方案", "submitted_by": agency.pk, "received_on": "2024-03-04"}
    assert client.post(reverse("enforcement:legality_new"), data).status_code == 302
    resp = client.post(reverse("enforcement:legality_new"), {**data, "received_on": "2024-03-05"})
    assert resp.status_code == 200 and resp.context["form"].duplicates
    assert LegalityReview.objects.count() == 1
