"""The city's list imported all or nothing, the eligibility check of 第十条 as one answer per disqualification, and
the supervisors' confirmations with their date and manner."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sifa.core import imports as core_imports
from sifa.core.models import AuditEvent
from sifa.core.workflow import StepError
from sifa.supervisors import eligibility, services
from sifa.supervisors.models import (
    Disqualification,
    EligibilityCheck,
    SeatStatus,
    State,
    Supervisor,
    SupervisorStatus,
)
from sifa.supervisors.workflow import WORKFLOW

from .conftest import SELECTED, id_number
from .test_workflow import _drawn

pytestmark = pytest.mark.django_db
NO = dict.fromkeys(Disqualification.values, False)


def _csv(tmp_path, rows):
    importer = core_imports.importer("supervisors")
    header = [c.header for c in importer.columns]
    f = tmp_path / "pool.csv"
    f.write_text("\n".join(",".join(r) for r in (header, *rows)), encoding="utf-8")
    return importer, f


def _row(n, code, *, field="法律界", art10=("否",) * 6, source="市司法局资格审查", ident=None):
    return [code, f"监督员{n}", ident or id_number(n), "", field, "长风新村街道", "律师", "2022-03-01", "上海市司法局",
            *art10, source]


def test_the_citys_list_imports_all_or_nothing_with_errors_in_chinese(staff, tmp_path):
    importer, f = _csv(tmp_path, [_row(1, "C-001"), _row(2, "C-002", field="文艺界"), _row(3, "C-001"),
                                  _row(4, "C-004", art10=("否", "是", "否", "否", "否", "否")),
                                  _row(5, "C-005", art10=("否", "", "", "", "", "")),
                                  _row(6, "C-006", ident="310107198001010000")])
    result = core_imports.run(importer, f, by=staff)
    assert not Supervisor.objects.exists()
    where = {(e.row, e.column) for e in result.errors}
    assert {(3, "所属领域"), (4, "公开编号"), (5, "被开除公职"), (6, "被吊销执业证书或仲裁员除名"),
            (7, "身份证号码")} <= where
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in e.message) for e in result.errors)
    importer, f = _csv(tmp_path, [_row(1, "C-001"), _row(2, "C-002", art10=("",) * 6, source="")])
    assert core_imports.run(importer, f, by=staff).ok
    one, two = Supervisor.objects.order_by("code")
    assert (one.birth_date, one.terms.get().starts_on, one.status) == (date(1980, 1, 1), date(2022, 3, 1), "active")
    assert one.checks.get().answers == NO and not two.checks.exists()
    assert one.person.reveal_id_number() == id_number(1) and one.person.id_number_masked != id_number(1)


def test_each_disqualification_of_article_10_is_answered(division, staff):
    with pytest.raises(StepError) as exc:
        services.supervisor_select(unit=division, by=staff, name="甲", id_number=id_number(50), code="E-1",
                                   field="law", birth_date=None, selected_on=SELECTED, appointed_by="上海市司法局",
                                   eligibility={**NO, "debtor": None}, eligibility_source="征信查询")
    assert exc.value.field == "art10_debtor"
    with pytest.raises(StepError) as exc:
        services.supervisor_select(unit=division, by=staff, name="乙", id_number=id_number(51), code="E-2",
                                   field="law", birth_date=None, selected_on=SELECTED, appointed_by="上海市司法局",
                                   eligibility={**NO, "juror": True}, eligibility_source="法院函")
    assert exc.value.field == "art10_juror"
    assert not Supervisor.objects.exists()


def test_a_later_check_finding_a_disqualification_bars_the_supervisor(pool, staff, make_request):
    s = pool[0]
    check = services.eligibility_record(supervisor=s, by=staff, on=date(2022, 6, 1), answers={**NO, "debtor": True},
                                        source="失信被执行人名单查询")
    s.refresh_from_db()
    assert check.found == ["debtor"]
    assert (s.status, s.barred) == (SupervisorStatus.REMOVED, True) and "失信被执行人" in s.barred_reason
    assert s.terms.get().ended_early_on == date(2022, 6, 1)
    assert AuditEvent.objects.filter(action="supervisors.eligibility_checked").exists()
    r = make_request(received=date(2022, 6, 6))
    eligible, excluded = eligibility.assess(r, conflicts={})
    assert s not in eligible and {"code": s.code, "reason": "inactive"}.items() <= next(
        e for e in excluded if e["code"] == s.code).items()
    with pytest.raises(StepError) as exc:
        services.eligibility_record(supervisor=pool[1], by=staff, on=date(2022, 6, 1), answers=NO, source=" ")
    assert exc.value.field == "source"
    assert EligibilityCheck.objects.count() == 1


def test_confirmations_carry_their_date_and_manner(pool, make_request, staff):
    r = _drawn(make_request(), staff)
    seats = list(r.seats.order_by("rank"))
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(r, "confirm", by=staff, on=r.drawn_on - timedelta(days=1), data={"seat": seats[0], "via": "sms"})
    assert exc.value.field == "on"
    for i, seat in enumerate(seats):
        r.refresh_from_db()
        WORKFLOW.run(r, "confirm", by=staff, on=r.drawn_on + timedelta(days=i), data={"seat": seat, "via": "sms"})
    r.refresh_from_db()
    seat = r.seats.get(pk=seats[0].pk)
    assert (seat.status, seat.responded_on, seat.confirmed_via) == (SeatStatus.CONFIRMED, r.drawn_on, "sms")
    assert (r.state, r.confirmed_on) == (State.CONFIRMED, r.drawn_on + timedelta(days=len(seats) - 1))
