"""Derived figures as district data: definitions (core.models.FigureDefinition) with a formula over registered
figure keys (core.formula), in force from a date, that core.metrics computes like the lines' own figures.

- A definition's key is `<line>.<name>`: the line its prefix names shows it among its figures. A key a line
  registers as a rate is overridden by the definition (a district's own 纠错率); a line's count cannot be.
- The definition in force for a period is the one of the key with the latest `valid_from` on or before the
  period's last day: a report of 2022 keeps 2022's definition after the district changes it from 2024 on.
- Formulas refer to registered figures and to other definitions; a circle is refused.
- Writers: `save` (one definition, the UI; version-checked) and `load` (a TOML file, all or nothing); both
  validate, audit and refuse with a Chinese message naming the entry and the key.

Definitions are cached per process (a small table read once a minute at most, see CACHE_SECONDS); a save
empties the cache of the process that made it.
"""

from __future__ import annotations

import time
import tomllib
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from . import formula as fl
from .models.figures import EARLIEST, FigureDefinition, FigureKind

CACHE_SECONDS = 60
DEFAULT_UNIT = {FigureKind.COUNT: "件", FigureKind.AMOUNT: "元", FigureKind.RATE: "%"}
DEFAULT_DECIMALS = {FigureKind.COUNT: 0, FigureKind.AMOUNT: 2, FigureKind.RATE: 1}
FIELDS = ("key", "label", "label_en", "definition", "formula", "kind", "decimals", "unit_label", "valid_from")


@dataclass(frozen=True)
class Derived:
    """A derived figure as core.metrics sees it: like a Rate (is_rate for the kind rate), with `numerator`
    the first registered count it refers to (where a line's drill-down from the figure leads)."""

    key: str
    label_zh: str
    label_en: str
    definition: str
    formula: str
    tree: tuple = field(compare=False, hash=False, repr=False)
    kind: str = FigureKind.RATE
    decimals: int = 1
    unit_label: str = "%"
    valid_from: date = EARLIEST
    basis: str = ""
    pk: int | None = None
    derived = True

    @property
    def label(self) -> str:
        if self.label_en and (get_language() or "zh-hans").startswith("en"):
            return self.label_en
        return self.label_zh

    @property
    def is_rate(self) -> bool:
        return self.kind == FigureKind.RATE

    @property
    def terms(self) -> list[str]:
        return fl.keys(self.tree)

    @property
    def numerator(self) -> str:
        from . import metrics

        for key in self.terms:
            m = metrics.metric(key)
            if getattr(m, "derived", False):
                return m.numerator
            if not m.is_rate:
                return key
            return m.numerator
        raise KeyError(self.key)

    @property
    def denominator(self) -> str:
        return self.terms[-1]

    def __getattr__(self, name):
        # model, date_field, q, unit_field, sum_field, per: those of the first count it refers to, so that
        # a line's drill-down from the figure lists the records of that term
        if name in ("model", "date_field", "q", "unit_field", "sum_field", "per"):
            from . import metrics

            return getattr(metrics.builtin(self.numerator), name)
        raise AttributeError(name)

    def formula_text(self, labels: bool = True) -> str:
        from . import metrics

        def name(key):
            try:
                return str(metrics.metric(key).label)
            except KeyError:
                return key

        return fl.text(self.tree, name if labels else None)

    def value(self, values: dict):
        """The figure rounded half-up to its decimals, or None (a zero divisor, a term without value)."""
        from decimal import ROUND_HALF_UP, Decimal

        raw = fl.evaluate(self.tree, values)
        if raw is None:
            return None
        rounded = raw.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)
        if self.kind == FigureKind.COUNT and self.decimals == 0:
            return int(rounded)
        return rounded


def _derived(row) -> Derived:
    return Derived(key=row.key, label_zh=row.label, label_en=row.label_en, definition=row.definition,
                   formula=row.formula, tree=fl.parse(row.formula), kind=row.kind, decimals=row.decimals,
                   unit_label=row.unit_label or DEFAULT_UNIT.get(row.kind, ""), valid_from=row.valid_from,
                   pk=row.pk)


# --- the cache ----------------------------------------------------------------------------------------------

_cache: tuple[float, dict[str, list[Derived]]] | None = None


def invalidate(**_kwargs) -> None:
    global _cache
    _cache = None


def assume_none() -> None:
    """Take the table as empty without reading it (the test database at a test's start)."""
    global _cache
    _cache = (time.monotonic(), {})


post_save.connect(invalidate, sender="core.FigureDefinition", dispatch_uid="sifa.figures.saved")
post_delete.connect(invalidate, sender="core.FigureDefinition", dispatch_uid="sifa.figures.deleted")


def _all() -> dict[str, list[Derived]]:
    """key → its definitions, oldest first."""
    global _cache
    if _cache is None or time.monotonic() - _cache[0] > CACHE_SECONDS:
        by_key: dict[str, list[Derived]] = {}
        try:
            rows = list(FigureDefinition.objects.order_by("key", "valid_from"))
        except DatabaseError:  # before the migration that makes the table
            return {}
        for row in rows:
            try:
                by_key.setdefault(row.key, []).append(_derived(row))
            except fl.FormulaError:
                continue  # written past the validation (by hand in the database): ignored, not crashed on
        _cache = (time.monotonic(), by_key)
    return _cache[1]


def in_force(on: date | None = None) -> dict[str, Derived]:
    """key → the definition in force on `on` (default today)."""
    on = on or date.today()
    out = {}
    for key, versions in _all().items():
        current = [d for d in versions if d.valid_from <= on]
        if current:
            out[key] = current[-1]
    return out


def any_defined() -> bool:
    return bool(_all())


# --- validation -----------------------------------------------------------------------------------------------

def _line_of(key: str) -> str:
    return key.split(".", 1)[0]


def check(entry: dict, *, pending: dict[str, dict] | None = None) -> dict[str, str]:
    """Field → Chinese message for everything wrong with one definition (empty: none). `pending` holds the
    other definitions being saved with it (a file's entries: they may refer to each other)."""
    from . import metrics

    errors: dict[str, str] = {}
    key = (entry.get("key") or "").strip()
    if not key:
        errors["key"] = "缺少指标键（key）"
    elif not fl.re.fullmatch(fl.KEY, key):
        errors["key"] = f"指标键“{key}”格式不对：写作 条线.指标，小写字母、数字和下划线"
    elif not metrics.has_line(_line_of(key)):
        errors["key"] = f"指标键“{key}”的前缀“{_line_of(key)}”不是已登记的业务条线"
    else:
        builtin = metrics.builtin(key)
        if builtin is not None and not builtin.is_rate:
            errors["key"] = f"指标键“{key}”是业务条线登记的计数，不能用公式覆盖（只能覆盖比率或新增指标）"
    if not (entry.get("label") or "").strip():
        errors["label"] = "缺少中文名称（label）"
    kind = entry.get("kind") or FigureKind.RATE
    if kind not in FigureKind.values:
        errors["kind"] = f"类型“{kind}”不对：只能是 count（计数）、amount（金额）或 rate（比率）"
    decimals = entry.get("decimals")
    if decimals is not None and (not isinstance(decimals, int) or isinstance(decimals, bool)
                                 or not 0 <= decimals <= 6):
        errors["decimals"] = f"小数位数“{decimals}”不对：应为 0 至 6 的整数"
    valid_from = entry.get("valid_from")
    if valid_from is not None and not isinstance(valid_from, date):
        errors["valid_from"] = f"施行日期“{valid_from}”不是日期（写作 2024-01-01）"
    text = entry.get("formula") or ""
    pending = pending or {}
    try:
        tree = fl.validate(text, lambda k: metrics.is_builtin(k) or k in pending or k in in_force_any())
    except fl.FormulaError as exc:
        errors["formula"] = str(exc)
    else:
        if key in fl.keys(tree):
            errors["formula"] = f"公式引用了指标自身“{key}”"
        elif key and "key" not in errors:
            loop = _circle(key, fl.keys(tree), pending)
            if loop:
                errors["formula"] = "公式循环引用：" + " → ".join(loop)
    return errors


def in_force_any() -> set[str]:
    return set(_all())


def _circle(key: str, refs: list[str], pending: dict[str, dict]) -> list[str] | None:
    """A path of references from `key` back to itself, through pending and stored definitions."""
    stored = {k: versions[-1] for k, versions in _all().items()}

    def refs_of(k):
        if k == key:
            return refs
        if k in pending:
            try:
                return fl.keys(fl.parse(pending[k].get("formula") or ""))
            except fl.FormulaError:
                return []
        if k in stored:
            return stored[k].terms
        return []

    def walk(k, path):
        for r in refs_of(k):
            if r == key:
                return [*path, r]
            if r not in path:
                found = walk(r, [*path, r])
                if found:
                    return found
        return None

    return walk(key, [key])


def _normal(entry: dict) -> dict:
    kind = entry.get("kind") or FigureKind.RATE
    decimals = entry.get("decimals")
    return {
        "key": entry["key"].strip(), "label": entry["label"].strip(), "label_en": (entry.get("label_en") or "").strip(),
        "definition": (entry.get("definition") or "").strip(), "formula": entry["formula"].strip(), "kind": kind,
        "decimals": DEFAULT_DECIMALS[kind] if decimals is None else decimals,
        "unit_label": (entry.get("unit_label") or "").strip(),
        "valid_from": entry.get("valid_from") or EARLIEST,
    }


# --- writers --------------------------------------------------------------------------------------------------

@transaction.atomic
def save(entry: dict, *, by, instance: FigureDefinition | None = None,
         expected_version: int | str | None = None, pending: dict[str, dict] | None = None) -> FigureDefinition:
    """Create a definition, or change `instance` (refused with the conflict message when someone saved it
    since `expected_version` was read). Raises ValidationError with a Chinese message on each wrong field."""
    from . import audit
    from .locking import save_versioned

    errors = check(entry, pending=pending)
    if errors:
        raise ValidationError(errors)
    data = _normal(entry)
    clash = FigureDefinition.objects.filter(key=data["key"], valid_from=data["valid_from"])
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise ValidationError({"valid_from": f"指标“{data['key']}”已有自 {data['valid_from']} 起施行的定义"})
    before = {f: str(getattr(instance, f)) for f in FIELDS} if instance is not None else None
    row = instance or FigureDefinition()
    for f, v in data.items():
        setattr(row, f, v)
    save_versioned(row, expected_version=expected_version, by=by)
    audit.record(by, "core.figure.saved", row, summary=f"{row.key} = {row.formula}",
                 payload={"before": before, "after": {f: str(getattr(row, f)) for f in FIELDS}})
    invalidate()
    return row


@transaction.atomic
def delete(row: FigureDefinition, *, by, expected_version: int | str | None = None) -> None:
    from . import audit
    from .locking import compare_and_set

    compare_and_set(row, row.version if expected_version in (None, "") else int(expected_version))
    audit.record(by, "core.figure.deleted", row, summary=f"{row.key} = {row.formula}",
                 payload={f: str(getattr(row, f)) for f in FIELDS})
    row.delete()
    invalidate()


class LoadError(ValueError):
    """A definitions file that cannot be loaded: every problem, one Chinese line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def parse_file(text: str) -> list[dict]:
    """The `[[metric]]` entries of a TOML file (see docs/figures.md)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LoadError([f"文件不是有效的 TOML：{exc}"]) from exc
    entries = data.get("metric")
    unknown = sorted(set(data) - {"metric"})
    problems = [f"文件中有不认识的表“{k}”（只接受 [[metric]]）" for k in unknown]
    if not isinstance(entries, list) or not entries:
        problems.append("文件中没有 [[metric]] 条目")
        raise LoadError(problems)
    for i, e in enumerate(entries, 1):
        extra = sorted(set(e) - set(FIELDS))
        if extra:
            problems.append(f"第 {i} 条（{e.get('key', '?')}）：不认识的字段 {', '.join(extra)}")
    if problems:
        raise LoadError(problems)
    return entries


@transaction.atomic
def load(text: str, *, by) -> list[FigureDefinition]:
    """Load a file's definitions, all or nothing: an entry with the key and date of a stored definition
    replaces it. Raises LoadError naming each wrong entry and key; nothing is saved then."""
    entries = parse_file(text)
    pending = {}
    problems = []
    for i, e in enumerate(entries, 1):
        k = e.get("key") or ""
        if k and k in pending and (pending[k].get("valid_from") or EARLIEST) == (e.get("valid_from") or EARLIEST):
            problems.append(f"第 {i} 条（{k}）：与前面的条目重复（同一指标、同一施行日期）")
        pending[k] = e
    for i, e in enumerate(entries, 1):
        for f, msg in check(e, pending={k: v for k, v in pending.items() if k != e.get("key")}).items():
            problems.append(f"第 {i} 条（{e.get('key') or '?'}）{f}：{msg}")
    if problems:
        raise LoadError(problems)
    saved = []
    for e in entries:
        data = _normal(e)
        row = FigureDefinition.objects.filter(key=data["key"], valid_from=data["valid_from"]).first()
        saved.append(save(e, by=by, instance=row, expected_version=row.version if row else None,
                          pending={k: v for k, v in pending.items() if k != data["key"]}))
    return saved


def load_file(path, *, by) -> list[FigureDefinition]:
    from pathlib import Path

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError([f"读不了文件 {path}：{exc}"]) from exc
    return load(text, by=by)
