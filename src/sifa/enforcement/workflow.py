"""The procedure of an enforcement-certificate application (执法证), read top to bottom.

An agency applies for its officer; for a new certificate the officer is trained and passes the exam (上海市城市管理
行政执法条例 第十六条: "统一培训并考试合格具备行政执法资格的，方可取得行政执法证件"; the pass mark is district
data, kept on the application with the score); the bureau reviews the application within its time limit (district
default, `clocks.CERTIFICATE_REVIEW`) and issues the certificate with its number, cancels it, or refuses with its
reasons. Each decision issues the 执法证审核意见.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core import clocks as core_clocks
from sifa.core import district, numbering
from sifa.core.workflow import Meet, StepError, Transition, Workflow

from . import clocks, forms
from .models import ISSUING_KINDS, ApplicationKind, CertificateApplication, CertificateStatus
from .models import State as S

REVIEW = "enforcement.review_certificateapplication"
PASS_MARK_KEY = "enforcement.pass_mark"
DEFAULT_PASS_MARK = Decimal("60")
CF = "《中华人民共和国行政处罚法》"
SHCG = "《上海市城市管理行政执法条例》"


def pass_mark() -> Decimal:
    """The pass mark of the certificate exam: district data (`enforcement.pass_mark`), 60 by default."""
    raw = district.value(PASS_MARK_KEY)
    try:
        return Decimal(raw) if raw else DEFAULT_PASS_MARK
    except ArithmeticError:
        return DEFAULT_PASS_MARK


# --- guards ---------------------------------------------------------------------------------------------------

def _new_only(case, on: date) -> str | None:
    return None if case.kind == ApplicationKind.NEW else _("only a new certificate needs the exam")


def _issuing(case, on: date) -> str | None:
    return None if case.kind in ISSUING_KINDS else _("a cancellation issues no certificate")


def _exam_passed(case, on: date) -> str | None:
    if case.kind != ApplicationKind.NEW:
        return None
    if case.exam_score is None:
        return _("no exam result is recorded: a certificate needs training and a passed exam")
    if not case.exam_passed:
        return _("the exam score %(score)s is below the pass mark %(mark)s") % {
            "score": case.exam_score, "mark": case.pass_mark}
    return None


def _holds_certificate(case, on: date) -> str | None:
    if case.kind == ApplicationKind.NEW:
        return None
    if case.officer.certificate_status != CertificateStatus.VALID:
        return _("the officer holds no valid certificate")
    return None


def _cancellation_only(case, on: date) -> str | None:
    return None if case.kind == ApplicationKind.CANCELLATION else _("only a cancellation cancels the certificate")


# --- effects --------------------------------------------------------------------------------------------------

def in_time(case, on: date) -> bool | None:
    d = core_clocks.current(case, clocks.CERTIFICATE_REVIEW)
    return None if d is None else on <= d.due


def _record_exam(case, data, *, on, by):
    if data.get("trained_on") and data["trained_on"] > on:
        raise StepError(_("The training cannot follow the exam."), field="trained_on")
    case.trained_on, case.exam_on = data.get("trained_on"), on
    case.exam_score, case.pass_mark = data["exam_score"], pass_mark()


def _decide(case, data, *, on, by):
    opinion = (data.get("opinion") or "").strip()
    if not opinion:
        raise StepError(_("The review opinion is required."), field="opinion")
    case.decided_on, case.opinion = on, opinion
    case.decided_in_time = in_time(case, on)


CERTIFICATE_FORMAT = "{prefix}{year}{n:05d}"  # the issuing division's prefix: 普司执202200001


def _issue_certificate(case, data, *, on, by):
    _decide(case, data, on=on, by=by)
    number = numbering.take(kind="enforcement.certificate", unit=case.unit, year=on.year,
                            default_format=CERTIFICATE_FORMAT)
    case.certificate_number = number
    officer = case.officer
    officer.certificate_number, officer.certificate_status, officer.issued_on = number, CertificateStatus.VALID, on
    officer.post, officer.qualification = case.post, case.qualification
    officer.save(update_fields=["certificate_number", "certificate_status", "issued_on", "post", "qualification"])


def _cancel_certificate(case, data, *, on, by):
    _decide(case, data, on=on, by=by)
    officer = case.officer
    case.certificate_number = officer.certificate_number
    officer.certificate_status = CertificateStatus.CANCELLED
    officer.save(update_fields=["certificate_status"])


def _refuse(case, data, *, on, by):
    _decide(case, data, on=on, by=by)


# --- the document ---------------------------------------------------------------------------------------------

OPINION_FORMAT = "{prefix}审〔{year}〕{n}号"


def issue(case, kind: str, *, on, by, ref=None) -> str:
    number = numbering.take(kind=f"enforcement.{kind}", unit=case.unit, year=on.year, default_format=OPINION_FORMAT)
    case.opinion_number = number
    return number


T = Transition
R = clocks.CERTIFICATE_REVIEW
BASIS_REVIEW = (f"{CF}第四十二条（行政处罚应当由具有行政执法资格的执法人员实施）；{SHCG}第十六条；"
                "司法部《关于做好全国统一行政执法证件标准样式实施工作的通知》（司办通〔2020〕78号）")

WORKFLOW = Workflow(states=S, model=CertificateApplication, event_prefix="enforcement", issue=issue,
                    url_name="enforcement:action", transitions=[
    T("record_exam", gettext_lazy("Record training and the exam"), (S.RECEIVED,), None, REVIEW,
      f"{SHCG}第十六条：统一培训并考试合格具备行政执法资格的，方可取得行政执法证件（合格分数线为区数据）",
      guards=(_new_only,), form=forms.ExamForm, effect=_record_exam, event="exam_recorded",
      not_before=(("received_on", gettext_lazy("the receipt")),),
      summary=lambda case, data, result: f"{case.number}: {case.exam_score}/{case.pass_mark}"),
    T("issue", gettext_lazy("Approve and issue the certificate"), (S.RECEIVED,), S.ISSUED, REVIEW, BASIS_REVIEW,
      clocks=(Meet(R),), guards=(_issuing, _exam_passed, _holds_certificate), form=forms.OpinionForm,
      effect=_issue_certificate, document="review_opinion", closes=True, event="issued",
      not_before=(("received_on", gettext_lazy("the receipt")),),
      summary=lambda case, data, result: f"{case.number}: {case.certificate_number}"),
    T("cancel", gettext_lazy("Approve the cancellation"), (S.RECEIVED,), S.CANCELLED, REVIEW,
      f"{CF}第四十二条；{SHCG}第十六条（未取得行政执法证件的人员，不得从事行政执法活动）",
      clocks=(Meet(R),), guards=(_cancellation_only, _holds_certificate), form=forms.OpinionForm,
      effect=_cancel_certificate, document="review_opinion", closes=True, event="cancelled",
      not_before=(("received_on", gettext_lazy("the receipt")),)),
    T("refuse", gettext_lazy("Refuse the application"), (S.RECEIVED,), S.REFUSED, REVIEW,
      f"{SHCG}第十六条；不符合条件的，书面说明理由（区规定）",
      clocks=(Meet(R),), form=forms.OpinionForm, effect=_refuse, document="review_opinion", closes=True,
      event="refused", not_before=(("received_on", gettext_lazy("the receipt")),)),
])
