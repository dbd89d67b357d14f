"""Publicity's services: responsibility lists reviewed and ranked, contests with entries and prizes, views from a
platform's export, the best projects selected by score; every refusal with its field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sifa.core.workflow import StepError
from sifa.publicity import services
from sifa.publicity.models import ContestEntry, Prize

pytestmark = pytest.mark.django_db


def test_members_are_reviewed_and_ranked(staff, office, units, users):
    lists = [services.responsibility_file(unit=office, by=staff, year=2024, member=units[c], duties="释法说理",
                                          plan="宪法宣传周", plan_filed_on=date(2024, 2, 1))
             for c in ("PT-WLJ", "PT-SCJG", "PT-FGJ")]
    with pytest.raises(StepError) as e:
        services.responsibility_file(unit=office, by=staff, year=2024, member=units["PT-WLJ"], duties="x")
    assert e.value.field == "member"
    with pytest.raises(StepError) as e:
        services.responsibility_review(lists[0], by=staff, on=date(2024, 10, 1), score="101")
    assert e.value.field == "score"
    for r, score in zip(lists, ("92.5", "95", "92.5"), strict=True):
        services.responsibility_review(r, by=staff, on=date(2024, 10, 1), score=score)
    ranking = services.ranking(user=staff, year=2024)
    assert [(r.member.code, r.rank) for r in ranking] == [("PT-SCJG", 1), ("PT-FGJ", 2), ("PT-WLJ", 2)]  # equal scores share a rank
    no_plan = services.responsibility_file(unit=office, by=staff, year=2024, member=units["PT-RSJ"], duties="x")
    with pytest.raises(StepError):
        services.responsibility_review(no_plan, by=staff, on=date(2024, 10, 1), score=90)


def test_a_contest_awards_its_prizes_once(staff, office):
    contest = services.activity_register(unit=office, by=staff, kind="contest", title="绘画比赛", held_on=date(2024, 3, 1))
    services.entries_add(contest, by=staff, on=date(2024, 3, 10),
                         entries=[services.Entry(f"作品{i}", f"作者{i}") for i in range(5)])
    pks = list(ContestEntry.objects.order_by("pk").values_list("pk", flat=True))
    with pytest.raises(StepError) as e:
        services.prizes_award(contest, by=staff, on=date(2024, 3, 5), prizes={pks[0]: Prize.FIRST})
    assert e.value.field == "awarded_on"
    with pytest.raises(StepError):
        services.prizes_award(contest, by=staff, on=date(2024, 4, 1), prizes={pks[0]: "gold"})
    assert services.prizes_award(contest, by=staff, on=date(2024, 4, 1),
                                 prizes={pks[0]: Prize.FIRST, pks[1]: Prize.MERIT}) == 2
    assert ContestEntry.objects.exclude(prize="").count() == 2
    assert not ContestEntry.objects.filter(awarded_on__isnull=True).exists()
    with pytest.raises(StepError):
        services.prizes_award(contest, by=staff, on=date(2024, 4, 2), prizes={pks[2]: Prize.THIRD})
    event = services.activity_register(unit=office, by=staff, kind="event", title="升旗", held_on=date(2024, 4, 15))
    with pytest.raises(StepError):
        services.entries_add(event, by=staff, on=date(2024, 4, 15), entries=[services.Entry("a", "b")])


def test_the_newest_count_of_views_wins(staff, office):
    a = services.activity_register(unit=office, by=staff, kind="online", title="视频", held_on=date(2024, 3, 1))
    services.views_import(rows=[(a.number, date(2024, 4, 30), 900), (a.number, date(2024, 3, 31), 500)], by=staff)
    a.refresh_from_db()
    assert (a.views, a.views_as_of) == (900, date(2024, 4, 30))


def test_the_best_projects_are_selected_by_score_without_a_tie_at_the_last_place(staff, office, units):
    ps = [services.project_nominate(unit=office, by=staff, year=2024, title=f"项目{i}", member=units["PT-WLJ"],
                                    on=date(2024, 8, 1)) for i in range(4)]
    with pytest.raises(StepError):
        services.projects_select(unit=office, by=staff, year=2024, count=2, on=date(2024, 10, 1))  # unscored
    for p, s in zip(ps, ("90", "85", "85", "70"), strict=True):
        services.project_score(p, by=staff, score=s)
    with pytest.raises(StepError) as e:
        services.projects_select(unit=office, by=staff, year=2024, count=2, on=date(2024, 10, 1))
    assert e.value.field == "count"
    with pytest.raises(StepError) as e:
        services.project_score(ps[2], by=staff, score="abc")
    assert e.value.field == "score"
    ps[2].refresh_from_db()
    services.project_score(ps[2], by=staff, score="84.5")
    chosen = services.projects_select(unit=office, by=staff, year=2024, count=2, on=date(2024, 10, 1))
    assert [p.title for p in chosen] == ["项目0", "项目1"] and chosen[0].score == Decimal("90.0")
    with pytest.raises(StepError):
        services.project_score(ps[3], by=staff, score="99")
