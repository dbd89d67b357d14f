"""The documents of notarisation, built with core.documents (GB/T 9704 layout), numbered once by the step that
issues them (workflow.issue) and rendered from the application on each download:

- 受理通知书: the application is accepted; the 15 working days of 公证法 第三十条 run from today, the time for
  supplements, verification and force majeure not counted; the party is told the legal meaning (第二十七条第二款);
- 不予办理公证决定书: the ground of 第三十一条 with the reasons, the refund of the fee, and the remedies (复查 is for
  certificates; a party who disagrees may complain to the 公证协会 or the justice bureau, or sue).
"""

from __future__ import annotations

from sifa.core import clocks as core_clocks
from sifa.core.documents import OfficialDocument, chinese_date, p, render_docx

from .clocks import ISSUE
from .models import Notarisation, Refund, State

KINDS = {"acceptance_notice": "公证受理通知书", "refusal_decision": "不予办理公证决定书"}
ISSUED_BY = {"acceptance_notice": "acceptance_number", "refusal_decision": "refusal_number"}
REFUND_TEXT = {Refund.NONE: "根据不予办理的原因及责任，已收取的公证费不予退还。",
               Refund.PART: "根据不予办理的原因及责任，退还部分已收取的公证费。",
               Refund.FULL: "已收取的公证费全部退还。"}


class DocumentNotIssued(LookupError):
    pass


def _matter(case: Notarisation) -> str:
    label = case.get_matter_display().split(")", 1)[-1].strip() or case.get_matter_display()
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
                            addressee=f"{case.applicant.name}：", body=body, signature=case.unit.name,
                            date=case.accepted_on, unit=case.unit)


def refusal_document(case: Notarisation) -> OfficialDocument:
    body = [p(f"你于{chinese_date(case.received_on)}申请办理的{_matter(case)}（{case.number}），经审查，本处认为："
              f"{case.refusal_reasons}"),
            p(f"依照《中华人民共和国公证法》第三十一条第（{case.refusal_ground}）项的规定，本处决定不予办理该公证。"),
            p(REFUND_TEXT.get(case.refund, REFUND_TEXT[Refund.FULL]) if case.refund else "已收取的公证费全部退还。"),
            p("如对本决定有异议，可以向本处提出，或者向上海市公证协会、本处所在地的司法行政机关投诉。")]
    return OfficialDocument(title=KINDS["refusal_decision"], number=case.refusal_number,
                            addressee=f"{case.applicant.name}：", body=body, signature=case.unit.name,
                            date=case.refused_on, unit=case.unit)


BUILDERS = {"acceptance_notice": acceptance_document, "refusal_decision": refusal_document}


def issued(case: Notarisation) -> list[tuple[str, str, str]]:
    """The documents the application has issued: (kind, title, number)."""
    out = []
    for kind, attr in ISSUED_BY.items():
        number = getattr(case, attr)
        if number and (kind != "refusal_decision" or case.state == State.REFUSED):
            out.append((kind, KINDS[kind], number))
    return out


def document_for(case: Notarisation, kind: str) -> OfficialDocument:
    if kind not in BUILDERS or kind not in {k for k, _t, _n in issued(case)}:
        raise DocumentNotIssued(kind)
    return BUILDERS[kind](case)


def render(case: Notarisation, kind: str) -> bytes:
    return render_docx(document_for(case, kind))
