"""The procedure of community correction as a table (core.workflow): intake is registered by the services from the
deciding organ's notice; the table takes the person from reporting in (报到, 社区矫正法 第二十一条) through the
announcement (宣告, 第二十二条) and supervision (contacts, classification, leave, sanctions) to 解除 (第四十四条) or
终止 (第四十五条). Who may: the correction staff of the justice office; a warning or a heavier step, and leave of more
than seven days, need the district's correction division (the county correction agency)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core import clocks as core_clocks
from sifa.core import numbering
from sifa.core.models.scoping import user_unit_paths
from sifa.core.workflow import Close, Meet, Start, StepError, Transition, Workflow, not_before

from . import clocks, contacts, forms, ladder
from .district import division
from .models import (
    EndReason,
    Leave,
    LeaveState,
    Monitoring,
    Sanction,
    SanctionKind,
    Search,
    State,
    Supervisee,
    TeamMember,
    TeamRole,
    Transfer,
)

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
    asked = data.get("arrest_requested_at")
    if asked and kind != SanctionKind.REVOCATION:
        raise StepError(_("An arrest is requested only with a revocation recommendation."), field="arrest_requested_at")
    if asked and asked.date() < on:
        raise StepError(_("The arrest is requested with the recommendation, not before it."),
                        field="arrest_requested_at")
    sanction = Sanction.objects.create(
        supervisee=case, unit=case.unit, kind=kind, proposed=proposed if kind != SanctionKind.COMMENDATION else kind,
        decided_on=on, facts=data["facts"].strip(), departure_reason=reason, court_due=court_due, decided_by=by,
        arrest_requested_at=asked, arrest_due_at=asked + ARREST_DECISION if asked else None)
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


ARREST_DECISION = timedelta(hours=48)  # 社区矫正法 第四十七条第二款


def pending_arrest(case) -> Sanction | None:
    return (case.sanctions.filter(kind=SanctionKind.REVOCATION, arrest_requested_at__isnull=False,
                                  arrest_decided_at__isnull=True).order_by("-pk").first())


def pending_ruling(case) -> Sanction | None:
    return case.sanctions.filter(kind=SanctionKind.REVOCATION, ruled_on__isnull=True).order_by("-pk").first()


def _arrest_decision(case, data, *, on, by):
    s = pending_arrest(case)
    at: datetime = data["decided_at"]
    if at < s.arrest_requested_at:
        raise StepError(_("The decision cannot precede the request (%(at)s).") % {
            "at": timezone.localtime(s.arrest_requested_at).strftime("%Y-%m-%d %H:%M")}, field="decided_at")
    if at > timezone.now():
        raise StepError(_("This time is in the future."), field="decided_at")
    s.arrest_decided_at, s.arrested = at, data["arrested"]
    s.save(update_fields=["arrest_decided_at", "arrested"])
    return s


def _court_ruling(case, data, *, on, by):
    s = pending_ruling(case)
    not_before(on, s.decided_on, _("the recommendation"))
    s.ruled_on, s.revoked, s.ruling_number = on, data["revoked"], data["ruling_number"].strip()
    s.save(update_fields=["ruled_on", "revoked", "ruling_number"])
    return s


# --- the correction team (第二十五条; minors: 第五十二条) ------------------------------------------------------------

def team_problems(case, members) -> list[str]:
    """Why a team (a list of (name, role, sex)) does not meet the law's composition rules, for this person."""
    problems = []
    person = case.person
    if person.sex == "F" and not any(sex == "F" for _n, _r, sex in members):
        problems.append(_("The person is a woman: the team must have a woman member (社区矫正法 第二十五条第二款)."))
    if is_minor(case) and not any(role == TeamRole.JUVENILE for _n, role, _s in members):
        problems.append(_("The person is a minor: the team must include a person familiar with minors "
                          "(社区矫正法 第五十二条第二款)."))
    if not any(role == TeamRole.OFFICE for _n, role, _s in members):
        problems.append(_("The team is led by a member of the justice office's staff."))
    return problems


def is_minor(case, on=None) -> bool:
    birth = case.person.birth_date
    on = on or case.effective_on
    if birth is None:
        return False
    return (on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))) < 18


def _set_team(case, data, *, on, by):
    members = data["members"]
    problems = team_problems(case, members)
    if problems:
        raise StepError(" ".join(problems), field="members")
    case.team.filter(until__isnull=True).update(until=on)
    TeamMember.objects.bulk_create([TeamMember(supervisee=case, unit=case.unit, name=n, role=r, sex=x, since=on)
                                    for n, r, x in members])
    return len(members)


# --- the search after loss of contact (第三十条) ------------------------------------------------------------------

def open_search(case) -> Search | None:
    return case.searches.filter(found_on__isnull=True).order_by("-pk").first()


def _search_result(case, data, *, on, by):
    s = open_search(case)
    not_before(on, s.lost_since, _("the loss of contact"))
    s.found_on, s.outcome = on, data["outcome"]
    s.measures, s.police_assisted = data["measures"].strip(), data.get("police_assisted", False)
    s.save(update_fields=["found_on", "outcome", "measures", "police_assisted"])
    return s


# --- change of the place of execution (第二十七条第二款) ----------------------------------------------------------

def _decided_by_agency(by):
    if not in_division(by):
        raise StepError(_("The change of the place of execution is decided by the district's correction agency."),
                        field="reason")


def _transfer_within(case, data, *, on, by):
    _decided_by_agency(by)
    to = data["to_unit"]
    if to.pk == case.unit_id:
        raise StepError(_("The person is already at this justice office."), field="to_unit")
    t = Transfer.objects.create(supervisee=case, unit=case.unit, from_unit=case.unit, to_unit=to,
                                reason=data["reason"].strip(), decided_on=on, notified=True)
    case.unit = to
    for related in (case.contacts, case.searches, case.team, case.monitoring):
        related.filter().update(unit=to)
    core_clocks.reassign(case)
    data["_document_ref"] = t
    return t


def _transfer_out(case, data, *, on, by):
    _decided_by_agency(by)
    t = Transfer.objects.create(supervisee=case, unit=case.unit, from_unit=case.unit, to_unit=None,
                                to_agency=data["to_agency"].strip(), reason=data["reason"].strip(), decided_on=on,
                                notified=True)
    case.ended_on = on
    contacts.cancel_open(case, on)
    case.monitoring.filter(removed_on__isnull=True).update(removed_on=on)
    data["_document_ref"] = t
    return t


# --- electronic monitoring (第二十九条) ---------------------------------------------------------------------------

def active_monitoring(case) -> Monitoring | None:
    return case.monitoring.filter(removed_on__isnull=True).order_by("-pk").first()


def _monitor(case, data, *, on, by):
    if not in_division(by):
        raise StepError(_("Electronic monitoring is approved by the head of the district justice bureau, through its "
                          "correction agency."), field="approver")
    current = active_monitoring(case)
    assessment = (data.get("assessment") or "").strip()
    if current is not None:
        if not assessment:
            raise StepError(_("An extension needs the assessment that monitoring is still necessary."),
                            field="assessment")
        if on > current.end:
            raise StepError(_("The period ended on %(day)s: a new period, not an extension.") % {"day": current.end},
                            field="on")
        start = current.end
        core_clocks.meet(case, rule=clocks.MONITORING, on=on, by=by, missing_ok=True)
        current.removed_on = current.end
        current.save(update_fields=["removed_on"])
    else:
        start = on
    d = core_clocks.start(case, rule=clocks.MONITORING, start=start, by=by)
    return Monitoring.objects.create(supervisee=case, unit=case.unit, ground=data["ground"],
                                     approver=data["approver"].strip(), start=start, end=d.due,
                                     extension_of=current, assessment=assessment)


def _unmonitor(case, data, *, on, by):
    m = active_monitoring(case)
    not_before(on, m.start, _("the start of monitoring"))
    m.removed_on = on
    m.save(update_fields=["removed_on"])
    core_clocks.meet(case, rule=clocks.MONITORING, on=on, by=by, missing_ok=True)
    return m


def _need(finder, message):
    def guard(case, on):
        return None if finder(case) is not None else message
    return guard


def _end(case, data, *, on, by):
    if data["end_reason"] == EndReason.TERM and on < case.term_end:
        raise StepError(_("The term ends on %(day)s.") % {"day": case.term_end}, field="on")
    case.ended_on, case.end_reason = on, data["end_reason"]
    contacts.cancel_open(case, on)
    case.monitoring.filter(removed_on__isnull=True).update(removed_on=on)


def _terminate(case, data, *, on, by):
    case.ended_on, case.end_reason = on, data["end_reason"]
    contacts.cancel_open(case, on)
    case.monitoring.filter(removed_on__isnull=True).update(removed_on=on)


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
    "transfer": "{prefix}矫变〔{year}〕{n}号",
    "assessment": "{prefix}矫评〔{year}〕{n}号",
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
    if kind == "transfer":
        ref.number = take_number("transfer", agency, on.year)
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
    T("set_team", gettext_lazy("Set the correction team (矫正小组)"), (S.REPORTED, S.SUPERVISED), None, SUPERVISE,
      "《社区矫正法》第二十五条：为社区矫正对象确定矫正小组，社区矫正对象为女性的，矫正小组中应有女性成员；第五十二条第二款："
      "未成年社区矫正对象的矫正小组应当吸收熟悉未成年人身心特点的人员参加",
      form=forms.TeamForm, effect=_set_team, event="team_set"),
    T("search_result", gettext_lazy("Record the result of the search"), (S.SUPERVISED,), None, SUPERVISE,
      "《社区矫正法》第三十条：社区矫正对象失去联系的，社区矫正机构应当立即组织查找；查找到后，应当区别情形依法作出处理",
      guards=(_need(open_search, gettext_lazy("No search is open for this person.")),),
      form=forms.SearchResultForm, effect=_search_result, event="search_closed"),
    T("transfer_within", gettext_lazy("Change the place of execution within the district"), (S.SUPERVISED,), None,
      SUPERVISE, "《社区矫正法》第二十七条第二款：因迁居等原因需要变更执行地的，社区矫正机构应当按照有关规定作出变更决定，并通知"
      "社区矫正决定机关和变更后的社区矫正机构", form=forms.TransferWithinForm, effect=_transfer_within,
      document="transfer", event="transferred"),
    T("transfer_out", gettext_lazy("Change the place of execution out of the district"), (S.SUPERVISED,),
      S.TRANSFERRED, SUPERVISE,
      "《社区矫正法》第二十七条第二款：作出变更决定后，应当通知社区矫正决定机关和变更后的社区矫正机构，并将有关法律文书抄送"
      "变更后的社区矫正机构", clocks=(Close(reason="变更执行地"),), form=forms.TransferOutForm,
      effect=_transfer_out, document="transfer", closes=True, event="transferred_out"),
    T("monitor", gettext_lazy("Approve electronic monitoring or its extension"), (S.SUPERVISED,), None, SUPERVISE,
      "《社区矫正法》第二十九条：有法定情形之一的，经县级司法行政部门负责人批准，可以使用电子定位装置；期限不得超过三个月，"
      "经评估仍有必要继续使用的，经过批准，期限可以延长，每次不得超过三个月",
      clocks="批准时开始三个月的使用期限；延长时前一期限届满、下一期限开始",
      form=forms.MonitorForm, effect=_monitor, event="monitoring_approved"),
    T("unmonitor", gettext_lazy("Remove the electronic monitoring"), (S.SUPERVISED,), None, SUPERVISE,
      "《社区矫正法》第二十九条第二款：对于不需要继续使用的，应当及时解除",
      guards=(_need(active_monitoring, gettext_lazy("No electronic monitoring is in use.")),),
      form=forms.UnmonitorForm, effect=_unmonitor, event="monitoring_removed"),
    T("arrest_decision", gettext_lazy("Record the court's arrest decision"), (S.SUPERVISED,), None, SUPERVISE,
      "《社区矫正法》第四十七条：人民法院应当在四十八小时内作出是否逮捕的决定；决定逮捕的，由公安机关执行",
      guards=(_need(pending_arrest, gettext_lazy("No arrest request awaits the court's decision.")),),
      form=forms.ArrestDecisionForm, effect=_arrest_decision, event="arrest_decided"),
    T("court_ruling", gettext_lazy("Record the court's ruling on the revocation"), (S.SUPERVISED,), None, SUPERVISE,
      "《社区矫正法》第四十八条：人民法院应当在收到撤销缓刑、假释建议书后三十日内作出裁定，将裁定书送达社区矫正机构",
      clocks=(Meet(clocks.COURT_RULING, missing_ok=True),),
      guards=(_need(pending_ruling, gettext_lazy("No revocation recommendation awaits the court's ruling.")),),
      form=forms.CourtRulingForm, effect=_court_ruling, event="court_ruled"),
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
