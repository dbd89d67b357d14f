"""The documents the line files with the court, filled from the case: the answer (答辩状, 行政诉讼法
第六十七条) and the letter naming who appears (负责人出庭应诉规定 第六条, 第十条)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from sifa.core.documents import OfficialDocument, chinese_date, h1, p, render_docx

from .models import Hearing, Instance, Suit

TITLES = {Instance.FIRST: "行政诉讼答辩状", Instance.APPEAL: "行政上诉答辩状", Instance.RETRIAL: "对再审申请的书面意见"}
REQUESTS = {
    Instance.FIRST: "综上，请求人民法院依法驳回原告的诉讼请求。",
    Instance.APPEAL: "综上，请求二审人民法院依法驳回上诉，维持原判。",
    Instance.RETRIAL: "综上，请求人民法院依法驳回再审申请。",
}
OTHER_SIDE = {Instance.FIRST: "原告", Instance.APPEAL: "上诉人", Instance.RETRIAL: "再审申请人"}


def _raw(text: str):
    block = p(text)
    block.kind = "raw"
    return block


def _plaintiffs(suit: Suit) -> str:
    return "、".join(x.name for x in suit.plaintiffs.all())


def _defendants(suit: Suit) -> str:
    return "、".join([suit.defendant.name, *(u.name for u in suit.co_defendants.all())])


def _case_phrase(suit: Suit) -> str:
    return f"{_plaintiffs(suit)}诉{_defendants(suit)}{suit.get_act_kind_display()}一案（{suit.court_case_number}）"


def answer(suit: Suit) -> OfficialDocument:
    body = [
        _raw(f"答辩人：{suit.defendant.name}"),
        *[_raw(f"共同答辩人：{u.name}") for u in suit.co_defendants.all()],
        _raw(f"被答辩人（{OTHER_SIDE[suit.tier]}）：{_plaintiffs(suit)}"),
        p(f"答辩人就{_case_phrase(suit)}，依照《中华人民共和国行政诉讼法》第六十七条的规定，提出答辩如下："),
        h1("一、被诉行政行为"),
        p(f"{suit.challenged_act}。" + (f"该行为经行政复议，{suit.reconsideration_note}。"
                                       if suit.via_reconsideration and suit.reconsideration_note else "")),
    ]
    if suit.claims:
        body += [h1(f"二、{OTHER_SIDE[suit.tier]}的请求"), p(suit.claims)]
    body.append(h1(f"{'三' if suit.claims else '二'}、答辩意见"))
    body += [p(line) for line in (suit.defence or "").splitlines() if line.strip()] or [p("（答辩意见）")]
    body.append(h1(f"{'四' if suit.claims else '三'}、证据和依据"))
    body += [p(line) for line in (suit.evidence or "").splitlines() if line.strip()] or [
        p("作出被诉行政行为的证据和所依据的规范性文件见证据清单。")]
    body += [p(REQUESTS[suit.tier]), _raw("此致"), _raw(suit.court.name)]
    return OfficialDocument(title=TITLES[suit.tier], body=body, signature=f"{suit.defendant.name}（印章）",
                            date=suit.answered_on or timezone.localdate())


def _post_within(agency: str, post: str) -> str:
    """The post as it follows the agency's name: a post typed with the agency's name, or its end, in front
    (区人民政府副区长 after 上海市普陀区人民政府) loses that part, so the name is not written twice."""
    for k in range(min(len(agency), len(post)), 2, -1):
        if agency.endswith(post[:k]):
            return post[k:]
    return post


def appearance_letter(hearing: Hearing) -> OfficialDocument:
    """行政机关负责人出庭应诉身份证明书 when the head appears, 出庭人员身份证明书 for entrusted staff."""
    suit = hearing.suit
    day: date = hearing.held_on or hearing.scheduled_on
    when = f"{chinese_date(day)}开庭审理的{_case_phrase(suit)}"
    if hearing.head_name and (hearing.head_appeared or not hearing.held):
        title = "行政机关负责人出庭应诉身份证明书"
        rank = hearing.get_head_rank_display() if hearing.head_rank else ""
        body = [
            p(f"{hearing.head_name}同志，系{hearing.agency.name}{_post_within(hearing.agency.name, hearing.head_post)}"
              + (f"（{rank}）" if rank else "") + f"，代表本机关出庭参加{when}的庭审活动。"),
            p("依照《中华人民共和国行政诉讼法》第三条第三款和《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》"
              "第六条的规定，特此证明。"),
        ]
    else:
        title = "出庭人员身份证明书"
        staff = "、".join(line.strip() for line in hearing.staff.splitlines() if line.strip()) or "＿＿＿＿"
        body = [p(f"兹有本机关工作人员{staff}，受本机关委托出庭参加{when}的庭审活动。")]
        if hearing.absence_reason:
            reason = hearing.get_absence_reason_display()
            body.append(p(f"本机关负责人因{reason}不能出庭" + (f"（{hearing.absence_explanation}）"
                                                           if hearing.absence_explanation else "")
                          + "，证明材料随附。"))
        if hearing.lawyers.strip():
            lawyers = "、".join(line.strip() for line in hearing.lawyers.splitlines() if line.strip())
            body.append(p(f"本机关另委托{lawyers}律师作为诉讼代理人。"))
        body.append(p("依照《中华人民共和国行政诉讼法》第三条第三款和《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》"
                      "第十条的规定，特此证明。"))
    return OfficialDocument(title=title, addressee=hearing.court.name, body=body,
                            signature=f"{hearing.agency.name}（印章）", date=timezone.localdate())


def answer_docx(suit: Suit) -> bytes:
    return render_docx(answer(suit))


def appearance_docx(hearing: Hearing) -> bytes:
    return render_docx(appearance_letter(hearing))
