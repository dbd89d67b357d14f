"""Party pages: search by name, whole ID number (keyed hash), mobile number and credit code; create and edit
with field-level Chinese errors; the audited view of whole numbers."""

import pytest

from sifa.core import selectors
from sifa.core.models import AuditEvent, Party

ID_NUMBER = "310107199001011232"
CREDIT_CODE = "91310000MA1FL8KQ8X"


@pytest.fixture
def parties(make_party):
    return {
        "wang": make_party("PT-SFJ-FY", "王小明", id_number=ID_NUMBER, phone="13812345678"),
        "wang2": make_party("PT-SFJ-FY", "王小红", id_number="11010519491231002X"),
        "firm": make_party("PT-SFJ-FY", "上海某某物业有限公司", kind="organisation", credit_code=CREDIT_CODE),
    }


@pytest.mark.parametrize("q, names", [
    ("王小", {"王小明", "王小红"}),
    (ID_NUMBER, {"王小明"}),
    (ID_NUMBER[:-1], set()),                 # only whole numbers: no prefix search on a hash
    ("11010519491231002x", {"王小红"}),       # the check character in lower case
    ("13812345678", {"王小明"}),
    (CREDIT_CODE.lower(), {"上海某某物业有限公司"}),
    ("物业", {"上海某某物业有限公司"}),
])
def test_party_search(users, parties, q, names):
    assert set(selectors.party_search(user=users["handler"], q=q).values_list("name", flat=True)) == names


def test_search_by_whole_id_number_keeps_the_number_out_of_the_url(users, login, parties):
    client = login(users["handler"])
    resp = client.post("/parties/", {"q": ID_NUMBER})
    assert resp.status_code == 302
    assert ID_NUMBER not in resp["Location"] and "key=" in resp["Location"]
    page = client.get(resp["Location"]).content.decode()
    assert "王小明" in page and "王小红" not in page
    assert ID_NUMBER not in page and "310107********1232" in page


def test_search_by_name_goes_into_the_url(users, login, parties):
    resp = login(users["handler"]).post("/parties/", {"q": "王小", "kind": "person"})
    assert resp.status_code == 302 and "kind=person" in resp["Location"]


def test_party_list_shows_masked_numbers_only(users, login, parties):
    body = login(users["handler"]).get("/parties/").content.decode()
    assert "310107********1232" in body and "138****5678" in body
    assert ID_NUMBER not in body and "13812345678" not in body


def test_party_list_query_count_does_not_grow_with_rows(users, login, make_party, django_assert_max_num_queries):
    for i in range(30):
        make_party("PT-SFJ-FY", f"当事人{i:02d}")
    client = login(users["handler"])
    with django_assert_max_num_queries(10):  # the page's keys, then its rows, and the capped total (core.paging)
        resp = client.get("/parties/")
    assert resp.content.decode().count("/parties/") >= 30


def test_party_list_pages_by_keyset(users, login, make_party):
    for i in range(55):
        make_party("PT-SFJ-FY", f"当事人{i:02d}")
    client = login(users["handler"])
    first = client.get("/parties/")
    assert "当事人49" in first.content.decode() and "当事人50" not in first.content.decode()
    token = first.context["page"].next_token
    second = client.get(f"/parties/?after={token}").content.decode()
    assert "当事人50" in second and "当事人54" in second and "当事人49" not in second


def _post_new(client, units, **data):
    form = {"kind": "person", "name": "新当事人", "id_type": "resident_id", "id_number": "", "phone": "",
            "address": "", "credit_code": "", "legal_representative": "", "unit": units["PT-SFJ-FY"].pk}
    form.update(data)
    return client.post("/parties/new/", form, HTTP_ACCEPT_LANGUAGE="zh-hans")


def test_a_wrong_id_check_digit_is_shown_on_the_id_field_in_chinese(users, units, login):
    resp = _post_new(login(users["handler"]), units, id_number="310107199001011234")
    assert resp.status_code == 200
    form = resp.context["form"]
    assert form.errors["id_number"] == ["身份证号码校验位错误，请核对号码。"]
    assert "身份证号码校验位错误" in resp.content.decode()
    assert not Party.objects.filter(name="新当事人").exists()


@pytest.mark.parametrize("field, value, message", [
    ("phone", "1381234567", "手机号码应为11位数字"),
    ("credit_code", "91310000MA1FL8KQ8Y", "统一社会信用代码校验码错误"),
    ("name", "", "这个字段是必填项"),
])
def test_other_bad_input_is_shown_on_its_field(users, units, login, field, value, message):
    resp = _post_new(login(users["handler"]), units, **{field: value})
    assert message in " ".join(resp.context["form"].errors[field])


def test_an_organisation_needs_its_credit_code(users, units, login):
    resp = _post_new(login(users["handler"]), units, kind="organisation", name="某公司")
    assert "统一社会信用代码" in resp.context["form"].errors["credit_code"][0]


def test_a_passport_number_is_not_checked_as_a_resident_id(users, units, login):
    resp = _post_new(login(users["handler"]), units, id_type="passport", id_number="E12345678")
    assert resp.status_code == 302
    party = Party.objects.get(name="新当事人")
    assert party.id_number_masked == "E1*****78" and party.birth_date is None


def test_creating_a_party_derives_birth_date_and_sex_and_is_audited(users, units, login):
    resp = _post_new(login(users["handler"]), units, id_number=ID_NUMBER)
    party = Party.objects.get(name="新当事人")
    assert resp["Location"] == f"/parties/{party.pk}/"
    assert (party.birth_date.isoformat(), party.sex) == ("1990-01-01", "M")
    event = AuditEvent.objects.get(action="party.created", object_id=str(party.pk))
    assert event.actor == users["handler"] and event.payload["id_number"] == "310107********1232"


def test_a_user_cannot_register_a_party_in_a_unit_outside_their_scope(users, units, login):
    resp = _post_new(login(users["changshou"]), units)  # 行政复议科 is not under 长寿路司法所
    assert "unit" in resp.context["form"].errors
    assert not Party.objects.filter(name="新当事人").exists()


def test_editing_keeps_the_stored_numbers_when_left_empty(users, units, login, parties):
    party = parties["wang"]
    client = login(users["handler"])
    resp = client.post(f"/parties/{party.pk}/edit/", {
        "kind": "person", "name": "王小明", "id_type": "resident_id", "id_number": "", "phone": "",
        "address": "长寿路1号", "credit_code": "", "legal_representative": "", "unit": units["PT-SFJ-FY"].pk})
    assert resp.status_code == 302
    party.refresh_from_db()
    assert party.address == "长寿路1号" and party.reveal_id_number() == ID_NUMBER
    assert AuditEvent.objects.filter(action="party.changed", object_id=str(party.pk)).exists()


def test_whole_numbers_are_shown_only_on_request_and_the_read_is_audited(users, login, parties):
    party = parties["wang"]
    client = login(users["handler"])
    detail = client.get(f"/parties/{party.pk}/").content.decode()
    assert ID_NUMBER not in detail and "310107********1232" in detail
    assert client.get(f"/parties/{party.pk}/reveal/").status_code == 405  # a read that is recorded is a POST
    fragment = client.post(f"/parties/{party.pk}/reveal/", HTTP_HX_REQUEST="true").content.decode()
    assert ID_NUMBER in fragment and "13812345678" in fragment and "<html" not in fragment
    event = AuditEvent.objects.get(action="party.id_number.viewed")
    assert event.actor == users["handler"] and event.payload["read"] is True
    assert ID_NUMBER not in str(event.payload) + event.summary


def test_revealing_without_htmx_shows_the_whole_page(users, login, parties):
    page = login(users["handler"]).post(f"/parties/{parties['wang'].pk}/reveal/").content.decode()
    assert "<html" in page and ID_NUMBER in page


def test_users_without_the_permission_cannot_reveal(users, login, make_party):
    party = make_party("PT-SFS-CSL", "长寿当事人", id_number=ID_NUMBER)
    client = login(users["changshou"])  # 司法所 staff: masked numbers only
    assert "查看完整号码" not in client.get(f"/parties/{party.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert client.post(f"/parties/{party.pk}/reveal/").status_code == 403
    assert not AuditEvent.objects.filter(action="party.id_number.viewed").exists()


def test_the_permission_holds_only_within_the_users_units(users, login, make_party):
    party = make_party("PT-SFS-CSL", "长寿当事人", id_number=ID_NUMBER)
    # the correction officer may see whole numbers, but only of parties of 社区矫正科
    assert login(users["jiaozheng"]).post(f"/parties/{party.pk}/reveal/").status_code == 404


def test_registering_the_same_id_number_twice_points_to_the_existing_party(users, units, login, parties):
    resp = _post_new(login(users["handler"]), units, id_number=ID_NUMBER)
    assert resp.context["form"].errors["id_number"] == ["王小明已使用该证件号码登记，请直接选用该当事人。"]


def test_editing_a_party_does_not_collide_with_its_own_id_number(users, units, login, parties):
    party = parties["wang"]
    resp = login(users["handler"]).post(f"/parties/{party.pk}/edit/", {
        "kind": "person", "name": "王小明", "id_type": "resident_id", "id_number": ID_NUMBER, "phone": "",
        "address": "", "credit_code": "", "legal_representative": "", "unit": units["PT-SFJ-FY"].pk})
    assert resp.status_code == 302
