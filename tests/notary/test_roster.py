"""The roster of notaries: certificate numbers unique, the annual assessment, the list's filter, sort and export."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sifa.core.models import AuditEvent
from sifa.core.workflow import StepError
from sifa.notary import services
from sifa.notary.models import Notary

pytestmark = pytest.mark.django_db


def test_the_roster_holds_numbers_and_assessments(office, staff, login, users):
    a = services.notary_save(unit=office, by=staff, name="钱文华", certificate_number="13101201210001",
                             practising_since=date(2012, 5, 1))
    services.notary_save(unit=office, by=staff, name="沈丽", certificate_number="13101201510002", active=False)
    with pytest.raises(StepError) as e:
        services.notary_save(unit=office, by=staff, name="陆建平", certificate_number="13101201210001")
    assert e.value.field == "certificate_number"
    services.assessment_record(notary=a, by=staff, year=2024, result="basic")
    services.assessment_record(notary=a, by=staff, year=2025, result="competent", note="年度考核称职")
    with pytest.raises(StepError):
        services.assessment_record(notary=a, by=staff, year=date.today().year + 1, result="competent")
    assert AuditEvent.objects.filter(action="notary.assessed").count() == 2

    client = login(staff)
    page = client.get(reverse("notary:roster"), {"active": "1"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert [n.name for n in page.context["rows"]] == ["钱文华"] and "2025年 称职" in page.content.decode()
    by_number = client.get(reverse("notary:roster"), {"sort": "-number"}).context["rows"]
    assert [n.certificate_number for n in by_number] == ["13101201510002", "13101201210001"]
    assert client.get(reverse("notary:roster"), {"export": "xlsx"}).status_code == 200
    resp = client.post(reverse("notary:roster_edit", args=[a.pk]), {"a-year": "2023", "a-result": "competent"})
    assert resp.status_code == 302 and a.assessments.count() == 3
    resp = client.post(reverse("notary:roster_new"), {"name": "韩静", "certificate_number": "13101201510002"},
                       HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert resp.status_code == 200 and Notary.objects.count() == 2  # the number is taken: said on its field
    assert login(users["leader"]).get(reverse("notary:roster_new")).status_code == 403
