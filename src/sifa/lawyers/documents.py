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
