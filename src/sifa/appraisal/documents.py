"""The documents of forensic appraisal (GB/T 9704, core.documents): the 整改建议书 to an institution. The complaint
notices are the core kit's (core.complaints)."""

from __future__ import annotations

from sifa.core import clocks as core_clocks
from sifa.core.complaints import bureau_of
from sifa.core.documents import OfficialDocument, chinese_date, h1, p, render_docx

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


# --- the complaints white paper (投诉举报处理情况白皮书) ---------------------------------------------------------

def white_paper_figures(start, end, unit=None) -> dict:
    """The white paper's figures, all from the records through the line's registered metrics: complaints
    received, accepted, concluded, answered (and in time), the rates, by outcome, by channel and by institution;
    rectification proposals; commissions; credit grades."""
    from sifa.core import metrics

    r = metrics.compute(start, end, unit, lines=["appraisal"]).values
    return {"r": r,
            "by_outcome": [(label, n) for label, n in metrics.breakdown("appraisal.complaints", start, end, unit,
                                                                        by="outcome") if n],
            "by_channel": metrics.breakdown("appraisal.complaints", start, end, unit, by="channel"),
            "by_institution": metrics.breakdown("appraisal.complaints", start, end, unit,
                                                by="respondent_institution__name")}


def _rate(v) -> str:
    return "—" if v is None else f"{v}%"


def white_paper(start, end, unit) -> OfficialDocument:
    f = white_paper_figures(start, end, unit)
    r = f["r"]
    bureau = bureau_of(unit)
    period = f"{chinese_date(start)}至{chinese_date(end)}"
    outcome_text = "，".join(f"{label}{n}件" for label, n in f["by_outcome"] if label)
    channel_text = "，".join(f"{label or '其他'}{n}件" for label, n in f["by_channel"]) or "无"
    inst_text = "，".join(f"{label}{n}件" for label, n in f["by_institution"]) or "无"
    body = [
        p(f"为回应社会关切，接受社会监督，现将{period}本区司法鉴定投诉举报处理情况公布如下。"),
        h1("一、总体情况"),
        p(f"{period}，全区司法鉴定机构受理鉴定委托事项{r['appraisal.commissions']}件，完成鉴定{r['appraisal.completed']}件。"
          f"本局共收到司法鉴定投诉举报{r['appraisal.complaints']}件，受理{r['appraisal.complaints_accepted']}件，"
          f"办结{r['appraisal.complaints_concluded']}件，书面答复{r['appraisal.complaints_answered']}件，"
          f"其中在规定期限内答复{r['appraisal.complaints_answered_in_time']}件；办结率"
          f"{_rate(r['appraisal.complaints_concluded_rate'])}，回复率{_rate(r['appraisal.complaints_answered_rate'])}。"),
        h1("二、投诉来源和对象"),
        p(f"按投诉渠道分：{channel_text}。按被投诉机构分：{inst_text}。"),
        h1("三、处理结果"),
        p(f"已办结的投诉中，{outcome_text or '尚无办结的投诉'}。其中给予行政处罚{r['appraisal.penalties']}件。"),
        h1("四、监督管理"),
        p(f"本局针对投诉反映和日常检查中发现的问题，向鉴定机构出具整改建议书{r['appraisal.proposals']}份，"
          f"已整改完毕{r['appraisal.proposals_rectified']}份；在信用等级评估中，{r['appraisal.graded']}家次鉴定机构参评，"
          f"{r['appraisal.grade_a']}家次获评A级。"),
        p("本局将继续畅通投诉举报渠道，依法及时处理投诉，督促鉴定机构规范执业，提升司法鉴定公信力。"),
    ]
    return OfficialDocument(title="司法鉴定投诉举报处理情况白皮书", body=body, signature=bureau.name, date=end,
                            unit=unit, sealed=False)


def render_white_paper(start, end, unit) -> bytes:
    return render_docx(white_paper(start, end, unit))
