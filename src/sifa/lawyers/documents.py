"""The documents of the lawyers' line (GB/T 9704, core.documents): the 许可初审意见 the district reports to the city
bureau with the materials (律师法 第六条第二款、第十八条). The complaint notices are the kit's (core.complaints)."""

from __future__ import annotations

from sifa.core.complaints import bureau_of
from sifa.core.documents import OfficialDocument, chinese_date, p, render_docx

from .models import LicensingMatter, MatterKind, Opinion

KINDS = {"review_opinion": "许可初审意见"}


class DocumentNotIssued(LookupError):
    pass


def review_opinion(m: LicensingMatter) -> OfficialDocument:
    if not m.report_number:
        raise DocumentNotIssued("review_opinion")
    bureau = bureau_of(m.unit)
    firm = f"（{m.firm.name}）" if m.firm_id else ""
    body = [p(f"{m.applicant}{firm}申请{MatterKind(m.kind).label}一案，本局于{chinese_date(m.received_on)}受理（{m.number}）。"),
            p("依照《中华人民共和国律师法》第六条第二款、第十八条的规定，本局已对申请材料进行审查，现将审查意见和全部申请材料"
              "报送你局。"),
            p(f"审查意见：{Opinion(m.opinion).label}。{m.opinion_text}")]
    return OfficialDocument(title=KINDS["review_opinion"], number=m.report_number, addressee="上海市司法局：",
                            body=body, signature=bureau.name, date=m.reported_on, unit=m.unit)


def render(m: LicensingMatter, kind: str) -> bytes:
    if kind != "review_opinion":
        raise DocumentNotIssued(kind)
    return render_docx(review_opinion(m))


def penalty_decision(d) -> OfficialDocument:
    """行政处罚决定书 (行政处罚法 第五十九条): the party, the facts, the law, the discretion, the penalty, how and by
    when to pay, and the remedies."""
    from decimal import Decimal

    from sifa.core.complaints import PenaltyKind

    from . import penalties

    c = d.complaint
    bureau = bureau_of(c.unit)
    if penalties.article_of(d.violation).respondent == "lawyer" and c.respondent_lawyer_id:
        party = (f"当事人：{c.respondent_lawyer.name}，{c.respondent_firm.name}律师，"
                 f"执业证号{c.respondent_lawyer.licence_number}。")
    else:
        party = f"当事人：{c.respondent_firm.name}，执业许可证号{c.respondent_firm.licence_number}。"
    circumstance = penalties.Circumstance(d.circumstance).label
    what = [str(PenaltyKind(d.penalty_kind).label)]
    if d.months:
        what[0] = f"{what[0]}{d.months}个月"
    if d.fine > 0 and d.penalty_kind != PenaltyKind.FINE:
        what.append(f"罚款人民币{d.fine.quantize(Decimal('1'))}元")
    elif d.penalty_kind == PenaltyKind.FINE:
        what[0] = f"罚款人民币{d.fine.quantize(Decimal('1'))}元"
    if d.confiscated > 0:
        what.append(f"没收违法所得人民币{d.confiscated.quantize(Decimal('1'))}元")
    body = [p(party),
            p(f"本局于{chinese_date(c.accepted_on or c.received_on)}受理对当事人的投诉（{c.number}），经调查，查明如下事实：{d.facts}"),
            p(f"本局认为，当事人的上述行为违反了律师执业的有关规定，属于{penalties.VIOLATIONS[d.violation][2]}的行为，"
              f"{circumstance}。依照{penalties.basis_of(d.violation)}的规定，参照本局行政处罚裁量基准，"
              f"{'决定' if not d.departure else f'并考虑{d.departure_reason}，决定'}给予当事人如下行政处罚："),
            p("；".join(what) + "。")]
    if d.fine > 0 or d.confiscated > 0:
        body.append(p("当事人应当自收到本决定书之日起十五日内，到指定银行或者通过电子支付系统缴纳罚没款。到期不缴纳罚款的，"
                      "每日按罚款数额的百分之三加处罚款。"))
    government = bureau.name.replace("司法局", "人民政府") if bureau.name.endswith("司法局") else "区人民政府"
    body.append(p(f"如不服本处罚决定，可以在收到本决定书之日起六十日内向{government}申请行政复议，"
                  "也可以在六个月内依法向人民法院提起行政诉讼。"))
    return OfficialDocument(title="行政处罚决定书", number=d.number, body=body, signature=bureau.name, date=d.decided_on,
                            unit=c.unit)


def render_penalty(d) -> bytes:
    return render_docx(penalty_decision(d))
