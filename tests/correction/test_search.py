"""The line's header search (core.search contract), the list searched by a whole ID number through a posted form,
and the correction of registered data with the fields later steps depend on refused."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sifa.core import corrections
from sifa.core.search import Query
from sifa.correction import search, services
from sifa.correction.models import Supervisee
from sifa.correction.workflow import WORKFLOW

ID = "11010519491231002X"
pytestmark = pytest.mark.django_db


def test_the_header_search_finds_by_number_name_and_whole_id_number_only_for_correction_staff(
        supervised, officer, office, users):
    r = services.release_register(unit=office, by=officer, name="孙释放", prison="上海市提篮桥监狱",
                                  notice_received_on=date(2024, 2, 1), release_on=date(2024, 3, 1))
    by_name = search.search(officer, Query.of("王矫"))
    assert [h.url for h in by_name] == [supervised.get_absolute_url()]
    assert search.search(officer, Query.of(supervised.number))[0].url == supervised.get_absolute_url()
    by_id = search.search(officer, Query.of(ID))
    assert [h.url for h in by_id] == [supervised.get_absolute_url()]
    assert ID not in by_id[0].title and "********" in by_id[0].title
    assert search.search(officer, Query.of("孙释"))[0].url == r.get_absolute_url()
    assert search.search(users["leader"], Query.of("王矫")) == []


def test_the_list_is_searched_by_a_whole_id_number_posted_never_in_the_url(login, officer, supervised, notice):
    other = notice(name="李其他", id_number="110105194912310011")
    client = login(officer)
    resp = client.post(reverse("correction:list"), {"q": ID, "state": "supervised"})
    assert resp.status_code == 302 and ID not in resp["Location"] and "key=" in resp["Location"]
    page = client.get(resp["Location"]).content.decode()
    assert supervised.number in page and other.number not in page
    page = client.get(reverse("correction:list") + "?sort=number").content.decode()
    assert page.index(supervised.number) < page.index(other.number)


def test_a_registration_is_corrected_with_a_reason_and_the_type_locked_once_sanctioned(supervised, officer):
    declared = corrections.declaration(Supervisee)
    assert "effective_on" not in declared.fields  # the report-in day and the 漏管 day are counted from it
    assert declared.lock_reason(supervised, "kind") is None
    corrections.correct(supervised, {"offence": "交通肇事罪"}, reason="判决书誊录错误", by=officer,
                        expected_version=supervised.version)
    supervised.refresh_from_db()
    assert supervised.offence == "交通肇事罪"
    WORKFLOW.run(supervised, "sanction", by=officer, on=date(2024, 3, 10),
                 data={"kind": "admonition", "facts": "迟报", "days_out": 0})
    assert declared.lock_reason(supervised, "kind")


def test_a_second_notice_for_the_same_person_warns_with_a_link_and_registers_when_told(login, officer, office,
                                                                                      supervised):
    client = login(officer)
    data = {"name": "王矫正二", "id_number": ID, "kind": "probation", "offence": "盗窃罪", "deciding_organ": "court",
            "deciding_body": "上海市普陀区人民法院", "decision_number": "（2024）沪0107刑初99号",
            "notice_received_on": "2024-03-05", "effective_on": "2024-03-04", "term_end": "2025-03-03",
            "unit": office.pk}
    resp = client.post(reverse("correction:new"), data)
    page = resp.content.decode()
    assert resp.status_code == 200 and supervised.number in page and Supervisee.objects.count() == 1
    assert supervised.get_absolute_url() in page
    resp = client.post(reverse("correction:new"), {**data, "register_anyway": "on"})
    assert resp.status_code == 302 and Supervisee.objects.count() == 2
