"""The documents of the petitions line (GB/T 9704 layout, core.documents), numbered by the step that issues them:

- 信访事项受理告知书 (信访工作条例 第二十三条; 上海市信访条例 第三十六条): accepted, with the handling route and its 60
  days; or, for a matter referred, the channel where it belongs (第三十一条);
- 信访处理意见书 (第三十二条): the request, facts and reasons, the opinion and its basis, and the right to 复查;
- 复查意见书 (第三十五条), with the right to 复核 (第三十六条).
"""

from __future__ import annotations

from sifa.core.documents import OfficialDocument, chinese_date, p, render_docx

from .models import Agreement, Opinion, Petition, Route, State

KINDS = {"acceptance_notice": "信访事项受理告知书", "opinion": "信访处理意见书", "review_opinion": "复查意见书",
         "agreement": "调解协议书"}
AGREEMENT_TITLES = {Agreement.MEDIATION: "调解协议书", Agreement.SETTLEMENT: "和解协议书"}
OPINION_TEXT = {Opinion.SUPPORT: "经调查核实，你的请求事实清楚，符合有关规定，予以支持。",
                Opinion.EXPLAIN: "经调查核实，你的请求事由合理但缺乏法律依据，现作如下解释说明。",
                Opinion.REJECT: "经调查核实，你的请求缺乏事实根据或者不符合有关规定，不予支持。"}


class DocumentNotIssued(LookupError):
    pass


def _bureau(case: Petition) -> str:
    return case.unit.parent.name if case.unit.parent_id else case.unit.name


def _opening(case: Petition) -> str:
    return f"你于{chinese_date(case.received_on)}通过{case.get_channel_display()}提出的信访事项（{case.number}）：{case.subject}。"


def acceptance_notice(case: Petition) -> OfficialDocument:
    if case.state == State.REFERRED:
        body = [p(_opening(case)),
                p(f"经审查，该事项应当通过{Route(case.route).label}处理。依照《信访工作条例》第三十一条的规定，请你依照"
                  f"有关法律法规规定的程序向有权处理的机关提出：{case.referral_note}")]
        day = case.closed_on
    else:
        division = f"由本局{case.division.name}办理" if case.division_id else "由本局办理"
        body = [p(_opening(case)),
                p(f"依照《信访工作条例》第二十三条和《上海市信访条例》第三十六条的规定，本局已受理该事项，{division}。"),
                p("本局将自受理之日起六十日内办结；情况复杂的，经本局负责人批准可以适当延长，但延长期限不超过三十日，并告知你延期理由"
                  "（《信访工作条例》第三十四条）。")]
        day = case.accepted_on
    return OfficialDocument(title=KINDS["acceptance_notice"], number=case.notice_number,
                            addressee=f"{case.petitioner.name}：", body=body, signature=_bureau(case), date=day,
                            unit=case.unit)


def opinion(case: Petition) -> OfficialDocument:
    body = [p(_opening(case)), p(f"你的请求：{case.content}")]
    if case.opinion:
        body.append(p(OPINION_TEXT[Opinion(case.opinion)]))
    body += [p(case.reply),
             p("依照《信访工作条例》第三十二条的规定，特此答复。如对本处理意见不服，可以自收到本意见书之日起三十日内请求本机关的"
               "上一级机关复查（《信访工作条例》第三十五条）。")]
    return OfficialDocument(title=KINDS["opinion"], number=case.opinion_number, addressee=f"{case.petitioner.name}：",
                            body=body, signature=_bureau(case), date=case.answered_on, unit=case.unit)


def review_opinion(case: Petition) -> OfficialDocument:
    body = [p(f"你不服{chinese_date(case.answered_on)}作出的信访处理意见（{case.opinion_number or case.number}），于"
              f"{chinese_date(case.review_requested_on)}请求复查。"),
            p(case.review_opinion),
            p("依照《信访工作条例》第三十五条的规定，特此答复。如对本复查意见不服，可以自收到本意见书之日起三十日内向复查机关的"
              "上一级机关请求复核（《信访工作条例》第三十六条）。")]
    return OfficialDocument(title=KINDS["review_opinion"], number=case.review_number,
                            addressee=f"{case.petitioner.name}：", body=body, signature=_bureau(case),
                            date=case.reviewed_on, unit=case.unit)


def agreement(case: Petition) -> OfficialDocument:
    """调解协议书 or 和解协议书 (第三十三条): the parties, the matter, the terms, the parties' consent."""
    title = AGREEMENT_TITLES[Agreement(case.agreement)]
    how = ("经双方当事人同意，由本局主持调解" if case.agreement == Agreement.MEDIATION
           else "在本局引导下，双方当事人自愿协商")
    person = case.petitioner.name + (f"（身份证号码{case.petitioner.id_number_masked}）"
                                     if case.petitioner.id_number_masked else "")
    body = [p(f"信访人：{person}"), p(f"对方当事人：{case.other_party}"),
            p(f"信访人于{chinese_date(case.received_on)}通过{case.get_channel_display()}提出的信访事项（{case.number}）："
              f"{case.subject}。"),
            p(f"本局在处理该申诉求决类事项过程中，依照《信访工作条例》第三十三条的规定，{how}，"
              "在不违反政策法规强制性规定的情况下，双方达成一致意见如下："),
            p(case.agreement_terms),
            p("本协议经双方当事人签字（盖章）后生效，双方应当自觉履行。本协议一式三份，双方当事人各执一份，本局留存一份。"),
            p("信访人（签名）：　　　　　　对方当事人（签名）：")]
    return OfficialDocument(title=title, number=case.agreement_number, addressee="", body=body,
                            signature=_bureau(case), date=case.answered_on, unit=case.unit)


BUILDERS = {"acceptance_notice": acceptance_notice, "opinion": opinion, "review_opinion": review_opinion,
            "agreement": agreement}
ISSUED_BY = {"acceptance_notice": "notice_number", "opinion": "opinion_number", "review_opinion": "review_number",
             "agreement": "agreement_number"}


def title(case: Petition, kind: str) -> str:
    return AGREEMENT_TITLES[Agreement(case.agreement)] if kind == "agreement" and case.agreement else KINDS[kind]


def issued(case: Petition) -> list[tuple[str, str, str]]:
    return [(kind, title(case, kind), getattr(case, attr)) for kind, attr in ISSUED_BY.items() if getattr(case, attr)]


def render(case: Petition, kind: str) -> bytes:
    if kind not in {k for k, _t, _n in issued(case)}:
        raise DocumentNotIssued(kind)
    return render_docx(BUILDERS[kind](case))
