"""The pages of legal aid as the legal-aid staff, the leader, and a legal-aid user of another unit (404)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from sifa.core.models import Membership, Role, User
from sifa.legalaid import services
from sifa.legalaid.models import Consultation, LegalAidCase, State
from sifa.legalaid.workflow import WORKFLOW

from .conftest import ELIGIBLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider(units):
    """Legal-aid staff of another unit: holds every permission of the line, sees none of the centre's records."""
    user = User.objects.create(username="la_other", last_name="外", first_name="援")
    Membership.objects.create(user=user, unit=units["PT-SFS-CYXC"], role=Role.objects.get(code="legal_aid_staff"))
    return user


@pytest.fixture
def granted(apply, staff, standard):
    case = apply()
    WORKFLOW.run(case, "check_hardship", by=staff, on=date(2024, 3, 5), data=ELIGIBLE)
    WORKFLOW.run(case, "grant", by=staff, on=date(2024, 3, 5), data={"service_form": "litigation"})
    return case


def test_the_staff_register_an_application_and_see_it_in_the_work_list(login, staff):
    client = login(staff)
    resp = client.post(reverse("legalaid:new"), {
        "name": "赵援助", "id_number": "11010519491231002X", "phone": "", "address": "", "received_on": "2024-03-04",
        "channel": "window", "matter_type": "civil", "service_form": "litigation", "matter": "追索劳动报酬",
        "opposing_party": "", "handling_organ": ""})
    case = LegalAidCase.objects.get()
    assert resp.status_code == 302 and resp["Location"] == case.get_absolute_url()
    page = client.get(reverse("legalaid:list")).content.decode()
    assert case.number in page and "逾期" in page  # the 2024 review has long run out
    detail = client.get(case.get_absolute_url()).content.decode()
    assert "一次性告知补充材料" in detail and "法律援助申请审查决定期限" in detail


def test_bad_input_is_refused_on_the_field_in_chinese_and_kept(login, staff):
    resp = login(staff).post(reverse("legalaid:new"), {
        "name": "赵援助", "id_number": "110105194912310021", "received_on": "2099-01-01", "channel": "window",
        "matter_type": "civil", "service_form": "litigation", "matter": "追索劳动报酬"})
    page = resp.content.decode()
    assert resp.status_code == 200 and not LegalAidCase.objects.exists()
    assert "该日期晚于今天。" in page and "校验位" in page
    assert "追索劳动报酬" in page  # what was typed is kept


def test_a_step_page_runs_the_table_and_shows_a_refusal_on_the_field(login, staff, apply):
    case = apply()
    client = login(staff)
    url = reverse("legalaid:action", args=[case.pk, "refuse"])
    page = client.get(url).content.decode()
    assert "第四十三条" in page
    resp = client.post(url, {"version": case.version, "on": "2024-03-07", "refusal_ground": "not_hardship",
                             "refusal_reasons": "家庭人均收入超过标准。"})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == State.REFUSED
    grant = client.get(reverse("legalaid:action", args=[case.pk, "grant"])).content.decode()
    assert "不予援助" in grant  # why the step cannot be taken now


def test_the_documents_render_as_docx_with_their_numbers(login, staff, granted, firm):
    WORKFLOW.run(granted, "assign", by=staff, on=date(2024, 3, 6), data={"law_firm": firm, "lawyer": "陈律师"})
    client = login(staff)
    for kind, words in (("grant_decision", "决定给予法律援助"), ("assignment_notice", "指派你所陈律师")):
        resp = client.get(reverse("legalaid:document", args=[granted.pk, kind]))
        assert resp.status_code == 200
        text = "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)
        assert words in text and "王援助" in text
    number = "\n".join(p.text for p in Document(io.BytesIO(client.get(
        reverse("legalaid:document", args=[granted.pk, "grant_decision"])).content)).paragraphs)
    assert granted.decision_number in number
    assert client.get(reverse("legalaid:document", args=[granted.pk, "refusal_decision"])).status_code == 404


def test_a_refusal_and_a_termination_document_carry_the_reasons_and_the_right_to_object(staff, apply, standard, firm):
    from sifa.legalaid import documents

    refused = apply()
    WORKFLOW.run(refused, "refuse", by=staff, on=date(2024, 3, 7),
                 data={"refusal_ground": "out_of_scope", "refusal_reasons": "申请事项不属于法律援助范围。"})
    text = "".join(b.text for b in documents.document_for(refused, "refusal_decision").body)
    assert "申请事项不属于法律援助范围" in text and "第四十九条" in text
    case = apply(name="钱援助")
    WORKFLOW.run(case, "check_hardship", by=staff, on=date(2024, 3, 5), data=ELIGIBLE)
    WORKFLOW.run(case, "grant", by=staff, on=date(2024, 3, 5), data={"service_form": "litigation"})
    WORKFLOW.run(case, "assign", by=staff, on=date(2024, 3, 6), data={"law_firm": firm, "lawyer": "陈律师"})
    WORKFLOW.run(case, "terminate", by=staff, on=date(2024, 4, 1),
                 data={"termination_ground": "6", "termination_reasons": "受援人自行委托律师"})
    assert len(documents.render(case, "termination_decision")) > 5000


def test_consultations_are_registered_listed_exported_and_called_back(login, staff):
    client = login(staff)
    resp = client.post(reverse("legalaid:consultation_new"), {
        "consulted_on": "2024-03-04", "channel": "call_12348", "name": "", "persons": 1, "category": "labour",
        "question": "拖欠工资怎么办", "answer": "可申请劳动仲裁", "referral": "legal_aid", "callback_requested": "on",
        "satisfaction": ""})
    c = Consultation.objects.get()
    assert resp.status_code == 302 and c.callback_due == date(2024, 3, 6)  # 2 working days
    assert "12348来电" in client.get(reverse("legalaid:consultations")).content.decode()
    export = client.get(reverse("legalaid:consultations") + "?export=csv")
    assert "12348来电" in b"".join(export.streaming_content).decode("utf-8-sig")
    for _attempt in range(2):
        client.post(c.get_absolute_url(), {"on": "2024-03-05", "reached": "", "satisfaction": ""})
    client.post(c.get_absolute_url(), {"on": "2024-03-08", "reached": "on", "satisfaction": "satisfied"})
    c.refresh_from_db()
    assert (c.callback_attempts, c.callback_done_on, c.callback_in_time) == (3, date(2024, 3, 8), False)


def test_three_failed_callbacks_close_the_callback(staff, centre):
    c = services.consultation_register(unit=centre, by=staff, consulted_on=date(2024, 3, 4), channel="call_12348",
                                       category="labour", callback_requested=True)
    for _attempt in range(3):
        services.consultation_callback(consultation=c, by=staff, on=date(2024, 3, 5), reached=False)
    assert not c.callback_open and c.callback_in_time is False
    with pytest.raises(Exception, match="No callback|没有待办"):
        services.consultation_callback(consultation=c, by=staff, on=date(2024, 3, 6), reached=True)


def test_out_of_scope_users_get_404_and_other_roles_403(login, outsider, granted, staff, centre, users):
    consultation = services.consultation_register(unit=centre, by=staff, consulted_on=date(2024, 3, 4),
                                                  channel="walk_in", category="labour")
    client = login(outsider)
    for url in (granted.get_absolute_url(), reverse("legalaid:action", args=[granted.pk, "assign"]),
                reverse("legalaid:document", args=[granted.pk, "grant_decision"]), consultation.get_absolute_url()):
        assert client.get(url).status_code == 404, url
    assert granted.number not in client.get(reverse("legalaid:list")).content.decode()
    assert login(users["mediator"]).get(reverse("legalaid:list")).status_code == 403


def test_the_list_filters_and_exports(login, staff, apply, granted):
    apply(name="李二", matter_type="administrative")
    client = login(staff)
    page = client.get(reverse("legalaid:list") + "?matter_type=administrative").content.decode()
    assert "李二" in page and "王援助" not in page
    resp = client.get(reverse("legalaid:list") + "?export=xlsx")
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd.openxmlformats")
    overdue = client.get(reverse("legalaid:list") + "?due=overdue").content.decode()
    assert "王援助" in overdue  # granted in 2024, never assigned: the 3 days have run out


def test_the_figure_drills_down_to_its_cases(login, users, granted):
    resp = login(users["leader"]).get(reverse("legalaid:list") + "?metric=legalaid.cases&from=2024-01-01&to=2024-12-31")
    assert granted.number in resp.content.decode()


def test_the_lists_take_a_fixed_number_of_queries(login, staff, apply, centre, django_assert_max_num_queries):
    for i in range(12):
        apply(name=f"申请人{i}")
        services.consultation_register(unit=centre, by=staff, consulted_on=date(2024, 3, 4), channel="walk_in",
                                       category="labour")
    client = login(staff)
    client.get(reverse("legalaid:list"))  # warm the user's access cache
    with django_assert_max_num_queries(15):
        assert client.get(reverse("legalaid:list") + "?state=received").status_code == 200
    with django_assert_max_num_queries(13):
        assert client.get(reverse("legalaid:consultations")).status_code == 200


def test_the_notice_of_materials_lists_them_and_the_day(login, staff, apply):
    case = apply()
    WORKFLOW.run(case, "request_materials", by=staff, on=date(2024, 3, 6), data={"materials": "劳动合同\n工资流水"})
    assert case.materials_notice_number.startswith("普法援补字〔2024〕")
    resp = login(staff).get(reverse("legalaid:document", args=[case.pk, "materials_notice"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)
    assert "工资流水" in text and "2024年3月18日前" in text and "视为撤回申请" in text


def test_every_step_page_renders_its_form_and_legal_basis(login, users, staff, apply, granted):
    received = apply(name="丁")
    for user in (staff, users["leader"]):
        client = login(user)
        for t in WORKFLOW:
            for case in (received, granted):
                resp = client.get(reverse("legalaid:action", args=[case.pk, t.name]))
                assert resp.status_code == 200, (user, t.name)
                assert "法律援助" in resp.content.decode()
