"""Import of disputes from Excel (.xlsx) or CSV in the column format of docs/import.md, on core's import machinery
(`core.imports`: reading, cell parsers, the error report, jobs and progress).

Every row is read and checked — dates, unit codes, types, the outcome's required columns, and that the user works
in the committee named — and then its path through the procedure is checked by the line's own rule
(`services.records._validate_record`). With any error nothing is written; otherwise one call of the batch writer
`services.disputes_import` writes every row in the import's one transaction, given the states the rows' checks
ended in (each path is checked once).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core.imports import Column, Importer, Row
from sifa.core.models import Unit, UnitKind

from . import services
from .models import DisputeState, DisputeType

# The file's values, as the documented format spells them (docs/import.md)
TRACKS = {"人民调解": "people", "诉前调解": "prelitigation", "行政争议调解": "administrative"}
SOURCES = {"当事人申请": "application", "主动调解": "initiative", "公安移送": "police", "法院委派": "court",
           "部门移送": "agency", "中心分流": "centre", "排查发现": "screening"}
OUTCOMES = {"调解成功": "agreed", "调解不成功": "failed", "撤回": "withdrawn", "拒绝调解": "refused"}
FORMS = {"书面": "written", "口头": "oral"}
PERFORMANCE = {"已履行": "performed", "未履行": "breached"}
ROUTES = {"仲裁": "arbitration", "行政": "administrative", "诉讼": "court"}
REFERRALS = {"委派": "delegated", "委托（普通程序）": "entrusted_ordinary", "委托（简易程序）": "entrusted_simplified"}

C = Column
COLUMNS = [
    C("登记日期", True, gettext_lazy("The day the dispute was registered: YYYY-MM-DD or an Excel date"), "2026-03-02"),
    C("调解组织", True, gettext_lazy("The code of the mediation committee handling it"), "PT-TWH-CSL"),
    C("纠纷类型", True, gettext_lazy("A dispute type, by name or code"), "邻里"),
    C("调解类型", False, gettext_lazy("人民调解 (default), 诉前调解, 行政争议调解"), "人民调解"),
    C("来源", False, gettext_lazy("当事人申请 (default), 主动调解, 公安移送, 法院委派, 部门移送, 中心分流, 排查发现"),
      "当事人申请"),
    C("申请人", True, gettext_lazy("The applicant's name"), "王某某"),
    C("对方当事人", False, gettext_lazy("The other parties' names, separated by 、"), "李某某"),
    C("涉及金额", False, gettext_lazy("Yuan, e.g. 3000 or 3,000.50"), "3000"),
    C("涉及人数", False, gettext_lazy("A whole number (default 2)"), "2"),
    C("受理日期", False, gettext_lazy("The day it was accepted; empty: registered only"), "2026-03-02"),
    C("调解日期", False, gettext_lazy("The days of the mediation sessions, separated by 、 (needed before a result)"),
      "2026-03-05"),
    C("调解结果", False, gettext_lazy("调解成功, 调解不成功, 撤回, 拒绝调解; empty: still being mediated"), "调解成功"),
    C("办结日期", False, gettext_lazy("The day of the result (when there is one)"), "2026-03-05"),
    C("协议形式", False, gettext_lazy("书面 or 口头 (when 调解成功)"), "书面"),
    C("履行情况", False, gettext_lazy("已履行 or 未履行 (for an agreement)"), ""),
    C("履行日期", False, gettext_lazy("The day performance was recorded"), ""),
    C("告知途径", False, gettext_lazy("When 调解不成功: 仲裁, 行政, 诉讼, separated by 、"), ""),
    C("委派法院", False, gettext_lazy("When 诉前调解: the referring court's unit code"), ""),
    C("法院案号", False, gettext_lazy("When 诉前调解: the court's reference"), ""),
    C("委派方式", False, gettext_lazy("委派 (default), 委托（普通程序）, 委托（简易程序）"), ""),
    C("反馈法院日期", False, gettext_lazy("The day the result went back to the court"), ""),
    C("纠纷简述", False, gettext_lazy("A short description"), "楼上漏水，就维修费用发生争执。"),
]


def _prepare(by) -> dict:
    types = {}
    for t in DisputeType.objects.filter(active=True):
        types[t.name] = types[t.code] = t
    return {"units": {u.code: u for u in Unit.objects.all()}, "types": types,
            "agreed_terms": _("As agreed in mediation.")}


def _line_message(exc: ValidationError) -> str:
    msg = "；".join(exc.messages)
    for sep in (": ", "："):  # the line's message starts with its own "Record n:"
        if sep in msg:
            return msg.split(sep, 1)[1]
    return msg


def check_row(r: Row, ctx: dict, by) -> tuple[services.DisputeRecord, DisputeState | None]:
    """One row as a DisputeRecord and the state its path ends in (None when the row has an error), every problem
    noted on the row."""
    units = ctx["units"]
    registered = r.day("登记日期")
    unit = r.unit("调解组织", units, kinds=[UnitKind.MEDIATION_COMMITTEE], user=by)
    type_text = r.text("纠纷类型")
    dispute_type = ctx["types"].get(type_text)
    if type_text and dispute_type is None:
        r.error("纠纷类型", _("“%(text)s” is not a dispute type set up in the administration.") % {"text": type_text})
    track = r.choice("调解类型", TRACKS, default="people")
    applicant = r.text("申请人", max_length=200)
    outcome = r.choice("调解结果", OUTCOMES, default="")
    concluded = r.day("办结日期", required=bool(outcome))
    form = r.choice("协议形式", FORMS, default="")
    if outcome == "agreed" and not form:
        r.error("协议形式", _("An agreement is either written (书面) or oral (口头)."))
    routes = [ROUTES.get(x) for x in r.names("告知途径")]
    if None in routes:
        r.error("告知途径", _("The choices are %(choices)s, several separated by “、”.") % {"choices": "、".join(ROUTES)})
    if outcome == "failed" and not routes:
        r.error("告知途径", _("When mediation fails, name the other routes explained to the parties."))
    court = r.unit("委派法院", units, required=track == "prelitigation", kinds=[UnitKind.COURT])
    reference = r.text("法院案号", required=track == "prelitigation", max_length=80)
    performance = r.choice("履行情况", PERFORMANCE, default="")
    record = services.DisputeRecord(
        unit=unit, dispute_type=dispute_type, registered_on=registered, track=track,
        source=r.choice("来源", SOURCES, default="application"), summary=r.text("纠纷简述"),
        parties=[applicant, *r.names("对方当事人")], amount_involved=r.decimal("涉及金额"),
        persons=r.integer("涉及人数", default=2, minimum=1) or 2, accepted_on=r.day("受理日期"),
        sessions=[(d, "") for d in r.days("调解日期")], outcome=outcome, concluded_on=concluded,
        agreement_form=form, terms=ctx["agreed_terms"] if outcome == "agreed" else "",
        other_routes=[x for x in routes if x], performance=performance,
        performance_on=r.day("履行日期", required=bool(performance)) if performance else None, court=court,
        court_reference=reference,
        referral_kind=r.choice("委派方式", REFERRALS, default="delegated") if court else "",
        court_returned_on=r.day("反馈法院日期"), handler=by if getattr(by, "is_authenticated", False) else None)
    state = None
    if r.ok:
        try:  # the line's own check of the record's path through its procedure
            state = services.records._validate_record(r.n, record)
        except ValidationError as exc:
            r.error("", _line_message(exc))
    return record, state


def write(checked: list, by) -> list:
    """The rows as `check_row` left them: their paths are checked, so the batch writer takes their states."""
    return services.disputes_import(records=[record for record, _state in checked], by=by,
                                    states=[state for _record, state in checked])


IMPORTER = Importer(kind="disputes", label=gettext_lazy("Disputes"), permission="mediation.add_dispute",
                    columns=COLUMNS, check=check_row, write=write, prepare=_prepare, list_url="mediation:list",
                    model="mediation.dispute")
