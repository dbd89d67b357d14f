"""The leaders' study list (领导干部应知应会法律法规清单): published with its laws, study sessions on it with their
attendance (an absence with its reason), the laws not yet studied shown, the attendance rate counted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from sifa.core.workflow import StepError
from sifa.publicity import services
from sifa.publicity.models import Attendance, StudyList
from sifa.publicity.services import Attendee

pytestmark = pytest.mark.django_db


def test_the_office_publishes_a_list_and_records_sessions_with_attendance(login, staff, units, users):
    client = login(staff)
    data = {"year": 2024, "title": "2024年领导干部应知应会法律法规清单", "published_on": "2024-02-01"}
    resp = client.post(reverse("publicity:study_list_new"), {**data, "items": " \n"})
    assert resp.status_code == 200 and "items" in resp.context["form"].errors
    resp = client.post(reverse("publicity:study_list_new"), {
        **data, "items": "中华人民共和国宪法 | 通用类\n中华人民共和国行政处罚法 | 通用类\n上海市养犬管理条例 | 专门类"})
    assert resp.status_code == 302
    sl = StudyList.objects.get()
    assert [i.law for i in sl.items.all()] == ["中华人民共和国宪法", "中华人民共和国行政处罚法", "上海市养犬管理条例"]
    page = reverse("publicity:study_list", args=[sl.pk])
    first = sl.items.get(position=2)
    session = {"held_on": "2024-03-05", "kind": "meeting", "host": units["PT-SFJ"].pk, "topic": "会前学法：行政处罚法",
               "items": [first.pk]}
    resp = client.post(page, {**session, "attendees": "王局长 | 局长\n李副局长 | 副局长 | 缺席"})
    assert resp.status_code == 200 and "attendees" in resp.context["form"].errors  # an absence needs its reason
    assert not Attendance.objects.exists()
    resp = client.post(page, {**session, "attendees": "王局长 | 局长\n李副局长 | 副局长 | 缺席 出差\n赵副局长 | 副局长"})
    assert resp.status_code == 302
    figures = services.study_figures(sl)
    assert figures == {"sessions": 1, "items": 3, "covered": 1, "expected": 3, "present": 2,
                       "rate": Decimal("66.7")}
    text = client.get(page).content.decode()
    assert "出差" in text and "66.7%" in text
    lists = client.get(reverse("publicity:study_lists") + "?year=2024&sort=title").content.decode()
    assert sl.title in lists
    assert client.get(reverse("publicity:study_lists") + "?export=xlsx").status_code == 200
    # the leader reads, and may not record
    leader = login(users["leader"])
    assert leader.get(page).status_code == 200 and leader.get(reverse("publicity:study_list_new")).status_code == 403


def test_a_session_is_refused_before_the_list_or_with_an_item_of_another_list(staff, office, units):
    sl = services.study_list_publish(unit=office, by=staff, year=2024, title="清单", published_on=date(2024, 2, 1),
                                     items=[("宪法", "")])
    other = services.study_list_publish(unit=office, by=staff, year=2024, title="另一清单",
                                        published_on=date(2024, 2, 1), items=[("民法典", "")])
    with pytest.raises(StepError) as e:
        services.study_list_publish(unit=office, by=staff, year=2024, title="清单", published_on=date(2024, 2, 1),
                                    items=[("宪法", "")])
    assert e.value.field == "title"
    args = {"by": staff, "kind": "group", "host": units["PT-SFJ"], "topic": "学习",
            "attendees": [Attendee("王局长")]}
    with pytest.raises(StepError) as e:
        services.study_session_record(sl, held_on=date(2024, 1, 5), **args)
    assert e.value.field == "held_on"
    with pytest.raises(StepError) as e:
        services.study_session_record(sl, held_on=date(2024, 3, 5), items=other.items.all(), **args)
    assert e.value.field == "items"
