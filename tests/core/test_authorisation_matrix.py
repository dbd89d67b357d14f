"""The authorisation matrix: every URL pattern, as every demo user and a visitor, against the declared table
`sifa.core.authorisation.MATRIX` (issue #14). A pattern without an entry fails, naming it.

The records that fill the path parameters are built once for the module: one of each kind in the demo district's
units (the "inside" record, in scope for the users the table says) and one in another district that no demo user
sees (the "outside" record: never 200).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.utils import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sifa.core.authorisation import USERS, VISITOR, matrix

MATRIX = matrix()  # the kernel's entries and every line's (core.lines.Line.access)

pytestmark = pytest.mark.django_db

# Filled path parameters that are not records: which action, which import, which line, which format.
CONSTANTS = {
    "reports:figure_edit": {"pk": 999999},
    "reconsideration:action": {"action": "accept"},
    "litigation:act": {"action": "answer"},
    "litigation:suggestion_act": {"action": "reply"},
    "litigation:city_act": {"action": "reply"},
    "mediation:act": {"action": "accept"},
    "mediation:routing_act": {"action": "accept"},
    "mediation:case_act": {"action": "select"},
    "legalaid:action": {"action": "assign"},
    "legalaid:document": {"kind": "grant_decision"},
    "lawyers:matter_action": {"action": "report"},
    "lawyers:matter_document": {"kind": "review_opinion"},
    "lawyers:complaint_action": {"action": "decide"},
    "lawyers:complaint_document": {"kind": "acceptance_notice"},
    "appraisal:complaint_action": {"action": "decide"},
    "appraisal:complaint_document": {"kind": "acceptance_notice"},
    "appraisal:proposal_action": {"action": "follow_up"},
    "appraisal:proposal_document": {"kind": "proposal"},
    "notary:action": {"action": "issue"},
    "notary:document": {"kind": "acceptance_notice"},
    "enforcement:action": {"action": "issue"},
    "supervisors:action": {"action": "confirm"},
    "supervisors:document": {"kind": "draw_record"},
    "supervisors:supervisor_action": {"what": "training"},
    "petitions:action": {"action": "accept"},
    "petitions:document": {"kind": "acceptance_notice"},
    "correction:action": {"action": "record_contact"},
    "correction:document": {"kind": "announcement", "ref": 0},
    "correction:assessment_action": {"action": "submit"},
    "governance:document": {"kind": "report"},
    "governance:inspection_action": {"action": "extend"}, "governance:topic_action": {"action": "approve"},
    "publicity:review_document": {"year": 2024},
    "import_new": {"kind": "applications"},
    "import_template": {"kind": "applications"},
    "lookup": {"name": "reconsideration.handlers"},
    "reports:line_stats": {"line": "reconsideration"},
    "reports:annual_download": {"fmt": "docx"},
    "core:case_correct": {"app_label": "reconsideration", "model_name": "application"},
    "core:case_appointments": {"app_label": "reconsideration", "model_name": "application"},
    "core:appointment_action": {"app_label": "reconsideration", "model_name": "application", "action": "reschedule"},
    "api:case_list": {"model": "reconsideration.application"},
    "api:case_detail": {"model": "reconsideration.application"},
    "api:case_history": {"model": "reconsideration.application"},
    "api:case_clocks": {"model": "reconsideration.application"},
    "api:case_action": {"model": "reconsideration.application", "name": "accept"},
    "failed_task_retry": {"pk": "00000000-0000-4000-8000-000000000000"},  # POST only: any id answers 405
}
# Path parameters that are records: URL name → {parameter: kind of record} (kinds: see _records).
RECORDS = {
    "party_detail": {"pk": "party"}, "party_edit": {"pk": "party"}, "party_reveal": {"pk": "party"},
    "data_request": {"pk": "data_request"}, "data_request_export": {"pk": "data_request"},
    "import_job": {"pk": "import_job"}, "import_errors": {"pk": "import_job"},
    "api_client_revoke": {"pk": "api_client"},
    "core:case_correct": {"pk": "application"}, "core:case_appointments": {"pk": "application"},
    "core:appointment_action": {"pk": "application", "appointment_pk": "appointment"},
    "api:case_detail": {"pk": "application"}, "api:case_history": {"pk": "application"},
    "api:case_clocks": {"pk": "application"}, "api:case_action": {"pk": "application"},
    "reconsideration:detail": {"pk": "application"}, "reconsideration:action": {"pk": "application"},
    "reconsideration:document": {"pk": "application", "doc_pk": "document"},
    "reconsideration:attachment": {"pk": "application", "att_pk": "attachment"},
    "reconsideration:meeting": {"pk": "meeting"}, "reconsideration:meeting_record": {"pk": "meeting"},
    "litigation:detail": {"pk": "suit"}, "litigation:act": {"pk": "suit"}, "litigation:answer_docx": {"pk": "suit"},
    "litigation:appearance_docx": {"pk": "hearing"}, "litigation:suggestion": {"pk": "suggestion"},
    "litigation:city": {"pk": "city"}, "litigation:suggestion_act": {"pk": "suggestion"},
    "litigation:city_act": {"pk": "city"},
    "mediation:detail": {"pk": "dispute"}, "mediation:act": {"pk": "dispute"},
    "mediation:agreement_docx": {"pk": "dispute", "agreement_pk": "agreement"},
    "mediation:termination_docx": {"pk": "terminated"},
    "mediation:reception": {"pk": "reception"}, "mediation:reception_route": {"pk": "reception"},
    "mediation:routing_act": {"pk": "routing"}, "mediation:campaign": {"pk": "campaign"},
    "mediation:case_act": {"pk": "excellent"},
    "legalaid:detail": {"pk": "legalaid_case"}, "legalaid:action": {"pk": "legalaid_case"},
    "legalaid:document": {"pk": "legalaid_case"}, "legalaid:consultation": {"pk": "consultation"},
    "api:legalaid_case": {"pk": "legalaid_case"},
    "legalaid:material": {"pk": "legalaid_case", "material": "material"},
    "legalaid:material_add": {"pk": "legalaid_case"}, "legalaid:duty_shift": {"pk": "duty_shift"},
    "lawyers:matter": {"pk": "licensing_matter"}, "lawyers:matter_action": {"pk": "licensing_matter"},
    "lawyers:matter_document": {"pk": "licensing_matter"}, "lawyers:complaint": {"pk": "lawyer_complaint"},
    "lawyers:complaint_action": {"pk": "lawyer_complaint"}, "lawyers:complaint_document": {"pk": "lawyer_complaint"},
    "lawyers:firm": {"pk": "law_firm"}, "lawyers:lawyer": {"pk": "lawyer"},
    "appraisal:institution": {"pk": "appraisal_institution"}, "appraisal:complaint": {"pk": "appraisal_complaint"},
    "appraisal:complaint_action": {"pk": "appraisal_complaint"},
    "appraisal:complaint_document": {"pk": "appraisal_complaint"},
    "appraisal:proposal": {"pk": "proposal"}, "appraisal:proposal_action": {"pk": "proposal"},
    "appraisal:proposal_document": {"pk": "proposal"},
    "lawyers:firm_status": {"pk": "law_firm"}, "lawyers:firm_inspection": {"pk": "law_firm"},
    "lawyers:lawyer_status": {"pk": "lawyer"}, "lawyers:lawyer_assessment": {"pk": "lawyer"},
    "appraisal:institution_status": {"pk": "appraisal_institution"},
    "appraisal:institution_grade": {"pk": "appraisal_institution"},
    "appraisal:appraiser": {"pk": "appraiser"}, "appraisal:appraiser_status": {"pk": "appraiser"},
    "lawyers:penalty_new": {"pk": "lawyer_complaint"}, "lawyers:penalty": {"pk": "penalty_decision"},
    "lawyers:penalty_document": {"pk": "penalty_decision"},
    "appraisal:warning": {"pk": "patrol_warning"},
    "notary:detail": {"pk": "notarisation"}, "notary:action": {"pk": "notarisation"},
    "notary:document": {"pk": "notarisation"},
    "notary:roster_edit": {"pk": "notary_person"},
    "api:notary_application": {"pk": "notarisation"},
    **{f"enforcement:{name}": {"pk": kind} for name, kind in (
        ("detail", "certificate_application"), ("action", "certificate_application"),
        ("document", "certificate_application"), ("officer", "officer"), ("campaign", "evaluation_campaign"),
        ("bulletin", "evaluation_campaign"), ("file", "evaluated_file"), ("rectification", "rectification"),
        ("rectification_document", "rectification"), ("work_item", "work_item"), ("agreement", "agreement"),
        ("agreement_document", "agreement"), ("legality", "legality_review"),
        ("legality_document", "legality_review"), ("filing", "normative_filing"),
        ("filing_document", "normative_filing"), ("sheet", "scoring_sheet"))},
    "supervisors:detail": {"pk": "draw_request"}, "supervisors:action": {"pk": "draw_request"},
    "supervisors:document": {"pk": "draw_request"}, "supervisors:verify": {"pk": "draw_request"},
    "supervisors:supervisor": {"pk": "supervisor"}, "supervisors:supervisor_action": {"pk": "supervisor"},
    "api:supervisors_request": {"pk": "draw_request"},
    "petitions:detail": {"pk": "petition"}, "petitions:action": {"pk": "petition"},
    "petitions:document": {"pk": "petition"}, "api:petitions_order": {"pk": "petition"},
    "correction:detail": {"pk": "supervisee"}, "correction:action": {"pk": "supervisee"},
    "correction:document": {"pk": "supervisee"}, "correction:session": {"pk": "correction_session"},
    "correction:release": {"pk": "release"}, "correction:release_document": {"pk": "release"},
    "correction:assessment": {"pk": "assessment"}, "correction:assessment_action": {"pk": "assessment"},
    "governance:task": {"pk": "gov_task"}, "governance:inspection": {"pk": "gov_inspection"},
    "governance:document": {"pk": "gov_inspection"}, "governance:point": {"pk": "gov_point"},
    "governance:observation": {"pk": "gov_observation"}, "governance:topic": {"pk": "gov_topic"},
    "publicity:activity": {"pk": "pub_activity"}, "publicity:responsibility": {"pk": "pub_responsibility"},
    "publicity:plan_document": {"pk": "pub_responsibility"},
    "governance:scheme": {"pk": "gov_scheme"}, "governance:scheme_results": {"pk": "gov_scheme"},
    "governance:assessment": {"pk": "gov_assessment"},
    "publicity:study_list": {"pk": "pub_study"}, "governance:scheme_enrol": {"pk": "gov_scheme"}, "governance:inspection_action": {"pk": "gov_inspection"}, "governance:topic_action": {"pk": "gov_topic"},
    "reports:annual_detail": {"pk": "report"}, "reports:annual_header": {"pk": "report"},
    "reports:annual_number": {"pk": "report"}, "reports:annual_download": {"pk": "report"},
    "reports:section_add": {"pk": "report"},
    "reports:section_edit": {"pk": "report", "section_pk": "section"},
    "reports:section_delete": {"pk": "report", "section_pk": "section"},
    "reports:section_history": {"pk": "report", "section_pk": "section"},
}
# Query strings some pages need to answer at all (a GET without them is a form or a redirect, not the page).
QUERIES = {
    "drilldown": "?metric=reconsideration.received&from=2024-01-01&to=2024-12-31",
    "reports:quarterly": "?year=2024&quarter=1&fmt=docx",
    "api:deadline": "?rule=reconsideration.acceptance_review&start=2024-03-04",
    "api:metric_values": "?date_from=2024-01-01&date_to=2024-12-31",
    "lookup": "?q=",
}


@dataclass
class Pattern:
    key: str  # the URL name (namespaced), or the route of a pattern without a name
    route: str
    converters: tuple[str, ...]
    default_args: dict | None = None


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace + (f"{p.namespace}:" if p.namespace else "")
            if ns == "admin:":  # the admin's own pages are Django's: its root stands for them
                yield Pattern("admin:index", prefix + str(p.pattern), ())
                continue
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            key = namespace + p.name if p.name else route
            params = tuple(a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route))
            yield Pattern(key, route, params, p.default_args)


def all_patterns() -> list[Pattern]:
    seen: dict[str, Pattern] = {}
    for p in _walk(get_resolver().url_patterns):
        seen.setdefault(p.key, p)
    return list(seen.values())


# --- the records -------------------------------------------------------------------------------------------------

OTHER_DISTRICT = [  # (code, name, short name, kind, parent): a district no demo user belongs to
    ("JA", "上海市静安区人民政府", "静府", "district_government", None),
    ("JA-SFJ", "上海市静安区司法局", "沪静司", "justice_bureau", "JA"),
    ("JA-SFJ-FY", "静安区行政复议科", "静府复", "bureau_division", "JA-SFJ"),
    ("JA-SFJ-YS", "静安区行政应诉科", "静府应", "bureau_division", "JA-SFJ"),
    ("JA-SFS-X", "静安寺街道司法所", "静安所", "justice_office", "JA-SFJ"),
    ("JA-TWH-X", "静安寺街道人民调解委员会", "静安调", "mediation_committee", "JA-SFS-X"),
    ("JA-JFZX-X", "静安寺街道靠谱解纷中心", "静安解纷", "dispute_centre", "JA-SFS-X"),
    ("JA-GAFJ", "静安区公安分局", "静安公安", "public_security", "JA"),
    ("JA-FYZX", "静安区法律援助中心", "静法援", "legal_aid_centre", "JA-SFJ"),
    ("JA-SFJ-GF", "静安区公共法律服务管理科", "静司公", "bureau_division", "JA-SFJ"),
    ("JA-GZC", "上海市静安公证处", "沪静证", "notary_office", "JA-SFJ"),
]


def _other_district(users):
    from sifa.core.models import Membership, Role, Unit, User

    units = {}
    for code, name, short, kind, parent in OTHER_DISTRICT:
        units[code] = Unit.objects.create(code=code, name=name, short_name=short, kind=kind,
                                          parent=units[parent] if parent else None)
    staff = User.objects.create(username="ja_staff", last_name="静", first_name="安")
    for role, code in (("division_head", "JA-SFJ"), ("mediator", "JA-SFS-X"), ("office_staff", "JA-SFS-X"),
                       ("bureau_leader", "JA")):
        Membership.objects.create(user=staff, unit=units[code], role=Role.objects.get(code=role))
    return units, staff


def _records(*, office, fy, ys, committee, centre, bureau, agency, government, court, handler, litigator,
             mediator, leader, legal_aid, notary_office, supervisors, petitions) -> dict:
    """One record of each kind, through the services, in the units given."""
    from sifa.core import api_clients, appointments
    from sifa.core import services as core_services
    from sifa.core.models import ImportJob, Party, User
    from sifa.litigation import services as lit
    from sifa.litigation.models import HeadRank, SuggestionKind
    from sifa.litigation.workflow import suit_workflow
    from sifa.mediation import services as med
    from sifa.mediation.models import AgreementForm, DisputeType, Mediator, PartyRole
    from sifa.mediation.services import PartyInput
    from sifa.mediation.workflow import RECEPTION_WORKFLOW
    from sifa.mediation.workflow import WORKFLOW as MEDIATION_WORKFLOW
    from sifa.reconsideration import services as rec
    from sifa.reconsideration.models import SubjectArea
    from sifa.reconsideration.workflow import WORKFLOW as RECONSIDERATION_WORKFLOW
    from sifa.reports import services as reports
    from sifa.reports.models import SectionLevel

    r = {}
    r["party"] = core_services.party_save(party=Party(name="王小明", unit=office), by=leader,
                                          id_number="11010519491231002X", phone="13812345678")
    app = rec.application_register(
        unit=fy, respondent=agency, act_description="罚款200元的行政处罚决定", request="撤销该行政处罚决定",
        received_on=date(2024, 3, 4), act_kind="penalty", subject_area=SubjectArea.objects.get(code="traffic"),
        act_number="沪公交决字〔2024〕1号", applicants=[rec.PartyData(name="钱某某", id_number="110101199003077774",
                                                                   phone="13812345678")],
        handler=handler, by=handler, reasons="执法程序违法")
    RECONSIDERATION_WORKFLOW.run(app, "accept", by=handler, on=date(2024, 3, 8))
    r["application"] = app
    r["document"] = app.documents.order_by("pk").first()
    r["appointment"] = appointments.schedule(app, kind="interview", at=datetime(2024, 3, 12, 9, 30), place="接待室",
                                             by=handler, on=date(2024, 3, 8))
    r["attachment"] = rec.attachment_add(application=app, by=handler,
                                         file=SimpleUploadedFile("证据.pdf", b"%PDF-1.4 x", "application/pdf"))
    r["meeting"] = rec.committee_meeting_create(unit=fy, title="复议委员会会议", held_on=date(2024, 4, 1), by=handler)
    suit = lit.suit_register(by=litigator, unit=ys, court=court, court_case_number=f"（2024）沪0107行初{fy.pk}号",
                             defendant=government, agency=agency, challenged_act="房屋征收补偿决定",
                             new_plaintiffs=[{"name": "原告甲"}], on=date(2024, 3, 4))
    r["suit"] = suit
    r["hearing"] = suit_workflow.run(suit, "record_hearing", by=litigator, on=date(2024, 4, 10),
                                     data=dict(head_appeared=True, head_name="周文涛", head_post="副区长",
                                               head_rank=HeadRank.DEPUTY))
    r["suggestion"] = lit.suggestion_register(by=litigator, unit=ys, court=court, agency=agency,
                                              kind=SuggestionKind.objects.get(code="other"), number=f"司建{fy.pk}号",
                                              content="建议规范执法程序。", on=date(2024, 3, 5))
    r["city"] = lit.city_register(by=litigator, unit=ys, city_case_number=f"沪府复{fy.pk}号", respondent=government,
                                  agency=agency, challenged_act="政府信息公开答复", new_applicants=[{"name": "申请人乙"}],
                                  on=date(2024, 3, 6))
    neighbours = DisputeType.objects.get(code="neighbourhood")
    mediators = [med.mediator_save(mediator=Mediator(unit=committee, name="钱调解", is_chief=True), by=mediator)]

    def dispute():
        d = med.dispute_register(on=date(2024, 3, 1), unit=committee, dispute_type=neighbours, by=mediator,
                                 parties=[PartyInput("王甲"), PartyInput("李乙", role=PartyRole.RESPONDENT)],
                                 summary="楼上漏水，双方就维修费用发生争执。")
        MEDIATION_WORKFLOW.run(d, "accept", by=mediator, on=date(2024, 3, 1))
        MEDIATION_WORKFLOW.run(d, "hold_session", by=mediator, on=date(2024, 3, 2), data={"place": "调解室", "mediators": mediators, "record": "双方陈述意见。"})
        d.refresh_from_db()
        return d

    r["dispute"] = dispute()
    r["agreement"] = MEDIATION_WORKFLOW.run(r["dispute"], "agree", by=mediator, on=date(2024, 3, 3), data={"form": AgreementForm.WRITTEN, "terms": "赔偿八百元。"})
    r["terminated"] = dispute()
    MEDIATION_WORKFLOW.run(r["terminated"], "fail", by=mediator, on=date(2024, 3, 4), data={"routes": ["court"]})
    r["reception"] = med.reception_register(centre=centre, visitor=PartyInput("蒋庚"), subject="噪音扰民",
                                            dispute_type=neighbours, by=mediator, on=date(2024, 5, 9))
    routed = med.reception_register(centre=centre, visitor=PartyInput("蒋辛"), subject="物业纠纷",
                                    dispute_type=neighbours, by=mediator, on=date(2024, 5, 9))
    r["routing"] = RECEPTION_WORKFLOW.run(routed, "route", by=mediator, on=date(2024, 5, 9), data={"handler_unit": committee})
    r["campaign"] = med.campaign_create(unit=office, title="矛盾纠纷排查", held_on=date(2024, 6, 1), by=mediator,
                                        scope_units=[committee])
    r["excellent"] = med.case_submit(unit=committee, title="一起邻里纠纷的调解", by=mediator, on=date(2024, 3, 1))
    r["report"] = reports.report_create(year=2024, unit=bureau, through=date(2024, 10, 31), by=leader,
                                        signer="局长", sections=[(SectionLevel.OPENING, "", "", "开头。")])
    r["section"] = r["report"].sections.order_by("pk").first()
    service = User.objects.create(username=f"svc_{fy.code}", password="!")  # a service account: no password
    r["api_client"], _token = api_clients.issue(by=None, name=f"API client {fy.code}", user=service)
    from sifa.core import privacy

    r["data_request"] = privacy.register(unit=bureau, name="王小明", id_number="11010519491231002X", kind="access",
                                         received_on=date(2024, 3, 4), by=leader)
    r.update(_legalaid_records(legal_aid, leader))
    r.update(_profession_records(bureau, leader))
    r.update(_notary_records(notary_office, leader))
    r.update(_enforcement_records(bureau, agency, leader))
    r.update(_supervisors_records(supervisors, leader))
    r.update(_petitions_records(petitions, leader))
    r.update(_correction_records(office, User.objects.get(username="jiaozheng")))
    r.update(_governance_records(bureau, agency, leader))
    r["import_job"] = ImportJob.objects.create(kind="applications", user=handler, unit=fy, filename="x.xlsx",
                                               file="imports/x.xlsx")
    return r


def _legalaid_records(centre, by) -> dict:
    from sifa.legalaid import services as la
    from sifa.legalaid.workflow import WORKFLOW

    case = la.application_register(unit=centre, by=by, name="孙受援", received_on=date(2024, 3, 4), channel="window",
                                    matter_type="civil", service_form="litigation", matter="追索劳动报酬")
    for step, data in (("check_hardship", {"method": "exempt", "exempt_ground": "42-3"}),
                       ("grant", {"service_form": "litigation"})):
        WORKFLOW.run(case, step, by=by, on=date(2024, 3, 5), data=data, check_permission=False)
    consultation = la.consultation_register(unit=centre, by=by, consulted_on=date(2024, 3, 4), channel="walk_in",
                                            category="labour", callback_requested=True)
    from django.core.files.base import ContentFile

    from sifa.core.models import Unit, UnitKind
    from sifa.legalaid.models import RosterLawyer

    material = la.material_add(case=case, file=ContentFile(b"%PDF-1.4\n", name="a.pdf"), by=by)
    firm = Unit.objects.filter(kind=UnitKind.LAW_FIRM).first() or centre
    lawyer = RosterLawyer.objects.create(unit=centre, name="值班律师", law_firm=firm)
    shift = la.duty_schedule(unit=centre, by=by, place=centre, lawyer=lawyer, on=date(2024, 3, 4), period="am")
    return {"legalaid_case": case, "consultation": consultation, "material": material, "duty_shift": shift}


def _profession_records(bureau, by) -> dict:
    """A law firm, a lawyer, a licensing matter reported and a complaint accepted; an appraisal institution, a
    complaint accepted and a rectification proposal: in the bureau's division that supervises them."""
    from sifa.appraisal import services as ap
    from sifa.appraisal.workflow import KIT as APPRAISAL_COMPLAINTS
    from sifa.core.models import Unit
    from sifa.lawyers import services as lw
    from sifa.lawyers.workflow import KIT as LAWYER_COMPLAINTS
    from sifa.lawyers.workflow import LICENSING

    division = Unit.objects.get(code=f"{bureau.code}-GF")
    firm = lw.firm_register(name=f"{bureau.code}律师事务所", licence_number=f"LS-{bureau.code}", supervised_by=division,
                            by=by)
    lawyer = lw.lawyer_register(firm=firm, name="钱律师", licence_number=f"L-{bureau.code}", by=by)
    matter = lw.matter_register(unit=division, by=by, kind="lawyer_licence", applicant="钱律师",
                                received_on=date(2024, 3, 4), firm=firm)
    LICENSING.run(matter, "report", by=by, on=date(2024, 3, 8), data={"opinion": "agree", "opinion_text": "符合条件。"},
                  check_permission=False)
    complaint = lw.complaint_register(unit=division, by=by, received_on=date(2024, 3, 4), channel="letter",
                                      complainant="赵投诉", matter="未尽勤勉义务", respondent_firm=firm,
                                      respondent_lawyer=lawyer)
    LAWYER_COMPLAINTS.workflow.run(complaint, "accept", by=by, on=date(2024, 3, 6), check_permission=False)
    inst = ap.institution_register(name=f"{bureau.code}司法鉴定所", licence_number=f"JD-{bureau.code}",
                                   supervised_by=division, by=by)
    ac = ap.complaint_register(unit=division, by=by, received_on=date(2024, 3, 4), channel="online",
                               complainant="孙投诉", matter="鉴定超期", respondent_institution=inst)
    APPRAISAL_COMPLAINTS.workflow.run(ac, "accept", by=by, on=date(2024, 3, 6), check_permission=False)
    proposal = ap.proposal_issue(unit=division, by=by, institution=inst, issued_on=date(2024, 3, 4), findings="案卷不全",
                                 requirements="完善案卷")
    appraiser = ap.appraiser_register(institution=inst, name="孙鉴定", licence_number=f"JR-{bureau.code}", by=by)
    ap.reports_import(records=[ap.ReportRecord(inst.pk, date(2024, 3, 1), 10, 8, 1)], by=by)
    ap.patrol_run(by=by, until=date(2024, 3, 31))
    warning = inst.warnings.get()
    penalised = lw.complaint_register(unit=division, by=by, received_on=date(2024, 3, 4), channel="letter",
                                      complainant="周投诉", matter="不正当承揽业务", respondent_firm=firm,
                                      respondent_lawyer=lawyer)
    LAWYER_COMPLAINTS.workflow.run(penalised, "accept", by=by, on=date(2024, 3, 6), check_permission=False)
    LAWYER_COMPLAINTS.workflow.run(penalised, "decide", by=by, on=date(2024, 4, 1), check_permission=False, data={
        "outcome": "penalty", "penalty_kind": "warning", "findings": "属实"})
    penalty = lw.penalty_decide(penalised, violation="47.2", circumstance="minor", facts="属实", penalty_kind="warning",
                                on=date(2024, 4, 2), by=by)
    return {"law_firm": firm, "lawyer": lawyer, "licensing_matter": matter, "lawyer_complaint": complaint,
            "appraisal_institution": inst, "appraisal_complaint": ac, "proposal": proposal, "appraiser": appraiser,
            "penalty_decision": penalty, "patrol_warning": warning}


def _notary_records(office, by) -> dict:
    from sifa.notary import services as nt
    from sifa.notary.workflow import WORKFLOW

    case = nt.application_register(unit=office, by=by, name="钱公证", received_on=date(2024, 3, 4), channel="window",
                                   matter="entrustment")
    WORKFLOW.run(case, "accept", by=by, on=date(2024, 3, 4), data={"notary": "沈丽"}, check_permission=False)
    person = nt.notary_save(unit=office, by=by, name="沈丽", certificate_number=f"{office.code}-0001")
    return {"notarisation": case, "notary_person": person}


def _enforcement_records(unit, agency, by) -> dict:
    from sifa.enforcement import services as enf
    from sifa.enforcement.workflow import WORKFLOW

    officer = enf.officer_register(unit=unit, by=by, agency=agency, name="钱执法", post="交通执法",
                                   qualification="law_degree")
    case = enf.application_register(unit=unit, by=by, officer=officer, kind="new", received_on=date(2024, 3, 4))
    for step, data in (("record_exam", {"exam_score": 80}), ("issue", {"opinion": "符合持证条件。"})):
        WORKFLOW.run(case, step, by=by, on=date(2024, 3, 5), data=data, check_permission=False)
    campaign = enf.campaign_create(unit=unit, by=by, name="评查", year=2024, started_on=date(2024, 5, 6),
                                   candidates={agency: ["罚1", "罚2"]}, evaluators=[("评查员", None)],
                                   files_per_agency=1)
    (file,) = enf.campaign_draw(campaign=campaign, by=by, seed="s", on=date(2024, 5, 7))
    enf.file_score(file=file, by=by, on=date(2024, 5, 8), deductions={"order": 1})
    campaign.refresh_from_db()
    enf.campaign_report(campaign=campaign, by=by, on=date(2024, 5, 9))
    agreement = enf.agreement_register(unit=unit, by=by, title="合作协议", counterparty="某公司",
                                       received_on=date(2024, 3, 4))
    enf.agreement_review(review=agreement, by=by, on=date(2024, 3, 5), opinion="无法律风险。")
    return {"certificate_application": case, "officer": officer, "evaluation_campaign": campaign,
            "evaluated_file": file,
            "rectification": enf.rectification_notify(campaign=campaign, agency=agency, by=by, on=date(2024, 5, 10),
                                                      findings="送达不规范"),
            "work_item": enf.work_item_assign(unit=unit, by=by, adviser="陈明", kind="drafting", subject="审查草案",
                                              assigned_on=date(2024, 3, 4), due=date(2024, 3, 8)),
            "agreement": agreement, **_enforcement_legality_records(unit, agency, by)}


def _enforcement_legality_records(unit, agency, by) -> dict:
    from sifa.enforcement import evaluation
    from sifa.enforcement import services as enf

    review = enf.legality_register(unit=unit, by=by, subject="major_decision", title="重大决策草案",
                                   submitted_by=agency, received_on=date(2024, 3, 4))
    enf.legality_conclude(review=review, by=by, on=date(2024, 3, 6), conclusion="lawful", opinion="合法。")
    filing = enf.filing_register(unit=unit, by=by, title="规范性文件", document_number=f"规〔2024〕{unit.pk}号",
                                 issued_by=agency, published_on=date(2024, 3, 1), filed_on=date(2024, 3, 4))
    enf.filing_review(filing=filing, by=by, on=date(2024, 3, 6), problem_found=False, opinion="予以备案。")
    d = evaluation.DEFAULT_SHEET
    sheet = enf.sheet_save(sheet=None, by=by, unit=unit, name=f"评分表{unit.code}", vetoes=d["vetoes"],
                           sections=d["sections"], excellent_from=90, pass_from=60)
    return {"legality_review": review, "normative_filing": filing, "scoring_sheet": sheet}


def _supervisors_records(division, by) -> dict:
    from sifa.core.models import Unit
    from sifa.core.validators import id_number_check_digit
    from sifa.supervisors import services as sv
    from sifa.supervisors.workflow import WORKFLOW

    people = []
    for i in range(1, 4):
        first17 = f"31010719800101{i:03d}"
        people.append(sv.supervisor_select(
            unit=division, by=by, name=f"监督员{i}", id_number=first17 + id_number_check_digit(first17),
            code=f"{division.code}-{i}", field="law", birth_date=date(1980, 1, 1), selected_on=date(2024, 1, 2),
            appointed_by="上海市司法局"))
    request = sv.request_register(unit=division, by=by, procuratorate=Unit.objects.filter(kind="procuratorate").first(),
                                  activity_kind="hearing", activity="公开听证", activity_on=date(2024, 3, 20),
                                  requested=2, received_on=date(2024, 3, 4))
    WORKFLOW.run(request, "prepare", by=by, on=date(2024, 3, 5), check_permission=False,
                 data={"seed_source": "双色球", "seed_published_on": date(2024, 3, 7), "quotas": {}})
    request.refresh_from_db()
    WORKFLOW.run(request, "draw", by=by, on=date(2024, 3, 7), data={"seed": "1 2 3"}, check_permission=False)
    return {"supervisor": people[0], "draw_request": request}


def _petitions_records(office, by) -> dict:
    from sifa.petitions import services as pt
    from sifa.petitions.workflow import WORKFLOW

    petition = pt.petition_register(unit=office, by=by, record=pt.OrderRecord(
        channel="letter", kind="complaint", name="王先生", subject="调解协议未履行", content="赔偿未支付。",
        received_on=date(2024, 3, 4)))
    WORKFLOW.run(petition, "accept", by=by, on=date(2024, 3, 5), check_permission=False)
    return {"petition": petition}


def _correction_records(office, by) -> dict:
    from sifa.core import district
    from sifa.correction import services as jz
    from sifa.correction.workflow import WORKFLOW

    district.put("correction.division", "PT-SFJ-JZ")  # the district's correction division sees every office
    case = jz.intake(unit=office, by=by, name="周矫正", kind="probation", offence="危险驾驶罪", deciding_organ="court",
                     deciding_body="上海市普陀区人民法院", decision_number=f"（2024）沪0107刑初{office.pk}号",
                     notice_received_on=date(2024, 3, 5), effective_on=date(2024, 3, 4), term_end=date(2025, 3, 3))
    WORKFLOW.run(case, "report_in", by=by, on=date(2024, 3, 8), data={"identity_checked": True})
    WORKFLOW.run(case, "announce", by=by, on=date(2024, 3, 8), data={"level": "strict", "plan": "每周报告"})
    session = jz.session_record(unit=office, by=by, kind="thematic", held_on=date(2024, 3, 9), title="法治讲座",
                                participants=[case])
    release = jz.release_register(unit=office, by=by, name="孙释放", prison="上海市提篮桥监狱",
                                  notice_received_on=date(2024, 2, 1), release_on=date(2024, 3, 1))
    from sifa.correction import assessments

    assessment = assessments.register(
        unit=office, by=by, name="钱被告", id_number="", commissioning_organ="court", commissioning_body="上海市普陀区人民法院",
        commission_number=f"（2024）沪0107刑初{office.pk}号", offence="盗窃罪", proposed_kind="probation",
        received_on=date(2024, 3, 4))
    return {"supervisee": case, "correction_session": session, "release": release, "assessment": assessment}


def _governance_records(bureau, agency, by) -> dict:
    """Governance's and publicity's records, in the bureau's publicity division (普法与依法治理科) where it has one."""
    from sifa.core.models import Unit
    from sifa.governance import services as gov
    from sifa.publicity import services as pub

    unit = Unit.objects.filter(parent=bureau, code__endswith="-PF").first() or bureau
    on = date(2024, 3, 4)
    task = gov.task_create(unit=unit, by=by, year=2024, title="任务", responsible=bureau, due_on=date(2024, 6, 30))
    insp = gov.inspection_register(unit=unit, by=by, campaign=f"督察{unit.code}", kind="enforcement", inspected=agency,
                                   visited_on=on)
    gov.finding_add(insp, by=by, problem="问题", requirement="整改")
    gov.inspection_report(insp, by=by, on=on)
    point = gov.point_establish(unit=unit, by=by, name=f"观察点{unit.code}", kind="grassroots", established_on=on,
                                observers=[("观察员", "")])
    obs = gov.observation_submit(point, by=by, on=on, subject="意见", text="内容")
    topic = gov.topic_propose(unit=unit, by=by, year=2024, title="课题", lead=bureau, on=on)
    activity = pub.activity_register(unit=unit, by=by, kind="contest", title=f"比赛{unit.code}", held_on=on)
    resp = pub.responsibility_file(unit=unit, by=by, year=2024, member=agency, duties="清单", plan="计划",
                                   plan_filed_on=on)
    pub.responsibility_review(resp, by=by, on=on, score=90)
    study = pub.study_list_publish(unit=unit, by=by, year=2024, title=f"学法清单{unit.code}", published_on=on,
                                   items=[("宪法", "")])
    from sifa.governance import assessment as ga

    scheme = ga.scheme_publish(unit=unit, by=by, year=2024, title=f"考核细则{unit.code}", published_on=on,
                               items=[ga.Item("1", "指标"), ga.Item("1.1", "子项", Decimal(100), Decimal(5), parent="1")])
    graded = ga.assessment_open(scheme, by=by, assessed=agency)
    ga.self_assess(graded, by=by, on=on, rows={"1.1": (0, "台账")})
    graded.refresh_from_db()
    ga.bureau_score(graded, by=by, on=on, rows={"1.1": (1, False, "")})
    return {"gov_scheme": scheme, "gov_assessment": graded,"gov_task": task, "gov_inspection": insp, "gov_point": point, "gov_observation": obs, "gov_topic": topic,
            "pub_activity": activity, "pub_responsibility": resp, "pub_study": study}


@pytest.fixture(scope="module")
def world(module_db, tmp_path_factory):
    from sifa.core.models import User
    from sifa.demo import district

    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(media)), module_db():
        units, _ = district.load()
        users = {u.username: u for u in User.objects.all()}
        inside = _records(office=units["PT-SFS-CSL"], fy=units["PT-SFJ-FY"], ys=units["PT-SFJ-YS"],
                          committee=units["PT-TWH-CSL"], centre=units["PT-JFZX-CSL"], bureau=units["PT-SFJ"],
                          agency=units["PT-GAFJ-JJ"], government=units["PT"], court=units["PT-FY"],
                          handler=users["handler"], litigator=users["yingsu"], mediator=users["mediator"],
                          leader=users["leader"], legal_aid=units["PT-FYZX"], notary_office=units["PT-GZC"],
                          supervisors=units["PT-SFJ-CF"], petitions=units["PT-SFJ-BGS"])
        ja, staff = _other_district(users)
        outside = _records(office=ja["JA-SFS-X"], fy=ja["JA-SFJ-FY"], ys=ja["JA-SFJ-YS"], committee=ja["JA-TWH-X"],
                           centre=ja["JA-JFZX-X"], bureau=ja["JA-SFJ"], agency=ja["JA-GAFJ"], government=ja["JA"],
                           court=units["PT-FY"], handler=staff, litigator=staff, mediator=staff, leader=staff,
                           legal_aid=ja["JA-FYZX"], notary_office=ja["JA-GZC"], supervisors=ja["JA-SFJ"],
                           petitions=ja["JA-SFJ"])
        yield {"users": users, "inside": inside, "outside": outside}


PATTERNS = all_patterns()
CHECKED = {"requests": 0, "patterns": 0}


def _url(p: Pattern, records: dict | None) -> str:
    kwargs = dict(CONSTANTS.get(p.key, {}))
    for name, kind in RECORDS.get(p.key, {}).items():
        kwargs[name] = records[kind].pk
    if p.key == "admin:index":
        return reverse("admin:index")
    return reverse(p.key, kwargs=kwargs) + QUERIES.get(p.key, "")


def _needs_records(p: Pattern) -> bool:
    return bool(RECORDS.get(p.key))


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.key for p in PATTERNS])
def test_every_url_answers_every_role_as_the_table_says(pattern, world):
    assert pattern.key in MATRIX, (
        f"URL {pattern.key!r} ({pattern.route}) has no entry in sifa.core.authorisation.MATRIX (a line's URL: in "
        f"the line's access.py): say there who may open it")
    missing = [c for c in pattern.converters if c not in CONSTANTS.get(pattern.key, {})
               and c not in RECORDS.get(pattern.key, {})]
    assert not missing, f"URL {pattern.key!r}: fill its parameters {missing} in CONSTANTS or RECORDS of this test"
    access = MATRIX[pattern.key]
    runs = [("inside", True)] + ([("outside", False)] if _needs_records(pattern) else [])
    wrong = []
    for where, inside in runs:
        records = world[where]
        url = _url(pattern, records)
        for user in (VISITOR, *USERS):
            client = Client()
            if user != VISITOR:
                client.force_login(world["users"][user], backend="sifa.core.auth.RoleBackend")
            resp = client.get(url)
            CHECKED["requests"] += 1
            expected = access.expected(user, inside=inside)
            got = resp.status_code
            if got != expected:
                wrong.append(f"{user} GET {url} ({where}): {got}, the table says {expected}")
            if not inside:
                assert got != 200, f"{user} got 200 for a record of another district: {url}"
            if user == VISITOR and got == 302 and access.visitor_to_login:
                assert "/login/" in resp["Location"], (url, resp["Location"])
    CHECKED["patterns"] += 1
    assert not wrong, f"{pattern.key}:\n" + "\n".join(wrong)


def test_no_entry_of_the_table_is_stale():
    """An entry whose URL is gone would hide a renamed page: the table names exactly the resolver's patterns."""
    keys = {p.key for p in PATTERNS}
    assert not set(MATRIX) - keys, sorted(set(MATRIX) - keys)


def test_zz_print_the_figures(capsys):
    """The lead's figure: URL patterns × users (and a visitor) checked, and the requests made."""
    with capsys.disabled():
        print(f"\nauthorisation matrix: {CHECKED['patterns']} URL patterns × {len(USERS) + 1} users (16 demo users "
              f"and a visitor), {CHECKED['requests']} requests")
