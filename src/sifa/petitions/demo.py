"""The demo's petitions and 12345 work orders: a plausible small 2022 and current work around today.

The seed (普陀区司法局 2022) reports the work without figures ("做好本系统信访及'12345'市民服务热线的接答及协调督办
工作"): the demo holds a year of letters, visits and hotline orders answered (a few late, one returned, one referred
to reconsideration, one reopened after a dissatisfied visit, one reviewed), and open work whose clocks run around
today. Everything goes through the services and the procedure table; names are fictitious; the generator is seeded.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from sifa.core import metrics as core_metrics
from sifa.core.loading import one_transaction
from sifa.core.models import User

from . import services
from .models import Channel, HotlineKind, Kind, Opinion, Petition, Route, RoutingRule, Satisfaction
from .services import OrderRecord
from .workflow import WORKFLOW

START, END = date(2022, 1, 1), date(2022, 10, 31)
OFFICE = "PT-SFJ-BGS"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
RULES = [  # (priority, kind, keyword, route, division code, note)
    (10, "", "行政复议", Route.RECONSIDERATION, None, "对具体行政行为不服的，导入行政复议程序"),
    (20, "", "起诉", Route.LITIGATION, None, "涉诉事项，依法按诉讼程序处理"),
    (30, "", "律师", Route.HANDLE, "PT-SFJ-GF", "律师执业投诉、收费争议"),
    (40, "", "公证", Route.HANDLE, "PT-SFJ-GF", "公证事项"),
    (50, "", "调解", Route.HANDLE, "PT-SFJ-CF", "人民调解"),
    (60, "", "法律援助", Route.HANDLE, "PT-SFJ-GF", "法律援助"),
    (70, "", "矫正", Route.HANDLE, "PT-SFJ-JZ", "社区矫正"),
    (100, "", "", Route.HANDLE, "PT-SFJ-BGS", "其他：办公室协调"),
]
MATTERS = [  # (channel, kind, hotline kind, subject, content)
    (Channel.HOTLINE, Kind.COMPLAINT, HotlineKind.COMPLAINT, "律师收费争议", "反映某律师事务所收费过高，要求处理。"),
    (Channel.HOTLINE, Kind.SUGGESTION, HotlineKind.CONSULTATION, "法律援助申请条件", "咨询申请法律援助需要哪些条件和材料。"),
    (Channel.HOTLINE, Kind.COMPLAINT, HotlineKind.HELP, "邻里纠纷调解", "楼上漏水多次协商未果，请求调解。"),
    (Channel.HOTLINE, Kind.SUGGESTION, HotlineKind.SUGGESTION, "公证处延长服务时间", "建议公证处周末开放窗口。"),
    (Channel.LETTER, Kind.COMPLAINT, "", "对公证书有异议", "认为公证书内容与事实不符，请求撤销。"),
    (Channel.VISIT, Kind.COMPLAINT, "", "调解协议未履行", "调解协议约定的赔偿未支付，请求督促履行。"),
    (Channel.ONLINE, Kind.ACCUSATION, "", "反映律师违规执业", "举报某律师私自收费。"),
    (Channel.TRANSFERRED, Kind.COMPLAINT, "", "社区矫正对象扰民", "反映社区矫正对象夜间扰民，请求加强管理。"),
]


def _name(rng) -> str:
    return rng.choice(SURNAMES) + rng.choice(["先生", "女士"])


def load(units, stdout) -> None:
    if Petition.objects.filter(received_on__range=(START, END)).exists():
        stdout.write("  petitions: already loaded")
        return
    rng = random.Random(20221031)
    staff = User.objects.filter(username="xinfang").first()
    leader = User.objects.filter(username="leader").first()
    with one_transaction():
        for priority, kind, keyword, route, division, note in RULES:
            RoutingRule.objects.get_or_create(priority=priority, keyword=keyword, defaults={
                "kind": kind, "route": route, "division": units.get(division) if division else None, "note": note})
        _year(units[OFFICE], staff, leader, rng)
        _current(units[OFFICE], staff, leader, rng)
    figures = core_metrics.compute(START, END, units["PT"], lines=["petitions"])
    stdout.write("  petitions 2022-01-01..10-31: " + ", ".join(
        f"{k.split('.')[1]} {figures[k]}" for k in ("petitions.received", "petitions.hotline_orders",
                                                   "petitions.answered", "petitions.satisfied")))


def _register(office, staff, rng, day: date, i: int, matter=None) -> Petition:
    channel, kind, hotline_kind, subject, content = matter or rng.choice(MATTERS)
    return services.petition_register(unit=office, by=staff, record=OrderRecord(
        channel=channel, kind=kind, hotline_kind=hotline_kind, name=_name(rng), subject=subject, content=content,
        received_on=day, external_id=f"12345-{day:%Y%m%d}-{i:04d}" if channel == Channel.HOTLINE else ""))


def _answer(p, staff, day, rng, *, satisfaction=Satisfaction.SATISFIED) -> None:
    opinion = rng.choice([Opinion.SUPPORT, Opinion.EXPLAIN, Opinion.REJECT]) if p.kind == Kind.COMPLAINT else ""
    WORKFLOW.run(p, "answer", by=staff, on=day, data={
        "opinion": opinion, "reply": "经调查核实，已联系相关单位处理，并将处理结果告知信访人。"})
    p.refresh_from_db()
    WORKFLOW.run(p, "visit", by=staff, on=day + timedelta(days=2), data={"satisfaction": satisfaction})
    p.refresh_from_db()


def _take(p, staff, day) -> None:
    WORKFLOW.run(p, "take_order" if p.is_hotline else "accept", by=staff, on=day, data={})
    p.refresh_from_db()


def _year(office, staff, leader, rng) -> None:
    day, i = date(2022, 1, 5), 0
    while day <= date(2022, 10, 20):
        i += 1
        p = _register(office, staff, rng, day, i)
        _take(p, staff, day + timedelta(days=1))
        late = i % 11 == 0
        satisfaction = Satisfaction.DISSATISFIED if i % 9 == 0 else Satisfaction.SATISFIED
        answer_on = day + timedelta(days=(25 if late else 2) if p.is_hotline else (70 if late else 20))
        _answer(p, staff, min(answer_on, date(2022, 10, 31)), rng, satisfaction=satisfaction)
        day += timedelta(days=rng.randrange(5, 10))
    # one returned, one referred, one reopened after a dissatisfied visit, one reviewed
    p = _register(office, staff, rng, date(2022, 6, 1), 900, MATTERS[0])
    WORKFLOW.run(p, "return_order", by=staff, on=date(2022, 6, 2), data={"reason": "属区房管局职责，退回派单"})
    p = services.petition_register(unit=office, by=staff, record=OrderRecord(
        channel=Channel.LETTER, kind=Kind.COMPLAINT, name=_name(rng), subject="不服行政复议以外的行政处罚",
        content="对区城管执法局的罚款决定不服，要求撤销，拟申请行政复议。", received_on=date(2022, 7, 4)))
    WORKFLOW.run(p, "refer", by=staff, on=date(2022, 7, 8), data={
        "route": Route.RECONSIDERATION, "referral_note": "请依照《行政复议法》向区人民政府申请行政复议。"})
    p = _register(office, staff, rng, date(2022, 8, 1), 901, MATTERS[2])
    _take(p, staff, date(2022, 8, 1))
    _answer(p, staff, date(2022, 8, 3), rng, satisfaction=Satisfaction.DISSATISFIED)
    WORKFLOW.run(p, "reopen", by=staff, on=date(2022, 8, 5), data={"reason": "回访不满意，重新办理"})
    p.refresh_from_db()
    _answer(p, staff, date(2022, 8, 9), rng, satisfaction=Satisfaction.BASICALLY)
    p = _register(office, staff, rng, date(2022, 5, 9), 902, MATTERS[4])
    _take(p, staff, date(2022, 5, 10))
    WORKFLOW.run(p, "extend", by=leader, on=date(2022, 6, 30), data={"days": 20, "reason": "需调取公证档案核实"})
    p.refresh_from_db()
    _answer(p, staff, date(2022, 7, 20), rng)
    WORKFLOW.run(p, "request_review", by=staff, on=date(2022, 7, 28), data={})
    p.refresh_from_db()
    WORKFLOW.run(p, "review", by=staff, on=date(2022, 8, 22), data={"opinion": "经复查，原处理意见认定事实清楚，予以维持。"})


def _current(office, staff, leader, rng) -> None:
    """Open work: petitions to notify (one overdue), orders in hand (one late), one answered awaiting its visit."""
    today = timezone.localdate()
    for n, days_ago in enumerate((20, 3, 0)):
        _register(office, staff, rng, today - timedelta(days=days_ago), 9000 + n, MATTERS[4 + n])
    for n, days_ago in enumerate((9, 2, 1)):
        p = _register(office, staff, rng, today - timedelta(days=days_ago), 9100 + n, MATTERS[n])
        _take(p, staff, today - timedelta(days=days_ago))
    p = _register(office, staff, rng, today - timedelta(days=40), 9200, MATTERS[5])
    _take(p, staff, today - timedelta(days=38))
    p = _register(office, staff, rng, today - timedelta(days=5), 9300, MATTERS[0])
    _take(p, staff, today - timedelta(days=4))
    WORKFLOW.run(p, "answer", by=staff, on=today - timedelta(days=1),
                 data={"opinion": "", "reply": "已约谈律师事务所，收费问题已按规定处理。"})
