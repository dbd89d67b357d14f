"""The closing review's arithmetic: the quality score on the district's sheet (法律援助法 第五十九条) and the subsidy
on the district's tariff (第五十二条). Both are data in force from a day (`EvaluationSheet`, `SubsidyRate`): the
review uses the versions in force on the closing day and records them, with a sentence that explains the amount."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .models import EvaluationSheet, Grade, SubsidyRate

GRADES_ZH = {Grade.GOOD: "优秀", Grade.PASS: "合格", Grade.FAIL: "不合格"}
SERVICE_FORMS_ZH = {"drafting": "代拟法律文书", "criminal_defence": "刑事辩护", "criminal_representation": "刑事代理",
                    "litigation": "诉讼代理", "non_litigation": "非诉讼代理", "labour": "劳动争议调解与仲裁代理",
                    "other": "其他形式"}


def sheet_on(day: date) -> EvaluationSheet | None:
    return EvaluationSheet.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


def rate_on(service_form: str, day: date) -> SubsidyRate | None:
    return (SubsidyRate.objects.filter(service_form=service_form, effective_from__lte=day)
            .order_by("-effective_from").first())


@dataclass(frozen=True)
class Result:
    scores: dict[str, int]
    total: int
    grade: str
    subsidy: Decimal
    explanation: str


def assess(sheet: EvaluationSheet, rate: SubsidyRate, given: dict[str, int]) -> Result:
    """The total of the points given on each item (each within its maximum), the grade, and the subsidy: the rate in
    full for a good or passed case, `fail_subsidy_percent` of it for a failed one."""
    scores = {}
    for item in sheet.items:
        code = str(item["code"])
        points = given.get(code)
        if points is None or not 0 <= int(points) <= int(item["max"]):
            raise ValueError(f"item {code}: {points!r} is not within 0..{item['max']}")
        scores[code] = int(points)
    total = sum(scores.values())
    grade = Grade.GOOD if total >= sheet.good_mark else Grade.PASS if total >= sheet.pass_mark else Grade.FAIL
    percent = 100 if grade != Grade.FAIL else sheet.fail_subsidy_percent
    subsidy = (rate.amount * percent / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    # kept with the review and printed on the 补贴审批表: in Chinese whatever the reviewer's language
    explanation = (f"{SERVICE_FORMS_ZH.get(rate.service_form, rate.service_form)}每件{rate.amount}元"
                   f"（{rate.effective_from:%Y-%m-%d}起施行）× {percent}%（{GRADES_ZH[grade]}，{total}/{sheet.full_marks}分）"
                   f"= {subsidy}元")
    return Result(scores=scores, total=total, grade=grade, subsidy=subsidy, explanation=explanation)
