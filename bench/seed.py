"""The synthetic data generator behind `sifa bench seed --scale district|city|province|N`.

It writes, by bulk insert (COPY on PostgreSQL), a deterministic world from one seed:

- districts shaped like the demo district (the demo district itself is district 0; the others hang under
  a city root `BX` so one city-level user sees them all), with handlers and mediators per unit;
- the cases of every business line whose plugin is in `bench.lines` and whose app has models, month by
  month from 2020-01 to today, in the proportions of a real district (mostly mediation);
- for each case: its history rows (django-simple-history), its statutory clocks (`Deadline` rows whose
  due dates come from the line's registered rules, met for closed cases, running or overdue for open
  ones), the number series it took numbers from, and its audit events — chained by keyed SM3 in Python
  with `core.audit.event_hash`, in time order, continuing the existing chain, so `sifa audit verify` passes.

Scales: district ≈ 50k cases (one district, seven years), city ≈ 1M, province ≈ 10M, or any number.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from sifa.core import audit, clocks, crypto
from sifa.core.models import (
    AuditEvent,
    AuditHead,
    Deadline,
    Membership,
    NumberSeries,
    Party,
    Role,
    Unit,
    User,
)
from sifa.core.models.clocks import DeadlineState
from sifa.core.validators import id_number_check_digit

from .scales import SCALES, scale_size  # noqa: F401  (re-exported for the command)
from .writer import BulkWriter

FIRST_MONTH = date(2020, 1, 1)
PER_DISTRICT_YEAR = 7_500  # cases a district opens in a year, all lines (Putuo 2022: ~10k incl. pre-litigation)
GENERATOR_VERSION = "1"
# A case's later acts (clock met, closure) fall at most this long after it opens; events are chained in
# time order once no case still to be generated can add to their month.
EVENT_WINDOW_DAYS = 200
IDENTITY_POOL = 3000

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉鹏玲红波宇浩凯晨欣怡子涵雨轩思博嘉佳"
STREET_WORDS = "长寿曹杨长风宜川甘泉石泉万里真如长征桃浦江宁新华虹桥天山仙霞周家桥华阳静安南京西路"


def months(first: date, last: date) -> list[date]:
    out, m = [], first
    while m <= last:
        out.append(m)
        m = date(m.year + (m.month == 12), m.month % 12 + 1, 1)
    return out


@dataclass
class District:
    index: int
    code: str  # "PT" for the demo district, "B001"... for the others
    name: str
    units: dict[str, int]  # suffix ("SFJ-FY", "TWH-CSL", "" for the government) -> unit id
    unit_paths: dict[int, str]
    unit_shorts: dict[int, str]
    users: dict[str, list[int]]  # "fy", "ys", "med:<street>", "office:<street>", "head" -> user ids
    streets: list[str]

    def unit(self, suffix: str) -> int:
        return self.units[suffix]


@dataclass
class _Event:
    """The attributes `core.audit.event_hash` reads, without building a model instance per event."""

    at: datetime
    action: str
    object_type: str
    object_id: str
    unit_id: int | None
    actor_id: int | None
    actor_name: str
    summary: str
    payload: dict
    seq: int = 0


@dataclass
class Stats:
    rows: dict[str, int] = field(default_factory=dict)
    cases: int = 0
    seconds: float = 0.0
    districts: int = 0
    events: int = 0

    @property
    def rows_total(self) -> int:
        return sum(self.rows.values())


class Generator:
    """Holds the writer, the random source and the bookkeeping the line plugins share."""

    def __init__(self, *, size: int, seed: int = 20221031, today: date | None = None, batch: int = 20000,
                 history: bool = True, out=None):
        from django.utils import timezone

        self.size = size
        self.seed = seed
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        self.w = BulkWriter(batch=batch, defer_indexes=size >= 100_000)
        self.history = history
        self.out = out
        self.districts: list[District] = []
        self._numbers: dict[tuple[str, int, int], list] = {}  # (kind, unit, year) -> [last, format, prefix]
        self._events: dict[date, list[_Event]] = {}  # month -> events recorded in it
        self._user_names: dict[int, str] = {}
        self._ct: dict[type, int] = {}
        self._hist: dict[type, type | None] = {}
        self._identities: list[dict] = []
        head = AuditHead.objects.filter(pk=1).first()
        self._seq, self._hash = (head.seq, head.hash) if head else (0, audit.GENESIS)
        self.stats = Stats()

    # --- helpers for plugins ---------------------------------------------------------------------------
    def say(self, msg: str) -> None:
        if self.out is not None:
            self.out.write(msg)

    def ct(self, model) -> int:
        if model not in self._ct:
            self._ct[model] = ContentType.objects.get_for_model(model, for_concrete_model=True).pk
        return self._ct[model]

    def person_name(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))

    def day_in(self, month: date) -> date:
        last = (date(month.year + (month.month == 12), month.month % 12 + 1, 1) - timedelta(days=1)).day
        d = month.replace(day=self.rng.randint(1, last))
        return min(d, self.today)

    def moment(self, on: date) -> datetime:
        """The recording moment of an act on `on`: office hours (08:00-18:00 Beijing time), stored in UTC."""
        micro = int(self.rng.random() * 36_000_000_000)
        return datetime(on.year, on.month, on.day, tzinfo=UTC) + timedelta(microseconds=micro)

    def number(self, *, kind: str, unit_id: int, year: int, prefix: str,
               fmt: str = "{prefix}〔{year}〕{n}号") -> str:
        key = (kind, unit_id, year)
        series = self._numbers.get(key)
        if series is None:
            existing = NumberSeries.objects.filter(kind=kind, unit_id=unit_id, year=year).first()
            series = self._numbers[key] = [existing.last if existing else 0, existing.format if existing else fmt,
                                           prefix, existing is not None]
        series[0] += 1
        return series[1].format(prefix=prefix, year=year, n=series[0])

    def party(self, *, unit_id: int, organisation: bool = False, name: str | None = None) -> int:
        """A party. People carry a valid ID number and mobile, encrypted, hashed and masked as
        `Party.set_id_number` does; at scale the encrypted identities come from a pool of a few thousand
        (SM4 per party would dominate the load), so an identity recurs across parties."""
        r = self.rng
        row = {"unit_id": unit_id, "kind": "organisation" if organisation else "person"}
        if organisation:
            row["name"] = name or f"上海{r.choice(STREET_WORDS)}{r.choice(STREET_WORDS)}有限公司"
        else:
            if len(self._identities) < IDENTITY_POOL:
                self._identities.append(self._identity())
            row.update(self._identities[r.randrange(len(self._identities))])
            row["name"] = name or self.person_name()
        return self.w.add(Party, row)["id"]

    def _identity(self) -> dict:
        r = self.rng
        birth = date(r.randint(1950, 2004), r.randint(1, 12), r.randint(1, 28))
        first17 = f"310107{birth:%Y%m%d}{r.randint(0, 999):03d}"
        idn = first17 + id_number_check_digit(first17)
        phone = f"1{r.choice('3456789')}{r.randint(0, 999_999_999):09d}"
        return {"id_type": "resident_id", "birth_date": birth, "sex": "M" if int(idn[16]) % 2 else "F",
                "id_number_enc": crypto.encrypt(idn), "id_number_hash": crypto.lookup_hash(idn),
                "id_number_masked": crypto.mask_id_number(idn), "phone_enc": crypto.encrypt(phone),
                "phone_hash": crypto.lookup_hash(phone), "phone_masked": crypto.mask_phone(phone)}

    def case(self, model, row: dict, *, created: datetime, by: int | None, initial_state: str | None = None,
             changed: datetime | None = None) -> dict:
        """A case row plus its history: '+' when opened (in `initial_state`), '~' when last changed."""
        row.setdefault("created_at", created)
        row.setdefault("updated_at", changed or created)
        row.setdefault("version", 2 if changed else 1)
        self.w.add(model, row)
        self.stats.cases += 1
        hist = self._history_model(model)
        if hist is not None:
            first = {**row, "version": 1, "updated_at": created, "history_date": created, "history_type": "+",
                     "history_user_id": by, "history_change_reason": None}
            if initial_state is not None and initial_state != row.get("state"):
                first.update(state=initial_state, closed_on=None)
            first.pop("history_id", None)
            self.w.add(hist, first)
            if changed:
                self.w.add(hist, {**row, "history_date": changed, "history_type": "~", "history_user_id": by,
                                  "history_change_reason": None})
        return row

    def _history_model(self, model):
        if model not in self._hist:
            # `model.history` builds a manager class on each access: look it up once
            self._hist[model] = model.history.model if (self.history and hasattr(model, "history")) else None
        return self._hist[model]

    def event(self, *, at: datetime, action: str, model, object_id: int, unit_id: int | None, actor_id: int | None,
              summary: str, payload: dict | None = None) -> None:
        """An audit event, chained in time order when its month is written."""
        e = _Event(at=at, action=action, object_type=model._meta.label_lower, object_id=str(object_id),
                   unit_id=unit_id, actor_id=actor_id, actor_name=self.user_name(actor_id),
                   summary=summary[:300], payload=payload or {})
        local = (at + timedelta(hours=8)).date()
        self._events.setdefault(local.replace(day=1), []).append(e)

    def deadline(self, *, model, case_id: int, rule: str, start: date, unit_id: int, assignee_id: int | None,
                 case_label: str, case_url: str, met_on: date | None = None, cancelled: bool = False,
                 by: int | None = None) -> dict:
        """A clock as `core.clocks.start` would write it, met on `met_on` or still open (running/overdue)."""
        r, due, label = _rule_due(rule, start)
        if cancelled and met_on is not None:
            state = DeadlineState.CANCELLED
        elif met_on is not None:
            state = DeadlineState.MET
        else:
            state = DeadlineState.OVERDUE if due < self.today else DeadlineState.RUNNING
        row = self.w.add(Deadline, {
            "content_type_id": self.ct(model), "object_id": case_id, "rule": r.key,
            "rule_effective_from": r.effective_from, "label": label, "basis": r.basis, "length": r.length,
            "count_unit": r.unit, "start": start, "original_due": due, "due": due, "state": state,
            "met_on": met_on, "pauses": [], "extensions": [], "unit_id": unit_id, "assignee_id": assignee_id,
            "case_label": case_label[:200], "case_url": case_url,
            "overdue_flagged_at": self.moment(due + timedelta(days=1)) if state == DeadlineState.OVERDUE else None,
        })
        self.event(at=self.moment(start), action="clock.started", model=model, object_id=case_id, unit_id=unit_id,
                   actor_id=by, summary=f"{label}: {due}",
                   payload={"rule": r.key, "start": start.isoformat(), "due": due.isoformat()})
        if state in (DeadlineState.MET, DeadlineState.CANCELLED):
            action = "clock.met" if state == DeadlineState.MET else "clock.cancelled"
            payload = {"rule": r.key, "on": met_on.isoformat()}
            if state == DeadlineState.MET:
                payload["late"] = met_on > due
            self.event(at=self.moment(met_on), action=action, model=model, object_id=case_id,
                       unit_id=unit_id, actor_id=by, summary=f"{label}: {met_on}", payload=payload)
        return row

    def user_name(self, user_id: int | None) -> str:
        if user_id is None:
            return "system"
        return self._user_names[user_id]

    # --- the chain ----------------------------------------------------------------------------------
    def write_events(self, upto: date | None = None) -> None:
        """Chain and write the events of every buffered month up to `upto` (all when None), in time order."""
        for month in sorted(self._events):
            if upto is not None and month > upto:
                break
            events = self._events.pop(month)
            events.sort(key=lambda e: e.at)
            scheme = audit.current_scheme()
            for e in events:
                self._seq += 1
                e.seq = self._seq
                h = audit.event_hash(self._hash, e, scheme)
                self.w.add(AuditEvent, {"seq": e.seq, "at": e.at, "actor_id": e.actor_id,
                                        "actor_name": e.actor_name, "unit_id": e.unit_id, "action": e.action,
                                        "object_type": e.object_type, "object_id": e.object_id,
                                        "summary": e.summary, "payload": e.payload, "prev_hash": self._hash,
                                        "hash": h, "scheme": scheme})
                self._hash = h
            self.stats.events += len(events)

    def finish(self) -> None:
        self.write_events()
        self.stats.rows.update(self.w.close())
        AuditHead.objects.update_or_create(pk=1, defaults={"seq": self._seq, "hash": self._hash})
        for (kind, unit_id, year), (last, fmt, _prefix, existed) in self._numbers.items():
            if existed:
                NumberSeries.objects.filter(kind=kind, unit_id=unit_id, year=year).update(last=last)
            else:
                NumberSeries.objects.create(kind=kind, unit_id=unit_id, year=year, format=fmt, last=last)


@lru_cache(maxsize=200_000)
def _rule_due(rule: str, start: date):
    r = clocks.rule_for(rule, start)
    return r, clocks.compute_due(rule=r, start=start), str(r.label)


# --- the world: districts, units, users ------------------------------------------------------------

def _district_units(code: str, name: str) -> list[tuple[str, str, str, str, str | None]]:
    """The demo district's unit list, re-coded for a synthetic district."""
    from sifa.demo.district import UNITS

    out = []
    for ucode, uname, short, kind, parent in UNITS:
        if not (ucode == "PT" or ucode.startswith("PT-")):
            continue
        new = code + ucode[2:]
        out.append((new, uname.replace("上海市普陀区", name).replace("普陀区", name).replace("普陀", name),
                    short.replace("普", name[1:-1] + "区"), kind, (code + parent[2:]) if parent else None))
    return out


def build_world(g: Generator, n_districts: int) -> None:
    """District 0 is the demo district (loaded by `sifa.demo.district`); the others are bulk-inserted."""
    from sifa.demo import district as demo
    from sifa.demo import holidays

    demo.load()
    holidays.load()
    roles = {r.code: r.pk for r in Role.objects.all()}
    password = make_password(demo.DEMO_PASSWORD)
    streets = [s for s, _ in demo.STREETS]
    g._user_names.update({u.pk: str(u) for u in User.objects.all()})

    def district_of(code: str, index: int, name: str, root_path: str = "/") -> District:
        units = {u.code: u for u in Unit.objects.filter(path__startswith=f"{root_path}{code}/")}
        # courts and the procuratorate stand outside the government's tree
        units.update({u.code: u for u in Unit.objects.filter(code__in=[f"{code}-FY", f"{code}-JCY"])})
        if index and not units:
            raise RuntimeError(f"district {code} missing")
        users: dict[str, list[int]] = {}
        for m in Membership.objects.filter(unit__in=units.values()).select_related("unit", "role"):
            suffix = m.unit.code[len(code):].lstrip("-")
            key = {"case_handler": "fy" if suffix == "SFJ-FY" else "ys" if suffix == "SFJ-YS" else None,
                   "division_head": "head", "mediator": f"med:{suffix.rsplit('-', 1)[-1]}",
                   "office_staff": f"office:{suffix.rsplit('-', 1)[-1]}"}.get(m.role.code)
            if key:
                users.setdefault(key, []).append(m.user_id)
        return District(index=index, code=code, name=name,
                        units={c[len(code):].lstrip("-"): u.pk for c, u in units.items()},
                        unit_paths={u.pk: u.path for u in units.values()},
                        unit_shorts={u.pk: u.short_name or u.name for u in units.values()}, users=users,
                        streets=streets)

    g.districts = [district_of("PT", 0, "普陀区")]
    if n_districts <= 1:
        return
    root = Unit.objects.filter(code="BX").first()
    if root is None:
        root = Unit(code="BX", name="基准测试市", short_name="基准", kind="other")
        root.save()
        lead = User.objects.create(username="bench_city", last_name="市", first_name="局长", password=password)
        Membership.objects.create(user=lead, unit=root, role_id=roles["bureau_leader"])
        g._user_names[lead.pk] = str(lead)
    existing = set(Unit.objects.filter(path__startswith="/BX/").values_list("code", flat=True))
    with transaction.atomic():
        for i in range(1, n_districts):
            code = f"B{i:03d}"
            if code in existing:
                continue
            name = f"第{i}区"
            ids: dict[str, int] = {}
            paths: dict[str, str] = {}
            for sort, (ucode, uname, short, kind, parent) in enumerate(_district_units(code, name)):
                parent_code = parent or "BX"
                parent_path = paths.get(parent_code, root.path)
                uid = g.w.next_id(Unit)
                paths[ucode] = f"{parent_path}{ucode}/"
                g.w.add(Unit, {"id": uid, "code": ucode, "name": uname, "short_name": short, "kind": kind,
                               "parent_id": ids.get(parent_code, root.pk), "path": paths[ucode], "sort": sort,
                               "active": True})
                ids[ucode] = uid
            people = [("head", "division_head", f"{code}-SFJ-FY"), ("fy1", "case_handler", f"{code}-SFJ-FY"),
                      ("fy2", "case_handler", f"{code}-SFJ-FY"), ("fy3", "case_handler", f"{code}-SFJ-FY"),
                      ("ys1", "case_handler", f"{code}-SFJ-YS"), ("leader", "bureau_leader", code)]
            people += [(f"med_{s.lower()}", "mediator", f"{code}-SFS-{s}") for s in streets]
            people += [(f"office_{s.lower()}", "office_staff", f"{code}-SFS-{s}") for s in streets]
            for login, role, ucode in people:
                uid = g.w.next_id(User)
                family, given = g.rng.choice(SURNAMES), "".join(g.rng.choice(GIVEN) for _ in range(2))
                g.w.add(User, {"id": uid, "username": f"{code.lower()}_{login}", "password": password,
                               "last_name": family, "first_name": given, "email": "", "is_staff": False,
                               "is_superuser": False, "is_active": True, "date_joined": g.moment(FIRST_MONTH)})
                g._user_names[uid] = family + given
                g.w.add(Membership, {"user_id": uid, "unit_id": ids[ucode], "role_id": roles[role]})
        g.w.flush()
    for i in range(1, n_districts):
        g.districts.append(district_of(f"B{i:03d}", i, f"第{i}区", root.path))


# --- the run ------------------------------------------------------------------------------------------

def plugins():
    from .lines import available

    return available()


def _seasonal(month: date) -> float:
    # fewer cases around the Spring Festival (Feb) and more before the year's end
    return {2: 0.7, 7: 1.05, 11: 1.1, 12: 1.15}.get(month.month, 1.0)


def seed(scale: str | int = "district", *, seed: int = 20221031, today: date | None = None, out=None,
         history: bool = True, batch: int = 20000, lines: list[str] | None = None) -> Stats:
    """Generate `scale` cases (plus their clocks, history and audit events). Returns what was written."""
    size = scale_size(scale)
    started = time.monotonic()
    g = Generator(size=size, seed=seed, today=today, batch=batch, history=history, out=out)
    chosen = [p for p in plugins() if lines is None or p.line in lines]
    span = months(FIRST_MONTH, g.today.replace(day=1))
    n_districts = max(1, round(size / (PER_DISTRICT_YEAR * len(span) / 12)))
    with _fast_load():
        build_world(g, n_districts)
        g.stats.districts = len(g.districts)
        for p in chosen:
            p.setup(g)
        share_total = sum(p.share for p in chosen)
        weights = [_seasonal(m) for m in span]
        wsum = sum(weights)
        plan = {p.line: _spread(round(size * p.share / share_total), weights, wsum) for p in chosen}
        for mi, month in enumerate(span):
            for d in g.districts:
                for p in chosen:
                    n = _share_of(plan[p.line][mi], d.index, len(g.districts))
                    if n:
                        p.generate(g, d, month, n)
            # a month's events are complete once every case opened before it has been generated
            g.write_events(upto=month - timedelta(days=EVENT_WINDOW_DAYS))
            g.say(f"  {month:%Y-%m}: {g.stats.cases} cases, {time.monotonic() - started:.0f} s")
        for p in chosen:
            p.finish(g)
        g.finish()
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")
    g.stats.seconds = time.monotonic() - started
    return g.stats


def _spread(total: int, weights: list[float], wsum: float) -> list[int]:
    raw = [total * w / wsum for w in weights]
    out = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)[: total - sum(out)]:
        out[i] += 1
    return out


def _share_of(total: int, index: int, n: int) -> int:
    return total // n + (1 if index < total % n else 0)


class _fast_load:
    """One transaction; on PostgreSQL, foreign-key triggers off while loading (the generator writes
    consistent keys) and a larger work_mem for the index builds."""

    def __enter__(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        if connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute("SET LOCAL session_replication_role = replica")
                c.execute("SET LOCAL work_mem = '256MB'")
                c.execute("SET LOCAL maintenance_work_mem = '1GB'")
        return self

    def __exit__(self, *exc):
        return self.atomic.__exit__(*exc)
