"""The demo's notarisation: 2022-01-01..10-31 equal to the seed report, and a slice of current work around today.

Seed (普陀区司法局 2022): "2022年1至10月，共受理公证7741件，其中民事类公证占89%。…已累计受理线上“一次都不跑”公证申请
843件。" (What each figure counts is defined in `sifa.notary.metrics`.)

The year goes through the batch writer (`services.applications_import`, the path of the office's business system),
which checks each record's path against the procedure and writes set-based; the current slice goes through the
one-at-a-time services and the procedure table, as a user's clicks do, so its clocks run around the day the demo
is loaded. Names are fictitious; the random generator is seeded.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from sifa.core import district as core_district
from sifa.core import metrics as core_metrics
from sifa.core.loading import one_transaction
from sifa.core.models import User

from . import district, services
from .models import Channel, Matter, Notarisation
from .services import Record

START, END = date(2022, 1, 1), date(2022, 10, 31)
SEED = {"notary.accepted": 7741, "notary.civil_share": 89, "notary.online": 843}
OFFICE = "PT-GZC"
NOTARIES = ["钱文华", "沈丽", "陆建平", "顾晓燕", "蒋志强", "韩静"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂华建国玉兰志红文斌海燕俊峰春梅晓东新民凤珍"
# the year's accepted applications: domestic civil by matter, domestic economic by matter, foreign-related
CIVIL = {Matter.INHERITANCE: 1420, Matter.ENTRUSTMENT: 1630, Matter.DECLARATION: 820, Matter.GIFT: 260,
         Matter.WILL: 310, Matter.PROPERTY_DIVISION: 240, Matter.MARITAL_STATUS: 410, Matter.KINSHIP: 460,
         Matter.ADOPTION: 20, Matter.BIRTH: 120, Matter.LIVING: 180, Matter.DEATH: 90, Matter.IDENTITY: 310,
         Matter.CRIMINAL_RECORD: 140, Matter.EVIDENCE: 300, Matter.CONFORMITY: 150, Matter.OTHER: 20,
         Matter.CUSTODY: 10}  # 6890
ECONOMIC = {Matter.CONTRACT: 420, Matter.BIDDING: 45, Matter.ARTICLES: 60, Matter.DEPOSIT: 25}  # 550
FOREIGN = {Matter.BIRTH: 40, Matter.KINSHIP: 55, Matter.MARITAL_STATUS: 45, Matter.IDENTITY: 90,
           Matter.CRIMINAL_RECORD: 51, Matter.ENTRUSTMENT: 20}  # 301
ONE_VISIT = 412  # online, at most one visit
REFUSED = 36  # accepted, then not handled (第三十一条)
NOT_ACCEPTED = 27  # online applications refused before acceptance
LATE = 0.02  # the share issued after 15 working days


def _name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _day(rng, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def load(units, stdout) -> None:
    office = units[OFFICE]
    core_district.put(district.OFFICE, OFFICE, "受理网上公证申请的公证处（门户网站）")
    core_district.put(district.ECONOMIC, ",".join(str(m) for m in district.DEFAULT_ECONOMIC),
                      "统计为“国内经济类”的公证事项；其余国内事项为“国内民事类”，用于境外的为“涉外类”")
    if Notarisation.objects.filter(accepted_on__range=(START, END)).exists():
        stdout.write("  notary: already loaded")
        return
    rng = random.Random(20221031)
    with one_transaction():
        _year(office, rng)
        _current(office, rng)
    figures = core_metrics.compute(START, END, units["PT"], lines=["notary"])
    stdout.write("  notary 2022-01-01..10-31: " + ", ".join(f"{k.split('.')[1]} {figures[k]}" for k in SEED))


def _year(office, rng) -> None:
    matters = [(m, False) for group in (CIVIL, ECONOMIC) for m, n in group.items() for _i in range(n)]
    matters += [(m, True) for m, n in FOREIGN.items() for _i in range(n)]
    rng.shuffle(matters)
    # channels: 843 no-visit and 412 one-visit applications, never a no-visit will, proof of life or adoption
    remote = [i for i, (m, _a) in enumerate(matters) if m not in (Matter.WILL, Matter.LIVING, Matter.ADOPTION)]
    chosen = rng.sample(remote, SEED["notary.online"] + ONE_VISIT)
    channels = dict.fromkeys(range(len(matters)), Channel.WINDOW)
    channels.update(dict.fromkeys(chosen[:SEED["notary.online"]], Channel.ZERO_VISIT))
    channels.update(dict.fromkeys(chosen[SEED["notary.online"]:], Channel.ONE_VISIT))
    refused = set(rng.sample(range(len(matters)), REFUSED))
    records = []
    for i, (matter, abroad) in enumerate(matters):
        accepted = _day(rng, START, END)
        online = channels[i] != Channel.WINDOW
        received = max(START, accepted - timedelta(days=rng.choice((0, 1, 1, 2)))) if online else accepted
        record = Record(unit=office, applicant=_name(rng), matter=matter, received_on=received, channel=channels[i],
                        for_use_abroad=abroad, external_id=f"GZ2022-{i + 1:05d}", accepted_on=accepted,
                        notary=rng.choice(NOTARIES), fee=Decimal(district.DEFAULT_FEES[matter]))
        if i in refused:
            record.refused_on = accepted + timedelta(days=rng.randint(1, 10))
            record.refusal_ground = rng.choice(["2", "4", "6", "6", "9"])
        else:
            days = rng.randint(22, 30) if rng.random() < LATE else rng.choice((0, 1, 2, 3, 5, 7, 10, 14, 18))
            record.issued_on = accepted + timedelta(days=days)
        records.append(record)
    for i in range(NOT_ACCEPTED):
        received = _day(rng, START, END)
        records.append(Record(unit=office, applicant=_name(rng), matter=Matter.DECLARATION, received_on=received,
                              channel=Channel.ZERO_VISIT, external_id=f"GZ2022-W{i + 1:04d}",
                              refused_on=received + timedelta(days=1), refusal_ground="2"))
    records.sort(key=lambda r: r.received_on)
    services.applications_import(records=records, by=None)


def _current(office, rng) -> None:
    """Work around the day the demo is loaded: online applications awaiting acceptance (one overdue), certificates
    in hand (one overdue), one paused for materials, one issued and under review, a refusal and a revocation."""
    today = timezone.localdate()
    staff = User.objects.filter(username="notary").first()
    head = User.objects.filter(username="notary_head").first() or staff

    def apply(days_ago: int, matter=Matter.ENTRUSTMENT, channel=Channel.WINDOW, accept=True, abroad=False):
        return services.application_register(
            unit=office, by=staff, name=_name(rng), received_on=today - timedelta(days=days_ago), channel=channel,
            matter=matter, for_use_abroad=abroad, purpose="用于办理房屋买卖手续" if not abroad else "用于境外留学",
            accept_now=accept, notary=rng.choice(NOTARIES))

    def step(case, name, days_ago, by=None, **data):
        services.take_step(case, name, by=by or staff, on=today - timedelta(days=days_ago), data=data)

    for days_ago in (6, 1, 0):  # online, awaiting acceptance: one overdue
        apply(days_ago, Matter.CRIMINAL_RECORD, Channel.ZERO_VISIT, accept=False, abroad=True)
    for days_ago in (30, 12, 4, 1):  # in hand: one overdue
        apply(days_ago, rng.choice([Matter.INHERITANCE, Matter.ENTRUSTMENT, Matter.DECLARATION]))
    c = apply(10, Matter.INHERITANCE)
    step(c, "request_supplement", 6, reason="请补充被继承人死亡证明及全部继承人的亲属关系证明材料。")
    c = apply(9, Matter.MARITAL_STATUS, abroad=True)
    step(c, "start_verification", 5, reason="向婚姻登记机关核实申请人的婚姻登记情况。")
    c = apply(40, Matter.CONTRACT)
    step(c, "issue", 30)
    step(c, "request_review", 3, review_requester="利害关系人（合同相对方）", review_grounds="认为公证书所载合同签订日期有误。")
    c = apply(20, Matter.DECLARATION)
    step(c, "report_refusal", 17, refusal_ground="4", refusal_reasons="当事人之间对申请公证的房屋产权归属存在争议。")
    step(c, "approve_refusal", 16, by=head, note="同意不予办理。")
    step(c, "refuse", 15, refund="part", refund_amount=Decimal("100"))
    c = apply(8, Matter.DECLARATION)
    step(c, "report_refusal", 2, refusal_ground="6", refusal_reasons="当事人拒绝补充证明材料。")  # awaiting the head
    c = apply(60, Matter.IDENTITY)
    step(c, "issue", 50)
    step(c, "request_review", 20, review_requester="申请人", review_grounds="公证书所依据的学历证明系伪造。")
    step(c, "revoke", 5, review_reasons="经复查，申请人提供的学历证明材料虚假，公证书内容与事实不符，予以撤销并公告。")
