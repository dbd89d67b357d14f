"""The demo's people's supervisors: the pool selected in 2022, the year's draws for the district procuratorate
(two-level, verifiable), and current work around today.

The seed (普陀区司法局 2022) reports the mechanism without figures: "建立人民监督员二级抽选三方对接机制". The demo
holds a plausible small year: 24 supervisors in five fields selected on 2022-03-01, trained, and eight requests of
普陀区人民检察院 drawn, confirmed (with declines filled from the reserves), held, with opinions answered. Each draw's
seed is a fictitious published value, marked as such. Names are fictitious; the random generator is seeded.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from sifa.core import metrics as core_metrics
from sifa.core.loading import one_transaction
from sifa.core.models import User
from sifa.core.validators import id_number_check_digit

from . import services
from .models import ActivityKind, Disqualification, DrawRequest, Field, SeatStatus
from .workflow import WORKFLOW

START, END = date(2022, 1, 1), date(2022, 10, 31)
DIVISION = "PT-SFJ-CF"
PROCURATORATE = "PT-JCY"
SELECTED_ON = date(2022, 3, 1)
FIELDS = {Field.LAW: 5, Field.ECONOMY: 5, Field.EDUCATION: 5, Field.COMMUNITY: 5, Field.PUBLIC: 4}
STREETS = ["长寿路街道", "曹杨新村街道", "长风新村街道", "宜川路街道", "甘泉路街道", "石泉路街道", "万里街道",
           "真如镇街道", "长征镇", "桃浦镇"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂华建国玉兰志红文斌海燕俊峰春梅晓东新民凤珍"
OCCUPATION = {Field.LAW: "律师", Field.ECONOMY: "企业管理人员", Field.EDUCATION: "中学教师",
              Field.COMMUNITY: "居委会干部", Field.PUBLIC: "事业单位职工"}
ACTIVITIES = [
    (ActivityKind.HEARING, "拟不起诉案件公开听证（盗窃案）"),
    (ActivityKind.PUBLIC_REVIEW, "羁押必要性审查公开审查"),
    (ActivityKind.RECOMMENDATION, "检察建议公开宣告（食品安全）"),
    (ActivityKind.INSPECTION, "看守所巡回检察"),
    (ActivityKind.HEARING, "刑事申诉案件公开听证"),
    (ActivityKind.FILE_REVIEW, "不起诉案件案卷评查"),
    (ActivityKind.HEARING, "民事支持起诉案件公开听证"),
    (ActivityKind.PUBLIC_REVIEW, "司法救助案件公开审查"),
]
OPINIONS = ["同意检察机关的处理意见，建议加强释法说理。", "建议进一步听取被害人意见。",
            "程序规范，建议对类案加强宣传。", "建议督促相关单位限期整改并跟踪落实。"]


def _name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _id_number(birth: date, seq: int) -> str:
    first17 = f"310107{birth:%Y%m%d}{seq % 1000:03d}"
    return first17 + id_number_check_digit(first17)


def _seed(rng, day: date) -> str:
    numbers = sorted(rng.sample(range(1, 34), 6))
    return " ".join(f"{n:02d}" for n in numbers) + f" + {rng.randrange(1, 17):02d}"


def load(units, stdout) -> None:
    if DrawRequest.objects.filter(received_on__range=(START, END)).exists():
        stdout.write("  supervisors: already loaded")
        return
    rng = random.Random(20220301)
    staff = User.objects.filter(username="jiandu").first()
    with one_transaction():
        pool = _pool(units[DIVISION], staff, rng)
        _year(units, staff, rng)
        _current(units, staff, rng)
    figures = core_metrics.compute(START, END, units["PT"], lines=["supervisors"])
    stdout.write("  supervisors 2022-01-01..10-31: pool " + str(len(pool)) + ", " + ", ".join(
        f"{k.split('.')[1]} {figures[k]}" for k in ("supervisors.draws", "supervisors.served",
                                                   "supervisors.participation")))


def _pool(division, staff, rng) -> list:
    out, n = [], 0
    for field, count in FIELDS.items():
        for _i in range(count):
            n += 1
            birth = date(rng.randrange(1960, 1995), rng.randrange(1, 13), rng.randrange(1, 29))
            s = services.supervisor_select(
                unit=division, by=staff, name=_name(rng), id_number=_id_number(birth, n), code=f"PT-RMJD-{n:03d}",
                field=field, birth_date=birth, selected_on=SELECTED_ON, appointed_by="上海市司法局",
                street=rng.choice(STREETS), occupation=OCCUPATION[field],
                eligibility=dict.fromkeys(Disqualification.values, False),
                eligibility_source="市司法局选任资格审查（无犯罪记录证明、失信被执行人查询）", eligibility_on=date(2022, 2, 15))
            services.training_record(supervisor=s, by=staff, held_on=date(2022, 3, 15), title="新任人民监督员初任培训",
                                     hours=Decimal("8"))
            out.append(s)
    return out


def _run(r, staff, rng, *, received: date, quotas: dict, declines: int = 0, absent: int = 0, answer: bool = True,
         until: str = "answered") -> None:
    """A request through its steps: listing published the day after receipt, the seed two days later."""
    day = received + timedelta(days=1)
    seed_day = day + timedelta(days=2)
    data = {"seed_source": f"中国福利彩票双色球 {seed_day:%Y-%m-%d} 开奖号码（演示数据）", "seed_published_on": seed_day,
            "quotas": quotas, "conflicts": [], "conflict_reason": ""}
    WORKFLOW.run(r, "prepare", by=staff, on=day, data=data)
    if until == "prepared":
        return
    WORKFLOW.run(r, "draw", by=staff, on=seed_day, data={"seed": _seed(rng, seed_day)})
    if until == "drawn":
        return
    answer_day = seed_day + timedelta(days=1)
    for _i in range(declines):
        seat = r.seats.filter(status=SeatStatus.INVITED).order_by("rank").first()
        WORKFLOW.run(r, "decline", by=staff, on=answer_day, data={"seat": seat, "reason": "工作冲突，无法参加"})
    for seat in list(r.seats.filter(status=SeatStatus.INVITED).order_by("rank")):
        r.refresh_from_db()
        WORKFLOW.run(r, "confirm", by=staff, on=answer_day, data={"seat": seat, "via": "phone"})
    if until == "confirmed":
        return
    r.refresh_from_db()
    absentees = list(r.seats.filter(status=SeatStatus.CONFIRMED).order_by("-rank")[:absent])
    WORKFLOW.run(r, "hold", by=staff, on=r.activity_on, data={"absent": absentees})
    for seat in r.seats.filter(status=SeatStatus.ATTENDED).order_by("rank")[:2]:
        r.refresh_from_db()
        WORKFLOW.run(r, "record_opinion", by=staff, on=r.activity_on, data={"seat": seat, "opinion": rng.choice(OPINIONS)})
    if answer and until == "answered":
        r.refresh_from_db()
        WORKFLOW.run(r, "answer", by=staff, on=r.activity_on + timedelta(days=10),
                     data={"answer": "已研究人民监督员的意见建议，采纳并在案件办理中落实，现予反馈。"})


def _year(units, staff, rng) -> None:
    division, procuratorate = units[DIVISION], units[PROCURATORATE]
    received = date(2022, 3, 21)
    for i, (kind, activity) in enumerate(ACTIVITIES):
        r = services.request_register(unit=division, by=staff, procuratorate=procuratorate, activity_kind=kind,
                                      activity=activity, activity_on=received + timedelta(days=14), requested=3,
                                      received_on=received, place="普陀区人民检察院听证室")
        quotas = {} if i % 2 else {Field.LAW: 1, Field.COMMUNITY: 1, Field.EDUCATION: 1}
        _run(r, staff, rng, received=received, quotas=quotas, declines=1 if i in (1, 4) else 0,
             absent=1 if i == 6 else 0)
        received += timedelta(days=rng.randrange(21, 32))


def _current(units, staff, rng) -> None:
    """Work around today: a request not yet prepared (its draw clock running, one overdue), one waiting for its
    seed, one waiting for confirmations, one held and waiting for the procuratorate's answer."""
    today = timezone.localdate()
    division, procuratorate = units[DIVISION], units[PROCURATORATE]

    def request(days_ago: int, kind, activity, ahead: int):
        received = today - timedelta(days=days_ago)
        return services.request_register(unit=division, by=staff, procuratorate=procuratorate, activity_kind=kind,
                                         activity=activity, activity_on=received + timedelta(days=ahead), requested=3,
                                         received_on=received, place="普陀区人民检察院听证室")

    request(8, ActivityKind.HEARING, "拟不起诉案件公开听证（故意伤害案）", 20)
    request(1, ActivityKind.PUBLIC_REVIEW, "羁押必要性审查公开审查", 14)
    r = request(2, ActivityKind.RECOMMENDATION, "检察建议公开宣告（校园周边安全）", 20)
    r.refresh_from_db()
    day = today - timedelta(days=1)
    WORKFLOW.run(r, "prepare", by=staff, on=day, data={
        "seed_source": f"中国福利彩票双色球 {today + timedelta(days=2):%Y-%m-%d} 开奖号码（演示数据）",
        "seed_published_on": today + timedelta(days=2), "quotas": {}, "conflicts": [], "conflict_reason": ""})
    r = request(12, ActivityKind.HEARING, "刑事申诉案件公开听证", 30)
    _run(r, staff, rng, received=r.received_on, quotas={}, until="drawn")
    r = request(40, ActivityKind.INSPECTION, "看守所巡回检察", 25)
    _run(r, staff, rng, received=r.received_on, quotas={Field.LAW: 1, Field.ECONOMY: 1, Field.PUBLIC: 1},
         answer=False, until="held")
