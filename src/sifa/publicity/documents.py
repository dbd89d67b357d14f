"""The documents of publicity (GB/T 9704 layout, core.documents), rendered from the records on each download:
a member unit's responsibility list and plan (普法责任清单及年度普法计划), and the year's review results
(履职评议结果通报) with the ranking."""

from __future__ import annotations

from sifa.core.documents import OfficialDocument, p, render_docx, table

from .models import Responsibility

KINDS = {"plan": "普法责任清单及年度普法计划", "review_results": "“谁执法谁普法”成员单位履职评议结果通报"}


def _bureau(unit) -> str:
    return unit.parent.name if unit.parent_id else unit.name


def plan_document(r: Responsibility) -> bytes:
    body = [p(f"单位：{r.member.name}（{r.year}年度）"), p("一、普法责任清单"), *[p(x) for x in r.duties.splitlines() if x.strip()],
            p("二、年度普法计划"), *[p(x) for x in r.plan.splitlines() if x.strip()]]
    return render_docx(OfficialDocument(title=f"{r.member.name}{r.year}年度{KINDS['plan']}", body=body,
                                        signature=r.member.name, date=r.plan_filed_on, unit=r.unit, sealed=False))


def review_document(rows: list, year: int, unit) -> bytes:
    body = [p(f"根据“谁执法谁普法”普法责任制的要求，{year}年度对成员单位普法履职情况开展评议，现将结果通报如下："),
            table(["名次", "成员单位", "评议得分", "评议时间"],
                  [[str(r.rank), r.member.name, str(r.score), r.reviewed_on.isoformat()] for r in rows]),
            p("请各成员单位对照评议意见，进一步落实普法责任。")]
    last = max((r.reviewed_on for r in rows), default=None)
    return render_docx(OfficialDocument(title=f"{year}年度{KINDS['review_results']}", body=body,
                                        signature=_bureau(unit), date=last, unit=unit))
