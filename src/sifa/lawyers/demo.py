"""The demo's lawyers: the register of the district's firms and lawyers, 2022-01-01..09-30 equal to the seed, and
a slice of current work around today.

Seed (普陀区司法局 2022): "2022年前三季度共办理行政许可646件，办理律师投诉106件" (definitions in `metrics`). The demo's
2022 records of this line run to 2022-09-30, the seed's period, so the annual report (to 10-31) reads the same
figures. Every record goes through the line's services and procedure tables, as a user's clicks do. Names are
fictitious; the random generator is seeded.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from sifa.core import metrics as core_metrics
from sifa.core.complaints import Channel, Outcome, PenaltyKind
from sifa.core.loading import one_transaction
from sifa.core.models import User

from . import services
from .models import InspectionResult, LawFirm, LicensingMatter, MatterKind, Opinion

START, END = date(2022, 1, 1), date(2022, 9, 30)
SEED = {"lawyers.licensing": 646, "lawyers.complaints": 106}
DIVISION = "PT-SFJ-GF"
FIRMS = [("PT-LS-BHHS", "博和汉商律师事务所", "31070000000000001"), ("PT-LS-HJ", "上海华荆律师事务所", "31070000000000002"),
         ("PT-LS-ZY", "上海正誉律师事务所", "31070000000000003"), ("PT-LS-MH", "上海明汇律师事务所", "31070000000000004"),
         ("PT-LS-TR", "上海泰睿律师事务所", "31070000000000005")]
AREAS = ["民事诉讼", "刑事辩护", "公司法务", "劳动争议", "知识产权", "房地产", "婚姻家事"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂华建国玉兰志红文斌海燕俊峰春梅晓东新民凤珍"
# licensing matters of the three quarters, by matter
KINDS = {MatterKind.LAWYER_LICENCE: 214, MatterKind.LAWYER_CHANGE: 268, MatterKind.LAWYER_CANCELLATION: 121,
         MatterKind.FIRM_ESTABLISHMENT: 9, MatterKind.FIRM_CHANGE: 34}
# complaints of the three quarters, by how they ended
COMPLAINTS = {Outcome.NOT_ACCEPTED: 31, Outcome.TRANSFERRED: 12, Outcome.NO_VIOLATION: 48, Outcome.DISCIPLINE: 11,
              Outcome.PENALTY: 4}
MATTERS = ["收取代理费后未尽勤勉义务", "未及时告知案件进展", "私自收费未出具发票", "代理过程中泄露当事人信息",
           "与对方当事人存在利益冲突", "执业中言行不当"]


def _name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _day(rng, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def load(units, stdout) -> None:
    if LicensingMatter.objects.filter(received_on__range=(START, END)).exists():
        stdout.write("  lawyers: already loaded")
        return
    rng = random.Random(20220930)
    staff = User.objects.filter(username="lvguan").first()
    division = units[DIVISION]
    with one_transaction():
        firms = _register(units, division, staff, rng)
        _matters(division, firms, staff, rng)
        _complaints(division, firms, staff, rng)
        _current(division, firms, staff, rng)
    figures = core_metrics.compute(START, END, units["PT"], lines=["lawyers"])
    stdout.write("  lawyers 2022-01-01..09-30: " + ", ".join(f"{k.split('.')[1]} {figures[k]}" for k in SEED))


def _register(units, division, staff, rng) -> list[LawFirm]:
    firms = []
    for i, (code, name, licence) in enumerate(FIRMS):
        firm = services.firm_register(name=name, licence_number=licence, supervised_by=division, by=staff, code=code,
                                      practice_areas=rng.sample(AREAS, 3), licensed_on=date(2005 + 3 * i, 6, 1))
        services.inspection_record(firm, year=2021, result=InspectionResult.PASSED, on=date(2022, 5, 31), by=staff)
        for j in range(6):
            lawyer = services.lawyer_register(firm=firm, name=_name(rng), licence_number=f"1310720{i}{j:02d}1{rng.randrange(10**7):07d}",
                                              by=staff, practice_areas=rng.sample(AREAS, 2),
                                              licensed_on=date(2010 + j, 3, 1))
            services.inspection_record(lawyer, year=2021, on=date(2022, 5, 31), by=staff,
                                       result=InspectionResult.COMPETENT if j else InspectionResult.BASICALLY)
        firms.append(firm)
    services.status_change(firms[-1].practitioners.order_by("pk").first(), status="suspended", on=date(2022, 7, 1),
                           reason="受到停止执业三个月的行政处罚", basis="律师法 第四十七条", by=staff)
    return firms


def _matters(division, firms, staff, rng) -> None:
    kinds = [k for k, n in KINDS.items() for _ in range(n)]
    rng.shuffle(kinds)
    plan = sorted((_day(rng, START, END), k) for k in kinds)
    for received, kind in plan:
        firm = rng.choice(firms)
        m = services.matter_register(unit=division, by=staff, kind=kind, received_on=received, firm=firm,
                                     applicant=firm.name if kind.startswith("firm") else _name(rng))
        reported = received + timedelta(days=rng.randint(3, 18))
        if reported > END:  # still under review at the end of the period
            continue
        services.matter_step(m, "report", by=staff, on=reported,
                             data={"opinion": Opinion.AGREE, "opinion_text": "申请材料齐全，符合法定条件。"})
        decided = reported + timedelta(days=rng.randint(2, 10))
        if decided <= END:
            services.matter_step(m, "approved", by=staff, on=decided,
                                 data={"decision_number": f"沪司许〔{decided.year}〕{m.pk}号"})


def _complaints(division, firms, staff, rng) -> None:
    outcomes = [o for o, n in COMPLAINTS.items() for _ in range(n)]
    rng.shuffle(outcomes)
    for outcome in outcomes:
        received = _day(rng, START, date(2022, 8, 20))
        firm = rng.choice(firms)
        lawyer = rng.choice(list(firm.practitioners.all()))
        c = services.complaint_register(unit=division, by=staff, received_on=received,
                                        channel=rng.choice(list(Channel)), complainant=_name(rng),
                                        matter=rng.choice(MATTERS), respondent_firm=firm, respondent_lawyer=lawyer)
        on = received + timedelta(days=rng.randint(2, 8))
        if outcome == Outcome.NOT_ACCEPTED:
            services.complaint_step(c, "not_accept", by=staff, on=on,
                                    data={"reason": "投诉事项不属于律师执业活动，不属于本局受理范围。"})
            continue
        if outcome == Outcome.TRANSFERRED:
            services.complaint_step(c, "transfer", by=staff, on=on,
                                    data={"transferred_to": "上海市律师协会", "reason": "涉及行业规范，移送律师协会处理。"})
            continue
        services.complaint_step(c, "accept", by=staff, on=on)
        decided = on + timedelta(days=rng.randint(15, 40))
        services.complaint_step(c, "decide", by=staff, on=decided, data={
            "outcome": outcome, "penalty_kind": PenaltyKind.WARNING if outcome == Outcome.PENALTY else "",
            "findings": "经调查核实，" + ("未发现被投诉律师存在违法违规行为。" if outcome == Outcome.NO_VIOLATION
                                          else "被投诉律师存在违规行为，情况属实。")})
        services.complaint_step(c, "reply", by=staff, on=decided + timedelta(days=rng.randint(1, 5)))


def _current(division, firms, staff, rng) -> None:
    """Work around the day the demo is loaded: reviews running (one overdue), a complaint awaiting materials,
    complaints to accept, to investigate and to answer."""
    today = timezone.localdate()
    for days_ago in (24, 10, 3, 0):
        services.matter_register(unit=division, by=staff, kind=MatterKind.LAWYER_CHANGE, received_on=today - timedelta(days=days_ago),
                                 firm=firms[0], applicant=_name(rng))
    def complaint(days_ago):
        return services.complaint_register(unit=division, by=staff, received_on=today - timedelta(days=days_ago),
                                           channel=Channel.LETTER, complainant=_name(rng), matter=rng.choice(MATTERS),
                                           respondent_firm=firms[1])
    complaint(1)
    c = complaint(6)
    services.complaint_step(c, "request_materials", by=staff, on=today - timedelta(days=4),
                            data={"materials": "委托代理合同、收费凭证"})
    c = complaint(20)
    services.complaint_step(c, "accept", by=staff, on=today - timedelta(days=15))
