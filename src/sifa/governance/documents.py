"""The documents of an inspection (GB/T 9704 layout, core.documents), rendered from the record on each download
once the report is issued: the inspection report (法治督察报告) and the rectification notice (整改通知书) to the
inspected unit, numbered with the report's number."""

from __future__ import annotations

from sifa.core import clocks as core_clocks
from sifa.core.documents import OfficialDocument, chinese_date, h3, p, render_docx, table

from .clocks import RECTIFICATION
from .models import Inspection

KINDS = {"report": "法治督察报告", "rectification_notice": "法治督察整改通知书"}


class DocumentNotIssued(LookupError):
    pass


def available(insp: Inspection) -> list[tuple[str, str]]:
    return list(KINDS.items()) if insp.reported_on else []


def _office(insp: Inspection) -> str:
    parent = insp.unit.parent
    return parent.name if parent is not None else insp.unit.name


def _due(f) -> str:
    d = core_clocks.for_case(f).filter(rule=RECTIFICATION).order_by("-pk").first()
    return chinese_date(d.due) if d else ""


def report_document(insp: Inspection) -> OfficialDocument:
    findings = list(insp.findings.all())
    body = [p(f"根据{insp.campaign}工作安排，{chinese_date(insp.visited_on)}，督察组到{insp.inspected.name}开展"
              f"{insp.get_kind_display()}。")]
    if insp.summary:
        body.append(p(insp.summary))
    if findings:
        body.append(h3(f"一、发现的问题（共{len(findings)}项）"))
        body += [p(f"{i}. {f.problem}") for i, f in enumerate(findings, 1)]
        body.append(h3("二、整改要求"))
        body += [p(f"{i}. {f.requirement}（整改期限：{_due(f)}前）") for i, f in enumerate(findings, 1)]
        body.append(p("请督察对象按照要求落实整改，并在整改期限内书面报告整改情况。"))
    else:
        body.append(p("本次督察未发现需要整改的问题。"))
    return OfficialDocument(title=KINDS["report"], number=insp.report_number, body=body, signature=_office(insp),
                            date=insp.reported_on, unit=insp.unit)


def notice_document(insp: Inspection) -> OfficialDocument:
    findings = list(insp.findings.all())
    rows = [[str(i), f.problem, f.requirement, _due(f)] for i, f in enumerate(findings, 1)]
    body = [p(f"根据{insp.campaign}工作安排，{chinese_date(insp.visited_on)}对你单位开展了{insp.get_kind_display()}"
              f"（{insp.report_number}）。现将督察发现的问题及整改要求通知如下："),
            table(["序号", "问题", "整改要求", "整改期限"], rows) if rows else p("本次督察未发现需要整改的问题。"),
            p("请你单位对照问题逐项整改，于整改期限届满前将整改情况书面报送。整改完成的事项，经核查后予以销号。"),
            p("依据：《法治政府建设与责任落实督察工作规定》。")]
    return OfficialDocument(title=KINDS["rectification_notice"], number=insp.report_number,
                            addressee=f"{insp.inspected.name}：", body=body, signature=_office(insp),
                            date=insp.reported_on, unit=insp.unit)


BUILDERS = {"report": report_document, "rectification_notice": notice_document}


def render(insp: Inspection, kind: str) -> bytes:
    if kind not in KINDS or not insp.reported_on:
        raise DocumentNotIssued(kind)
    return render_docx(BUILDERS[kind](insp))


def assessment_results(scheme, rows) -> bytes:
    """考核结果通报: the ranking of a scheme's units with their totals, pass or fail (a veto item named)."""
    body = [p(f"根据《{scheme.title}》（第{scheme.edition}版），对{len(rows)}家单位{scheme.year}年度法治建设情况进行了考核，"
              f"现将考核结果通报如下："),
            table(["名次", "单位", "得分", "结果"],
                  [[str(a.rank), a.assessed.name, str(a.total),
                    "一票否决" if a.vetoed else ("合格" if a.passed else "不合格")] for a in rows]),
            p(f"合格分数线为{scheme.pass_mark}分；涉及一票否决事项的单位，考核结果为不合格。")]
    last = max(a.scored_on for a in rows)
    return render_docx(OfficialDocument(title=f"{scheme.year}年度法治建设考核结果通报", body=body,
                                        signature=_office(scheme), date=last, unit=scheme.unit))
