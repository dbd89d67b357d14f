"""The citizen's online application for legal aid on the portal (/apply/?service=legalaid): receipt, the staff's
list, the review clock, and the progress look-up with the receipt number and mobile number."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from sifa.core import clocks as core_clocks
from sifa.core.models import DistrictSetting
from sifa.legalaid import clocks
from sifa.legalaid.models import Channel, LegalAidCase, State
from sifa.legalaid.workflow import WORKFLOW

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
APPLY = reverse("portal:apply") + "?service=legalaid"


def _submit(client, **extra):
    data = {"name": "钱援助", "id_number": "11010519491231002x", "phone": "13812345678", "address": "上海市普陀区",
            "matter_type": "civil", "service_form": "labour", "matter": "公司拖欠三个月工资，请求代理劳动仲裁",
            "opposing_party": "某某物流有限公司"}
    data.update(extra)
    return client.post(APPLY, data, REMOTE_ADDR="10.0.0.9", **ZH)


def test_the_portal_offers_both_services_and_keeps_reconsideration_first(client, district):
    page = client.get(reverse("portal:apply"), **ZH)
    assert page.context["service"].key == "reconsideration"
    assert 'href="/apply/?service=legalaid"' in page.content.decode()
    legal_aid = client.get(APPLY, **ZH)
    assert legal_aid.context["service"].key == "legalaid" and "matter_type" in legal_aid.context["form"].fields


def test_online_application_end_to_end(client, district, units, login):
    resp = _submit(client)
    assert resp.status_code == 302
    case = LegalAidCase.objects.get()
    today = timezone.localdate()
    assert (case.unit.code, case.channel, case.state, case.received_on) == ("PT-FYZX", Channel.ONLINE,
                                                                            State.RECEIVED, today)
    assert case.receipt_number.startswith(f"FA{today.year}") and case.applicant.reveal_id_number() == "11010519491231002X"
    assert core_clocks.current(case, clocks.DECISION).start == today  # 7 days from receipt (第四十三条)
    receipt = client.get(reverse("portal:receipt"), **ZH)
    assert case.receipt_number in receipt.content.decode()
    # the centre finds it by its receipt number, and asks for materials once
    staff = district["users"]["legalaid"]
    listed = login(staff).get(reverse("legalaid:list"), {"q": case.receipt_number.lower()}, **ZH)
    assert [c.pk for c in listed.context["page"].rows] == [case.pk]
    WORKFLOW.run(case, "request_materials", by=staff, on=today, data={"materials": "劳动合同或者工资流水"})
    client.logout()
    progress = client.post(reverse("portal:progress"), {"receipt_number": case.receipt_number.lower(),
                                                        "phone": "13812345678"}, REMOTE_ADDR="10.0.0.8", **ZH)
    html = progress.content.decode()
    assert progress.context["app"].pk == case.pk and progress.context["service"].key == "legalaid"
    assert "劳动合同或者工资流水" in html and "补充材料通知书" in html and case.number in html
    assert "11010519491231002X" not in html  # the ID number is not shown back


def test_progress_needs_the_applicants_phone(client, district):
    _submit(client)
    case = LegalAidCase.objects.get()
    resp = client.post(reverse("portal:progress"), {"receipt_number": case.receipt_number, "phone": "13900000000"},
                       **ZH)
    assert resp.context["app"] is None and resp.context["form"].non_field_errors()


@pytest.mark.parametrize("field,value", [("id_number", "110105194912310021"), ("phone", "12345"), ("matter", "")])
def test_bad_input_is_refused_on_its_field_and_nothing_is_written(client, district, field, value):
    resp = _submit(client, **{field: value})
    assert resp.status_code == 200 and field in resp.context["form"].errors
    assert not LegalAidCase.objects.exists()


def test_without_a_named_centre_the_application_is_refused_in_words(client, district):
    DistrictSetting.objects.filter(key="legalaid.centre").delete()
    resp = _submit(client)
    assert resp.status_code == 200 and resp.context["form"].non_field_errors()
    assert not LegalAidCase.objects.exists()


def test_a_window_application_has_no_receipt_number(district, apply):
    assert apply(received_on=date(2024, 3, 4)).receipt_number is None


def test_the_district_sets_the_callback_period_and_its_unit(district, centre, staff):
    from sifa.core import district as values
    from sifa.legalaid import services

    def due(on):
        return services.consultation_register(unit=centre, by=staff, consulted_on=on, channel="call_12348",
                                              category="labour", callback_requested=True).callback_due

    friday = date(2024, 3, 1)
    assert due(friday) == date(2024, 3, 5)  # the demo district: two working days
    values.put("legalaid.callback_days", "3")
    values.put("legalaid.callback_unit", "days")
    c_due = due(friday)
    assert c_due == date(2024, 3, 4)  # three calendar days end on a Monday
    values.put("legalaid.callback_days", "many")  # not a number: the rule's default, not a guess
    assert due(friday) == date(2024, 3, 5)
