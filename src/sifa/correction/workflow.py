"""The procedure of community correction as a table (core.workflow): intake is registered by the services from the
deciding organ's notice; the table takes the person from reporting in (报到, 社区矫正法 第二十一条) through the
announcement (宣告, 第二十二条) and supervision (contacts, classification, leave, sanctions) to 解除 (第四十四条) or
终止 (第四十五条). Who may: the correction staff of the justice office; a warning or a heavier step, and leave of more
than seven days, need the district's correction division (the county correction agency)."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core import clocks as core_clocks
from sifa.core import numbering
from sifa.core.models.scoping import user_unit_paths
from sifa.core.workflow import Close, Meet, Start, StepError, Transition, Workflow

from . import clocks, contacts, forms, ladder
from .district import division
from .models import EndReason, Leave, LeaveState, Sanction, SanctionKind, State, Supervisee

S = State
SUPERVISE = "correction.supervise_supervisee"
T = Transition


def in_division(user) -> bool:
    """The user belongs to the district's correction division (the county correction agency)."""
    div = division()
    return div is not None and any(div.path.startswith(p) for p in user_unit_paths(user))


def _report_in(case, data, *, on, by):
    case.reported_on = on
    case.missed_intake = on > case.missed_after  # found only after the district's grace: 漏管 all the same


def _announce(case, data, *, on, by):
    case.announced_on, case.level, case.plan = on, data["level"], data["plan"].strip()
    contacts.open_next(case, start=on)


def _change_level(case, data, *, on, by):
    if data["level"] == case.level:
        raise StepError(_("The person is already at this level."), field="level")
    case.level = data["level"]


def _contact(case, data, *, on, by):
    return contacts.meet(case, on=on, method=data["method"], note=data.get("note", ""))


HEAVY = (SanctionKind.WARNING, SanctionKind.POLICE_PENALTY, SanctionKind.REVOCATION)


def _sanction(case, data, *, on, by):
    kind = data["kind"]
    proposed, _basis = ladder.propose_for(case, int(data.get("days_out") or 0))
    reason = (data.get("departure_reason") or "").strip()
    if kind != SanctionKind.COMMENDATION and kind != proposed and not reason:
        raise StepError(_("The ladder proposes %(kind)s: a different decision needs its reason.") % {
            "kind": SanctionKind(proposed).label}, field="departure_reason")
    if kind == SanctionKind.REVOCATION and case.kind == "control":
        raise StepError(_("Public surveillance (管制) cannot be revoked."), field="kind")
    if kind in HEAVY and not in_division(by):
        raise StepError(_("A warning or a heavier step is decided by the district's correction agency."),
                        field="kind")
    court_due = None
    if kind == SanctionKind.REVOCATION:
        court_due = core_clocks.compute_due(rule=core_clocks.rule_for(clocks.COURT_RULING, on), start=on)
    sanction = Sanction.objects.create(
        supervisee=case, unit=case.unit, kind=kind, proposed=proposed if kind != SanctionKind.COMMENDATION else kind,
        decided_on=on, facts=data["facts"].strip(), departure_reason=reason, court_due=court_due, decided_by=by)
    data["_document_ref"] = sanction
    return sanction


def _leave(case, data, *, on, by):
    start, end = data["start"], data["end"]
    days = (end - start).days + 1
    earlier = sum(Leave.objects.filter(supervisee=case, state=LeaveState.APPROVED,
                                       start__gt=start - timedelta(days=61), start__lte=start)
                  .values_list("days", flat=True))
    cumulative = earlier + days
    tier = "office" if days <= 7 and cumulative <= 30 else "bureau"
    if tier == "bureau" and not in_division(by):
        raise StepError(_("Leave of more than seven days (or more than thirty within two months) is approved by the "
                          "district's correction agency."), field="end")
    leave = Leave.objects.create(
        supervisee=case, unit=case.unit, destination=data["destination"].strip(), reason=data["reason"].strip(),
        start=start, end=end, days=days, days_in_two_months=cumulative, tier=tier,
        state=LeaveState.APPROVED if data.get("approve") else LeaveState.REFUSED, decided_on=on)
    data["_document_ref"] = leave
    return leave


def _end(case, data, *, on, by):
    if data["end_reason"] == EndReason.TERM and on < case.term_end:
        raise StepError(_("The term ends on %(day)s.") % {"day": case.term_end}, field="on")
    case.ended_on, case.end_reason = on, data["end_reason"]
    contacts.cancel_open(case, on)


def _terminate(case, data, *, on, by):
    case.ended_on, case.end_reason = on, data["end_reason"]
    contacts.cancel_open(case, on)


# --- documents: numbered once, here, in the step's transaction; rendered on download ----------------------------

NUMBER_FORMATS = {
    "case": "{prefix}矫〔{year}〕{n}号",
    "announcement": "{prefix}矫宣〔{year}〕{n}号",
    "admonition": "{prefix}矫训〔{year}〕{n}号",
    "warning": "{prefix}矫警〔{year}〕{n}号",
    "commendation": "{prefix}矫表〔{year}〕{n}号",
    "police_penalty": "{prefix}矫治〔{year}〕{n}号",
    "revocation": "{prefix}矫撤〔{year}〕{n}号",
    "leave": "{prefix}矫外〔{year}〕{n}号",
    "certificate": "{prefix}矫解〔{year}〕{n}号",
    "release": "{prefix}帮〔{year}〕{n}号",
}


def take_number(kind: str, unit, year: int) -> str:
    return numbering.take(kind=f"correction.{kind}", unit=unit, year=year, default_format=NUMBER_FORMATS[kind])


def issue(case, kind: str, *, on, by, ref=None) -> str:
    agency = division() or case.unit
    if kind == "sanction":
        ref.number = take_number(ref.kind, agency, on.year)
        ref.save(update_fields=["number"])
        return ref.number
    if kind == "leave":
        ref.number = take_number("leave", agency if ref.tier == "bureau" else case.unit, on.year)
        ref.save(update_fields=["number"])
        return ref.number
    number = take_number(kind, agency, on.year)
    setattr(case, {"announcement": "announcement_number", "certificate": "end_number"}[kind], number)
    return number


WORKFLOW = Workflow(states=S, model=Supervisee, event_prefix="correction", issue=issue, url_name="correction:action",
                    transitions=[
    T("report_in", gettext_lazy("Record the report-in"), (S.NOTIFIED,), S.REPORTED, SUPERVISE,
      "《社区矫正法》第二十一条：自判决、裁定生效之日起十日内到执行地社区矫正机构报到；第二十二条：核对法律文书、核实身份、"
      "办理接收登记、建立档案", clocks=(Meet(clocks.REPORT_IN), Meet(clocks.DOCUMENTS, missing_ok=True)),
      form=forms.ReportInForm, effect=_report_in, event="reported_in",
      not_before=(("effective_on", gettext_lazy("the judgment taking effect")),)),
    T("announce", gettext_lazy("Announce the correction (宣告)"), (S.REPORTED,), S.SUPERVISED, SUPERVISE,
      "《社区矫正法》第二十二条：宣告社区矫正对象的犯罪事实、执行社区矫正的期限以及应当遵守的规定；第二十四条：矫正方案、分类管理",
      form=forms.AnnounceForm, effect=_announce, document="announcement", event="announced",
      not_before=(("reported_on", gettext_lazy("the report-in")),)),
    T("change_level", gettext_lazy("Change the classification level"), (S.SUPERVISED,), None, SUPERVISE,
      "《社区矫正法》第二十四条：实现分类管理、个别化矫正；矫正方案应当根据表现等情况相应调整",
      form=forms.LevelForm, effect=_change_level, event="level_changed"),
    T("record_contact", gettext_lazy("Record a contact or check-in"), (S.SUPERVISED,), None, SUPERVISE,
      "《社区矫正法》第二十三条（报告义务）、第二十六条（通过电话通讯、实地查访、信息化核查等方式了解情况）",
      form=forms.ContactForm, effect=_contact, event="contact_met",
      not_before=(("announced_on", gettext_lazy("the announcement")),)),
    T("sanction", gettext_lazy("Decide a commendation or sanction"), (S.SUPERVISED,), None, SUPERVISE,
      "《社区矫正法》第二十八条：表扬、训诫、警告、提请治安管理处罚、提请撤销缓刑、假释或者收监执行；第四十八条：法院三十日内裁定",
      clocks=(Start(clocks.COURT_RULING, when=lambda case, data: data.get("kind") == SanctionKind.REVOCATION,
                    note=gettext_lazy("when a revocation is recommended")),),
      form=forms.SanctionForm, effect=_sanction, document="sanction", event="sanction_decided",
      not_before=(("announced_on", gettext_lazy("the announcement")),)),
    T("leave", gettext_lazy("Decide a leave request"), (S.SUPERVISED,), None, SUPERVISE,
      "《社区矫正法》第二十七条：离开所居住的市、县，应当报经社区矫正机构批准；社区矫正法实施办法（2020）：七日以内由司法所批准，"
      "超过七日或者两个月内累计超过三十日由社区矫正机构批准",
      form=forms.LeaveForm, effect=_leave, document="leave", event="leave_decided"),
    T("end", gettext_lazy("End the correction (解除)"), (S.SUPERVISED,), S.ENDED, SUPERVISE,
      "《社区矫正法》第四十四条：矫正期满或者被赦免的，发放解除社区矫正证明书，并通知决定机关、人民检察院、公安机关",
      clocks=(Close(reason="解除社区矫正"),), form=forms.EndForm, effect=_end, document="certificate",
      closes=True, event="ended"),
    T("terminate", gettext_lazy("Terminate the correction (终止)"), (S.SUPERVISED, S.REPORTED, S.NOTIFIED),
      S.TERMINATED, SUPERVISE,
      "《社区矫正法》第四十五条：被裁定撤销缓刑、假释，被决定收监执行，或者死亡的，社区矫正终止",
      clocks=(Close(clocks.COURT_RULING, reason="社区矫正终止"),), form=forms.TerminateForm, effect=_terminate,
      closes=True, event="terminated"),
])
