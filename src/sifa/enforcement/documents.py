"""The documents of enforcement supervision, built with core.documents (GB/T 9704 layout), numbered by the act
that issues them and rendered from the record on each download:

- 执法证审核意见 (the review of a certificate application: issued, cancelled or refused);
- 评查通报 (the bulletin of a case-file evaluation, with its figures: agencies, files, scores, grades);
- 整改通知书 (the rectification notice to an agency, with the day it is due);
- 法律审核意见书 (the legal review opinion on an agreement of the district government);
- 合法性审查意见书 (the legality review of a draft major decision or normative document);
- 备案审查意见书 (the filing review of a normative document, ordering its correction when a problem is found);
- 规范性文件备案目录 (the quarterly public catalogue of the normative documents filed).
"""

from __future__ import annotations

from dataclasses import dataclass

from sifa.core.documents import OfficialDocument, chinese_date, p, render_docx, table

from .models import (
    AgreementReview,
    CertificateApplication,
    EvaluationCampaign,
    Grade,
    LegalityReview,
    NormativeFiling,
    Rectification,
    ReviewConclusion,
    ReviewSubject,
    State,
)

KINDS = {"review_opinion": "执法证审核意见", "bulletin": "评查通报", "rectification_notice": "整改通知书",
         "legal_opinion": "法律审核意见书", "legality_opinion": "合法性审查意见书", "filing_opinion": "备案审查意见书",
         "filing_catalogue": "规范性文件备案目录"}


class DocumentNotIssued(LookupError):
    pass


def _bureau(unit) -> str:
    return unit.parent.name if unit.parent_id else unit.name


def review_opinion(case: CertificateApplication) -> OfficialDocument:
    if not case.opinion_number:
        raise DocumentNotIssued("review_opinion")
    officer = case.officer
    body = [p(f"你单位于{chinese_date(case.received_on)}报送的{officer.person.name}同志（岗位：{case.post}；"
              f"{case.get_qualification_display()}）行政执法证{case.get_kind_display()}申请（{case.number}）收悉。")]
    if case.exam_score is not None:
        body.append(p(f"该同志参加行政执法资格考试，成绩{case.exam_score}分（合格分数线{case.pass_mark}分）。"))
    body.append(p(f"经审核：{case.opinion}"))
    if case.state == State.ISSUED:
        body.append(p(f"依照《中华人民共和国行政处罚法》第四十二条的规定，同意核发行政执法证，证件编号为{case.certificate_number}。"
                      "持证人员应当在执法时主动出示执法证件（第五十五条）。"))
    elif case.state == State.CANCELLED:
        body.append(p(f"同意注销行政执法证（证件编号{case.certificate_number}）。自注销之日起，该同志不得从事行政执法活动，"
                      "请你单位收回证件。"))
    else:
        body.append(p("不予核发行政执法证。"))
    return OfficialDocument(title=KINDS["review_opinion"], number=case.opinion_number,
                            addressee=f"{case.agency.name}：", body=body, signature=_bureau(case.unit),
                            date=case.decided_on, unit=case.unit)


GRADE_WORDS = {Grade.EXCELLENT: "优秀", Grade.PASS: "合格", Grade.FAIL: "不合格"}


def bulletin(campaign: EvaluationCampaign) -> OfficialDocument:
    if not campaign.bulletin_number:
        raise DocumentNotIssued("bulletin")
    agencies = list(campaign.agencies.select_related("agency").order_by("-score", "agency__sort"))
    files = list(campaign.files.select_related("agency"))
    counts = {g: sum(1 for f in files if f.grade == g) for g in GRADE_WORDS}
    names = "、".join(a.agency.name for a in agencies)
    body = [p(f"{chinese_date(campaign.started_on)}起，依照《中华人民共和国行政处罚法》第七十五条的规定，组织开展{campaign.name}，"
              f"对{names}等{len(agencies)}家执法单位的行政处罚案卷进行评查。案卷以随机抽取方式确定（随机种子“{campaign.seed}”，"
              f"各单位每家抽取{campaign.files_per_agency}卷，候选案卷清单与种子留存备查，任何人可复核抽取结果）；"
              "评查人员交叉评查，不评查本单位案卷。"),
            p(f"共评查案卷{len(files)}卷，其中优秀{counts[Grade.EXCELLENT]}卷、合格{counts[Grade.PASS]}卷、"
              f"不合格{counts[Grade.FAIL]}卷。各单位得分为其案卷得分的平均分，情况如下："),
            table(["单位", "评查案卷（卷）", "平均得分", "等次"],
                  [[a.agency.name, sum(1 for f in files if f.agency_id == a.agency_id), a.score,
                    GRADE_WORDS.get(a.grade, "")] for a in agencies]),
            p("对评查发现的问题，将向有关单位制发整改通知书，请有关单位按期整改并书面报告整改情况。")]
    return OfficialDocument(title=KINDS["bulletin"], number=campaign.bulletin_number, addressee="各有关执法单位：",
                            body=body, signature=_bureau(campaign.unit), date=campaign.reported_on, unit=campaign.unit)


def rectification_notice(r: Rectification) -> OfficialDocument:
    body = [p(f"根据{r.campaign.name}的评查结果，你单位行政处罚案卷存在以下问题："),
            *[p(line.strip()) for line in r.findings.splitlines() if line.strip()],
            p(f"请你单位于{chinese_date(r.due)}前完成整改，并将整改情况书面报送我局。")]
    return OfficialDocument(title=KINDS["rectification_notice"], number=r.notice_number, addressee=f"{r.agency.name}：",
                            body=body, signature=_bureau(r.unit), date=r.notified_on, unit=r.unit)


def legal_opinion(a: AgreementReview) -> OfficialDocument:
    if not a.opinion_number:
        raise DocumentNotIssued("legal_opinion")
    sender = a.submitted_by.name if a.submitted_by_id else "区政府办公室"
    body = [p(f"{sender}于{chinese_date(a.received_on)}送审的《{a.title}》（协议相对方：{a.counterparty}）收悉。经审核，"
              "现提出法律审核意见如下："),
            *[p(line.strip()) for line in a.opinion.splitlines() if line.strip()]]
    return OfficialDocument(title=KINDS["legal_opinion"], number=a.opinion_number, addressee=f"{sender}：", body=body,
                            signature=_bureau(a.unit), date=a.reviewed_on, unit=a.unit)


SUBJECT_WORDS = {ReviewSubject.MAJOR_DECISION: "重大行政决策草案", ReviewSubject.NORMATIVE_DOCUMENT: "规范性文件草案"}
CONCLUSION_WORDS = {ReviewConclusion.LAWFUL: "经审查，该草案符合法律、法规、规章的规定，未发现合法性问题，可以提交审议。",
                    ReviewConclusion.AMEND: "经审查，该草案按照下列意见修改后，可以提交审议：",
                    ReviewConclusion.UNLAWFUL: "经审查，该草案存在下列合法性问题，不宜按现稿提交审议："}


def legality_opinion(r: LegalityReview) -> OfficialDocument:
    if not r.opinion_number:
        raise DocumentNotIssued("legality_opinion")
    body = [p(f"你单位于{chinese_date(r.received_on)}送请合法性审查的{SUBJECT_WORDS[r.subject]}《{r.title}》收悉。"),
            p(CONCLUSION_WORDS[r.conclusion]),
            *[p(line.strip()) for line in r.opinion.splitlines() if line.strip()]]
    if r.subject == ReviewSubject.MAJOR_DECISION:
        body.append(p("请将本意见书与决策草案一并提请决策机关讨论。"))
    return OfficialDocument(title=KINDS["legality_opinion"], number=r.opinion_number,
                            addressee=f"{r.submitted_by.name}：", body=body, signature=_bureau(r.unit),
                            date=r.reviewed_on, unit=r.unit)


def filing_opinion(f: NormativeFiling) -> OfficialDocument:
    if not f.opinion_number:
        raise DocumentNotIssued("filing_opinion")
    body = [p(f"你单位于{chinese_date(f.published_on)}公布、{chinese_date(f.filed_on)}报送备案的《{f.title}》"
              f"（{f.document_number}）收悉。经备案审查，现提出意见如下："),
            *[p(line.strip()) for line in f.opinion.splitlines() if line.strip()]]
    if f.problem_found:
        body.append(p(f"请你单位于{chinese_date(f.correction_due)}前自行纠正，并将纠正情况书面报告。逾期不纠正的，"
                      "将依法提请区人民政府予以撤销。"))
    else:
        body.append(p("未发现该文件存在违法或者不适当的问题，予以备案。"))
    return OfficialDocument(title=KINDS["filing_opinion"], number=f.opinion_number,
                            addressee=f"{f.issued_by.name}：", body=body, signature=_bureau(f.unit),
                            date=f.reviewed_on, unit=f.unit)


QUARTER_WORDS = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


@dataclass
class Catalogue:
    """The normative documents filed in a quarter (by the day filed), for the public catalogue."""

    unit: object
    year: int
    quarter: int
    filings: list
    on: object


def filing_catalogue(c: Catalogue) -> OfficialDocument:
    rows = [[n, f.title, f.document_number, f.issued_by.name, f.published_on.isoformat(), f.filed_on.isoformat()]
            for n, f in enumerate(c.filings, 1)]
    body = [p(f"现将{c.year}年{QUARTER_WORDS[c.quarter]}报送区人民政府备案的规范性文件目录公布如下（共{len(rows)}件）："),
            table(["序号", "文件名称", "文号", "制定机关", "公布日期", "报备日期"], rows) if rows else p("本季度无报送备案的规范性文件。")]
    return OfficialDocument(title=f"{c.year}年{QUARTER_WORDS[c.quarter]}{KINDS['filing_catalogue']}", number="",
                            addressee="", body=body, signature=_bureau(c.unit), date=c.on, unit=c.unit)


BUILDERS = {"review_opinion": review_opinion, "bulletin": bulletin, "rectification_notice": rectification_notice,
            "legal_opinion": legal_opinion, "legality_opinion": legality_opinion, "filing_opinion": filing_opinion,
            "filing_catalogue": filing_catalogue}


def render(kind: str, obj) -> bytes:
    return render_docx(BUILDERS[kind](obj))
