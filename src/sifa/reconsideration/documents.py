"""The notices and decisions of administrative reconsideration, rendered as GB/T 9704 .docx by core.documents.

A document is numbered once, by the service that issues it (`CaseDocument`), and rendered from the case on
each download, so it always carries the case's data. The number formats below are the defaults of each
series; a district edits them as data (admin → number series).
"""

from __future__ import annotations

from sifa.core.documents import OfficialDocument, chinese_date, p, render_docx
from sifa.core.models import UnitKind

NUMBER_FORMATS = {
    "case": "{prefix}〔{year}〕{n}号",
    "correction_notice": "{prefix}补字〔{year}〕{n}号",
    "acceptance_notice": "{prefix}受字〔{year}〕{n}号",
    "non_acceptance": "{prefix}不受字〔{year}〕{n}号",
    "hearing_notice": "{prefix}听字〔{year}〕{n}号",
    "suspension_notice": "{prefix}中字〔{year}〕{n}号",
    "resumption_notice": "{prefix}恢字〔{year}〕{n}号",
    "termination": "{prefix}终字〔{year}〕{n}号",
    "mediation": "{prefix}调字〔{year}〕{n}号",
    "decision": "{prefix}〔{year}〕{n}号",  # the decision carries the case's number
}

TITLES = {
    "correction_notice": "行政复议申请补正通知书",
    "acceptance_notice": "行政复议受理通知书",
    "non_acceptance": "不予受理行政复议申请决定书",
    "hearing_notice": "行政复议听证通知书",
    "suspension_notice": "行政复议中止通知书",
    "resumption_notice": "行政复议恢复审理通知书",
    "termination": "行政复议终止决定书",
    "mediation": "行政复议调解书",
    "decision": "行政复议决定书",
}

DECISION_TEXT = {
    "BG": "根据《中华人民共和国行政复议法》第六十三条的规定，本机关决定：变更被申请人作出的上述行政行为。",
    "CX": "根据《中华人民共和国行政复议法》第六十四条的规定，本机关决定：撤销被申请人作出的上述行政行为。",
    "QRWF": "根据《中华人民共和国行政复议法》第六十五条的规定，本机关决定：确认被申请人作出的上述行政行为违法。",
    "ZLLX": "根据《中华人民共和国行政复议法》第六十六条的规定，本机关决定：责令被申请人在法定期限内履行法定职责。",
    "QRWX": "根据《中华人民共和国行政复议法》第六十七条的规定，本机关决定：确认被申请人作出的上述行政行为无效。",
    "WC": "根据《中华人民共和国行政复议法》第六十八条的规定，本机关决定：维持被申请人作出的上述行政行为。",
    "BH": "根据《中华人民共和国行政复议法》第六十九条的规定，本机关决定：驳回申请人的行政复议请求。",
    "XY": "根据《中华人民共和国行政复议法》第七十一条的规定，本机关决定：责令被申请人依法承担继续履行、采取补救措施或者赔偿损失等责任。",
    "BHSQ": "根据《中华人民共和国行政复议法》第三十三条的规定，本机关决定：驳回申请人的行政复议申请。",
}
# Under the 2017 text (applications received before 2024) the decisions rest on its Art 28.
DECISION_TEXT_2017 = {
    "BG": "根据《中华人民共和国行政复议法》第二十八条第一款第（三）项的规定，本机关决定：变更被申请人作出的上述具体行政行为。",
    "CX": "根据《中华人民共和国行政复议法》第二十八条第一款第（三）项的规定，本机关决定：撤销被申请人作出的上述具体行政行为。",
    "QRWF": "根据《中华人民共和国行政复议法》第二十八条第一款第（三）项的规定，本机关决定：确认被申请人作出的上述具体行政行为违法。",
    "ZLLX": "根据《中华人民共和国行政复议法》第二十八条第一款第（二）项的规定，本机关决定：责令被申请人在一定期限内履行法定职责。",
    "QRWX": "根据《中华人民共和国行政复议法》第二十八条第一款第（三）项的规定，本机关决定：确认被申请人作出的上述具体行政行为无效。",
    "WC": "根据《中华人民共和国行政复议法》第二十八条第一款第（一）项的规定，本机关决定：维持被申请人作出的上述具体行政行为。",
    "BH": "根据《中华人民共和国行政复议法实施条例》第四十八条第一款第（一）项的规定，本机关决定：驳回申请人的行政复议申请。",
    "XY": "本机关决定：责令被申请人依法承担继续履行、采取补救措施或者赔偿损失等责任。",
    "BHSQ": "根据《中华人民共和国行政复议法实施条例》第四十八条第一款第（二）项的规定，本机关决定：驳回申请人的行政复议申请。",
}

RIGHT_TO_SUE = ("如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼。")


def authority_name(app) -> str:
    """The reconsideration authority: the district government above the office (FY 4, 24)."""
    for unit in reversed(app.unit.ancestors()):
        if unit.kind == UnitKind.DISTRICT_GOVERNMENT:
            return unit.name
    return app.unit.name


def _applicant_names(app) -> str:
    return "、".join(cp.party.name for cp in app.parties.all() if cp.role == "applicant")


def _parties_block(app) -> list:
    out = []
    for cp in app.parties.select_related("party").all():
        if cp.role == "applicant":
            address = f"，住所地：{cp.party.address}" if cp.party.address else ""
            out.append(p(f"申请人：{cp.party.name}{address}。"))
        elif cp.role == "representative":
            label = "法定代理人" if cp.representative_kind == "legal" else "委托代理人"
            out.append(p(f"{label}：{cp.party.name}。"))
    out.append(p(f"被申请人：{app.respondent.name}。"))
    for cp in app.parties.select_related("party").filter(role="third_party"):
        out.append(p(f"第三人：{cp.party.name}。"))
    return out


def _act(app) -> str:
    number = f"（{app.act_number}）" if app.act_number else ""
    return f"{app.act_description}{number}"


def build(doc) -> OfficialDocument:
    """The OfficialDocument for an issued CaseDocument, filled from its case."""
    app = doc.case
    law = "《中华人民共和国行政复议法》"
    new = app.follows_2023_law
    names = _applicant_names(app)
    body: list = []
    addressee = names
    kind = doc.kind
    if kind == "correction_notice":
        req = app.corrections.filter(pk=doc.ref.get("correction")).first() or app.corrections.last()
        basis = f"{law}第三十一条" if new else "《中华人民共和国行政复议法实施条例》第二十九条"
        period = "自收到本通知之日起十个工作日内" if new else "自收到本通知之日起十个工作日内（合理的补正期限）"
        body = [
            p(f"你（单位）于{chinese_date(app.received_on)}提出的行政复议申请（被申请人：{app.respondent.name}；"
              f"行政行为：{_act(app)}）收悉。"),
            p(f"经审查，该申请材料不齐全或者表述不清楚，无法判断是否符合法定受理条件。根据{basis}的规定，请你（单位）"
              f"{period}补正下列事项："),
            *[p(line) for line in (req.items if req else "").splitlines() if line.strip()],
            p("无正当理由逾期不补正的，视为放弃行政复议申请。"),
        ]
    elif kind == "acceptance_notice":
        procedure = "简易程序" if app.procedure == "simplified" else "普通程序"
        basis = f"{law}第三十条" if new else f"{law}第十七条"
        body = [
            p(f"你（单位）不服{app.respondent.name}{_act(app)}，于{chinese_date(app.received_on)}向本机关提出的"
              f"行政复议申请，经审查符合法定受理条件。根据{basis}的规定，本机关决定予以受理，适用{procedure}审理。"),
            p(f"本案案号：{app.number}。" + (f"承办人：{app.handler}。" if app.handler else "")),
        ]
    elif kind == "non_acceptance":
        basis = f"{law}第三十条第二款" if new else f"{law}第十七条第一款"
        body = [
            *_parties_block(app),
            p(f"申请人不服被申请人{_act(app)}，于{chinese_date(app.received_on)}向本机关提出行政复议申请。"),
            p(f"经审查，{app.not_accepted_reason}"),
            p(f"根据{basis}的规定，本机关决定不予受理。"),
        ]
        if app.competent_authority:
            body.append(p(f"本案不属于本机关管辖，申请人可以向{app.competent_authority}提出行政复议申请。"))
        body.append(p(RIGHT_TO_SUE))
        addressee = ""
    elif kind == "hearing_notice":
        h = app.hearings.filter(pk=doc.ref.get("hearing")).select_related("presiding", "clerk").first()
        officers = "、".join(str(u) for u in h.officers.all()) if h else ""
        body = [
            p(f"本机关受理的申请人{names}不服被申请人{app.respondent.name}{_act(app)}一案（{app.number}），"
              f"决定举行听证。现将有关事项通知如下："),
            p(f"一、听证时间：{chinese_date(h.scheduled_for) if h else ''}。"),
            p(f"二、听证地点：{h.place if h else ''}。"),
            p(f"三、拟听证事项：{h.matters if h else ''}。"),
            p(f"四、听证主持人：{h.presiding if h else ''}；听证员：{officers}；记录员：{h.clerk if h else ''}。"),
            p("申请人无正当理由拒不参加听证的，视为放弃听证权利。被申请人的负责人应当参加听证；不能参加的，"
              "应当说明理由并委托相应的工作人员参加听证。"),
        ]
        addressee = f"{names}、{app.respondent.name}"
    elif kind in ("suspension_notice", "resumption_notice"):
        s = app.suspensions.filter(pk=doc.ref.get("suspension")).first() or app.suspensions.last()
        basis = f"{law}第三十九条" if new else "《中华人民共和国行政复议法实施条例》第四十一条"
        head = f"本机关受理的申请人{names}不服被申请人{app.respondent.name}{_act(app)}一案（{app.number}），"
        if kind == "suspension_notice":
            body = [p(f"{head}因{s.get_ground_display()[2:] if s else ''}，根据{basis}的规定，本案自"
                      f"{chinese_date(s.started_on) if s else ''}起中止审理。"),
                    *([p(f"中止理由：{s.reason}")] if s and s.reason else []),
                    p("中止的原因消除后，本机关将及时恢复审理，并书面告知当事人。")]
        else:
            body = [p(f"{head}因中止的原因已经消除，根据{basis}的规定，本案自"
                      f"{chinese_date(s.resumed_on) if s and s.resumed_on else ''}起恢复审理。")]
        addressee = f"{names}、{app.respondent.name}"
    elif kind == "termination":
        basis = f"{law}第四十一条" if new else "《中华人民共和国行政复议法实施条例》第四十二条"
        ground = app.get_termination_ground_display()[2:] if app.termination_ground else ""
        body = [
            *_parties_block(app),
            p(f"申请人不服被申请人{_act(app)}，于{chinese_date(app.received_on)}向本机关提出行政复议申请，"
              f"本机关依法受理。"),
            p(f"行政复议期间，{ground}。{app.termination_note}"),
            p(f"根据{basis}的规定，本机关决定：终止本案行政复议。"),
        ]
        addressee = ""
    elif kind == "mediation":
        body = [
            *_parties_block(app),
            p(f"申请人不服被申请人{_act(app)}，于{chinese_date(app.received_on)}向本机关提出行政复议申请，"
              f"本机关依法受理。"),
            p(f"申请人请求：{app.request}"),
            p("经本机关主持调解，当事人自愿达成如下协议："),
            *[p(line) for line in app.mediation_terms.splitlines() if line.strip()],
            p("本调解书经各方当事人签字或者签章，并加盖本机关印章，即具有法律效力。"),
        ]
        addressee = ""
    elif kind == "decision":
        text = (DECISION_TEXT if new else DECISION_TEXT_2017).get(app.decision_type, "")
        body = [
            *_parties_block(app),
            p(f"申请人不服被申请人{_act(app)}，于{chinese_date(app.received_on)}向本机关提出行政复议申请，本机关依法"
              f"已予受理。本案现已审理终结。"),
            p(f"申请人请求：{app.request}"),
            *([p(f"申请人称：{app.reasons}")] if app.reasons else []),
            p(f"本机关认为：{app.decision_reasons}"),
            p(text),
            *([p("责令被申请人在法定期限内重新作出行政行为。")] if app.order_redo else []),
            *([p("被申请人应当依法予以赔偿。")] if app.compensation else []),
            p(RIGHT_TO_SUE),
        ]
        addressee = ""
    return OfficialDocument(title=TITLES[kind], number=doc.number, addressee=addressee, body=body,
                            signature=authority_name(app), date=doc.issued_on)


def render(doc) -> bytes:
    return render_docx(build(doc))


def filename(doc) -> str:
    return f"{TITLES[doc.kind]}（{doc.number}）"
