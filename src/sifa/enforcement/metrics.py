"""The official figures of enforcement supervision and the government's legal affairs, computed as SQL aggregates.

Seed (普陀区司法局 2022, to 10-31): "共审核各单位新办、换证、注销等执法证办理申请601件，发放执法证161张"; "抽取区市场监管局
等7家执法单位行政处罚案卷进行评查"; "共安排区政府法律顾问工作事项127件，共审核……区政府各类协议29件". Definitions:

- `enforcement.applications_reviewed`: certificate applications decided (issued, cancelled or refused) in the
  period, by the day of the decision; split by kind (新办 + 换证 + 注销 + 遗失补办), checked as an equation.
- `enforcement.certificates_issued`: certificates issued in the period (new, renewal, replacement approved).
- `enforcement.agencies_evaluated`: agencies whose case files were evaluated in campaigns begun in the period
  (one per agency and campaign); `files_evaluated` the files scored in the period, by grade.
- `enforcement.adviser_work_items`: work items assigned to the legal advisers in the period;
  `agreements_reviewed` agreements whose review opinion was given in the period.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sifa.core.metrics import Count, Equation, MetricSet, Rate, register

from .models import ApplicationKind, Grade, ReviewSubject, State

A = "enforcement.CertificateApplication"
CA = "enforcement.CampaignAgency"
F = "enforcement.EvaluatedFile"
R = "enforcement.Rectification"
W = "enforcement.AdviserWorkItem"
G = "enforcement.AgreementReview"
L = "enforcement.LegalityReview"
N = "enforcement.NormativeFiling"
CF = "行政处罚法"
KIND_LABELS = {ApplicationKind.NEW: _("New certificates applied for"), ApplicationKind.RENEWAL: _("Renewals"),
               ApplicationKind.CANCELLATION: _("Cancellations"),
               ApplicationKind.REPLACEMENT: _("Replacements of lost certificates")}
DECIDED = ~Q(decided_on=None)

METRICS = MetricSet(
    line="enforcement", label=_("Enforcement supervision"), order=50, list_url_name="enforcement:list",
    columns={
        A: ["number", "agency__name", "kind", "state", "received_on", "decided_on", "certificate_number"],
        CA: ["campaign__name", "agency__name", "score", "grade"],
        F: ["campaign__name", "agency__name", "file_number", "evaluated_on", "score", "grade"],
        R: ["notice_number", "agency__name", "notified_on", "due", "closed_on"],
        W: ["adviser", "kind", "subject", "assigned_on", "due", "delivered_on"],
        G: ["title", "counterparty", "received_on", "reviewed_on", "working_days_taken"],
        L: ["title", "subject", "submitted_by__name", "received_on", "reviewed_on", "conclusion", "in_time"],
        N: ["title", "document_number", "issued_by__name", "published_on", "filed_on", "filed_in_time", "state",
            "outcome"],
    },
    breakdowns=[("kind", _("Kind of application")), ("agency__name", _("Agency"))],
    metrics=[
        Count("enforcement.applications_reviewed", _("Certificate applications reviewed"), model=A,
              date_field="decided_on", q=DECIDED, basis=CF + " 第四十二条",
              definition=_("Applications for enforcement certificates (new, renewal, cancellation, replacement) "
                           "decided in the period, by the day of the decision.")),
        *[Count(f"enforcement.applications_{code.value}", label, model=A, date_field="decided_on",
                q=DECIDED & Q(kind=code), definition=_("Applications of this kind decided in the period."))
          for code, label in KIND_LABELS.items()],
        Count("enforcement.certificates_issued", _("Enforcement certificates issued"), model=A, date_field="decided_on",
              q=Q(state=State.ISSUED), unit_label="张", basis=CF + " 第四十二条",
              definition=_("Certificates issued in the period on a new, renewal or replacement application.")),
        Count("enforcement.certificates_cancelled", _("Certificates cancelled"), model=A, date_field="decided_on",
              q=Q(state=State.CANCELLED), unit_label="张",
              definition=_("Certificates cancelled in the period.")),
        Count("enforcement.applications_refused", _("Applications refused"), model=A, date_field="decided_on",
              q=Q(state=State.REFUSED), definition=_("Applications refused in the period.")),
        Count("enforcement.reviewed_in_time", _("Applications reviewed within the time limit"), model=A,
              date_field="decided_on", q=Q(decided_in_time=True),
              definition=_("Applications of the period decided within the review period.")),
        Rate("enforcement.reviewed_in_time_rate", _("Share reviewed within the time limit"),
             numerator="enforcement.reviewed_in_time", denominator="enforcement.applications_reviewed", decimals=1,
             definition=_("Applications reviewed within the time limit ÷ applications reviewed, in per cent.")),
        Count("enforcement.agencies_evaluated", _("Agencies whose case files were evaluated"), model=CA,
              date_field="campaign__started_on", unit_field="campaign__unit", unit_label="家",
              basis=CF + " 第七十五条",
              definition=_("Agencies picked in the case-file evaluation campaigns begun in the period.")),
        Count("enforcement.files_evaluated", _("Case files evaluated"), model=F, date_field="evaluated_on",
              unit_field="campaign__unit", unit_label="卷",
              definition=_("Case files scored in the period.")),
        *[Count(f"enforcement.files_{g.value}", label, model=F, date_field="evaluated_on", q=Q(grade=g),
                unit_field="campaign__unit", unit_label="卷",
                definition=_("Case files scored in the period with this grade."))
          for g, label in ((Grade.EXCELLENT, _("Files graded excellent")), (Grade.PASS, _("Files graded pass")),
                           (Grade.FAIL, _("Files graded fail")))],
        Count("enforcement.rectifications", _("Rectification items notified"), model=R, date_field="notified_on",
              definition=_("Rectification items sent to agencies in the period.")),
        Count("enforcement.rectifications_closed", _("Rectification items closed"), model=R,
              date_field="closed_on", definition=_("Rectification items closed in the period.")),
        Count("enforcement.adviser_work_items", _("Work items of the government's legal advisers"), model=W,
              date_field="assigned_on",
              definition=_("Work items assigned to the district government's legal advisers in the period.")),
        Count("enforcement.adviser_opinions", _("Legal advisers' opinions delivered"), model=W,
              date_field="delivered_on", definition=_("Work items whose opinion was delivered in the period.")),
        Count("enforcement.agreements_reviewed", _("Agreements of the district government reviewed"), model=G,
              date_field="reviewed_on",
              definition=_("Agreements of the district government whose legal review opinion was given in the "
                           "period.")),
        Count("enforcement.legality_reviews", _("Legality reviews concluded"), model=L, date_field="reviewed_on",
              definition=_("Drafts of major administrative decisions and normative documents whose legality review "
                           "opinion was issued in the period.")),
        *[Count(f"enforcement.legality_{code.value}", label, model=L, date_field="reviewed_on", q=Q(subject=code),
                definition=_("Legality review opinions of the period on drafts of this kind."))
          for code, label in ((ReviewSubject.MAJOR_DECISION, _("Legality reviews of major decisions")),
                              (ReviewSubject.NORMATIVE_DOCUMENT, _("Legality reviews of normative documents")))],
        Count("enforcement.legality_in_time", _("Legality reviews concluded within the time limit"), model=L,
              date_field="reviewed_on", q=Q(in_time=True),
              definition=_("Legality review opinions of the period issued within the review period.")),
        Count("enforcement.filings", _("Normative documents filed"), model=N, date_field="filed_on",
              definition=_("Normative documents filed with the district government in the period, by the day "
                           "filed.")),
        Count("enforcement.filings_late", _("Normative documents filed late"), model=N, date_field="filed_on",
              q=Q(filed_in_time=False),
              definition=_("Normative documents of the period filed after the filing period from publication.")),
        Count("enforcement.filings_reviewed", _("Filing reviews concluded"), model=N, date_field="reviewed_on",
              definition=_("Filed normative documents whose filing review was concluded in the period.")),
        Count("enforcement.filings_problem", _("Filing reviews that found a problem"), model=N,
              date_field="reviewed_on", q=Q(problem_found=True),
              definition=_("Filing reviews of the period that ordered the issuing body to correct the document.")),
        Count("enforcement.filings_corrected", _("Normative documents corrected by their issuing body"), model=N,
              date_field="corrected_on", definition=_("Documents corrected by their issuing body in the period.")),
        Count("enforcement.filings_revoked", _("Normative documents revoked"), model=N, date_field="revoked_on",
              definition=_("Documents revoked in the period after the correction period ran out.")),
    ],
    equations=[
        Equation(_("legality reviews = major decisions + normative documents"), "enforcement.legality_reviews",
                 ("enforcement.legality_major_decision", "enforcement.legality_normative_document")),
        Equation(_("applications reviewed = the sum over kinds"), "enforcement.applications_reviewed",
                 tuple(f"enforcement.applications_{code.value}" for code in KIND_LABELS)),
        Equation(_("applications reviewed = issued + cancelled + refused"), "enforcement.applications_reviewed",
                 ("enforcement.certificates_issued", "enforcement.certificates_cancelled",
                  "enforcement.applications_refused")),
        Equation(_("files evaluated = the sum over grades"), "enforcement.files_evaluated",
                 ("enforcement.files_excellent", "enforcement.files_pass", "enforcement.files_fail")),
    ],
)
register(METRICS)
