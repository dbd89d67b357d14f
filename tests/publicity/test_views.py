"""Publicity's pages: lists, a contest's page, the review results .docx, the views import; who may open them."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from sifa.core import imports
from sifa.publicity import services
from sifa.publicity.models import Activity

pytestmark = pytest.mark.django_db


def test_a_contest_page_lists_its_works_and_takes_more(login, staff, office):
    contest = services.activity_register(unit=office, by=staff, kind="contest", title="绘画比赛", held_on=date(2024, 3, 1))
    client = login(staff)
    resp = client.post(reverse("publicity:activity", args=[contest.pk]),
                       {"do": "entries", "submitted_on": "2024-03-10", "entries": "春天,小明,长风小学\n只有标题"})
    assert resp.status_code == 200 and not contest.entries.exists()  # line 2 has no author: nothing written
    resp = client.post(reverse("publicity:activity", args=[contest.pk]),
                       {"do": "entries", "submitted_on": "2024-03-10", "entries": "春天,小明,长风小学\n夏天，小红"})
    assert resp.status_code == 302 and contest.entries.count() == 2
    assert "小红" in client.get(reverse("publicity:activity", args=[contest.pk])).content.decode()


def test_the_review_results_download_with_the_ranking(login, staff, office, units):
    r = services.responsibility_file(unit=office, by=staff, year=2024, member=units["PT-WLJ"], duties="释法说理",
                                     plan="宪法宣传周", plan_filed_on=date(2024, 2, 1))
    services.responsibility_review(r, by=staff, on=date(2024, 10, 1), score="93")
    client = login(staff)
    assert "区文旅局" in client.get(reverse("publicity:responsibilities") + "?year=2024").content.decode()
    doc = client.get(reverse("publicity:review_document", args=[2024]))
    cells = [c.text for t in Document(io.BytesIO(doc.content)).tables for row in t.rows for c in row.cells]
    assert "区文旅局" in cells and "93.0" in cells
    assert client.get(reverse("publicity:plan_document", args=[r.pk])).status_code == 200
    assert client.get(reverse("publicity:review_document", args=[2023])).status_code == 404


def test_views_come_in_from_a_platform_export_all_or_nothing(staff, office):
    a = services.activity_register(unit=office, by=staff, kind="online", title="视频", held_on=date(2024, 3, 1))
    bad = f"作品编号,统计日期,浏览量\n{a.number},2024-04-30,1200\n普司普〔2024〕99号,2024-04-30,5\n".encode()
    report = imports.run(imports.importer("online_views"), SimpleUploadedFile("v.csv", bad), by=staff, name="v.csv")
    assert report.errors and report.errors[0].column == "作品编号"
    a.refresh_from_db()
    assert a.views == 0
    good = f"作品编号,统计日期,浏览量\n{a.number},2024-04-30,1200\n".encode()
    report = imports.run(imports.importer("online_views"), SimpleUploadedFile("v.csv", good), by=staff, name="v.csv")
    a.refresh_from_db()
    assert not report.errors and a.views == 1200


def test_the_leader_reads_and_others_are_refused(login, users, staff, office):
    a = services.activity_register(unit=office, by=staff, kind="event", title="升旗", held_on=date(2024, 4, 15))
    assert login(users["leader"]).get(reverse("publicity:activity", args=[a.pk])).status_code == 200
    assert login(users["leader"]).get(reverse("publicity:activity_new")).status_code == 403
    assert login(users["legalaid"]).get(reverse("publicity:list")).status_code == 403
    page = login(staff).get(reverse("publicity:list") + "?kind=event&sort=-participants")
    assert "升旗" in page.content.decode() and Activity.objects.count() == 1


def test_the_prizes_of_a_contest_are_awarded_on_its_page_one_choice_per_work(login, staff, office):
    from sifa.publicity.models import ContestEntry

    c = services.activity_register(unit=office, by=staff, kind="contest", title="宪法知识竞赛", held_on=date(2024, 3, 1))
    services.entries_add(c, by=staff, on=date(2024, 3, 2), entries=[services.Entry("作品甲", "张三"),
                                                                    services.Entry("作品乙", "李四")])
    first, second = ContestEntry.objects.filter(contest=c).order_by("pk")
    client = login(staff)
    url = reverse("publicity:activity", args=[c.pk])
    assert f"prize_{first.pk}" in client.get(url).content.decode()
    resp = client.post(url, {"do": "award", "awarded_on": "2024-03-01", f"prize_{first.pk}": "first"})
    assert resp.status_code == 200 and not ContestEntry.objects.filter(awarded_on__isnull=False).exists()
    resp = client.post(url, {"do": "award", "awarded_on": "2024-03-10", f"prize_{first.pk}": "first",
                             f"prize_{second.pk}": ""})
    assert resp.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.prize, second.prize) == ("first", "") and second.awarded_on == date(2024, 3, 10)
    assert "prize_" not in client.get(url).content.decode()  # a contest awards once
