"""The economic-hardship check (经济困难审查) as a pure function over the standard in force (法律援助法 第三十四条、
第四十一条、第四十二条; 第三十二条 for the matters without the condition).

`assess(inputs, standard)` decides nothing by itself: it says whether the answers show hardship under the dated
standard given, or which answers are missing; the service records the inputs, the standard's version and this
result with the check, so the decision can be re-run and explained later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .models import HardshipMethod, HardshipResult


@dataclass(frozen=True)
class Inputs:
    method: str
    exempt_ground: str = ""
    household_size: int | None = None
    household_monthly_income: Decimal | None = None
    property_within_limit: bool | None = None
    pledge_signed: bool = False


@dataclass(frozen=True)
class Assessment:
    result: str
    income_per_capita: Decimal | None = None
    missing: list[str] = field(default_factory=list)
    explanation: str = ""


def assess(inputs: Inputs, standard) -> Assessment:
    """The result of a check: exempt (第三十二条/第四十二条), eligible, not eligible, or incomplete with the answers
    missing. `standard` is a HardshipStandard (or anything with `monthly_income_per_capita` and `effective_from`),
    or None when no standard was in force on the day."""
    if inputs.method == HardshipMethod.EXEMPT:
        if not inputs.exempt_ground:
            return Assessment(HardshipResult.INCOMPLETE, missing=["exempt_ground"],
                              explanation=_("The exempt ground is missing."))
        return Assessment(HardshipResult.EXEMPT, explanation=_(
            "Exempt from the economic-hardship check (法律援助法 第三十二条、第四十二条)."))
    missing = []
    if not inputs.household_size:
        missing.append("household_size")
    if inputs.household_monthly_income is None:
        missing.append("household_monthly_income")
    if inputs.property_within_limit is None:
        missing.append("property_within_limit")
    if inputs.method == HardshipMethod.PLEDGE and not inputs.pledge_signed:
        missing.append("pledge_signed")
    if standard is None:
        return Assessment(HardshipResult.INCOMPLETE, missing=[*missing, "standard"], explanation=_(
            "No economic-hardship standard was in force on the day: enter it in the administration first."))
    if missing:
        return Assessment(HardshipResult.INCOMPLETE, missing=missing, explanation=_(
            "Answers missing: %(fields)s.") % {"fields": "、".join(str(FIELD_NAMES[m]) for m in missing)})
    per_capita = (Decimal(inputs.household_monthly_income) / inputs.household_size).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP)
    limit = standard.monthly_income_per_capita
    words = {"per": per_capita, "limit": limit, "from": standard.effective_from}
    if per_capita > limit:
        return Assessment(HardshipResult.NOT_ELIGIBLE, per_capita, explanation=_(
            "Income per household member ¥%(per)s a month is above the standard of ¥%(limit)s (in force from "
            "%(from)s).") % words)
    if not inputs.property_within_limit:
        return Assessment(HardshipResult.NOT_ELIGIBLE, per_capita, explanation=_(
            "Income per household member ¥%(per)s is within the standard of ¥%(limit)s (in force from %(from)s), "
            "but the household's property exceeds the limit.") % words)
    return Assessment(HardshipResult.ELIGIBLE, per_capita, explanation=_(
        "Income per household member ¥%(per)s a month is within the standard of ¥%(limit)s (in force from "
        "%(from)s), and the property within the limit.") % words)


def standard_on(day):
    """The standard in force on `day` (the latest that had begun), or None."""
    from .models import HardshipStandard

    return HardshipStandard.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


class _Names(dict):
    def __missing__(self, key):
        return key


def _names():
    from django.utils.translation import gettext_lazy

    return _Names({
        "exempt_ground": gettext_lazy("exempt ground"),
        "household_size": gettext_lazy("household members"),
        "household_monthly_income": gettext_lazy("household monthly disposable income"),
        "property_within_limit": gettext_lazy("property test"),
        "pledge_signed": gettext_lazy("integrity pledge"),
        "standard": gettext_lazy("standard in force"),
    })


FIELD_NAMES = _names()
