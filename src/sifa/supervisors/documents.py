"""The record of a draw (人民监督员抽选记录), GB/T 9704 layout via core.documents, numbered by the draw step and
rendered from the request: the verification data in full, so that anyone holding it can re-run the draw."""

from __future__ import annotations

from sifa.core.documents import OfficialDocument, chinese_date, p, render_docx, table

from . import sortition
from .models import DrawRequest, Field, Supervisor

KINDS = {"draw_record": "人民监督员抽选记录"}


class DocumentNotIssued(LookupError):
    pass


def _stratum_label(value: str) -> str:
    return "不分领域" if value == sortition.ALL else str(Field(value).label)


def draw_record(r: DrawRequest) -> OfficialDocument:
    people = {s.code: s for s in Supervisor.objects.filter(code__in=[*r.drawn, *r.reserves]).select_related("person")}
    quotas = r.quotas or {sortition.ALL: r.requested}
    quota_text = "；".join(f"{_stratum_label(k)}{v}名" for k, v in sorted(quotas.items()))
    drawn_rows = [[str(i), code, people[code].person.name if code in people else "",
                   _stratum_label(r.quotas and people[code].field or sortition.ALL) if code in people else "",
                   r.probabilities.get(code, "")] for i, code in enumerate(r.drawn, 1)]
    excluded = "；".join(f"{e['code']}（{e['label']}）" for e in r.exclusions) or "无"
    body = [
        p(f"{r.procuratorate.name}于{chinese_date(r.received_on)}邀请人民监督员{r.requested}名，参加{r.get_activity_kind_display()}"
          f"（{r.activity}），活动日期{chinese_date(r.activity_on)}。本局依照《人民监督员选任管理办法》的规定随机抽选，"
          "抽选数据如下。"),
        p(f"一、候选名单。本局于{chinese_date(r.prepared_on)}确定并公布候选名单（每行“编号|领域”，按编号排序），共"
          f"{len(sortition.parse_listing(r.listing))}人，其SHA-256值为：{r.listing_hash}。"),
        p(f"二、算法。{r.algorithm}，版本{r.algorithm_version}：各候选人以SHA-256（“种子|名单哈希值|编号”）排序，"
          "按各领域名额依次抽取（第一级），其余人员按同一顺序列为候补（第二级）。"),
        p(f"三、名额。{quota_text}。"),
        p(f"四、回避和排除。{excluded}。"),
        p(f"五、随机数种子。事先确定的公开数值：{r.seed_source}，公布日期{chinese_date(r.seed_published_on)}；"
          f"公布值为：{r.seed}。本局于{chinese_date(r.drawn_on)}抽选。"),
        table(["顺序", "编号", "姓名", "领域", "入选概率"], drawn_rows, caption="抽选结果"),
        p("六、候补顺序：" + ("、".join(r.reserves) or "无") + "。"),
        p(f"七、验证。任何人可以用本记录的候选名单、种子和名额，以公开的抽选程序（sortition.py）重新抽选，或者在本系统中运行"
          f"“sifa supervisors verify {r.number}”，结果应当与上述抽选结果一致。"),
    ]
    return OfficialDocument(title=KINDS["draw_record"], number=r.record_number, body=body,
                            signature=(r.unit.parent.name if r.unit.parent_id else r.unit.name), date=r.drawn_on,
                            unit=r.unit, cc=[r.procuratorate.name])


def issued(r: DrawRequest) -> list[tuple[str, str, str]]:
    return [("draw_record", KINDS["draw_record"], r.record_number)] if r.record_number else []


def render(r: DrawRequest, kind: str) -> bytes:
    if kind not in {k for k, _t, _n in issued(r)}:
        raise DocumentNotIssued(kind)
    return render_docx(draw_record(r))
