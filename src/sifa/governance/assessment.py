"""The assessment of rule-of-law building (法治建设考核): the year's indicator system as data, units' self-assessments
with their evidence, the bureau's scores, totals, pass or fail and the ranking — all computed from the inputs by
`recompute` (in SQL), so a corrected input or a revised scheme gives new results at once and each point is
traceable to its occurrences and its rule.

An item's points = max(0, points − min(cap, occurrences × deduction per occurrence)); the cap defaults to the
item's points. A veto item (一票否决) gives no points; where it applies the unit fails whatever its total. The
ranking orders the units of a scheme by their total, the failed by a veto last; equal totals share a rank.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import DecimalField, Exists, F, OuterRef, Q, Subquery, Sum, Value, Window
from django.db.models.functions import Coalesce, Greatest, Least, Rank
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core import audit
from sifa.core.locking import save_versioned
from sifa.core.workflow import StepError

from .models import Assessment, AssessmentScheme, Indicator, Score

D = DecimalField(max_digits=7, decimal_places=2)


@dataclass
class Item:
    code: str
    name: str
    points: Decimal = Decimal(0)
    per_occurrence: Decimal = Decimal(0)
    cap: Decimal | None = None
    veto: bool = False
    parent: str = ""  # the code of its level-1 heading; empty for a heading


def _check_items(items: list[Item]) -> None:
    codes = [i.code.strip() for i in items]
    if not items or any(not c for c in codes) or len(set(codes)) != len(codes):
        raise StepError(_("Each indicator needs a code of its own."), field="indicators")
    headings = {i.code for i in items if not i.parent}
    for i in items:
        if i.parent and i.parent not in headings:
            raise StepError(_("Indicator %(code)s: its level-1 indicator %(parent)s is not in the scheme.")
                            % {"code": i.code, "parent": i.parent}, field="indicators")
        if min(i.points, i.per_occurrence, i.cap if i.cap is not None else 0) < 0:
            raise StepError(_("Indicator %(code)s: points and deductions cannot be negative.") % {"code": i.code},
                            field="indicators")
        if i.veto and i.points:
            raise StepError(_("Indicator %(code)s: a veto item carries no points.") % {"code": i.code},
                            field="indicators")


def _write_items(scheme: AssessmentScheme, items: list[Item]) -> None:
    made = {}
    for i in sorted(items, key=lambda i: bool(i.parent)):  # the headings first
        made[i.code] = Indicator.objects.create(
            scheme=scheme, parent=made.get(i.parent), code=i.code.strip(), name=i.name.strip(), points=i.points,
            per_occurrence=i.per_occurrence, cap=i.cap, veto=i.veto)


@transaction.atomic
def scheme_publish(*, unit, by, year: int, title: str, published_on: date, items: list[Item],
                   pass_mark: Decimal = Decimal(60)) -> AssessmentScheme:
    """Publish a year's scheme (edition 1), or a revised edition of one already published (edition + 1)."""
    if unit is None:
        raise StepError(_("You belong to no unit that could register this."))
    if published_on > timezone.localdate():
        raise StepError(_("This date is in the future."), field="published_on")
    _check_items(items)
    last = AssessmentScheme.objects.filter(year=year, title=title.strip()).order_by("-edition").first()
    if last is not None and last.assessments.filter(scored_on__isnull=False).exists():
        raise StepError(_("Units have been scored under this scheme: publish the next year's instead."),
                        field="title")
    scheme = AssessmentScheme.objects.create(unit=unit, year=year, title=title.strip(), published_on=published_on,
                                             edition=(last.edition + 1) if last else 1, pass_mark=pass_mark)
    _write_items(scheme, items)
    if last is not None:  # the units under assessment move to the new edition, their inputs kept by code
        for a in Assessment.objects.filter(scheme=last):
            old = {s.indicator.code: s for s in a.scores.select_related("indicator")}
            a.scheme = scheme
            a.save(update_fields=["scheme"])
            a.scores.all().delete()
            _open_scores(a, old)
    audit.record(by, "governance.scheme.published", scheme, summary=str(scheme), payload={"items": len(items)})
    recompute(scheme)
    return scheme


def _open_scores(a: Assessment, old: dict | None = None) -> None:
    old = old or {}
    rows = []
    for ind in Indicator.objects.filter(scheme=a.scheme_id).filter(Q(parent__isnull=False) | Q(veto=True)):
        prev = old.get(ind.code)
        rows.append(Score(assessment=a, indicator=ind, **({
            "self_occurrences": prev.self_occurrences, "evidence": prev.evidence, "occurrences": prev.occurrences,
            "veto_applies": prev.veto_applies and ind.veto, "note": prev.note} if prev else {})))
    Score.objects.bulk_create(rows)


@transaction.atomic
def assessment_open(scheme: AssessmentScheme, *, by, assessed) -> Assessment:
    if Assessment.objects.filter(scheme=scheme, assessed=assessed).exists():
        raise StepError(_("%(unit)s is already assessed under this scheme.") % {"unit": assessed.name},
                        field="assessed")
    a = Assessment.objects.create(unit=scheme.unit, scheme=scheme, assessed=assessed)
    _open_scores(a)
    audit.record(by, "governance.assessment.opened", a, summary=str(a))
    return a


def _inputs(a: Assessment, rows: dict) -> dict:
    scores = {s.indicator.code: s for s in a.scores.select_related("indicator")}
    unknown = set(rows) - set(scores)
    if unknown:
        raise StepError(_("Not an indicator of this scheme: %(codes)s") % {"codes": "、".join(sorted(unknown))})
    return scores


def _all_given(scores: dict, rows: dict) -> None:
    """Every scored item is given (a veto item too, for the bureau): an empty one would drop out of the total."""
    missing = sorted(c for c, s in scores.items() if c not in rows and not s.indicator.veto)
    if missing:
        raise StepError(_("Score every indicator: %(codes)s") % {"codes": "、".join(missing)})


@transaction.atomic
def self_assess(a: Assessment, *, by, on: date, rows: dict[str, tuple[int, str]], expected_version=None):
    """The unit's self-assessment: per item its occurrences and the evidence (材料) it relies on."""
    if on > timezone.localdate():
        raise StepError(_("This date is in the future."), field="on")
    if a.scored_on is not None:
        raise StepError(_("The bureau has scored this unit: the self-assessment is closed."))
    scores = _inputs(a, rows)
    _all_given(scores, rows)
    for code, (occurrences, evidence) in rows.items():
        s = scores[code]
        s.self_occurrences, s.evidence = occurrences, (evidence or "").strip()
    Score.objects.bulk_update([scores[c] for c in rows], ["self_occurrences", "evidence"])
    a.self_submitted_on = on
    save_versioned(a, expected_version=expected_version, by=by)
    audit.record(by, "governance.assessment.self_assessed", a, summary=str(a), payload={"items": len(rows)})
    recompute(a.scheme)
    return a


@transaction.atomic
def bureau_score(a: Assessment, *, by, on: date, rows: dict[str, tuple[int, bool, str]], expected_version=None):
    """The bureau's scores: per item the occurrences found, whether a veto applies, its note. Every scored item
    must be given; the self-assessment comes first."""
    if on > timezone.localdate():
        raise StepError(_("This date is in the future."), field="on")
    if a.self_submitted_on is None:
        raise StepError(_("The unit has not submitted its self-assessment yet."))
    if on < a.self_submitted_on:
        raise StepError(_("The scores cannot be dated before the self-assessment."), field="on")
    scores = _inputs(a, rows)
    _all_given(scores, rows)
    for code, (occurrences, veto, note) in rows.items():
        s = scores[code]
        s.occurrences, s.veto_applies, s.note = occurrences, bool(veto) and s.indicator.veto, (note or "").strip()
    Score.objects.bulk_update(list(scores.values()), ["occurrences", "veto_applies", "note"])
    a.scored_on = on
    save_versioned(a, expected_version=expected_version, by=by)
    audit.record(by, "governance.assessment.scored", a, summary=str(a))
    recompute(a.scheme)
    return a


def _points(occurrences: str):
    """An item's points from the occurrences in `occurrences` (a field of Score), in SQL."""
    ind = Indicator.objects.filter(pk=OuterRef("indicator_id"))
    deduction = Least(Coalesce("cap", "points"), OuterRef(occurrences) * F("per_occurrence"), output_field=D)
    return Subquery(ind.annotate(p=Greatest(Value(Decimal(0), output_field=D), F("points") - deduction,
                                            output_field=D)).values("p")[:1], output_field=D)


@transaction.atomic
def recompute(scheme: AssessmentScheme) -> None:
    """Every point, total, pass or fail and rank of a scheme, from the inputs, in a few UPDATEs."""
    scores = Score.objects.filter(assessment__scheme=scheme)
    scores.filter(indicator__veto=True).update(points=None, self_points=None)
    scores.filter(indicator__veto=False).update(points=_points("occurrences"), self_points=_points("self_occurrences"))
    assessments = Assessment.objects.filter(scheme=scheme)
    mine = Score.objects.filter(assessment=OuterRef("pk")).values("assessment")
    total = lambda field: Subquery(mine.annotate(t=Sum(field)).values("t")[:1], output_field=D)  # noqa: E731
    vetoed = Exists(Score.objects.filter(assessment=OuterRef("pk"), veto_applies=True))
    assessments.filter(self_submitted_on__isnull=False).update(self_total=total("self_points"))
    assessments.filter(scored_on__isnull=False).update(total=total("points"), vetoed=vetoed)
    assessments.filter(scored_on__isnull=False).update(passed=Q(vetoed=False) & Q(total__gte=scheme.pass_mark))
    assessments.filter(scored_on__isnull=True).update(total=None, vetoed=False, passed=None, rank=None)
    ranked = (assessments.filter(scored_on__isnull=False)
              .annotate(r=Window(Rank(), order_by=[F("vetoed").asc(), F("total").desc()])))
    rows = list(ranked)
    for a in rows:
        a.rank = a.r
    Assessment.objects.bulk_update(rows, ["rank"])


def ranking(scheme: AssessmentScheme):
    return (Assessment.objects.filter(scheme=scheme, scored_on__isnull=False).select_related("assessed")
            .order_by("rank", "assessed__path"))


@transaction.atomic
def assessment_enrol(scheme: AssessmentScheme, *, by, units) -> list[Assessment]:
    """Put units under assessment by a scheme (列入考核), in one transaction: a unit already under it is refused,
    named, and none of the others is enrolled."""
    units = list(units)
    if not units:
        raise StepError(_("Choose at least one unit."), field="units")
    return [assessment_open(scheme, by=by, assessed=u) for u in units]


def parse_items(text: str) -> list[Item]:
    """The indicators as typed on the scheme's page, one a line: code | name | points | deduction per occurrence |
    cap | veto (是/否) | code of its level-1 indicator (empty for a level-1 indicator). A bad line is refused with its
    number (StepError on `indicators`)."""
    items = []
    for n, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.replace("｜", "|").split("|")]
        cells += [""] * (7 - len(cells))
        if len(cells) > 7 or not cells[0] or not cells[1]:
            raise StepError(_("Line %(n)s: write code | name | points | deduction | cap | veto | level-1 code.")
                            % {"n": n}, field="indicators")
        try:
            points, per, cap = (Decimal(cells[2] or 0), Decimal(cells[3] or 0),
                                Decimal(cells[4]) if cells[4] else None)
        except ArithmeticError:
            raise StepError(_("Line %(n)s: points, deduction and cap are numbers.") % {"n": n},
                            field="indicators") from None
        items.append(Item(cells[0], cells[1], points, per, cap, cells[5] in ("是", "Y", "y", "1", "veto"), cells[6]))
    _check_items(items)
    return items


def items_text(scheme: AssessmentScheme) -> str:
    """A scheme's indicators in the form `parse_items` reads (to start the next edition from)."""
    out = []
    for i in scheme.indicators.select_related("parent").order_by("code"):
        out.append(" | ".join([i.code, i.name, _num(i.points), _num(i.per_occurrence),
                               _num(i.cap) if i.cap is not None else "", "是" if i.veto else "",
                               i.parent.code if i.parent_id else ""]))
    return "\n".join(out)


def _num(d) -> str:
    return format(d.normalize(), "f") if d else "0"


def summary(scheme: AssessmentScheme) -> dict:
    """The figures of a scheme's scored units: how many, passed, the average, highest and lowest total and
    self-assessed total, and the average points under each level-1 indicator."""
    from django.db.models import Avg, Count, Max, Min

    scored = Assessment.objects.filter(scheme=scheme, scored_on__isnull=False)
    figures = scored.aggregate(n=Count("pk"), passed=Count("pk", filter=Q(passed=True)), average=Avg("total"),
                               highest=Max("total"), lowest=Min("total"), self_average=Avg("self_total"))
    n = figures["n"]
    by_heading = (Score.objects.filter(assessment__in=scored, indicator__parent__isnull=False)
                  .values("indicator__parent__code", "indicator__parent__name")
                  .annotate(points=Sum("points")).order_by("indicator__parent__code"))
    figures["headings"] = [{"code": h["indicator__parent__code"], "name": h["indicator__parent__name"],
                            "average": (h["points"] or Decimal(0)) / n} for h in by_heading] if n else []
    for key in ("average", "self_average"):
        if figures[key] is not None:
            figures[key] = Decimal(figures[key]).quantize(Decimal("0.01"))
    for h in figures["headings"]:
        h["average"] = Decimal(h["average"]).quantize(Decimal("0.01"))
    figures["enrolled"] = Assessment.objects.filter(scheme=scheme).count()
    return figures
