"""The documents of legal aid, built with core.documents (GB/T 9704 layout), numbered once by the step that issues
them (workflow.issue) and rendered from the case on each download:

- 补充材料通知书 (第四十三条第二款: one notice, everything at once, and what follows if nothing comes);
- 给予法律援助决定书 (法律援助法 第四十三条; 先行提供: 第四十四条), 不予法律援助决定书 (第四十三条: written, with reasons,
  and the right to object, 第四十九条);
- 指派通知书 to the law firm (第四十三条、第三十六条; 条例 第二十一条);
- 终止法律援助决定书 (第四十八条, with the right to object, 第四十九条);
- 法律援助公函 to the court, procuratorate, police or agency handling the matter (第三十六条; 条例 第二十一条; the
  lawyer shows it to meet the client, 律师法 第三十三条);
- 结案审查表 (第五十条、第五十九条: the closing materials, the quality score item by item, the opinion) and
  补贴审批表 (第五十二条: the subsidy on the tariff in force, and how it was computed).
"""

from __future__ import annotations

from sifa.core.documents import OfficialDocument, chinese_date, p, render_docx, table

from .evaluation import GRADES_ZH, SERVICE_FORMS_ZH
from .models import Decision, LegalAidCase, MatterType, Source

KINDS = {
    "materials_notice": "补充材料通知书",
    "grant_decision": "给予法律援助决定书",
    "refusal_decision": "不予法律援助决定书",
    "assignment_notice": "指派通知书",
    "termination_decision": "终止法律援助决定书",
    "aid_letter": "法律援助公函",
    "closing_review": "结案审查表",
    "subsidy_approval": "补贴审批表",
}
OBJECTION_RIGHT = ("如对本决定有异议，可以自收到本决定书之日起向设立本中心的司法行政部门提出（《中华人民共和国法律援助法》"
                   "第四十九条）。")


class DocumentNotIssued(LookupError):
    pass


def _bureau(case: LegalAidCase) -> str:
    parent = case.unit.parent
    return parent.name if parent is not None else case.unit.name


def _matter(case: LegalAidCase) -> str:
    kind = MatterType(case.matter_type).label
    return f"{case.matter}（{kind}）"


def materials_document(case: LegalAidCase) -> OfficialDocument:
    body = [p(f"你于{chinese_date(case.received_on)}提出的法律援助申请（{case.number}），申请事项为：{_matter(case)}。"),
            p("经审查，你提交的申请材料不齐全。依照《中华人民共和国法律援助法》第四十三条第二款的规定，现一次性告知你需要"
              "补充的材料或者需要作出说明的事项："),
            *[p(line.strip()) for line in case.materials_requested.splitlines() if line.strip()],
            p(f"请于{chinese_date(case.materials_due)}前补充上述材料或者作出说明。逾期未按要求补充材料或者作出说明的，"
              "视为撤回申请。")]
    return OfficialDocument(title=KINDS["materials_notice"], number=case.materials_notice_number,
                            addressee=f"{case.applicant.name}：", body=body, signature=case.unit.name,
                            date=_notice_date(case), unit=case.unit)


def _notice_date(case: LegalAidCase):
    from sifa.core import clocks as core_clocks

    from .clocks import MATERIALS

    d = core_clocks.for_case(case).filter(rule=MATERIALS).order_by("-pk").first()
    return d.start if d else case.received_on


def grant_document(case: LegalAidCase) -> OfficialDocument:
    body = [p(f"你于{chinese_date(case.received_on)}提出的法律援助申请（{case.number}），申请事项为：{_matter(case)}。")]
    if case.decision == Decision.PROVISIONAL:
        body += [p(f"经审查，你的申请符合《中华人民共和国法律援助法》第四十四条第一款第（{case.provisional_ground}）项规定的"
                   "情形，本中心决定先行提供法律援助。"),
                 p("请你依照该条第二款的规定及时补办有关手续、补充有关材料。")]
    else:
        body.append(p("经审查，你的申请符合法律援助条件。依照《中华人民共和国法律援助法》第四十三条第一款的规定，本中心决定给予"
                      f"法律援助，援助形式为：{case.get_service_form_display()}。"))
    body.append(p("本中心将自本决定作出之日起三日内指派法律援助人员为你提供法律援助。受援人应当如实陈述与法律援助事项有关的情况，"
                  "及时提供证据材料，协助、配合办理法律援助事项（第四十七条）。"))
    return OfficialDocument(title=KINDS["grant_decision"], number=case.decision_number,
                            addressee=f"{case.applicant.name}：", body=body, signature=case.unit.name,
                            date=case.decided_on, unit=case.unit)


def refusal_document(case: LegalAidCase) -> OfficialDocument:
    body = [p(f"你于{chinese_date(case.received_on)}提出的法律援助申请（{case.number}），申请事项为：{_matter(case)}。"),
            p(f"经审查，本中心认为：{case.refusal_reasons}"),
            p("依照《中华人民共和国法律援助法》第四十三条第一款的规定，本中心决定不给予法律援助。"),
            p(OBJECTION_RIGHT)]
    return OfficialDocument(title=KINDS["refusal_decision"], number=case.decision_number,
                            addressee=f"{case.applicant.name}：", body=body, signature=case.unit.name,
                            date=case.decided_on, unit=case.unit)


def assignment_document(case: LegalAidCase) -> OfficialDocument:
    if case.source == Source.NOTIFICATION:
        basis = "《中华人民共和国法律援助法》第三十六条"
        origin = (f"{case.handling_organ or case.get_notifying_organ_display()}通知（{case.notice_number}）"
                  f"为{case.applicant.name}指派律师")
    else:
        basis = "《中华人民共和国法律援助法》第四十三条第一款"
        origin = f"本中心已决定给予{case.applicant.name}法律援助（{case.decision_number}）"
    body = [p(f"{origin}，事项为：{_matter(case)}。"),
            p(f"依照{basis}和《法律援助条例》第二十一条的规定，现指派你所{case.lawyer}律师承办本案，"
              f"援助形式为：{case.get_service_form_display()}。"),
            p("请承办律师及时与受援人联系，依法履行职责，按照规定向受援人通报办理情况；办理结束后及时向本中心报告，提交有关法律"
              "文书的副本或者复印件、办理情况报告等材料（第四十六条、第五十条）。")]
    return OfficialDocument(title=KINDS["assignment_notice"], number=case.assignment_number,
                            addressee=f"{case.law_firm.name}：", body=body, signature=case.unit.name,
                            date=case.assigned_on, unit=case.unit)


def termination_document(case: LegalAidCase) -> OfficialDocument:
    body = [p(f"本中心于{chinese_date(case.accepted_on)}决定给予你法律援助（{case.number}），事项为：{_matter(case)}。"),
            p(f"因{case.termination_reasons}，依照《中华人民共和国法律援助法》第四十八条第一款"
              f"第（{case.termination_ground}）项的规定，本中心决定终止对你的法律援助。"),
            p(OBJECTION_RIGHT)]
    return OfficialDocument(title=KINDS["termination_decision"], number=case.termination_number,
                            addressee=f"{case.applicant.name}：", body=body, signature=case.unit.name,
                            date=case.closed_on, unit=case.unit, cc=[case.law_firm.name] if case.law_firm_id else [])


def letter_document(case: LegalAidCase) -> OfficialDocument:
    if case.source == Source.NOTIFICATION:
        origin = f"你单位通知（{case.notice_number}）为{case.applicant.name}指派律师一案"
        basis = "《中华人民共和国法律援助法》第三十六条"
    else:
        origin = f"{case.applicant.name}申请法律援助一案（{case.decision_number}）"
        basis = "《中华人民共和国法律援助法》第四十三条第一款"
    body = [p(f"关于{origin}，事项为：{_matter(case)}。"),
            p(f"依照{basis}的规定，本中心已指派{case.law_firm.name}{case.lawyer}律师担任{case.applicant.name}的"
              f"{case.get_service_form_display()}人员（{case.assignment_number}）。"),
            p("请予接洽，并依法为其会见、阅卷等执业活动提供便利。"),
            p(f"联系人：{case.lawyer}（{case.law_firm.name}）。")]
    return OfficialDocument(title=KINDS["aid_letter"], number=case.letter_number, addressee=f"{case.handling_organ}：",
                            body=body, signature=case.unit.name, date=case.letter_sent_on, unit=case.unit)


def review_document(case: LegalAidCase) -> OfficialDocument:
    e = case.evaluation
    rows = [[label, str(given), str(full)] for label, given, full in e.score_rows()]
    rows.append(["合计", str(e.total), str(e.sheet.full_marks)])
    body = [table(["项目", "内容"], [
                ["案号", case.number], ["受援人", case.applicant.name], ["案件类别", MatterType(case.matter_type).label],
                ["援助形式", case.get_service_form_display()], ["事项", case.matter],
                ["承办单位及人员", f"{case.law_firm.name if case.law_firm_id else ''} {case.lawyer}".strip()],
                ["指派日期", chinese_date(case.assigned_on) if case.assigned_on else ""],
                ["结案日期", chinese_date(case.closed_on)], ["办理结果及结案材料", case.outcome]]),
            p(f"质量评估（{e.sheet.name}，《中华人民共和国法律援助法》第五十九条）："),
            table(["评分项目", "得分", "满分"], rows),
            p(f"评定等次：{GRADES_ZH[e.grade]}。"),
            p(f"审查意见：{e.opinion}"),
            p(f"审查人：{e.reviewed_by or ''}　审查日期：{chinese_date(e.reviewed_on)}")]
    return OfficialDocument(title=KINDS["closing_review"], number=case.review_number, body=body,
                            signature=case.unit.name, date=e.reviewed_on, unit=case.unit)


def subsidy_document(case: LegalAidCase) -> OfficialDocument:
    e = case.evaluation
    body = [table(["项目", "内容"], [
                ["案号", case.number], ["受援人", case.applicant.name],
                ["承办单位及人员", f"{case.law_firm.name if case.law_firm_id else ''} {case.lawyer}".strip()],
                ["援助形式", case.get_service_form_display()], ["结案日期", chinese_date(case.closed_on)],
                ["结案审查", f"{case.review_number}，{e.total}分，{GRADES_ZH[e.grade]}"],
                ["补贴标准", f"{SERVICE_FORMS_ZH[e.rate.service_form]}每件{e.rate.amount}元"
                            f"（{chinese_date(e.rate.effective_from)}起施行；{e.rate.basis}）"],
                ["计算", e.subsidy_explanation], ["核定补贴金额（元）", f"{e.subsidy}"]]),
            p("依照《中华人民共和国法律援助法》第五十二条的规定，经审核，同意按上述金额支付法律援助补贴。"
              "法律援助补贴免征增值税和个人所得税。"),
            p(f"审批人：{e.approved_by or ''}　审批日期：{chinese_date(e.approved_on) if e.approved_on else ''}")]
    return OfficialDocument(title=KINDS["subsidy_approval"], number=case.subsidy_number, body=body,
                            signature=case.unit.name, date=e.approved_on, unit=case.unit)


BUILDERS = {"materials_notice": materials_document, "grant_decision": grant_document, "refusal_decision": refusal_document,
            "assignment_notice": assignment_document, "termination_decision": termination_document,
            "aid_letter": letter_document, "closing_review": review_document, "subsidy_approval": subsidy_document}
ISSUED_BY = {"materials_notice": "materials_notice_number", "grant_decision": "decision_number", "refusal_decision": "decision_number",
             "assignment_notice": "assignment_number", "termination_decision": "termination_number",
             "aid_letter": "letter_number", "closing_review": "review_number", "subsidy_approval": "subsidy_number"}


def issued(case: LegalAidCase) -> list[tuple[str, str, str]]:
    """The documents the case has issued: (kind, title, number)."""
    out = []
    for kind, attr in ISSUED_BY.items():
        number = getattr(case, attr)
        if not number:
            continue
        refused = case.decision == Decision.REFUSED
        if (kind == "grant_decision" and refused) or (kind == "refusal_decision" and not refused):
            continue
        out.append((kind, KINDS[kind], number))
    return out


def document_for(case: LegalAidCase, kind: str) -> OfficialDocument:
    if kind not in BUILDERS or kind not in {k for k, _t, _n in issued(case)}:
        raise DocumentNotIssued(kind)
    return BUILDERS[kind](case)


def render(case: LegalAidCase, kind: str) -> bytes:
    return render_docx(document_for(case, kind))
