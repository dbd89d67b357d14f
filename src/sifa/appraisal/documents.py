"""The documents of forensic appraisal (GB/T 9704, core.documents): the 整改建议书 to an institution. The complaint
notices are the core kit's (core.complaints)."""

from __future__ import annotations

from sifa.core import clocks as core_clocks
from sifa.core.complaints import bureau_of
from sifa.core.documents import OfficialDocument, chinese_date, p, render_docx

from .clocks import RECTIFICATION
from .models import RectificationProposal

KINDS = {"proposal": "整改建议书"}


def proposal_document(prop: RectificationProposal) -> OfficialDocument:
    d = core_clocks.for_case(prop).filter(rule=RECTIFICATION).order_by("-pk").first()
    bureau = bureau_of(prop.unit)
    body = [p(f"本局在对你机构执业活动的日常监督检查中，发现以下问题：{prop.findings}"),
            p(f"为规范司法鉴定执业活动，依照《司法鉴定机构登记管理办法》《上海市司法鉴定管理条例》的有关规定，建议你机构：{prop.requirements}"),
            p(f"请于{chinese_date(d.due) if d else '限期'}前完成整改，并将整改情况书面报送本局。本局将跟踪落实整改情况。")]
    return OfficialDocument(title=KINDS["proposal"], number=prop.number, addressee=f"{prop.institution.name}：",
                            body=body, signature=bureau.name, date=prop.issued_on, unit=prop.unit)


def render(prop: RectificationProposal, kind: str) -> bytes:
    if kind != "proposal":
        raise LookupError(kind)
    return render_docx(proposal_document(prop))
