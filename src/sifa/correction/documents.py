"""The documents of community correction and resettlement, built with core.documents (GB/T 9704 layout), numbered
once by the step that issues them (workflow.issue) and rendered from the records on each download:

- 社区矫正宣告书 (社区矫正法 第二十二条: the offence, the term, the rules to keep);
- 训诫决定书、警告决定书 (第二十八条), with 表扬 and the referral for a public-order penalty in the same form;
- 提请撤销缓刑（假释）建议书 (第四十六条、第四十八条: the court rules within thirty days);
- 外出审批表 (第二十七条), a table;
- 解除社区矫正证明书 (第四十四条, with the notices to the deciding organ, the procuratorate and the police);
- 刑满释放人员衔接登记表 (上海市安置帮教工作规定 第七条、第八条), a table.
"""

from __future__ import annotations

from sifa.core.documents import OfficialDocument, chinese_date, p, render_docx, table

from .district import division
from .models import Release, Sanction, SanctionKind, Supervisee

KINDS = {
    "announcement": "社区矫正宣告书",
    "commendation": "表扬决定书",
    "admonition": "训诫决定书",
    "warning": "警告决定书",
    "police_penalty": "提请治安管理处罚建议书",
    "revocation": "提请撤销缓刑（假释）建议书",
    "leave": "外出审批表",
    "certificate": "解除社区矫正证明书",
}
RULES = ("遵守法律、行政法规，履行判决、裁定、暂予监外执行决定等法律文书确定的义务；遵守关于报告、会客、外出、迁居、保外就医等"
         "监督管理规定，服从社区矫正机构的管理（《中华人民共和国社区矫正法》第二十三条）。")


class DocumentNotIssued(LookupError):
    pass


def _agency(case: Supervisee) -> str:
    div = division()
    return f"{div.parent.name if div and div.parent_id else case.unit.name}"


def _who(case: Supervisee) -> str:
    return f"社区矫正对象{case.person.name}（{case.number}）"


def _term(case: Supervisee) -> str:
    return f"{chinese_date(case.term_start or case.effective_on)}至{chinese_date(case.term_end)}"


def announcement(case: Supervisee, _ref=None) -> OfficialDocument:
    body = [p(f"{_who(case)}，因{case.offence}，经{case.deciding_body}（{case.decision_number}）依法{case.get_kind_display()}，"
              f"于{chinese_date(case.effective_on)}生效，于{chinese_date(case.reported_on)}到本机构报到。"),
            p(f"依照《中华人民共和国社区矫正法》第二十二条的规定，现宣告：对其依法实行社区矫正，矫正期限自{_term(case)}。"),
            p(f"社区矫正期间应当{RULES}"),
            p(f"执行地：{case.unit.name}。矫正类别：{case.get_level_display()}。违反监督管理规定的，将视情节依法给予训诫、警告、"
              "提请公安机关予以治安管理处罚，或者依法提请撤销缓刑、撤销假释、对暂予监外执行的收监执行（第二十八条）。")]
    return OfficialDocument(title=KINDS["announcement"], number=case.announcement_number, body=body,
                            signature=_agency(case), date=case.announced_on, unit=case.unit)


def sanction(case: Supervisee, s: Sanction) -> OfficialDocument:
    what = SanctionKind(s.kind).label
    body = [p(f"{_who(case)}，{case.get_kind_display()}，矫正期限自{_term(case)}。"), p(f"经查：{s.facts}")]
    if s.kind == SanctionKind.REVOCATION:
        body += [p("依照《中华人民共和国社区矫正法》第二十八条、第四十六条的规定，建议依法撤销其缓刑（假释），收监执行。"),
                 p("请人民法院自收到本建议书之日起三十日内作出裁定（第四十八条第一款），并将裁定书送达本机构和公安机关，"
                   "抄送人民检察院。")]
        addressee = f"{case.deciding_body}："
    else:
        body.append(p(f"依照《中华人民共和国社区矫正法》第二十八条的规定，决定给予{what.split('（')[-1].rstrip('）')}。"))
        if s.kind != SanctionKind.COMMENDATION:
            body.append(p("望你认真反省，遵守监督管理规定，服从社区矫正机构的管理。"))
        addressee = f"{case.person.name}："
    return OfficialDocument(title=KINDS[s.kind], number=s.number, addressee=addressee, body=body,
                            signature=_agency(case), date=s.decided_on, unit=case.unit,
                            cc=["人民检察院"] if s.kind != SanctionKind.COMMENDATION else [])


def leave(case: Supervisee, lv) -> OfficialDocument:
    tier = "司法所" if lv.tier == "office" else "区社区矫正机构"
    rows = [["社区矫正对象", f"{case.person.name}（{case.number}）"], ["矫正类别", case.get_kind_display()],
            ["前往地", lv.destination], ["外出事由", lv.reason],
            ["外出时间", f"{chinese_date(lv.start)}至{chinese_date(lv.end)}，共{lv.days}日"],
            ["两个月内外出累计天数", f"{lv.days_in_two_months}日"], ["审批层级", tier],
            ["审批意见", f"{lv.get_state_display()}（{chinese_date(lv.decided_on)}）"]]
    body = [table(["项目", "内容"], rows),
            p("依照《中华人民共和国社区矫正法》第二十七条：离开所居住的市、县，应当报经社区矫正机构批准。外出期间应当遵守监督管理"
              "规定，返回后及时报告。")]
    return OfficialDocument(title=KINDS["leave"], number=lv.number, body=body,
                            signature=case.unit.name if lv.tier == "office" else _agency(case), date=lv.decided_on,
                            unit=case.unit)


def certificate(case: Supervisee, _ref=None) -> OfficialDocument:
    body = [p(f"{_who(case)}，因{case.offence}，经{case.deciding_body}（{case.decision_number}）依法{case.get_kind_display()}，"
              f"矫正期限自{_term(case)}。"),
            p(f"其在社区矫正期间{case.get_end_reason_display()}，依照《中华人民共和国社区矫正法》第四十四条的规定，"
              f"于{chinese_date(case.ended_on)}解除社区矫正。"),
            p("特此证明。")]
    return OfficialDocument(title=KINDS["certificate"], number=case.end_number, addressee=f"{case.person.name}：",
                            body=body, signature=_agency(case), date=case.ended_on, unit=case.unit,
                            cc=[case.deciding_body, "人民检察院", "公安机关"])


def issued(case: Supervisee) -> list[tuple[str, str, str, int]]:
    """The documents the person's file holds: (kind, title, number, ref); ref is the sanction's or leave's id."""
    out = []
    if case.announcement_number:
        out.append(("announcement", KINDS["announcement"], case.announcement_number, 0))
    out += [(s.kind, KINDS[s.kind], s.number, s.pk) for s in case.sanctions.exclude(number="")]
    out += [("leave", KINDS["leave"], lv.number, lv.pk) for lv in case.leaves.exclude(number="")]
    if case.end_number:
        out.append(("certificate", KINDS["certificate"], case.end_number, 0))
    return out


def document_for(case: Supervisee, kind: str, ref: int = 0) -> OfficialDocument:
    if (kind, ref) not in {(k, r) for k, _t, _n, r in issued(case)}:
        raise DocumentNotIssued(kind)
    if kind in ("announcement", "certificate"):
        return (announcement if kind == "announcement" else certificate)(case)
    if kind == "leave":
        return leave(case, case.leaves.get(pk=ref))
    return sanction(case, case.sanctions.get(pk=ref))


def render(case: Supervisee, kind: str, ref: int = 0) -> tuple[bytes, str, str]:
    doc = document_for(case, kind, ref)
    return render_docx(doc), doc.title, doc.number


def release_register(r: Release) -> OfficialDocument:
    rows = [["姓名", r.person.name], ["原服刑场所", r.prison], ["罪名", r.offence or "—"],
            ["收到释放通知日期", chinese_date(r.notice_received_on)], ["释放日期", chinese_date(r.release_on)],
            ["重点帮教对象（必接必送）", "是" if r.key_person else "否"],
            ["衔接状态", r.get_hand_over_display()],
            ["衔接日期", chinese_date(r.handed_over_on) if r.handed_over_on else "—"],
            ["接送", "已接送" if r.escorted else "—"], ["负责司法所", r.unit.name]]
    body = [table(["项目", "内容"], rows),
            p("依照《上海市安置帮教工作规定》第七条、第八条：监管场所于刑满释放前三十日通知；居住地司法所主动关心，及时了解其生活、"
              "就业等情况。")]
    return OfficialDocument(title="刑满释放人员衔接登记表", number=r.register_number, body=body,
                            signature=r.unit.name, date=r.handed_over_on or r.notice_received_on, unit=r.unit)


def render_release(r: Release) -> bytes:
    return render_docx(release_register(r))
