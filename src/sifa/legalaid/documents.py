"""The documents of legal aid, built with core.documents (GB/T 9704 layout), numbered once by the step that issues
them (workflow.issue) and rendered from the case on each download:

- 补充材料通知书 (第四十三条第二款: one notice, everything at once, and what follows if nothing comes);
- 给予法律援助决定书 (法律援助法 第四十三条; 先行提供: 第四十四条), 不予法律援助决定书 (第四十三条: written, with reasons,
  and the right to object, 第四十九条);
- 指派通知书 to the law firm (第四十三条、第三十六条; 条例 第二十一条);
- 终止法律援助决定书 (第四十八条, with the right to object, 第四十九条).
"""

from __future__ import annotations

from sifa.core.documents import OfficialDocument, chinese_date, p, render_docx

from .models import Decision, LegalAidCase, MatterType, Source

KINDS = {
    "materials_notice": "补充材料通知书",
    "grant_decision": "给予法律援助决定书",
    "refusal_decision": "不予法律援助决定书",
    "assignment_notice": "指派通知书",
    "termination_decision": "终止法律援助决定书",
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


BUILDERS = {"materials_notice": materials_document, "grant_decision": grant_document, "refusal_decision": refusal_document,
            "assignment_notice": assignment_document, "termination_decision": termination_document}
ISSUED_BY = {"materials_notice": "materials_notice_number", "grant_decision": "decision_number", "refusal_decision": "decision_number",
             "assignment_notice": "assignment_number", "termination_decision": "termination_number"}


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
