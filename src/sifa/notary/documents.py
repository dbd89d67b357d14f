"""The documents of notarisation, built with core.documents (GB/T 9704 layout), numbered once by the step that
issues them (workflow.issue) and rendered from the application on each download:

- 受理通知书: the application is accepted; the 15 working days of 公证法 第三十条 run from today, the time for
  supplements, verification and force majeure not counted; the party is told the legal meaning (第二十七条第二款);
- 不予办理公证决定书: the ground of 第三十一条 with the reasons, the refund of the fee, and the remedies (复查 is for
  certificates; a party who disagrees may complain to the 公证协会 or the justice bureau, or sue).
"""

from __future__ import annotations

from decimal import Decimal

from sifa.core import clocks as core_clocks
from sifa.core.documents import OfficialDocument, chinese_date, p, render_docx

from .clocks import ISSUE
from .models import Notarisation, Refund, ReviewOutcome, State

KINDS = {"acceptance_notice": "公证受理通知书", "supplement_notice": "补充材料通知书",
         "refusal_decision": "不予办理公证决定书", "review_decision": "复查处理决定书", "revocation_notice": "撤销公证书公告"}
ISSUED_BY = {"acceptance_notice": "acceptance_number", "supplement_notice": "supplement_number",
             "refusal_decision": "refusal_number", "review_decision": "review_decision_number",
             "revocation_notice": "revocation_number"}
REFUND_TEXT = {Refund.NONE: "根据不予办理的原因及责任，已收取的公证费不予退还。",
               Refund.PART: "根据不予办理的原因及责任，退还部分已收取的公证费。",
               Refund.FULL: "已收取的公证费全部退还。"}


class DocumentNotIssued(LookupError):
    pass


def _matter(case: Notarisation) -> str:
    display = case.get_matter_display()
    label = display.replace("）", ")").split(")", 1)[-1].strip() or display
    return f"{label}公证" + (f"（{case.purpose}）" if case.purpose else "")


def acceptance_document(case: Notarisation) -> OfficialDocument:
    clock = core_clocks.for_case(case).filter(rule=ISSUE).order_by("pk").first()
    due = clock.original_due if clock else case.accepted_on
    body = [p(f"你于{chinese_date(case.received_on)}申请办理的{_matter(case)}，本处已于{chinese_date(case.accepted_on)}"
              f"受理，受理号为{case.number}，承办公证员为{case.notary}。"),
            p(f"依照《中华人民共和国公证法》第三十条的规定，本处将于受理之日起十五个工作日内（{chinese_date(due)}前）出具公证书。"
              "因不可抗力、补充证明材料或者需要核实有关情况的，所需时间不计算在期限内，本处将及时告知你。"),
            p("请如实说明申请公证事项的有关情况，提供真实、合法、充分的证明材料（第二十七条）。提供虚假证明材料的，本处不予办理公证"
              "（第三十一条）；已出具的公证书将依法撤销（第三十九条）。")]
    return OfficialDocument(title=KINDS["acceptance_notice"], number=case.acceptance_number,
                            addressee=case.applicant.name, body=body, signature=case.unit.name,
                            date=case.accepted_on, unit=case.unit)


def refusal_document(case: Notarisation) -> OfficialDocument:
    body = [p(f"你于{chinese_date(case.received_on)}申请办理的{_matter(case)}（{case.number}），经审查，本处认为："
              f"{case.refusal_reasons}"),
            p(f"依照《中华人民共和国公证法》第三十一条第（{case.refusal_ground}）项的规定，本处决定不予办理该公证。"),
            p(_refund_text(case)),
            p("如对本决定有异议，可以向本处提出，或者向上海市公证协会、本处所在地的司法行政机关投诉。")]
    return OfficialDocument(title=KINDS["refusal_decision"], number=case.refusal_number,
                            addressee=case.applicant.name, body=body, signature=case.unit.name,
                            date=case.refused_on, unit=case.unit)


def _refund_text(case: Notarisation) -> str:
    text = REFUND_TEXT.get(case.refund, REFUND_TEXT[Refund.FULL]) if case.refund else "已收取的公证费全部退还。"
    if case.refund_amount:
        text = text.rstrip("。") + f"，计人民币{Decimal(case.refund_amount):.2f}元。"
    return text


def supplement_document(case: Notarisation) -> OfficialDocument:
    body = [p(f"你于{chinese_date(case.received_on)}申请办理的{_matter(case)}（受理号{case.number}），经审查，需要补充下列证明材料："
              f"{case.pause_reason}"),
            p("请你尽快向本处提交上述材料。依照《中华人民共和国公证法》第三十条和《公证程序规则》第三十五条的规定，补充证明材料所需的"
              "时间不计算在出具公证书的期限内，出证期限自本通知之日起中止计算，自材料补齐之日起继续计算。"),
            p("无正当理由拒绝补充证明材料的，本处将依照《中华人民共和国公证法》第三十一条第（六）项的规定不予办理公证。"),
            p(f"承办公证员：{case.notary}。")]
    return OfficialDocument(title=KINDS["supplement_notice"], number=case.supplement_number,
                            addressee=case.applicant.name, body=body, signature=case.unit.name,
                            date=case.paused_on or case.accepted_on, unit=case.unit)


OUTCOME_TEXT = {
    ReviewOutcome.UPHELD: "经复查，公证书内容真实、合法，出证程序符合规定。依照《公证程序规则》第六十三条的规定，本处决定维持该公证书。",
    ReviewOutcome.CORRECTED: "经复查，公证书有错误，但不影响公证书的实质内容。依照《中华人民共和国公证法》第三十九条和《公证程序规则》"
                             "第六十三条的规定，本处决定予以更正。",
    ReviewOutcome.REVOKED: "经复查，公证书的内容违法或者与事实不符。依照《中华人民共和国公证法》第三十九条和《公证程序规则》第六十三条"
                           "的规定，本处决定撤销该公证书，并予以公告，该公证书自始无效。",
}


def review_document(case: Notarisation) -> OfficialDocument:
    body = [p(f"{case.review_requester}于{chinese_date(case.review_requested_on)}对本处出具的{case.certificate_number}"
              f"公证书（{_matter(case)}）提出复查申请，认为：{case.review_grounds}"),
            p(f"本处复查查明：{case.review_reasons}"),
            p(OUTCOME_TEXT[ReviewOutcome(case.review_outcome)]),
            p("对本复查处理决定有异议的，可以向上海市公证协会投诉；就公证书所证明的民事权利义务有争议的，可以依法向人民法院提起民事诉讼"
              "（《中华人民共和国公证法》第四十条）。")]
    return OfficialDocument(title=KINDS["review_decision"], number=case.review_decision_number,
                            addressee=case.review_requester, body=body, signature=case.unit.name,
                            date=case.review_decided_on, unit=case.unit)


def revocation_document(case: Notarisation) -> OfficialDocument:
    body = [p(f"本处于{chinese_date(case.issued_on)}出具的{case.certificate_number}公证书（{_matter(case)}，申请人"
              f"{case.applicant.name}），经复查，其内容违法或者与事实不符。"),
            p(f"依照《中华人民共和国公证法》第三十九条的规定，本处已于{chinese_date(case.review_decided_on)}决定撤销该公证书"
              f"（{case.review_decision_number}）。该公证书自始无效，已出具的正本、副本应当收回。"),
            p("特此公告。")]
    return OfficialDocument(title=KINDS["revocation_notice"], number=case.revocation_number, addressee="",
                            body=body, signature=case.unit.name, date=case.review_decided_on, unit=case.unit)


BUILDERS = {"acceptance_notice": acceptance_document, "supplement_notice": supplement_document,
            "refusal_decision": refusal_document, "review_decision": review_document,
            "revocation_notice": revocation_document}


def issued(case: Notarisation) -> list[tuple[str, str, str]]:
    """The documents the application has issued: (kind, title, number)."""
    out = []
    for kind, attr in ISSUED_BY.items():
        number = getattr(case, attr)
        if not number or (kind == "refusal_decision" and case.state != State.REFUSED):
            continue
        if kind == "review_decision" and not case.review_outcome:
            continue
        if kind == "revocation_notice" and case.review_outcome != ReviewOutcome.REVOKED:
            continue
        out.append((kind, KINDS[kind], number))
    return out


def document_for(case: Notarisation, kind: str) -> OfficialDocument:
    if kind not in BUILDERS or kind not in {k for k, _t, _n in issued(case)}:
        raise DocumentNotIssued(kind)
    return BUILDERS[kind](case)


def render(case: Notarisation, kind: str) -> bytes:
    return render_docx(document_for(case, kind))
