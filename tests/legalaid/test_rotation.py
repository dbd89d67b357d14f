"""Assignment by rotation from the centre's roster, skipping a lawyer with a conflict of interest (the reason kept
on the case), a lawyer who does not take the matter type, and a lawyer whose hands are full."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sifa.core.workflow import StepError
from sifa.legalaid.models import DeclaredConflict, RosterLawyer, State
from sifa.legalaid.workflow import WORKFLOW

from .conftest import ELIGIBLE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def roster(centre, firm, units):
    other = units["PT-LS-BHHS"]
    return [RosterLawyer.objects.create(unit=centre, name=n, law_firm=firm if i % 2 else other, position=i,
                                        capacity=cap, matter_types=types)
            for i, (n, cap, types) in enumerate([("甲律师", 5, []), ("乙律师", 5, ["criminal"]), ("丙律师", 1, []),
                                                 ("丁律师", 5, [])])]


@pytest.fixture
def grant(apply, staff, standard):
    def _grant(**kw):
        case = apply(**kw)
        WORKFLOW.run(case, "check_hardship", by=staff, on=date(2024, 3, 5), data=ELIGIBLE)
        WORKFLOW.run(case, "grant", by=staff, on=date(2024, 3, 5), data={"service_form": "litigation"})
        return case
    return _grant


def test_the_rotation_takes_who_waited_longest_and_skips_conflicts_with_the_reason(grant, staff, roster):
    a, b, c, d = roster
    DeclaredConflict.objects.create(lawyer=a, party_name="某某物流有限公司", reason="曾任该公司法律顾问",
                                    declared_on=date(2024, 1, 1))
    case = grant(opposing_party="某某物流有限公司")
    WORKFLOW.run(case, "assign_by_rotation", by=staff, on=date(2024, 3, 6))
    assert (case.state, case.lawyer, case.roster_lawyer, case.law_firm) == (State.ASSIGNED, "丙律师", c, c.law_firm)
    assert case.rotation_skipped == [{"lawyer": "甲律师", "firm": a.law_firm.name,
                                      "reason": "申报利益冲突：某某物流有限公司（曾任该公司法律顾问）"}]
    assert case.assignment_number.startswith("普法援指字") and case.assigned_in_time is True
    c.refresh_from_db()
    assert c.last_assigned_on == date(2024, 3, 6)
    # next: 甲 has no conflict here; 乙 takes criminal cases only; 丙 is full (capacity 1) and was assigned last
    nxt = grant(name="李援助")
    WORKFLOW.run(nxt, "assign_by_rotation", by=staff, on=date(2024, 3, 6))
    assert nxt.lawyer == "甲律师" and nxt.rotation_skipped == []
    third = grant(name="赵援助")
    WORKFLOW.run(third, "assign_by_rotation", by=staff, on=date(2024, 3, 7))
    assert third.lawyer == "丁律师"


def test_a_lawyer_acting_for_the_other_side_is_skipped_and_the_case_named(grant, staff, roster):
    a, _b, c, d = roster
    c.active = d.active = False
    c.save()
    d.save()
    first = grant(name="张三", opposing_party="李四")
    WORKFLOW.run(first, "assign_by_rotation", by=staff, on=date(2024, 3, 6))
    second = grant(name="李四", opposing_party="张三")
    with pytest.raises(StepError, match="No lawyer on the roster is free") as exc:
        WORKFLOW.run(second, "assign_by_rotation", by=staff, on=date(2024, 3, 6))
    assert first.number in str(exc.value.message)
    second.refresh_from_db()
    assert second.state == State.GRANTED and second.lawyer == ""


def test_the_case_page_shows_who_was_skipped_and_why(grant, staff, roster, login):
    DeclaredConflict.objects.create(lawyer=roster[0], party_name="王援助", reason="近亲属", declared_on=date(2024, 1, 1))
    case = grant()
    client = login(staff)
    resp = client.post(reverse("legalaid:action", args=[case.pk, "assign_by_rotation"]),
                       {"version": case.version, "on": "2024-03-06"})
    assert resp.status_code == 302
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'id="rotation-skipped"' in page and "近亲属" in page
