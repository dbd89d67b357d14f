"""The documents of people's mediation, built with core.documents (GB/T 9704 layout):

- 人民调解协议书 (人民调解法 第二十八条、第二十九条): the parties, the main facts and matters in dispute, the terms,
  the manner and time of performance, numbered in the committee's series; signed by the parties and the mediators
  and sealed by the committee.
- 终止调解告知书 (第二十六条): mediation ended without agreement; the routes explained to the parties.
"""

from __future__ import annotations

from sifa.core.documents import Block, OfficialDocument, chinese_date, h1, p, render_docx

from .models import Agreement, Dispute, OtherRoute, PartyRole

ROUTE_TEXT = {
    OtherRoute.ARBITRATION: "申请仲裁",
    OtherRoute.ADMINISTRATIVE: "请求有关行政机关依法处理",
    OtherRoute.COURT: "向人民法院提起诉讼",
}


def raw(text: str) -> Block:
    return Block("raw", text)


def _party_lines(dispute: Dispute) -> list[Block]:
    lines = []
    for link in dispute.dispute_parties.all():
        party = link.party
        role = "当事人（申请人）" if link.role == PartyRole.APPLICANT else "当事人（对方）"
        details = [party.get_sex_display() if party.sex else "", party.id_number_masked and f"身份证号码 {party.id_number_masked}",
                   party.address and f"住址 {party.address}"]
        extra = "，".join(d for d in details if d)
        lines.append(raw(f"{role}：{party.name}" + (f"，{extra}" if extra else "")))
    return lines


def agreement_document(dispute: Dispute, agreement: Agreement) -> OfficialDocument:
    mediators = "、".join(m.name for m in dispute.mediators.all())
    body = [*_party_lines(dispute),
            h1("一、纠纷的主要事实、争议事项"), p(agreement.facts or dispute.summary or "（略）"),
            h1("二、经调解，双方当事人自愿达成如下协议"), *[p(line) for line in agreement.terms.splitlines() if line.strip()],
            h1("三、履行方式、期限"),
            p(agreement.performance_method or "按上述协议内容履行。")
            if not agreement.performance_due else
            p(f"{agreement.performance_method or '按上述协议内容履行'}，于{chinese_date(agreement.performance_due)}前履行完毕。"),
            p("本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效，具有法律约束力，"
              "当事人应当按照约定履行。人民调解委员会对协议的履行情况进行监督。"),
            p("双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认。"),
            p("本协议一式三份，当事人各执一份，人民调解委员会留存一份。"),
            raw(""),
            raw("当事人（签名、盖章或按指印）："),
            raw(""),
            raw(f"人民调解员（签名）：{mediators}")]
    return OfficialDocument(title="人民调解协议书", number=agreement.number, body=body,
                            signature=f"{dispute.unit.name}（印章）", date=agreement.agreed_on)


def termination_document(dispute: Dispute) -> OfficialDocument:
    routes = "、".join(ROUTE_TEXT[OtherRoute(r)] for r in dispute.other_routes if r in OtherRoute.values)
    names = "、".join(link.party.name for link in dispute.dispute_parties.all())
    body = [p(f"你们之间的{dispute.dispute_type.name}纠纷（{dispute.number}），经本委员会调解，未能达成调解协议。"
              "依照《中华人民共和国人民调解法》第二十六条的规定，本委员会决定终止调解。"),
            p(f"你们可以依法通过{routes or '仲裁、行政、司法等途径'}维护自己的权利。")]
    return OfficialDocument(title="终止调解告知书", addressee=names, body=body, signature=dispute.unit.name,
                            date=dispute.closed_on)


def agreement_docx(dispute: Dispute, agreement: Agreement) -> bytes:
    return render_docx(agreement_document(dispute, agreement))


def termination_docx(dispute: Dispute) -> bytes:
    return render_docx(termination_document(dispute))
