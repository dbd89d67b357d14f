"""The demo's legal aid: 2022-01-01..10-31 equal to the seed report, and a slice of current work around today.

Seed (普陀区司法局 2022): "2022年1-10月，法援中心共办理法律援助案件 1659 件，接待来访咨询群众 5234 人，接答'12348'法律
咨询专线电话 8527 个。" (What each figure counts is defined in `sifa.legalaid.metrics`.)

The year goes through the batch writers (`services.cases_import`, `services.consultations_import`), which check each
record's path against the procedure and write set-based; the current slice goes through the one-at-a-time services
and the procedure table, as a user's clicks do, so its clocks run around the day the demo is loaded. Names are
fictitious; the random generator is seeded.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from sifa.core import metrics as core_metrics
from sifa.core.loading import one_transaction
from sifa.core.models import Unit, UnitKind, User

from . import services
from .models import (
    ConsultationCategory,
    ConsultationChannel,
    Decision,
    LegalAidCase,
    MatterType,
    NotifyingOrgan,
    Referral,
    Satisfaction,
    ServiceForm,
    Source,
)
from .services import CaseRecord, ConsultationRecord
from .workflow import WORKFLOW

START, END = date(2022, 1, 1), date(2022, 10, 31)
SEED = {"legalaid.cases": 1659, "legalaid.walk_in": 5234, "legalaid.calls_12348": 8527}
CENTRE = "PT-FYZX"
# Law firms taking legal-aid assignments in the demo district (fictitious; the district's one firm is kept).
FIRMS = [("PT-LS-BHHS", "博和汉商律师事务所", "博和汉商"), ("PT-LS-HJ", "上海华荆律师事务所", "华荆"),
         ("PT-LS-ZY", "上海正誉律师事务所", "正誉"), ("PT-LS-MH", "上海明汇律师事务所", "明汇"),
         ("PT-LS-TR", "上海泰睿律师事务所", "泰睿")]
LAWYERS = ["陈明", "林静", "王磊", "张晓东", "刘芳", "徐伟", "周杰", "吴丹", "孙立新", "朱海燕"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂华建国玉兰志红文斌海燕俊峰春梅晓东新民凤珍"
MATTERS = {
    MatterType.CIVIL: ["追索劳动报酬", "请求给付赡养费", "请求给付抚养费", "交通事故人身损害赔偿", "工伤事故人身损害赔偿",
                       "确认劳动关系", "医疗损害赔偿", "离婚纠纷中遭受家庭暴力的受害人主张权益"],
    MatterType.ADMINISTRATIVE: ["请求给予社会保险待遇", "请求给予最低生活保障", "请求发给抚恤金"],
    MatterType.STATE_COMPENSATION: ["依法请求国家赔偿"],
    MatterType.NON_LITIGATION: ["劳动争议仲裁代理", "代拟法律文书", "劳动争议调解代理"],
    MatterType.CRIMINAL: ["盗窃案", "诈骗案", "故意伤害案", "危险驾驶案", "帮助信息网络犯罪活动案"],
}
FORMS = {MatterType.CIVIL: ServiceForm.LITIGATION, MatterType.ADMINISTRATIVE: ServiceForm.LITIGATION,
         MatterType.STATE_COMPENSATION: ServiceForm.LITIGATION, MatterType.NON_LITIGATION: ServiceForm.NON_LITIGATION,
         MatterType.CRIMINAL: ServiceForm.CRIMINAL_DEFENCE}
# the year's cases: notified (criminal) and on application, by matter type
NOTIFIED = 612
APPLICATION_TYPES = {MatterType.CIVIL: 812, MatterType.CRIMINAL: 58, MatterType.ADMINISTRATIVE: 41,
                     MatterType.STATE_COMPENSATION: 6, MatterType.NON_LITIGATION: 130}
REFUSED = 47
ONLINE, LETTERS = 1160, 74
CATEGORY_WEIGHTS = {ConsultationCategory.MARRIAGE_FAMILY: 22, ConsultationCategory.LABOUR: 24,
                    ConsultationCategory.HOUSING: 14, ConsultationCategory.CONTRACT: 12, ConsultationCategory.TORT: 8,
                    ConsultationCategory.CONSUMER: 6, ConsultationCategory.CRIMINAL: 4,
                    ConsultationCategory.ADMINISTRATIVE: 3, ConsultationCategory.LEGAL_AID: 5,
                    ConsultationCategory.OTHER: 2}


def _name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _day(rng, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _firms(units) -> list[Unit]:
    parent = units["PT-SFJ"]
    out = []
    for code, name, short in FIRMS:
        firm = units.get(code) or Unit.objects.filter(code=code).first()
        if firm is None:
            firm = Unit(code=code, name=name, short_name=short, kind=UnitKind.LAW_FIRM, parent=parent)
            firm.save()
        out.append(firm)
    return out


def load(units, stdout) -> None:
    if LegalAidCase.objects.filter(accepted_on__range=(START, END)).exists():
        stdout.write("  legalaid: already loaded")
        return
    rng = random.Random(20221031)
    with one_transaction():
        firms = _firms(units)
        district_data()
        _roster(units[CENTRE], firms)
        _year(units[CENTRE], firms, rng)
        _consultations(units[CENTRE], rng)
        _current(units, firms, rng)
        _duty(units, rng)
    figures = core_metrics.compute(START, END, units["PT"], lines=["legalaid"])
    stdout.write("  legalaid 2022-01-01..10-31: " + ", ".join(f"{k.split('.')[1]} {figures[k]}" for k in SEED))


def _year(centre, firms, rng) -> None:
    records = []
    for i in range(NOTIFIED):
        received = _day(rng, START, END)
        assigned = received + timedelta(days=rng.choice((0, 1, 1, 2, 3)))
        organ = rng.choices(list(NotifyingOrgan), weights=[55, 30, 15])[0]
        records.append(CaseRecord(
            unit=centre, source=Source.NOTIFICATION, matter_type=MatterType.CRIMINAL,
            service_form=ServiceForm.CRIMINAL_DEFENCE, applicant=_name(rng),
            matter=rng.choice(MATTERS[MatterType.CRIMINAL]), received_on=received, notifying_organ=organ,
            notice_number=f"（2022）沪0107刑通{i + 1}号", mandatory_ground=rng.choice(["1", "2", "3", "4", "25-2"]),
            law_firm_id=rng.choice(firms).pk, lawyer=rng.choice(LAWYERS), assigned_on=assigned,
            closed_on=assigned + timedelta(days=rng.randint(30, 150)), outcome="已提交辩护词、判决书副本及结案报告。"))
    for matter_type, count in APPLICATION_TYPES.items():
        for _i in range(count):
            decided = _day(rng, START, END)
            received = max(START, decided - timedelta(days=rng.choice((0, 1, 2, 3, 5, 6))))
            assigned = decided + timedelta(days=rng.choice((0, 1, 1, 2, 3)))
            records.append(CaseRecord(
                unit=centre, source=Source.APPLICATION, matter_type=matter_type, service_form=FORMS[matter_type],
                applicant=_name(rng), matter=rng.choice(MATTERS[matter_type]), received_on=received,
                channel=rng.choices(["window", "online", "forwarded"], weights=[70, 25, 5])[0],
                decision=Decision.PROVISIONAL if rng.random() < 0.02 else Decision.GRANTED, decided_on=decided,
                law_firm_id=rng.choice(firms).pk, lawyer=rng.choice(LAWYERS), assigned_on=assigned,
                closed_on=assigned + timedelta(days=rng.randint(20, 200)), outcome="已提交法律文书副本及办理情况报告。"))
    for _i in range(REFUSED):
        decided = _day(rng, START, END)
        records.append(CaseRecord(
            unit=centre, source=Source.APPLICATION, matter_type=MatterType.CIVIL, service_form=ServiceForm.LITIGATION,
            applicant=_name(rng), matter=rng.choice(MATTERS[MatterType.CIVIL]),
            received_on=max(START, decided - timedelta(days=rng.randint(1, 6))), decision=Decision.REFUSED,
            decided_on=decided, closed_on=decided, refusal_ground="not_hardship",
            refusal_reasons="经核查，申请人家庭人均可支配收入高于本市经济困难标准。"))
    records.sort(key=lambda r: r.received_on)
    services.cases_import(records=records, by=None)


def _consultations(centre, rng) -> None:
    def batch(channel, n, prefix):
        out = []
        for i in range(n):
            category = rng.choices(list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values()))[0]
            on = _day(rng, START, END)
            callback = channel == ConsultationChannel.CALL_12348 and rng.random() < 0.03
            out.append(ConsultationRecord(
                unit_id=centre.pk, channel=channel, consulted_on=on, category=category,
                external_id=f"{prefix}{i + 1:06d}" if prefix else "",
                referral=Referral.LEGAL_AID if category == ConsultationCategory.LEGAL_AID else
                rng.choices(["", Referral.MEDIATION, Referral.ARBITRATION, Referral.COURT], weights=[85, 6, 5, 4])[0],
                callback_requested=callback, callback_done_on=on + timedelta(days=1) if callback else None,
                satisfaction=rng.choices([Satisfaction.SATISFIED, Satisfaction.BASICALLY, ""], weights=[80, 12, 8])[0]))
        return out

    records = (batch(ConsultationChannel.WALK_IN, SEED["legalaid.walk_in"], "")
               + batch(ConsultationChannel.CALL_12348, SEED["legalaid.calls_12348"], "12348-2022-")
               + batch(ConsultationChannel.ONLINE, ONLINE, "WEB-2022-") + batch(ConsultationChannel.LETTER, LETTERS, ""))
    records.sort(key=lambda r: r.consulted_on)
    services.consultations_import(records=records, by=None)


def _current(units, firms, rng) -> None:
    """Work around the day the demo is loaded: reviews running (one overdue), materials awaited, grants and notices
    waiting for assignment (one late), cases in hand, a refusal under objection, callbacks to make."""
    today = timezone.localdate()
    centre = units[CENTRE]
    staff = User.objects.filter(username="legalaid").first()
    leader = User.objects.filter(username="leader").first()
    eligible = {"method": "pledge", "household_size": 3, "household_monthly_income": Decimal("7200"),
                "property_within_limit": True, "pledge_signed": True}

    def apply(days_ago: int, matter_type=MatterType.CIVIL):
        return services.application_register(
            unit=centre, by=staff, name=_name(rng), received_on=today - timedelta(days=days_ago), channel="window",
            matter_type=matter_type, service_form=FORMS[matter_type], matter=rng.choice(MATTERS[matter_type]))

    def step(case, name, days_ago, **data):
        by = leader if WORKFLOW[name].permission == "legalaid.decide_objection" else staff
        WORKFLOW.run(case, name, by=by, on=today - timedelta(days=days_ago), data=data)

    for days_ago in (9, 5, 2, 0):  # under review: one overdue, some due soon
        apply(days_ago)
    c = apply(4)
    step(c, "check_hardship", 3, **{**eligible, "household_monthly_income": None})  # answers missing
    c = apply(6)
    step(c, "request_materials", 5, materials="劳动合同、工资流水、仲裁申请书")
    for days_ago, assigned in ((8, False), (3, False), (20, True), (40, True)):
        c = apply(days_ago + 1, rng.choice([MatterType.CIVIL, MatterType.NON_LITIGATION]))
        step(c, "check_hardship", days_ago, **eligible)
        step(c, "grant", days_ago, service_form=c.service_form)
        if assigned:
            step(c, "assign", days_ago - 1, law_firm=rng.choice(firms), lawyer=rng.choice(LAWYERS))
            step(c, "report_progress", days_ago - 5, stage="立案", note="已向人民法院递交起诉状，法院已立案。")
    c = apply(61)  # closed: the letter sent, reviewed and scored, the subsidy approved
    step(c, "check_hardship", 60, **eligible)
    step(c, "grant", 60, service_form=c.service_form)
    step(c, "assign", 59, law_firm=firms[0], lawyer=LAWYERS[0])
    step(c, "send_letter", 59, handling_organ="上海市普陀区人民法院")
    step(c, "close", 10, outcome="一审调解结案，已提交调解书副本和结案报告。")
    step(c, "review_closing", 5, opinion="结案材料齐全，办理规范。",
         scores={item["code"]: item["max"] - 1 for item in SHEET_ITEMS})
    step(c, "approve_subsidy", 2)
    c = apply(3)  # by rotation: the first lawyer declared a conflict with the opposing party, and is skipped
    c.opposing_party = "上海某某物业管理有限公司"
    c.save(update_fields=["opposing_party"])
    step(c, "check_hardship", 2, **eligible)
    step(c, "grant", 2, service_form=c.service_form)
    step(c, "assign_by_rotation", 1)
    c = apply(12)
    step(c, "refuse", 8, refusal_ground="not_hardship", refusal_reasons="申请人家庭人均可支配收入高于本市经济困难标准。")
    step(c, "object_to_refusal", 2, grounds="申请人认为收入计算有误。")
    for i, days_ago in enumerate((4, 1, 0)):  # notices: one late
        services.notification_register(
            unit=centre, by=staff, name=_name(rng), received_on=today - timedelta(days=days_ago),
            notifying_organ=NotifyingOrgan.COURT, notifying_unit=units.get("PT-FY"),
            notice_number=f"（{today.year}）沪0107刑初{9000 + i}号", mandatory_ground=rng.choice(["1", "4"]),
            matter=rng.choice(MATTERS[MatterType.CRIMINAL]))
    for days_ago in (4, 1, 0):  # callbacks to make: one overdue
        services.consultation_register(
            unit=centre, by=staff, consulted_on=today - timedelta(days=days_ago),
            channel=ConsultationChannel.CALL_12348, category=ConsultationCategory.LABOUR,
            question="公司拖欠两个月工资，如何维权？", answer="告知可申请劳动仲裁，并可申请法律援助。",
            referral=Referral.LEGAL_AID, callback_requested=True)


# The demo's scoring sheet and subsidy tariff (法律援助法 第五十二条、第五十九条). Example values, not Shanghai's
# current tariff: the district enters its own in the admin.
SHEET_ITEMS = [
    {"code": "1", "label": "指派后及时联系、会见受援人", "max": 15},
    {"code": "2", "label": "调查取证、阅卷及庭前准备", "max": 20},
    {"code": "3", "label": "法律文书质量（起诉状、代理词、辩护词等）", "max": 25},
    {"code": "4", "label": "庭审表现和办理结果", "max": 20},
    {"code": "5", "label": "结案材料齐全、归档及时", "max": 10},
    {"code": "6", "label": "受援人回访满意度", "max": 10},
]
RATES = {ServiceForm.CRIMINAL_DEFENCE: "1500", ServiceForm.CRIMINAL_REPRESENTATION: "1500",
         ServiceForm.LITIGATION: "2000", ServiceForm.NON_LITIGATION: "800", ServiceForm.LABOUR: "1200",
         ServiceForm.DRAFTING: "200", ServiceForm.OTHER: "500"}
EXAMPLE = "演示数值，非本市现行标准：请按省级司法行政部门会同财政部门制定的标准录入（《法律援助法》第五十二条）"


def district_data() -> None:
    """The sheet and the tariff in force from 2022 (kept if the district has entered its own)."""
    from .models import EvaluationSheet, SubsidyRate

    EvaluationSheet.objects.get_or_create(effective_from=START, defaults={
        "name": "法律援助案件质量评估评分表（演示）", "items": SHEET_ITEMS, "good_mark": 90, "pass_mark": 60,
        "fail_subsidy_percent": 0, "basis": "《法律援助法》第五十九条；" + EXAMPLE})
    for form, amount in RATES.items():
        SubsidyRate.objects.get_or_create(service_form=form, effective_from=START,
                                          defaults={"amount": Decimal(amount), "basis": EXAMPLE})


def _roster(centre, firms) -> None:
    """The roster: two lawyers of each firm, the first of the roster a duty lawyer at the district court, who
    declared a conflict with a property company (the rotation skips them for its cases)."""
    from .models import DeclaredConflict, RosterLawyer

    if RosterLawyer.objects.filter(unit=centre).exists():
        return
    rows = [RosterLawyer(unit=centre, name=name, law_firm=firms[i % len(firms)], position=i + 1,
                         matter_types=[MatterType.CRIMINAL] if i in (8, 9) else [],
                         duty_post="普陀区人民法院" if i == 0 else "看守所" if i == 1 else "")
            for i, name in enumerate(LAWYERS)]
    RosterLawyer.objects.bulk_create(rows)
    first = RosterLawyer.objects.get(unit=centre, name=LAWYERS[0])
    DeclaredConflict.objects.create(lawyer=first, party_name="上海某某物业管理有限公司", reason="曾担任该公司常年法律顾问",
                                    declared_on=START)


def _duty(units, rng) -> None:
    """The duty schedule around today (值班表): on each working day of the last two weeks and the next two, a
    roster lawyer at the centre's window morning and afternoon, one at a justice office for the day and one at the
    district court; the past duties recorded with the help given (one missed), the coming ones planned."""
    from sifa.core import calendar

    def is_working_day(day):
        try:
            return calendar.is_workday(day)
        except calendar.CalendarYearUnknown:
            return day.weekday() < 5

    from .models import DutyHelpKind, RosterLawyer

    centre = units[CENTRE]
    staff = User.objects.filter(username="legalaid").first()
    lawyers = list(RosterLawyer.objects.filter(unit=centre, active=True).order_by("position"))
    offices = [u for code, u in sorted(units.items()) if code.startswith("PT-SFS-")][:4]
    court = units.get("PT-FY")
    if not lawyers or not offices:
        return
    today = timezone.localdate()
    turn, missed = 0, False
    kinds = [DutyHelpKind.CONSULTATION] * 6 + [DutyHelpKind.APPLICATION, DutyHelpKind.DRAFTING,
                                                DutyHelpKind.PROCEDURE, DutyHelpKind.REFERRAL]
    categories = list(CATEGORY_WEIGHTS)
    weights = list(CATEGORY_WEIGHTS.values())
    for offset in range(-14, 15):
        day = today + timedelta(days=offset)
        if not is_working_day(day):
            continue
        plan = [(centre, "am"), (centre, "pm"), (offices[(offset + 14) % len(offices)], "day")]
        if court is not None:
            plan.append((court, "am"))
        for place, period in plan:
            lawyer = lawyers[turn % len(lawyers)]
            turn += 1
            shift = services.duty_schedule(unit=centre, by=staff, place=place, lawyer=lawyer, on=day, period=period)
            if day >= today:
                continue
            if not missed and offset < -7:
                services.duty_record(shift=shift, by=staff, served=False, note="因病请假，未能到岗")
                missed = True
                continue
            for _ in range(rng.randint(1, 4)):
                services.duty_help_add(shift=shift, by=staff, kind=rng.choice(kinds), persons=rng.choice((1, 1, 2)),
                                       category=rng.choices(categories, weights)[0])
