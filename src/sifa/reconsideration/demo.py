"""The reconsideration line of the demo district, written through the services with the legal dates of 2022.

For 2022-01-01 to 2022-10-31 the line's metrics reproduce the seed report exactly: 302 applications received
= 35 resolved before acceptance + 252 accepted + 15 not accepted; 242 cases concluded, of which 60 carried
over from 2021; 124 by mediation; 13 direct corrections; dispute-resolution rate 51.2%; 97 hearings and
interviews. The rest of 2022's cases conclude in the winter; a slice of current work (November 2026) gives
the handlers applications under review, clocks due soon and a few overdue. Names are fictitious.

Every case with more than plain steps (a correction, a hearing or interview, the committee, a suspension, an
extension, a deemed acceptance), one in four of the plain older ones and all current work go step by step
through the services, with their documents, clocks and audit trail; the other plain 2021–2022 cases (about
140) go through `applications_import`, the batch writer, as an office's earlier records would, in the order
of receipt so that case numbers follow it.
Deterministic (a seeded random generator) and idempotent (skipped when the line has data).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from sifa.core import calendar as cal
from sifa.core import clocks as core_clocks
from sifa.core.loading import one_transaction
from sifa.core.models import PartyKind, User
from sifa.core.validators import id_number_check_digit, uscc_check_char
from sifa.reconsideration import services
from sifa.reconsideration.models import (
    Application,
    Channel,
    CommitteeMember,
    Outcome,
    ReviewOutcome,
    SubjectArea,
)

SEED = 2022
PERIOD_END = date(2022, 10, 31)

# respondent code → (weight, [(act kind, subject area, description, request)])
RESPONDENTS = {
    "PT-GAFJ-JJ": (30, [("penalty", "traffic", "交通违法行为罚款{n}元、记{p}分的行政处罚决定", "撤销该行政处罚决定"),
                        ("coercion", "traffic", "扣留机动车的行政强制措施", "确认该强制措施违法")]),
    "PT-GAFJ": (14, [("penalty", "public_order", "治安管理处罚决定（罚款{n}元）", "撤销该治安管理处罚决定"),
                     ("complaint", "public_order", "对报警求助未依法处理", "责令被申请人依法履行职责")]),
    "PT-FGJ": (15, [("information", "information", "政府信息公开申请答复", "责令被申请人重新答复"),
                    ("expropriation", "expropriation", "房屋征收补偿决定", "撤销该征收补偿决定"),
                    ("nonperformance", "housing", "未对物业违规行为进行查处", "责令被申请人履行监管职责")]),
    "PT-SCJG": (12, [("complaint", "market", "投诉举报不予立案告知", "撤销告知并责令重新处理"),
                     ("penalty", "food_drug", "食品安全行政处罚决定（罚款{n}元）", "撤销该行政处罚决定")]),
    "PT-CGZF": (12, [("penalty", "illegal_building", "责令限期拆除违法建筑决定", "撤销该限期拆除决定"),
                     ("penalty", "urban", "占道经营罚款{n}元的行政处罚决定", "撤销该行政处罚决定")]),
    "PT-GHZYJ": (8, [("licensing", "planning", "建设工程规划许可", "撤销该规划许可"),
                     ("information", "information", "规划信息公开答复", "责令被申请人重新答复")]),
    "PT-RSJ": (5, [("confirmation", "labour", "工伤认定决定", "撤销该工伤认定决定")]),
    "PT-STHJ": (2, [("penalty", "environment", "环境违法行为罚款{n}元的处罚决定", "撤销该行政处罚决定")]),
    "PT-JYJ": (1, [("other", "education", "教育行政管理行为", "确认该行为违法")]),
    "PT-WJW": (1, [("penalty", "health", "卫生行政处罚决定", "撤销该行政处罚决定")]),
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程苏魏吕丁沈任姚卢"
GIVEN = "建国立华志强秀英丽娟海燕明杰文静晓东春梅玉兰国庆家豪子涵思远雨欣浩然婷婷伟民德明美玲红霞金宝永康佳怡天宇俊杰"
COMPANIES = ["上海同济餐饮管理有限公司", "上海长寿贸易有限公司", "上海曹杨物业管理有限公司", "上海真如建材有限公司",
             "上海桃浦物流有限公司", "上海长风网络科技有限公司", "上海宜川便利店有限公司", "上海甘泉汽车服务有限公司"]
MONTHS_2022 = {1: 30, 2: 25, 3: 28, 4: 12, 5: 14, 6: 30, 7: 38, 8: 40, 9: 42, 10: 43}  # Shanghai's April-May lull
COMMITTEE = [("沈德明", "区政府办公室", "official"), ("方志远", "华东政法大学", "expert"), ("陆佳怡", "上海大学法学院", "expert"),
             ("钱永康", "区人大代表", "deputy"), ("姚春梅", "区政协委员", "cppcc"), ("顾文静", "博和汉商律师事务所", "lawyer"),
             ("严国庆", "市城管执法局", "official"), ("黎晓东", "市公安局法制总队", "official"), ("邹思远", "区司法局公职律师", "lawyer")]
MEETINGS_2022 = [(date(2022, 3, 24), "第四届行政复议委员会第一次案件审议会议", True),
                 (date(2022, 6, 23), "第四届行政复议委员会第二次案件审议会议", False),
                 (date(2022, 7, 28), "第四届行政复议委员会第三次案件审议会议", False),
                 (date(2022, 9, 22), "第四届行政复议委员会第四次案件审议会议", False),
                 (date(2022, 10, 27), "第四届行政复议委员会第五次案件审议会议", False)]

# How the 242 cases concluded in the period end (the seed: 124 mediated, 13 direct corrections).
OUTCOMES_IN_PERIOD = (["mediation"] * 70 + ["mediated_withdrawal"] * 54 + ["CX"] * 6 + ["QRWF"] * 3 + ["BG"] * 2
                      + ["ZLLX"] * 2 + ["WC"] * 75 + ["BH"] * 8 + ["BHSQ"] * 4 + ["settlement"] * 4
                      + ["withdrawal"] * 12 + ["death"] * 1 + ["criminal"] * 1)
OUTCOMES_LATER = ["mediation"] * 30 + ["WC"] * 30 + ["CX"] * 3 + ["withdrawal"] * 7
HEARINGS_IN_PERIOD = 97
NOT_ACCEPTED_REASONS = ["申请超过法定申请期限。", "申请人与被申请复议的行政行为没有利害关系。", "该行为不属于行政复议范围。"]
IMPORTED_OUTCOMES = {"mediation": Outcome.MEDIATION, "mediated_withdrawal": Outcome.MEDIATED_WITHDRAWAL,
                     "settlement": Outcome.SETTLEMENT, "withdrawal": Outcome.WITHDRAWAL,
                     "death": Outcome.TERMINATION, "criminal": Outcome.TERMINATION}
# Of the older applications whose steps are plain (no correction, hearing, committee, suspension, extension or
# deemed acceptance), one in SAMPLE goes through every service; the others are imported with their histories.
SAMPLE = 4


@dataclass
class Plan:
    received_on: date
    review: str = "accept"  # accept | deemed | not_accept | resolve
    correction: bool = False
    outcome: str = ""
    conclude_on: date | None = None
    hearings: list = field(default_factory=list)  # [("hearing"|"interview", date)]
    committee: object = None
    suspend_for_mediation: bool = False

    @property
    def plain(self) -> bool:
        """Its figures need no step an import cannot write: it may be imported rather than built step by step."""
        return not (self.review == "deemed" or self.correction or self.hearings or self.committee
                    or self.suspend_for_mediation
                    or (self.conclude_on and (self.conclude_on - self.received_on).days > 55))


class Builder:
    def __init__(self, units, rng: random.Random):
        self.units, self.rng = units, rng
        self.office = units["PT-SFJ-FY"]
        self.users = {u.username: u for u in User.objects.filter(username__in=["handler", "handler2", "fuyi_head",
                                                                               "yingsu"])}
        self.areas = {a.code: a for a in SubjectArea.objects.all()}
        self.serial = 0

    # --- people ----------------------------------------------------------------------------------------
    def person(self):
        r = self.rng
        self.serial += 1
        birth = date(1950, 1, 1) + timedelta(days=r.randrange(0, 365 * 50))
        first17 = f"310107{birth:%Y%m%d}{r.randrange(0, 1000):03d}"
        return services.PartyData(
            name=r.choice(SURNAMES) + r.choice(GIVEN) + (r.choice(GIVEN) if r.random() < 0.6 else ""),
            id_number=first17 + id_number_check_digit(first17), phone=f"139{r.randrange(0, 10**8):08d}",
            address=f"上海市普陀区{r.choice(['长寿路', '曹杨路', '真北路', '武宁路', '中山北路', '金沙江路'])}{r.randrange(1, 999)}号")

    def company(self):
        r = self.rng
        body = "91310107" + "".join(r.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
        return services.PartyData(name=r.choice(COMPANIES), kind=PartyKind.ORGANISATION,
                                  credit_code=body + uscc_check_char(body), legal_representative=self.person().name)

    def handler(self):
        return self.users[self.rng.choices(["handler", "handler2", "fuyi_head"], weights=[45, 45, 10])[0]]

    # --- dates --------------------------------------------------------------------------------------------
    @staticmethod
    def wd(d: date, n: int) -> date:
        return cal.add_working_days(d, n)

    # --- one application through its whole life ----------------------------------------------------------
    def act(self, received_on: date) -> tuple[dict, str]:
        """What an application challenges (respondent, act, request, amount), drawn for one received on the
        day; and the kind of act."""
        r = self.rng
        code = r.choices(list(RESPONDENTS), weights=[w for w, _ in RESPONDENTS.values()])[0]
        kind, area, text, request = r.choice(RESPONDENTS[code][1])
        amount = r.choice([200, 500, 1000, 2000, 5000, 20000])
        return dict(unit=self.office, respondent=self.units[code], act_description=text.format(
            n=amount, p=r.choice([3, 6, 12])), request=request, act_kind=kind, subject_area=self.areas.get(area),
            received_on=received_on, amount=amount if "{n}" in text else None), kind

    def channel(self):
        return self.rng.choices([Channel.COUNTER, Channel.POST, Channel.ONLINE], weights=[50, 20, 30])[0]

    def register(self, received_on: date, *, channel=None, handler=None):
        r = self.rng
        act, kind = self.act(received_on)
        applicant = self.company() if kind in ("complaint", "licensing") and r.random() < 0.3 else self.person()
        return services.application_register(
            **act, applicants=[applicant], by=handler or self.handler(), channel=channel or self.channel(),
            act_date=received_on - timedelta(days=r.randrange(5, 50)),
            reasons="申请人认为该行政行为认定事实不清、适用依据错误。", handler=handler or self.handler())

    # --- an older application as an import of its history (no documents, hearings or steps in between) -------
    def record(self, plan: Plan) -> services.ApplicationRecord:
        r, on = self.rng, plan.received_on
        act, _kind = self.act(on)
        rec = services.ApplicationRecord(**act, applicants=[self.person().name], channel=self.channel(),
                                         act_date=on - timedelta(days=r.randrange(5, 50)), handler=self.handler())
        if plan.review == "resolve":
            rec.review_outcome, rec.review_ended_on = ReviewOutcome.PRE_ACCEPTANCE_RESOLVED, self.wd(on, r.randint(1, 3))
            return rec
        if plan.review == "not_accept":
            rec.review_outcome, rec.review_ended_on = ReviewOutcome.NOT_ACCEPTED, self.wd(on, r.randint(1, 4))
            rec.not_accepted_reason = r.choice(NOT_ACCEPTED_REASONS)
            return rec
        rec.review_outcome, rec.review_ended_on = ReviewOutcome.ACCEPTED, self.wd(on, r.randint(1, 4))
        rec.outcome, rec.concluded_on = IMPORTED_OUTCOMES.get(plan.outcome, Outcome.DECISION), plan.conclude_on
        if rec.outcome == Outcome.DECISION:
            rec.decision_type = plan.outcome
            rec.served_on = plan.conclude_on + timedelta(days=r.randint(2, 6))
        return rec

    def run(self, plan: Plan, meetings) -> Application:
        r = self.rng
        app = self.register(plan.received_on)
        by = app.handler
        on = plan.received_on
        if plan.correction:
            services.application_request_correction(application=app, items="请补充提交行政行为决定书复印件及身份证明。",
                                                    by=by, on=self.wd(on, 1))
            on = self.wd(on, r.randint(3, 6))
            services.application_receive_correction(application=app, by=by, on=on)
        if plan.review == "resolve":
            services.application_resolve_before_acceptance(
                application=app, method=r.choice(["coordination", "explanation", "respondent_corrected"]),
                note="经与被申请人沟通协调，申请人撤回申请。", by=by, on=self.wd(on, r.randint(1, 3)))
            return app
        if plan.review == "not_accept":
            services.application_not_accept(application=app, reasons=r.choice(NOT_ACCEPTED_REASONS),
                                            by=by, on=self.wd(on, r.randint(1, 4)))
            return app
        if plan.review == "deemed":
            services.reconsideration_deem_accepted_due(on=self.wd(on, 7))
            app.refresh_from_db()
            accepted = app.accepted_on
        else:
            accepted = self.wd(on, r.randint(1, 4))
            services.application_accept(application=app, by=by, on=accepted)
        if plan.outcome == "":
            return app
        self.proceed(app, plan, accepted, meetings)
        return app

    def proceed(self, app: Application, plan: Plan, accepted: date, meetings) -> None:
        r, by = self.rng, app.handler
        end = plan.conclude_on
        copy_on = self.wd(accepted, r.randint(1, 4))
        if copy_on < end and (end > PERIOD_END or r.random() < 0.25):  # a sample: the demo must load fast
            services.application_send_copy(application=app, by=by, on=copy_on)
            answer_on = copy_on + timedelta(days=r.randint(5, 9))
            if answer_on < end:
                services.application_record_answer(application=app, by=by, on=answer_on)
        if (end - accepted).days > 60:
            services.application_extend_decision(application=app, days=30, reason="案情复杂，需进一步调查核实。",
                                                 by=self.users["fuyi_head"], on=accepted + timedelta(days=55))
        for kind, day in sorted(plan.hearings, key=lambda h: h[1]):
            notice = max(accepted, day - timedelta(days=14))
            if kind == "hearing" and self.wd(notice, 5) <= day:
                h = services.hearing_schedule(
                    application=app, scheduled_for=day, presiding=self.users["fuyi_head"],
                    officers=[self.users["handler"], self.users["handler2"]], clerk=self.users["yingsu"],
                    place="区行政复议听证室", matters="被申请行政行为的事实认定和程序", by=by, on=notice)
                services.hearing_record(application=app, hearing=h, held_on=day, by=by,
                                        participants="申请人、被申请人代理人、第三人",
                                        record="双方围绕争议焦点陈述意见并质证。", respondent_head_attended=r.random() < 0.8)
            else:
                services.hearing_record(application=app, kind="interview", held_on=day, by=by,
                                        participants="申请人、被申请人工作人员", record="听取当事人意见。")
        if plan.committee is not None:
            services.committee_refer(application=app, meeting=plan.committee, reason="案情重大复杂，提请委员会审议",
                                     by=by)
        o = plan.outcome
        if plan.suspend_for_mediation:
            services.application_suspend(application=app, ground="6", reason="双方同意中止以进行调解", by=by,
                                         on=end - timedelta(days=r.randint(5, 12)))
        if o == "mediation":
            services.application_mediate(application=app, terms="被申请人重新核定处理结果；\n申请人接受调解。", by=by, on=end)
        elif o in ("mediated_withdrawal", "settlement", "withdrawal"):
            services.application_withdraw(application=app, by=by, on=end, after_mediation=o == "mediated_withdrawal",
                                          settled=o == "settlement", note="申请人自愿撤回行政复议申请。")
        elif o == "death":
            services.application_terminate(application=app, ground="2", note="申请人死亡，近亲属放弃行政复议权利。",
                                           by=by, on=end)
        elif o == "criminal":
            services.application_terminate(application=app, ground="4", note="申请人因同一违法行为被采取刑事强制措施。",
                                           by=by, on=end)
        else:
            services.application_decide(application=app, decision_type=o, reasons="经审查，" + {
                "WC": "被申请人认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。",
                "BH": "被申请人已经履行法定职责。", "BHSQ": "申请人的申请不符合受理条件。"}.get(
                o, "被申请人认定事实不清，证据不足。"), by=by, on=end)
            services.application_serve(application=app, method=r.choice(["直接送达", "邮寄送达"]), by=by,
                                       on=end + timedelta(days=r.randint(2, 6)))


def _pick_days(rng, start: date, end: date, n: int) -> list[date]:
    span = (end - start).days
    return [start + timedelta(days=rng.randint(0, span)) for _ in range(n)]


def _workday_between(rng, first: date, last: date) -> date | None:
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    days = [d for d in days if cal.is_workday(d)]
    return rng.choice(days) if days else None


def plans_2022(rng: random.Random, meetings) -> tuple[list[Plan], list[Plan]]:
    """(the 60 cases accepted in 2021 and open on 2022-01-01, the 302 applications of 2022-01..10)."""
    carried = []
    for _ in range(60):
        received = _workday_between(rng, date(2021, 11, 8), date(2021, 12, 20))
        carried.append(Plan(received_on=received))
    carried.sort(key=lambda p: p.received_on)
    received_2022 = []
    for month, n in MONTHS_2022.items():
        last = date(2022, month, 28 if month != 10 else 24)
        for d in _pick_days(rng, date(2022, month, 1), last, n):
            received_2022.append(Plan(received_on=cal.next_workday(d)))
    received_2022.sort(key=lambda p: p.received_on)
    reviews = ["resolve"] * 35 + ["not_accept"] * 15 + ["deemed"] * 4 + ["accept"] * 248
    rng.shuffle(reviews)
    for p, review in zip(received_2022, reviews, strict=True):
        p.review = review
        p.correction = review != "deemed" and rng.random() < 0.08
    accepted = [p for p in received_2022 if p.review in ("accept", "deemed")]
    # the latest 70 accepted conclude after the period; all others, and the 60 carried over, within it
    in_period = carried + accepted[:-70]
    outcomes = list(OUTCOMES_IN_PERIOD)
    rng.shuffle(outcomes)
    for p, o in zip(in_period, outcomes, strict=True):
        p.outcome = o
        start = max(p.received_on + timedelta(days=10), date(2022, 1, 4) if p.received_on.year == 2021 else p.received_on)
        p.conclude_on = cal.next_workday(min(start + timedelta(days=rng.randint(20, 45)), date(2022, 10, 28)))
        if p.received_on.year == 2021:
            p.conclude_on = cal.next_workday(max(date(2022, 1, 4), p.received_on + timedelta(days=rng.randint(30, 55))))
    for p, o in zip(accepted[-70:], OUTCOMES_LATER * 2, strict=False):
        p.outcome = o
        p.conclude_on = cal.next_workday(max(date(2022, 11, 2), p.received_on + timedelta(days=rng.randint(40, 70))))
    # 97 hearings and interviews held in the period, in cases with room for them
    roomy = [p for p in in_period if (p.conclude_on - p.received_on).days >= 25]
    rng.shuffle(roomy)
    held = 0
    for p in roomy:
        if held >= HEARINGS_IN_PERIOD:
            break
        latest = min(p.conclude_on - timedelta(days=6), PERIOD_END)
        earliest = max(p.received_on + timedelta(days=28), date(2022, 1, 4))
        if earliest >= latest:
            continue
        kind = "hearing" if rng.random() < 0.3 else "interview"
        day = _workday_between(rng, earliest, latest)
        if day is None:
            continue
        p.hearings.append((kind, day))
        held += 1
    assert held == HEARINGS_IN_PERIOD, held
    for p in in_period:
        if p.outcome == "mediation" and (p.conclude_on - p.received_on).days > 30 and not p.hearings \
                and rng.random() < 0.15:
            p.suspend_for_mediation = True
        if p.outcome in ("WC", "CX", "QRWF", "BG", "ZLLX") and rng.random() < 0.12:
            window = [m for m in meetings if p.received_on + timedelta(days=12) < m.held_on < p.conclude_on]
            if window:
                p.committee = window[0]
    return carried, received_2022


def current_work(b: Builder) -> None:
    """November 2026: applications under review, accepted cases at various steps, clocks due soon and overdue."""
    u = b.users
    for day in (date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 26)):
        b.register(day, channel=Channel.ONLINE if day.day == 25 else Channel.COUNTER, handler=u["handler"])
    c = b.register(date(2026, 11, 18), handler=u["handler2"])
    services.application_request_correction(application=c, items="请补充提交被申请复议的行政处罚决定书。",
                                            by=u["handler2"], on=date(2026, 11, 19))
    lapsed = b.register(date(2026, 11, 13), handler=u["handler"])
    services.reconsideration_deem_accepted_due(on=date(2026, 11, 23))
    lapsed.refresh_from_db()
    for accepted, who, steps in [
        (date(2026, 9, 22), "handler", "answered"),  # decision period ended 11-23: overdue
        (date(2026, 9, 29), "handler2", "heard"),  # due 11-30: due soon
        (date(2026, 9, 30), "handler", "answered"),  # due 11-30: due soon
        (date(2026, 10, 9), "handler2", "answered"),
        (date(2026, 10, 16), "handler", "inspection"),
        (date(2026, 10, 23), "handler2", "suspended"),
        (date(2026, 11, 2), "handler", "hearing_scheduled"),
        (date(2026, 11, 16), "handler2", "accepted"),  # copy to the respondent overdue since 11-25
        (date(2026, 11, 20), "handler", "copy_sent"),  # answer due soon
    ]:
        app = b.register(accepted - timedelta(days=3), handler=u[who])
        services.application_accept(application=app, by=app.handler, on=accepted)
        if steps == "accepted":
            continue
        services.application_send_copy(application=app, by=app.handler, on=b.wd(accepted, 2))
        if steps == "copy_sent":
            continue
        services.application_record_answer(application=app, by=app.handler, on=b.wd(accepted, 9))
        if steps == "heard":
            services.hearing_record(application=app, kind="interview", held_on=b.wd(accepted, 15), by=app.handler,
                                    participants="申请人、被申请人", record="听取当事人意见。")
        elif steps == "inspection":
            services.investigation_start(application=app, kind="inspection", purpose="现场勘验涉案建筑",
                                         by=app.handler, on=date(2026, 11, 24))
        elif steps == "suspended":
            services.application_suspend(application=app, ground="8", reason="本案需以法院正在审理的民事案件结果为依据",
                                         by=app.handler, on=date(2026, 11, 10))
        elif steps == "hearing_scheduled":
            services.hearing_schedule(application=app, scheduled_for=date(2026, 12, 3), presiding=u["fuyi_head"],
                                      officers=[u["handler"], u["handler2"]], clerk=u["yingsu"], place="区行政复议听证室",
                                      matters="违法建筑的认定", by=app.handler, on=date(2026, 11, 25))


def _import(records: list) -> None:
    """Import the records gathered since the last application built step by step (case numbers follow the
    order of receipt), and start gathering again."""
    if records:
        services.applications_import(records=records, by=None)
        records.clear()


def _committee(units) -> list:
    members = []
    for name, affiliation, kind in COMMITTEE:
        m, _ = CommitteeMember.objects.get_or_create(name=name, defaults={"affiliation": affiliation, "kind": kind})
        members.append(m)
    head = User.objects.get(username="fuyi_head")
    meetings = [services.committee_meeting_create(unit=units["PT-SFJ-FY"], title=title, held_on=day, by=head)
                for day, title, _ in MEETINGS_2022]
    return members, meetings


def load(units, stdout) -> None:
    if Application.objects.filter(received_on__year=2022).exists():
        stdout.write("  reconsideration: already loaded")
        return
    # The current work's clocks run into 2027: its (provisional) holidays are loaded before the lines' demos
    # (the demo district loads them with its units).
    rng = random.Random(SEED)
    with one_transaction():
        members, meetings = _committee(units)
        b = Builder(units, rng)
        carried, received = plans_2022(rng, meetings)
        imported, plain = [], 0
        for plan in carried + received:
            if plan.plain and plain % SAMPLE:
                imported.append(b.record(plan))
            else:
                _import(imported)
                b.run(plan, meetings)
            plain += plan.plain
        _import(imported)
        head = User.objects.get(username="fuyi_head")
        for meeting, (_, _, district_head) in zip(meetings, MEETINGS_2022, strict=True):
            opinions = {rv.pk: "委员会多数意见：" + rng.choice(["建议维持", "建议撤销并责令重作", "建议加强调解"])
                        for rv in meeting.reviews.all()}
            services.committee_meeting_record(meeting=meeting, by=head, members=rng.sample(members, 7),
                                              district_head_attended=district_head,
                                              notes="行政机关负责人到会接受质询。", opinions=opinions)
        current_work(b)
        core_clocks.sweep()
    stdout.write(f"  reconsideration: {Application.objects.count()} applications")
