"""The demo's community correction: 2022-01-01..10-31 equal to the seed report, and a slice of current work.

Seed (普陀区司法局 2022, （九）): 开展专题教育 123 场次、个别教育 9600 人次、公益活动 290 场 … 累计参加在线学习 11958 小时 …
开展个别心理咨询 74 人次; 对象未发生脱漏管现象. (What each figure counts is defined in `sifa.correction.metrics`.)

The zero of 脱管 and 漏管 comes from records that hold near-misses: a few persons reported in after their ten days
but within the district's grace (found and received: not 漏管), and some contacts were met after their due day but
before the loss-of-contact threshold (not 脱管). The year goes through the batch writers (`services.
supervisees_import`, `sessions_import`, `learning_import`); the current slice through the services and the
procedure table, as a user's clicks do. Names are fictitious; the random generator is seeded.
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

from . import contacts, district, services
from .models import EndReason, Kind, Level, Organ, SanctionKind, SessionKind, Supervisee
from .services import LearningRow, SessionRecord, SuperviseeRecord
from .workflow import WORKFLOW

START, END = date(2022, 1, 1), date(2022, 10, 31)
SEED = {"correction.thematic_sessions": 123, "correction.individual_education": 9600,
        "correction.public_welfare": 290, "correction.learning_hours": 11958, "correction.counselling": 74,
        "correction.out_of_supervision": 0, "correction.missed_intake": 0}
DIVISION = "PT-SFJ-JZ"
SETTINGS = {district.DIVISION: DIVISION, "correction.contact_days.strict": "7",
            "correction.contact_days.ordinary": "14", "correction.contact_days.lenient": "30",
            district.LOST_CONTACT_DAYS: "7", district.INTAKE_GRACE_DAYS: "3"}
PERSONS = 420
LATE_REPORTS = 4  # reported after the ten days, within the grace: caught
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂华建国玉兰志红文斌海燕俊峰春梅晓东新民凤珍"
OFFENCES = ["危险驾驶罪", "盗窃罪", "诈骗罪", "帮助信息网络犯罪活动罪", "故意伤害罪", "交通肇事罪", "非法经营罪", "寻衅滋事罪"]
KINDS = [(Kind.PROBATION, 84), (Kind.PAROLE, 9), (Kind.TEMPORARY, 4), (Kind.CONTROL, 3)]
THEMES = ["社区矫正法学习", "在刑意识教育", "法治讲座", "心理健康讲座", "就业指导", "禁毒教育", "反诈宣传", "道德教育"]
ACTIVITIES = ["社区环境整治", "敬老院志愿服务", "垃圾分类宣传", "疫情防控志愿服务", "图书馆整理", "交通文明劝导"]
COURSES = ["社区矫正法解读", "认罪悔罪教育", "法律常识", "心理健康", "职业技能", "道德修养"]


def _name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _day(rng, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def load(units, stdout) -> None:
    if Supervisee.objects.filter(effective_on__lte=END, term_end__gte=START).exists():
        stdout.write("  correction: already loaded")
        return
    rng = random.Random(20221031)
    with one_transaction():
        for key, value in SETTINGS.items():
            if not core_district.value(key):
                core_district.put(key, value, district.NOTES.get(key, ""))
        offices = [u for code, u in sorted(units.items()) if code.startswith("PT-SFS-")]
        people = _year(offices, rng)
        _education(people, rng)
        _releases(offices, rng)
        _current(units, offices, rng)
    figures = core_metrics.compute(START, END, units["PT"], lines=["correction"])
    stdout.write("  correction 2022-01-01..10-31: " + ", ".join(f"{k.split('.')[1]} {figures[k]}" for k in SEED))


def _year(offices, rng) -> list[tuple]:
    """The persons under correction during 2022, each ended at the end of the term: their contacts chained at the
    interval of their level, a few met late but before the loss-of-contact threshold."""
    records = []
    late_reports = set(rng.sample(range(PERSONS), LATE_REPORTS))
    standards = district.standards()
    for i in range(PERSONS):
        kind = rng.choices([k for k, _w in KINDS], weights=[w for _k, w in KINDS])[0]
        effective = _day(rng, date(2021, 3, 1), date(2022, 9, 30))
        term_end = effective + timedelta(days=rng.choice((180, 270, 365, 365, 540, 730)))
        term_end = max(term_end, date(2022, 1, 10))
        due, missed_after = services.report_due(effective, standards[district.INTAKE_GRACE_DAYS])
        reported = (due + timedelta(days=rng.randint(1, (missed_after - due).days)) if i in late_reports
                    else effective + timedelta(days=rng.randint(1, 9)))
        announced = reported + timedelta(days=rng.choice((0, 0, 1, 2)))
        level = rng.choices([Level.STRICT, Level.ORDINARY, Level.LENIENT], weights=[20, 60, 20])[0]
        interval = standards[district.CONTACT_DAYS.format(level=level)]
        met, day = [], announced
        while True:
            late = rng.random() < 0.004
            nxt = day + timedelta(days=interval + rng.randint(1, 5) if late else rng.randint(max(1, interval - 4),
                                                                                          interval))
            if nxt >= term_end:
                break
            met.append(nxt)
            day = nxt
        organ = Organ.PRISON if kind == Kind.PAROLE else Organ.COURT
        records.append(SuperviseeRecord(
            unit=offices[i % len(offices)], name=_name(rng), kind=kind, offence=rng.choice(OFFENCES),
            deciding_organ=organ, deciding_body="上海市普陀区人民法院" if organ == Organ.COURT else "上海市提篮桥监狱",
            decision_number=f"（{effective.year}）沪0107刑初{1000 + i}号", effective_on=effective, term_end=term_end,
            reported_on=reported, announced_on=announced, level=level, contacts=met,
            methods=[rng.choice(["phone", "visit", "in_person", "electronic"]) for _m in met],
            ended_on=term_end, end_reason=EndReason.TERM))
    cases = services.supervisees_import(records=records, by=None)
    return [(c.pk, c.unit_id, c.announced_on, c.ended_on, c.number) for c in cases]


def _education(people, rng) -> None:
    def active(day: date, n: int) -> list[tuple]:
        out, seen = [], set()
        while len(out) < n:
            p = rng.choice(people)
            if p[2] <= day < p[3] and p[0] not in seen:
                seen.add(p[0])
                out.append(p)
        return out

    records = []

    def add(kind, count, titles, size, hours):
        for _i in range(count):
            day = _day(rng, START, END)
            who = active(day, rng.randint(*size))
            records.append(SessionRecord(unit_id=who[0][1], kind=kind, held_on=day, title=rng.choice(titles),
                                         participants=[(p[0], p[1]) for p in who], hours=Decimal(hours)))

    add(SessionKind.THEMATIC, SEED["correction.thematic_sessions"], THEMES, (8, 20), 2)
    add(SessionKind.INDIVIDUAL, SEED["correction.individual_education"], ["个别谈话教育"], (1, 1), 1)
    add(SessionKind.PUBLIC_WELFARE, SEED["correction.public_welfare"], ACTIVITIES, (3, 10), 3)
    add(SessionKind.COUNSELLING, SEED["correction.counselling"], ["个别心理咨询"], (1, 1), 1)
    records.sort(key=lambda r: r.held_on)
    services.sessions_import(records=records, by=None)
    rows, left = [], Decimal(SEED["correction.learning_hours"])
    while left > 0:
        day = _day(rng, START, END)
        p = active(day, 1)[0]
        hours = min(left, Decimal(rng.choice(("1.0", "1.5", "2.0", "2.5"))))
        left -= hours
        rows.append(LearningRow(case_number=p[4], learned_on=day, hours=hours, course=rng.choice(COURSES),
                                external_id=f"HZJ-2022-{len(rows) + 1:06d}"))
    services.learning_import(rows=rows, by=None)


def _releases(offices, rng) -> None:
    """Release notices of 2022 from the prisons, thirty days ahead, each handed over (key persons escorted)."""
    for i in range(60):
        release = _day(rng, START, END)
        r = services.release_register(unit=offices[i % len(offices)], by=None, name=_name(rng),
                                      prison=rng.choice(["上海市提篮桥监狱", "上海市青浦监狱", "上海市南汇监狱"]),
                                      offence=rng.choice(OFFENCES), notice_received_on=release - timedelta(days=30),
                                      release_on=release, key_person=i % 10 == 0)
        services.release_hand_over(r, by=None, on=release + timedelta(days=rng.choice((0, 0, 1, 2))),
                                   escorted=r.key_person, expected_version=r.version)


def _current(units, offices, rng) -> None:
    """Work around the day the demo is loaded: a notice whose report-in is awaited (one overdue, not yet past the
    grace), one reported and awaiting the announcement, persons under supervision (one contact overdue), an
    admonition, leave requests of both tiers, and one correction ended with its certificate."""
    today = timezone.localdate()
    staff = User.objects.filter(username="jiaozheng").first()
    office = offices[0]

    def notice(days_ago: int, kind=Kind.PROBATION, term_days=365):
        effective = today - timedelta(days=days_ago)
        return services.intake(
            unit=office, by=staff, name=_name(rng), kind=kind, offence=rng.choice(OFFENCES),
            deciding_organ=Organ.COURT, deciding_body="上海市普陀区人民法院",
            decision_number=f"（{effective.year}）沪0107刑初{9000 + days_ago}号", notice_received_on=effective,
            effective_on=effective, term_end=effective + timedelta(days=term_days))

    def step(case, name, days_ago, **data):
        return WORKFLOW.run(case, name, by=staff, on=today - timedelta(days=days_ago), data=data)

    notice(3)
    notice(12)  # overdue: not reported within ten days, the grace not yet over
    c = notice(8)
    step(c, "report_in", 2, identity_checked=True)
    # the first person's contact is overdue (due five days ago), not yet past the loss-of-contact threshold
    for days_ago, level, last in ((60, Level.STRICT, 12), (45, Level.ORDINARY, 9), (30, Level.STRICT, 6)):
        c = notice(days_ago + 3)
        step(c, "report_in", days_ago, identity_checked=True)
        step(c, "announce", days_ago, level=level, plan="每周电话报告，每月到司法所报到一次，参加集中教育和公益活动。")
        day = days_ago
        while day - 6 >= last:
            day -= 6
            step(c, "record_contact", day, method=rng.choice(["phone", "visit", "electronic"]))
    step(c, "sanction", 5, kind=SanctionKind.ADMONITION, facts="未按规定时间报告本人情况。", days_out=0)
    step(c, "leave", 4, destination="江苏省苏州市", reason="探望病重亲属", start=today + timedelta(days=2),
         end=today + timedelta(days=6), approve=True)
    step(c, "leave", 3, destination="浙江省杭州市", reason="就医", start=today + timedelta(days=10),
         end=today + timedelta(days=24), approve=True)
    c = notice(200, term_days=180)
    step(c, "report_in", 195, identity_checked=True)
    step(c, "announce", 195, level=Level.LENIENT, plan="每月到司法所报到一次。")
    for days_ago in range(170, 20, -25):
        step(c, "record_contact", days_ago, method="in_person")
    step(c, "end", 20, end_reason=EndReason.TERM)
    for days_ago, key in ((20, True), (5, False)):
        services.release_register(unit=office, by=staff, name=_name(rng), prison="上海市提篮桥监狱",
                                  offence=rng.choice(OFFENCES), notice_received_on=today - timedelta(days=days_ago),
                                  release_on=today + timedelta(days=30 - days_ago), key_person=key)
    contacts.sweep(today)
