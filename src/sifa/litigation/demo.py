"""The litigation line's demo: 2021–2022 suits that reproduce the seed's figures for 2022-01-01..10-31, and a
slice of current work around today (late November 2026). Everything goes through the services, in date
order (each step is an event run on its legal date). Deterministic (one seeded RNG), idempotent.

Seed (2022-01-01..10-31): 以区政府为被告的行政诉讼 87 件; 法院审结涉区政府行政诉讼 139 件, 零败诉;
以区政府为被申请人的行政复议 4 件, 无一件被纠错; 开庭 52 次, 负责人出庭 52 人次, 出庭率 100%.

How the figures arise (against the district government unless noted):
- 70 first-instance suits received in 2021: 8 decided in 2021 and appealed (their 8 appeals conclude in
  2022); 62 concluded in the window (24 judgments after a hearing in the window), 9 of them appealed.
- 87 received in the window: 72 first instance (55 concluded in the window, 18 of them judgments heard in the
  window, 4 appealed; 17 concluded from November), 13 appeals (all concluded in the window, 2 heard), 2 retrial
  applications against final appeal decisions (1 concluded in the window).
- Concluded in the window: 62 + 8 + 55 + 13 + 1 = 139; no outcome counts as a loss.
- 12 suits against agencies alone (not counted as suits against the government), 8 heard in the window:
  hearings 24 + 18 + 2 + 8 = 52, each with a deputy head or leader in charge present.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.utils import translation

from sifa.core import calendar as cal
from sifa.core import clocks
from sifa.core.clocks import compute_due, rule_for
from sifa.core.loading import one_transaction
from sifa.core.models import Unit, User
from sifa.core.models.org import UnitKind
from sifa.litigation import services
from sifa.litigation.clocks import APPEAL_JUDGMENT, APPEAL_RULING
from sifa.litigation.models import (
    AbsenceReason,
    ActKind,
    Coordination,
    Decision,
    HeadRank,
    Instance,
    OutcomeType,
    SuggestionKind,
    Suit,
)

WINDOW = (date(2022, 1, 1), date(2022, 10, 31))
TODAY = date(2026, 11, 28)


# agency code, weight, kinds of act, challenged-act templates
AGENCIES = [
    ("PT-FGJ", 30, [ActKind.EXPROPRIATION, ActKind.INFORMATION, ActKind.COMPENSATION],
     ["沪普房征补〔{y}〕{n}号房屋征收补偿决定", "政府信息公开申请答复（普房信公〔{y}〕{n}号）", "旧区改造房屋征收补偿协议"]),
    ("PT-GHZYJ", 15, [ActKind.LICENCE, ActKind.INFORMATION],
     ["普规资许〔{y}〕{n}号建设工程规划许可", "政府信息公开申请答复（普规资信〔{y}〕{n}号）"]),
    ("PT-CGZF", 12, [ActKind.PENALTY, ActKind.COMPULSION],
     ["第2{y}0{n}号行政处罚决定书", "责令限期拆除违法建筑决定（普城管拆〔{y}〕{n}号）"]),
    ("PT-GAFJ", 8, [ActKind.PENALTY, ActKind.INACTION], ["沪公（普）行罚决字〔{y}〕{n}号行政处罚决定", "报警处理不作为"]),
    ("PT-SCJG", 8, [ActKind.INACTION, ActKind.PENALTY], ["投诉举报处理告知（普市监投〔{y}〕{n}号）", "普市监案处字〔{y}〕第{n}号行政处罚决定"]),
    ("PT-JDB-CSL", 4, [ActKind.COMPULSION, ActKind.INFORMATION], ["违法建筑强制拆除行为", "政府信息公开申请答复"]),
    ("PT-JDB-CYXC", 3, [ActKind.COMPULSION], ["违法建筑强制拆除行为"]),
    ("PT-JDB-ZRZ", 3, [ActKind.COMPULSION, ActKind.PETITION], ["违法建筑强制拆除行为", "信访事项处理意见"]),
    ("PT-JDB-TPZ", 2, [ActKind.EXPROPRIATION], ["集体土地房屋征收补偿安置行为"]),
    ("PT-RSJ", 5, [ActKind.CONFIRMATION], ["普人社认（{y}）字第{n}号工伤认定决定"]),
    ("PT-MZJ", 4, [ActKind.CONFIRMATION], ["婚姻登记行为", "最低生活保障审核确认"]),
    ("PT-STHJ", 3, [ActKind.PENALTY], ["普环罚〔{y}〕{n}号行政处罚决定"]),
    ("PT-WJW", 3, [ActKind.PENALTY], ["普卫医罚〔{y}〕{n}号行政处罚决定"]),
]
GOV_ACTS = [(ActKind.EXPROPRIATION, "普府征〔{y}〕{n}号房屋征收决定"),
            (ActKind.INFORMATION, "政府信息公开申请答复（普府信公〔{y}〕{n}号）"),
            (ActKind.PETITION, "信访事项复查意见"), (ActKind.INACTION, "履行法定职责申请未予答复"),
            (ActKind.COMPULSION, "责令交出土地决定的强制执行申请")]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "立群建华志强秀英海燕国平雪梅伟东晓红文斌丽娟永康春燕德明玉兰卫国美玲家豪晨曦子涵思远俊杰凤英金宝桂芳振宇"
COMPANIES = ["上海普新物业管理有限公司", "上海沪西置业发展有限公司", "上海长风餐饮管理有限公司", "上海曹杨商贸有限公司",
             "上海真如建材经营部", "上海桃浦仓储有限公司"]

GOV_HEADS = [("周文涛", "区人民政府副区长"), ("沈嘉明", "区人民政府副区长"), ("林慧", "区人民政府副区长")]
AGENCY_HEAD_POSTS = [("副局长", HeadRank.DEPUTY), ("党组成员、副局长", HeadRank.DEPUTY_RANK_IN_CHARGE),
                     ("局长", HeadRank.PRINCIPAL)]
STREET_HEAD_POSTS = [("副主任", HeadRank.DEPUTY), ("副镇长", HeadRank.DEPUTY)]
DEFENCES = [
    "被诉行政行为认定事实清楚，证据确凿。",
    "被诉行政行为适用法律、法规正确，符合法定程序。",
    "原告的诉讼请求缺乏事实和法律依据，依法应予驳回。",
]


@dataclass
class Plan:
    """One suit's life, as dated steps; `suit` is filled when the register step runs."""

    key: str
    tier: str = Instance.FIRST
    received: date | None = None
    court: str = "SH-TLFY"
    gov: bool = True
    via_reconsideration: bool = False
    agency: str = "PT-FGJ"
    outcome: str = "reject_claims"
    decided: date | None = None
    hearing: date | None = None
    summons_days: int = 7
    appealed: bool = False
    previous: Plan | None = None
    answer_days: int = 10
    coordination: bool = False
    suit: Suit | None = None
    steps: list = field(default_factory=list)


class Loader:
    def __init__(self, units: dict[str, Unit], stdout):
        self.units, self.stdout = units, stdout
        self.rng = random.Random(20221031)
        self.by = User.objects.get(username="yingsu")
        self.unit = units["PT-SFJ-YS"]
        self.outcomes = {o.code: o for o in OutcomeType.objects.all()}
        self.events: list[tuple[date, int, Callable]] = []
        self.seq = 0
        self.case_numbers: dict[tuple[str, int, str], int] = {}
        self.names_used: set[str] = set()

    # --- helpers -------------------------------------------------------------------------------
    def work(self, d: date) -> date:
        """The next working day (courts and offices act on working days); steps after today never run."""
        return d if d > TODAY else cal.next_workday(d)

    def between(self, start: date, end: date) -> date:
        return self.work(start + timedelta(days=self.rng.randint(0, max(0, (end - start).days))))

    def at(self, when: date, fn: Callable) -> None:
        """Run `fn` on its legal date, after everything dated earlier; nothing is recorded ahead of today."""
        if when > TODAY:
            return
        self.seq += 1
        heapq.heappush(self.events, (when, self.seq, fn))

    def court_number(self, court: str, year: int, tier: str) -> str:
        word = {Instance.FIRST: "行初", Instance.APPEAL: "行终", Instance.RETRIAL: "行申"}[tier]
        prefix = {"SH-TLFY": "沪7101", "PT-FY": "沪0107", "SH-SZY": "沪03", "SH-GY": "沪"}[court]
        k = (court, year, tier)
        self.case_numbers[k] = self.case_numbers.get(k, 0) + self.rng.randint(3, 40)
        return f"（{year}）{prefix}{word}{self.case_numbers[k]}号"

    def person(self) -> dict:
        while True:
            name = self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, 2))
            if name not in self.names_used:
                self.names_used.add(name)
                return {"name": name, "kind": "person"}

    def plaintiffs(self) -> list[dict]:
        if self.rng.random() < 0.12:
            return [{"name": self.rng.choice(COMPANIES), "kind": "organisation"}]
        return [self.person() for _ in range(1 if self.rng.random() < 0.8 else 2)]

    def head(self, plan: Plan) -> tuple[str, str, str, Unit]:
        """Who appears: a deputy district head for the government, a deputy head for an agency."""
        suit = plan.suit
        if suit.defendant.kind == UnitKind.DISTRICT_GOVERNMENT:
            name, post = self.rng.choice(GOV_HEADS)
            return name, post, HeadRank.DEPUTY, suit.defendant
        agency = suit.defendant
        posts = STREET_HEAD_POSTS if agency.code.startswith("PT-JDB") else AGENCY_HEAD_POSTS
        post, rank = self.rng.choice(posts)
        return self.person()["name"], f"{agency.short_name or agency.name}{post}", rank, agency

    # --- building the steps of a plan ---------------------------------------------------------
    def schedule(self, plan: Plan) -> None:
        self.at(plan.received, lambda: self.register(plan))
        answered = self.work(plan.received + timedelta(days=plan.answer_days))
        if not plan.decided or answered < plan.decided:
            self.at(answered, lambda: services.suit_answer(
                suit=plan.suit, by=self.by, on=answered, defence="\n".join(self.rng.sample(DEFENCES, 2)),
                evidence="证据清单一份；所依据的规范性文件目录一份。"))
        if plan.coordination:
            on = self.work(plan.received + timedelta(days=plan.answer_days + 7))
            self.at(on, lambda: services.coordination_record(
                suit=plan.suit, by=self.by, on=on, participants="法院承办法官、原告、承办单位、区司法局",
                content="组织协调会，释法明理，就补偿安置问题达成一致意见。", result=Coordination.Result.RESOLVED))
        if plan.hearing:
            self.at(plan.hearing, lambda: self.hear(plan))
        if plan.decided:
            self.at(plan.decided, lambda: self.decide(plan))

    def register(self, plan: Plan) -> None:
        prev = plan.previous.suit if plan.previous else None
        if prev is not None:
            defendant, co, agency = prev.defendant, list(prev.co_defendants.all()), prev.agency
            act_kind, act, plaintiffs = prev.act_kind, prev.challenged_act, list(prev.plaintiffs.all())
            new, via, note = [], prev.via_reconsideration, prev.reconsideration_note
        else:
            spec = next(a for a in AGENCIES if a[0] == plan.agency)
            agency = self.units[plan.agency]
            y, n = plan.received.year, self.rng.randint(3, 180)
            if plan.gov and not plan.via_reconsideration:
                defendant, co = self.units["PT"], []
                act_kind, template = self.rng.choice(GOV_ACTS)
            else:
                defendant = agency
                co = [self.units["PT"]] if plan.gov else []
                act_kind, template = self.rng.choice(spec[2]), self.rng.choice(spec[3])
            act = template.format(y=y - self.rng.randint(0, 1), n=n)
            if plan.outcome == "mediated":
                act_kind = ActKind.COMPENSATION
            plaintiffs, new = [], self.plaintiffs()
            via = plan.via_reconsideration
            note = "普陀区人民政府作出行政复议决定，维持原行政行为" if via else ""
        plan.suit = services.suit_register(
            by=self.by, unit=self.unit, court=self.units[plan.court],
            court_case_number=self.court_number(plan.court, plan.received.year, plan.tier), defendant=defendant,
            co_defendants=co, agency=agency, challenged_act=act, act_kind=act_kind, plaintiffs=plaintiffs,
            new_plaintiffs=new, tier=plan.tier, previous=prev, via_reconsideration=via, reconsideration_note=note,
            claims="请求撤销被诉行政行为。" if plan.tier == Instance.FIRST else "请求撤销原判，依法改判。",
            filed_on=plan.received - timedelta(days=self.rng.randint(2, 5)), on=plan.received)

    def hear(self, plan: Plan) -> None:
        name, post, rank, agency = self.head(plan)
        services.hearing_record(
            suit=plan.suit, by=self.by, on=plan.hearing, agency=agency, head_appeared=True, head_name=name,
            head_post=post, head_rank=rank, summons_served_on=plan.hearing - timedelta(days=plan.summons_days),
            lawyers="周律师（博和汉商律师事务所）" if self.rng.random() < 0.4 else "")

    def decide(self, plan: Plan) -> None:
        suit = plan.suit
        if plan.outcome == "withdrawal":
            services.suit_withdraw(suit=suit, by=self.by, on=plan.decided, after_coordination=plan.coordination,
                                   summary="原告申请撤回起诉，法院裁定准许。")
            return
        outcome = self.outcomes[plan.outcome]
        served = self.work(plan.decided + timedelta(days=self.rng.randint(2, 6)))
        served = min(served, TODAY)
        services.suit_decide(suit=suit, by=self.by, outcome=outcome, on=plan.decided, served_on=served,
                             disposition="" if plan.tier == Instance.FIRST else Decision.Disposition.UPHELD,
                             summary=f"{outcome.name}。", after_coordination=plan.coordination)
        if plan.tier != Instance.FIRST or outcome.kind == "mediation":
            return
        rule = APPEAL_JUDGMENT if outcome.kind == "judgment" else APPEAL_RULING
        due = compute_due(rule=rule_for(rule, served), start=served)
        if plan.appealed:
            on = served + timedelta(days=self.rng.randint(3, 9))
            self.at(on, lambda: services.suit_appeal(suit=suit, by=self.by, appellant="plaintiff", on=on))
        elif due < TODAY:
            on = self.work(due + timedelta(days=1))
            self.at(on, lambda: services.suit_finalise(suit=suit, by=self.by, on=on))

    def appeal_of(self, first: Plan, *, received: date, decided: date | None, hearing: date | None = None,
                  court: str = "SH-SZY") -> Plan:
        return Plan(key=f"{first.key}-appeal", tier=Instance.APPEAL, received=received, court=court,
                    previous=first, outcome=first.outcome, decided=decided, hearing=hearing,
                    answer_days=self.rng.randint(7, 13))

    # --- the year --------------------------------------------------------------------------------
    def pick_agency(self) -> str:
        codes, weights = zip(*[(a[0], a[1]) for a in AGENCIES], strict=True)
        return self.rng.choices(codes, weights)[0]

    def first(self, key: str, *, received: date, decided: date | None, outcome: str, gov: bool = True,
              hearing: bool = False, appealed: bool = False, hearing_after: date | None = None) -> Plan:
        plan = Plan(key=key, received=received, decided=decided, outcome=outcome, gov=gov, appealed=appealed,
                    agency=self.pick_agency(), court="SH-TLFY" if self.rng.random() < 0.8 else "PT-FY",
                    via_reconsideration=self.rng.random() < 0.3, answer_days=self.rng.randint(6, 13),
                    summons_days=self.rng.randint(5, 12))
        if not gov:
            plan.via_reconsideration = False
            plan.agency = self.rng.choice(["PT-GAFJ", "PT-SCJG", "PT-CGZF", "PT-JDB-CSL", "PT-JDB-ZRZ", "PT-STHJ"])
        if outcome == "withdrawal":
            plan.coordination = self.rng.random() < 0.5
        if hearing and decided:
            earliest = max(received + timedelta(days=plan.answer_days + 5), hearing_after or date.min)
            plan.hearing = self.between(max(earliest, decided - timedelta(days=40)), decided - timedelta(days=12))
        return plan

    def outcomes_mix(self, counts: dict[str, int]) -> list[str]:
        mix = [code for code, n in counts.items() for _ in range(n)]
        self.rng.shuffle(mix)
        return mix

    def build_2021_2022(self) -> list[Plan]:
        plans: list[Plan] = []
        w0, w1 = date(2022, 1, 4), date(2022, 10, 25)
        # 2021 first instance decided in 2021 and appealed; the appeals conclude in 2022 (8).
        b_appeals = []
        for i in range(8):
            decided = self.between(date(2021, 6, 1), date(2021, 10, 15))
            p = self.first(f"g21b{i}", received=decided - timedelta(days=self.rng.randint(70, 150)), decided=decided,
                           outcome="reject_claims" if i < 6 else "dismiss_suit", hearing=i < 6, appealed=True)
            plans.append(p)
            received = self.work(decided + timedelta(days=self.rng.randint(28, 40)))
            b_appeals.append(self.appeal_of(p, received=received,
                                            decided=self.between(date(2022, 1, 5), date(2022, 4, 28))))
        plans += b_appeals
        # 2021 first instance concluded in the window (62: 24 judgments heard in the window).
        mix = self.outcomes_mix({"reject_claims": 24, "dismiss_suit": 22, "withdrawal": 13, "deemed_withdrawn": 3})
        appealed_left = {"reject_claims": 6, "dismiss_suit": 3}
        for i, outcome in enumerate(mix):
            judgment = outcome == "reject_claims"
            appeal = appealed_left.get(outcome, 0) > 0
            if appeal:
                appealed_left[outcome] -= 1
                decided = self.between(date(2022, 2, 15) if judgment else w0, date(2022, 5, 20))
            else:
                decided = self.between(date(2022, 2, 15) if judgment else w0, w1)
            received = max(date(2021, 3, 1), decided - timedelta(days=self.rng.randint(60, 220)))
            received = min(received, self.between(date(2021, 10, 1), date(2021, 12, 24)))
            p = self.first(f"g21-{i}", received=received, decided=decided, outcome=outcome, hearing=judgment,
                           appealed=appeal, hearing_after=w0 + timedelta(days=2))
            plans.append(p)
            if appeal:
                plans.append(self.appeal_of(p, received=self.work(decided + timedelta(days=self.rng.randint(25, 35))),
                                            decided=None))
        # 2022 first instance concluded in the window (55: 18 judgments heard in the window, 4 appealed).
        mix = self.outcomes_mix({"reject_claims": 18, "dismiss_suit": 18, "withdrawal": 15, "deemed_withdrawn": 2,
                                 "mediated": 2})
        appealed_left = 4
        for i, outcome in enumerate(mix):
            judgment = outcome == "reject_claims"
            if judgment and appealed_left:
                appealed_left -= 1
                received = self.between(w0, date(2022, 2, 10))
                decided = self.between(received + timedelta(days=60), date(2022, 5, 20))
                appeal = True
            else:
                received = self.between(w0, date(2022, 8, 20))
                span = self.rng.randint(60, 150) if judgment else self.rng.randint(20, 90)
                decided = min(self.work(received + timedelta(days=span)), w1)
                appeal = False
            p = self.first(f"g22-{i}", received=received, decided=decided, outcome=outcome, hearing=judgment,
                           appealed=appeal)
            plans.append(p)
            if appeal:
                plans.append(self.appeal_of(p, received=self.work(decided + timedelta(days=self.rng.randint(25, 35))),
                                            decided=None))
        # 2022 first instance concluded after the window (17; hearings from November).
        mix = self.outcomes_mix({"reject_claims": 10, "dismiss_suit": 3, "withdrawal": 4})
        for i, outcome in enumerate(mix):
            received = self.between(date(2022, 7, 1), date(2022, 10, 28))
            decided = self.between(date(2022, 12, 1), date(2023, 3, 31))
            plans.append(self.first(f"g22x-{i}", received=received, decided=decided, outcome=outcome,
                                    hearing=outcome == "reject_claims", hearing_after=date(2022, 11, 2)))
        # Appeals received in the window: all concluded in it, two of them heard.
        heard = 0
        for p in plans:
            if p.tier == Instance.APPEAL and p.decided is None:
                p.decided = self.between(p.received + timedelta(days=40), min(p.received + timedelta(days=85), w1))
                if heard < 2 and p.outcome == "reject_claims":
                    p.hearing = self.between(p.received + timedelta(days=20), p.decided - timedelta(days=10))
                    heard += 1
        # Two retrial applications against final appeal decisions of 2022 (one concluded in the window).
        for i, (received, decided) in enumerate([(date(2022, 4, 20), date(2022, 9, 14)),
                                                 (date(2022, 6, 16), date(2022, 12, 13))]):
            prev = b_appeals[i]
            prev.decided = min(prev.decided, received - timedelta(days=30))
            plans.append(Plan(key=f"retrial{i}", tier=Instance.RETRIAL, received=self.work(received), court="SH-GY",
                              previous=prev, outcome="reject_retrial", decided=self.work(decided)))
        # Suits against agencies alone (12; 8 heard in the window).
        for i in range(12):
            judgment = i < 8
            received = self.between(w0, date(2022, 7, 15))
            decided = self.between(received + timedelta(days=70), received + timedelta(days=110)) if judgment else \
                self.between(received + timedelta(days=20), received + timedelta(days=60))
            plans.append(self.first(f"agency-{i}", received=received, decided=decided,
                                    outcome="reject_claims" if judgment else "withdrawal", gov=False, hearing=judgment))
        return plans

    def build_2026(self) -> list[Plan]:
        """Current work: 2026 suits, some concluded, some with clocks running around today."""
        plans = []
        for i in range(10):
            received = date(2026, 5, 11) if i == 0 else self.between(date(2026, 2, 2), date(2026, 7, 31))
            judgment = i < 6
            decided = self.between(received + timedelta(days=60), received + timedelta(days=100))
            plans.append(self.first(f"n26-{i}", received=received, decided=decided,
                                    outcome="reject_claims" if judgment else "withdrawal", hearing=judgment,
                                    appealed=i == 0))
        first_appealed = plans[0]
        plans.append(self.appeal_of(first_appealed, received=date(2026, 11, 13), decided=None))
        # answer clocks: one overdue, others due soon
        for i, received in enumerate([date(2026, 11, 6), date(2026, 11, 16), date(2026, 11, 19), date(2026, 11, 25)]):
            p = self.first(f"now-{i}", received=received, decided=None, outcome="reject_claims")
            p.answer_days = 99  # not answered yet
            plans.append(p)
        # waiting for judgment after a hearing; a hearing scheduled for December
        p = self.first("now-heard", received=date(2026, 10, 12), decided=None, outcome="reject_claims")
        p.hearing, p.summons_days = date(2026, 11, 24), 2  # a summons served late (第五条): flagged
        plans.append(p)
        plans.append(self.first("now-scheduled", received=date(2026, 10, 20), decided=None, outcome="reject_claims"))
        # appeal clocks running
        plans.append(self.first("now-judged", received=date(2026, 7, 6), decided=date(2026, 11, 18),
                                outcome="reject_claims", hearing=True))
        plans.append(self.first("now-ruled", received=date(2026, 10, 9), decided=date(2026, 11, 20),
                                outcome="dismiss_suit"))
        return plans

    def current_extras(self, plans: dict[str, Plan]) -> None:
        """A scheduled hearing, an entrusted-staff appearance, a coordination under way."""
        sched = plans["now-scheduled"]
        self.at(date(2026, 11, 26), lambda: services.hearing_schedule(
            suit=sched.suit, by=self.by, scheduled_on=date(2026, 12, 8), summons_served_on=date(2026, 11, 26),
            head_name="沈嘉明", head_post="区人民政府副区长", head_rank=HeadRank.DEPUTY, on=date(2026, 11, 26)))
        staffed = plans["n26-9"]
        on = self.work(staffed.received + timedelta(days=30))
        self.at(on, lambda: services.hearing_record(
            suit=staffed.suit, by=self.by, on=on, head_appeared=False, staff="赵敏（承办科室科长）\n钱磊（法制科工作人员）",
            absence_reason=AbsenceReason.OFFICIAL_DUTY, absence_explanation="参加区防汛防台工作会议，证明材料已盖章提交",
            summons_served_on=on - timedelta(days=6)))
        third = plans["now-2"]
        self.at(date(2026, 11, 24), lambda: services.coordination_record(
            suit=third.suit, by=self.by, on=date(2026, 11, 24), participants="原告、区房管局、区司法局",
            content="听取原告诉求，释明补偿标准，约定下周再次协调。", result=Coordination.Result.ONGOING))

    def others(self) -> None:
        """City-level reconsiderations, judicial suggestions and the 三合一 sessions."""
        u = self.units
        city = [(date(2022, 3, 9), "PT-FGJ", "uphold"), (date(2022, 5, 18), "PT-GHZYJ", "reject"),
                (date(2022, 7, 13), "PT-FGJ", "terminated"), (date(2022, 9, 21), "PT-JDB-ZRZ", "uphold")]
        for i, (received, agency, outcome) in enumerate(city):
            number = f"沪府复字（{received.year}）第{self.rng.randint(100, 900)}号"

            def go(received=received, agency=agency, outcome=outcome, number=number, i=i):
                case = services.city_register(by=self.by, unit=self.unit, city_case_number=number,
                                              respondent=u["PT"], agency=u[agency],
                                              challenged_act="区政府作出的政府信息公开申请答复" if i % 2 else "区政府作出的房屋征收决定",
                                              new_applicants=[self.person()], on=received)
                services.city_reply(case=case, by=self.by, on=self.work(received + timedelta(days=8)))
                services.city_decide(case=case, by=self.by, outcome=outcome,
                                     on=self.work(received + timedelta(days=55)))

            self.at(received, go)
        for received, replied in [(date(2026, 11, 10), True), (date(2026, 11, 20), False)]:
            def go_now(received=received, replied=replied):
                case = services.city_register(
                    by=self.by, unit=self.unit, city_case_number=f"沪府复字（2026）第{self.rng.randint(100, 900)}号",
                    respondent=u["PT"], agency=u["PT-FGJ"], challenged_act="区政府作出的房屋征收决定",
                    new_applicants=[self.person()], on=received)
                if replied:
                    services.city_reply(case=case, by=self.by, on=date(2026, 11, 18))

            self.at(received, go_now)
        kinds = {k.code: k for k in SuggestionKind.objects.all()}
        for received, kind, agency, content, reply in [
            (date(2022, 4, 12), "other", "PT-FGJ", "建议进一步规范房屋征收补偿协议的签订程序，完善告知环节。",
             date(2022, 5, 10)),
            (date(2022, 8, 16), "normative_document", "PT-SCJG", "建议对投诉举报处理工作规范中与上位法不一致的条款进行修改。",
             date(2022, 10, 9)),
            (date(2026, 11, 2), "other", "PT-CGZF", "建议加强违法建筑拆除前的催告和听取陈述申辩程序。", None),
        ]:
            def go_suggestion(received=received, kind=kind, agency=agency, content=content, reply=reply):
                item = services.suggestion_register(
                    by=self.by, unit=self.unit, court=u["SH-TLFY"], kind=kinds[kind], agency=u[agency],
                    number=f"（{received.year}）沪7101司建{self.rng.randint(1, 30)}号", content=content, on=received)
                if reply:
                    services.suggestion_reply(suggestion=item, by=self.by, on=reply,
                                              reply="已组织专题研究，完成整改并建立长效机制。")

            self.at(received, go_suggestion)

    def sessions(self, plans: list[Plan]) -> None:
        u = self.units
        for held_on, title, court in [(date(2022, 6, 23), "2022年行政机关负责人出庭、旁听、讲评“三合一”活动", "SH-TLFY"),
                                      (date(2026, 6, 18), "2026年行政机关负责人出庭、旁听、讲评“三合一”活动", "SH-TLFY")]:
            heard = [p for p in plans if p.hearing and p.gov and abs((p.hearing - held_on).days) < 40]
            target = min(heard, key=lambda p: abs((p.hearing - held_on).days)) if heard else None

            def go(held_on=held_on, title=title, court=court, target=target):
                services.session_record(
                    by=self.by, unit=self.unit, court=u[court], title=title, on=held_on,
                    suit=target.suit if target else None,
                    leaders="周文涛（区人民政府副区长）\n顾局长（区司法局局长）\n各街镇、委办局分管负责人",
                    units=[u[c] for c in ("PT-FGJ", "PT-GHZYJ", "PT-CGZF", "PT-SCJG", "PT-GAFJ", "PT-DX")],
                    reviewer="上海铁路运输法院行政庭法官", notes="庭审结束后由法官现场讲评，区委党校组织学员旁听。")

            self.at(held_on, go)

    def run(self) -> int:
        plans = self.build_2021_2022() + self.build_2026()
        for plan in plans:
            self.schedule(plan)
        by_key = {p.key: p for p in plans}
        self.current_extras(by_key)
        self.others()
        self.sessions(plans)
        while self.events:  # steps may schedule later steps (appeal, finality): run in date order
            _when, _seq, fn = heapq.heappop(self.events)
            fn()
        return sum(1 for p in plans if p.suit is not None)


def load(units: dict[str, Unit], stdout) -> None:
    if Suit.objects.filter(unit=units["PT-SFJ-YS"]).exists():
        stdout.write("  litigation: already loaded")
        return
    # Clock labels and audit summaries are stored as text: write them in the district's language.
    with one_transaction():
        with translation.override(settings.LANGUAGE_CODE):
            n = Loader(units, stdout).run()
        clocks.sweep()
    stdout.write(f"  litigation: {n} suits")
