"""Import of reconsideration applications from Excel (.xlsx) or CSV (docs/import.md): historical applications
moved from an earlier system, or a batch received by the office. Built on core's import machinery; each row's
acts are checked against the line's procedure (`services.application_record_check`) and all rows are written by
the batch writer `services.applications_import` in one transaction, or none (given the states the rows' checks
ended in: each row's acts are checked once).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core import calendar as cal
from sifa.core import clocks as core_clocks
from sifa.core.imports import Column, Importer, Row
from sifa.core.models import Unit, UnitKind
from sifa.core.workflow import TransitionNotAllowed

from . import clocks, district, services
from .forms import RESPONDENT_KINDS
from .models import ActKind, SubjectArea

# The file's values, as the documented format spells them (docs/import.md)
CHANNELS = {"窗口递交": "counter", "邮寄": "post", "网上申请": "online", "口头申请": "oral"}
REVIEW = {"受理": "accepted", "不予受理": "not_accepted", "案前化解": "pre_acceptance_resolved"}
PROCEDURES = {"普通程序": "ordinary", "简易程序": "simplified"}
SIMPLIFIED_GROUNDS = {"当场作出": "on_the_spot", "警告或者通报批评": "warning", "款额三千元以下": "small_amount",
                      "政府信息公开": "information", "当事人同意": "consent"}
OUTCOMES = {"决定": "decision", "调解": "mediation", "调解后撤回": "mediated_withdrawal", "和解后撤回": "settlement",
            "撤回": "withdrawal", "终止": "termination"}
DECISIONS = {"变更": "BG", "撤销": "CX", "确认违法": "QRWF", "责令履行": "ZLLX", "确认无效": "QRWX", "维持": "WC",
             "驳回请求": "BH", "行政协议": "XY", "驳回申请": "BHSQ"}
YES_NO = {"是": True, "否": False}

C = Column
COLUMNS = [
    C("收到日期", True, gettext_lazy("The day the application was received: YYYY-MM-DD or an Excel date"),
      "2026-03-02"),
    C("复议机构", True, gettext_lazy("The code of the reconsideration office handling it"), district.office_code),
    C("申请方式", False, gettext_lazy("窗口递交 (default), 邮寄, 网上申请, 口头申请"), "窗口递交"),
    C("申请人", True, gettext_lazy("The applicants' names, separated by 、"), "王某某"),
    C("被申请人", True, gettext_lazy("The respondent's unit code"), "PT-FGJ"),
    C("行为类别", False, gettext_lazy("A kind of act, by name or code (default 其他)"), "行政处罚"),
    C("涉及领域", False, gettext_lazy("A subject area, by name or code"), ""),
    C("被申请行为", True, gettext_lazy("The challenged act"), "行政处罚决定"),
    C("行为文号", False, gettext_lazy("The number of the act's document"), ""),
    C("行为日期", False, gettext_lazy("The date of the act"), ""),
    C("涉案金额", False, gettext_lazy("Yuan"), ""),
    C("复议请求", True, gettext_lazy("What the applicant requests"), "请求撤销该行政处罚决定。"),
    C("重大复杂", False, gettext_lazy("是 or 否 (default)"), "否"),
    C("审查结果", False, gettext_lazy("受理, 不予受理, 案前化解; empty: still under acceptance review"), "受理"),
    C("审查日期", False, gettext_lazy("The day of the review's result (the day of acceptance for 受理)"),
      "2026-03-05"),
    C("不予受理理由", False, gettext_lazy("The reasons, for 不予受理"), ""),
    C("审理程序", False, gettext_lazy("普通程序 (default) or 简易程序 (from 2024)"), "普通程序"),
    C("简易程序理由", False, gettext_lazy("For 简易程序: 当场作出, 警告或者通报批评, 款额三千元以下, 政府信息公开, 当事人同意"),
      ""),
    C("审结方式", False, gettext_lazy("决定, 调解, 调解后撤回, 和解后撤回, 撤回, 终止; empty: still under review"), ""),
    C("决定类型", False, gettext_lazy("For 决定: 变更, 撤销, 确认违法, 责令履行, 确认无效, 维持, 驳回请求, 行政协议, 驳回申请"),
      ""),
    C("审结日期", False, gettext_lazy("The day of the conclusion"), ""),
    C("送达日期", False, gettext_lazy("The day the decision was served"), ""),
]

OFFICE_KINDS = [UnitKind.BUREAU_DIVISION, UnitKind.JUSTICE_BUREAU, UnitKind.DISTRICT_GOVERNMENT]


def _by_name_or_code(model) -> dict:
    out = {}
    for obj in model.objects.all():
        out[obj.name] = out[obj.code] = obj
    return out


def _prepare(by) -> dict:
    return {"units": {u.code: u for u in Unit.objects.all()}, "kinds": _by_name_or_code(ActKind),
            "areas": _by_name_or_code(SubjectArea), "days_checked": set(),
            "what": {"kinds": _("kind of act"), "areas": _("subject area")}}


def _lookup(r: Row, col: str, table: dict, what: str):
    text = r.text(col)
    if text and text not in table:
        r.error(col, _("“%(text)s” is not a %(what)s set up in the administration.") % {"text": text, "what": what})
    return table.get(text)


def check_row(r: Row, ctx: dict, by) -> tuple[services.ApplicationRecord, str | None]:
    """One row as an ApplicationRecord and the state its acts end in (None when the row has an error), every
    problem noted on the row."""
    units = ctx["units"]
    received = r.day("收到日期")
    if received and received not in ctx["days_checked"]:
        try:  # the acceptance review is counted in working days: the year's holidays must be known
            core_clocks.compute_due(rule=core_clocks.rule_for(clocks.ACCEPTANCE_REVIEW, received), start=received)
            ctx["days_checked"].add(received)
        except (cal.CalendarYearUnknown, core_clocks.ClockError) as exc:
            r.error("收到日期", str(exc))
    kind = _lookup(r, "行为类别", ctx["kinds"], ctx["what"]["kinds"])
    area = _lookup(r, "涉及领域", ctx["areas"], ctx["what"]["areas"])
    review = r.choice("审查结果", REVIEW, default="")
    outcome = r.choice("审结方式", OUTCOMES, default="")
    record = services.ApplicationRecord(
        unit=r.unit("复议机构", units, kinds=OFFICE_KINDS, user=by),
        respondent=r.unit("被申请人", units, kinds=RESPONDENT_KINDS), received_on=received,
        act_description=r.text("被申请行为", max_length=300), request=r.text("复议请求"),
        applicants=r.names("申请人"), channel=r.choice("申请方式", CHANNELS, default="counter"),
        act_kind=kind.code if kind else "other", subject_area=area, act_number=r.text("行为文号", max_length=80),
        act_date=r.day("行为日期"), amount=r.decimal("涉案金额", default=None), major=r.choice("重大复杂", YES_NO,
                                                                                          default=False),
        review_outcome=review, review_ended_on=r.day("审查日期", required=bool(review)),
        not_accepted_reason=r.text("不予受理理由", required=review == "not_accepted"),
        procedure=r.choice("审理程序", PROCEDURES, default=""),
        simplified_ground=r.choice("简易程序理由", SIMPLIFIED_GROUNDS, default=""), outcome=outcome,
        decision_type=r.choice("决定类型", DECISIONS, required=outcome == "decision", default=""),
        concluded_on=r.day("审结日期", required=bool(outcome)), served_on=r.day("送达日期"),
        handler=by if getattr(by, "is_authenticated", False) else None)
    state = None
    if r.ok:
        try:  # the line's own check of the row's acts against its procedure
            state = services.application_record_check(record)
        except services.ServiceError as exc:
            r.error("", exc.message)
        except TransitionNotAllowed as exc:
            r.error("", exc.message)
    return record, state


def write(checked: list, by) -> list:
    """The rows as `check_row` left them: their acts are checked, so the batch writer takes their states."""
    try:
        return services.applications_import(records=[record for record, _state in checked], by=by,
                                            states=[state for _record, state in checked])
    except services.ServiceError as exc:
        raise ValidationError(exc.message) from exc


IMPORTER = Importer(kind="applications", label=gettext_lazy("Reconsideration applications"),
                    permission="reconsideration.add_application", columns=COLUMNS, check=check_row, write=write,
                    prepare=_prepare, list_url="reconsideration:list", model="reconsideration.application")
