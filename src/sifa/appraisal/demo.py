"""The demo's forensic appraisal: the district's two institutions and their appraisers, their monthly reports for
2022-01..10 (16,000 commissions), 249 complaints all concluded and answered by 2022-11-02, two rectification
proposals followed up, and both institutions graded A — equal to the seed — and work around today.

Seed (普陀区司法局 2022): "全区司法鉴定机构累计受理鉴定委托事项1.6万件"; "截至11月2日，累计处理投诉等案件249件，办结率及
回复率均为100%"; "向鉴定机构出具2份整改建议书"; "普陀区两家鉴定机构均获评A级信用". Every record goes through the line's
services and procedure tables; names are fictitious; the random generator is seeded.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from sifa.core import metrics as core_metrics
from sifa.core.complaints import Channel, Outcome
from sifa.core.loading import one_transaction
from sifa.core.models import User

from . import services
from .models import AppraisalInstitution, Grade
from .services import ReportRecord

START, END = date(2022, 1, 1), date(2022, 10, 31)
SEED = {"appraisal.commissions": 16000, "appraisal.complaints": 249, "appraisal.complaints_concluded_rate": 100,
        "appraisal.complaints_answered_rate": 100, "appraisal.proposals": 2, "appraisal.grade_a": 2}
DIVISION = "PT-SFJ-GF"
INSTITUTIONS = [("PT-JD-1", "上海普陀司法鉴定所", "310107000001", ["法医临床鉴定", "法医病理鉴定", "法医物证鉴定"]),
                ("PT-JD-2", "上海沪西司法鉴定所", "310107000002", ["文书鉴定", "痕迹鉴定", "声像资料鉴定"])]
# each institution's commissions accepted per month, January to October (total 16,000)
MONTHLY = [[915, 795, 705, 335, 395, 855, 975, 995, 1015, 965], [905, 785, 695, 325, 385, 865, 995, 1015, 1055, 1025]]
COMPLAINTS = {Outcome.NOT_ACCEPTED: 58, Outcome.TRANSFERRED: 21, Outcome.NO_VIOLATION: 152, Outcome.DISCIPLINE: 14,
              Outcome.PENALTY: 4}
MATTERS = ["鉴定意见依据不足", "鉴定超期未出具意见", "鉴定人未依法回避", "鉴定收费不规范", "鉴定材料保管不当"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂华建国玉兰志红文斌海燕俊峰春梅"


def _name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def load(units, stdout) -> None:
    if AppraisalInstitution.objects.exists():
        stdout.write("  appraisal: already loaded")
        return
    rng = random.Random(20221102)
    staff = User.objects.filter(username="lvguan").first()
    division = units[DIVISION]
    with one_transaction():
        insts = _register(division, staff, rng)
        _reports(insts, staff)
        _complaints(division, insts, staff, rng)
        _proposals(division, insts, staff)
        _current(division, insts, staff, rng)
    figures = core_metrics.compute(START, END, units["PT"], lines=["appraisal"])
    stdout.write("  appraisal 2022-01-01..10-31: " + ", ".join(f"{k.split('.')[1]} {figures[k]}" for k in SEED))


def _register(division, staff, rng) -> list[AppraisalInstitution]:
    insts = []
    for i, (code, name, licence, areas) in enumerate(INSTITUTIONS):
        inst = services.institution_register(name=name, licence_number=licence, supervised_by=division, by=staff,
                                             code=code, practice_areas=areas, licensed_on=date(2006 + i, 1, 1))
        for j in range(8):
            services.appraiser_register(institution=inst, name=_name(rng), licence_number=f"{licence}{j:03d}",
                                        by=staff, practice_areas=[areas[j % len(areas)]])
        services.grade_record(inst, year=2022, grade=Grade.A, on=date(2022, 9, 15), by=staff,
                              note="司法鉴定机构信用等级评估")
        insts.append(inst)
    return insts


def _reports(insts, staff) -> None:
    records = [ReportRecord(institution_id=inst.pk, month=date(2022, m + 1, 1), accepted=n,
                            completed=n - 10, completed_late=0)
               for inst, months in zip(insts, MONTHLY, strict=True) for m, n in enumerate(months)]
    services.reports_import(records=records, by=staff, reported_on=date(2022, 11, 5))


def _complaints(division, insts, staff, rng) -> None:
    outcomes = [o for o, n in COMPLAINTS.items() for _ in range(n)]
    rng.shuffle(outcomes)
    for outcome in outcomes:
        received = START + timedelta(days=rng.randrange((date(2022, 9, 10) - START).days))
        c = services.complaint_register(unit=division, by=staff, received_on=received,
                                        channel=rng.choice(list(Channel)), complainant=_name(rng),
                                        matter=rng.choice(MATTERS), respondent_institution=rng.choice(insts))
        on = received + timedelta(days=rng.randint(1, 6))
        if outcome == Outcome.NOT_ACCEPTED:
            services.complaint_step(c, "not_accept", by=staff, on=on,
                                    data={"reason": "投诉事项属于对鉴定意见的异议，应通过诉讼程序解决，不属于投诉受理范围。"})
            continue
        if outcome == Outcome.TRANSFERRED:
            services.complaint_step(c, "transfer", by=staff, on=on,
                                    data={"transferred_to": "上海市司法鉴定协会", "reason": "涉及行业规范，移送行业协会处理。"})
            continue
        services.complaint_step(c, "accept", by=staff, on=on)
        decided = on + timedelta(days=rng.randint(10, 45))
        services.complaint_step(c, "decide", by=staff, on=decided, data={
            "outcome": outcome, "penalty_kind": "warning" if outcome == Outcome.PENALTY else "",
            "findings": "经调查核实，" + ("未发现违法违规执业行为。" if outcome == Outcome.NO_VIOLATION else "被投诉机构存在违规行为。")})
        services.complaint_step(c, "reply", by=staff, on=decided + timedelta(days=rng.randint(1, 5)))


def _proposals(division, insts, staff) -> None:
    for inst, issued, finding in ((insts[0], date(2022, 5, 20), "部分鉴定案卷材料流转记录不完整"),
                                  (insts[1], date(2022, 8, 12), "鉴定文书复核签名不规范")):
        prop = services.proposal_issue(unit=division, by=staff, institution=inst, issued_on=issued, findings=finding,
                                       requirements="完善内部管理制度，逐案自查整改，并书面报告整改情况。")
        services.proposal_step(prop, "follow_up", by=staff, on=issued + timedelta(days=14),
                               data={"note": "现场检查，机构已制定整改方案。"})
        services.proposal_step(prop, "close", by=staff, on=issued + timedelta(days=28),
                               data={"note": "复查整改到位，予以销号。"})


def _current(division, insts, staff, rng) -> None:
    today = timezone.localdate()
    for days_ago in (12, 2):
        services.complaint_register(unit=division, by=staff, received_on=today - timedelta(days=days_ago),
                                    channel=Channel.ONLINE, complainant=_name(rng), matter=rng.choice(MATTERS),
                                    respondent_institution=insts[0])
    services.proposal_issue(unit=division, by=staff, institution=insts[1], issued_on=today - timedelta(days=10),
                            findings="鉴定业务系统数据录入不及时", requirements="按月及时录入鉴定业务数据。")
