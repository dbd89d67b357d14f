"""The demo's enforcement supervision: 2022-01-01..10-31 equal to the seed report, and current work around today.

Seed (普陀区司法局 2022): "抽取区市场监管局等7家执法单位行政处罚案卷进行评查。截至10月31日，共审核各单位新办、换证、注销等
执法证办理申请601件，发放执法证161张"; "共安排区政府法律顾问工作事项127件，共审核《区政府与上海联合产权交易所战略合作框架
协议》《区政府与昆明市东西部协作框架协议》等区政府各类协议29件". (What each figure counts: `sifa.enforcement.metrics`.)

The year's certificate applications go through the batch writer (`services.applications_import`, which checks each
record against the procedure); the evaluation campaign, the advisers' work items and the agreements through the
one-at-a-time services; the current slice through the services and the procedure table, so that its clocks run
around the day the demo is loaded. Names are fictitious; the random generator is seeded.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from sifa.core import metrics as core_metrics
from sifa.core.loading import one_transaction
from sifa.core.models import User

from . import services
from .models import (
    ApplicationKind,
    CertificateApplication,
    Qualification,
    ReviewConclusion,
    ReviewSubject,
    State,
    WorkKind,
)
from .services import ApplicationRecord
from .workflow import DEFAULT_PASS_MARK, WORKFLOW

START, END = date(2022, 1, 1), date(2022, 10, 31)
SEED = {"enforcement.applications_reviewed": 601, "enforcement.certificates_issued": 161,
        "enforcement.agencies_evaluated": 7, "enforcement.adviser_work_items": 127,
        "enforcement.agreements_reviewed": 29}
DIVISION = "PT-SFJ-ZF"
AGENCIES = ["PT-SCJG", "PT-WLJ", "PT-FGJ", "PT-CGZF", "PT-STHJ", "PT-RSJ", "PT-WJW", "PT-MZJ", "PT-JYJ",
            "PT-GHZYJ", "PT-GAFJ"]
EVALUATED = ["PT-SCJG", "PT-WLJ", "PT-FGJ", "PT-CGZF", "PT-STHJ", "PT-RSJ", "PT-WJW"]  # 区市场监管局等7家
# (kind, issued, cancelled, refused) of the year's 601 decided applications: 161 certificates issued
YEAR = [(ApplicationKind.NEW, 130, 0, 50), (ApplicationKind.RENEWAL, 20, 0, 5),
        (ApplicationKind.REPLACEMENT, 11, 0, 1), (ApplicationKind.CANCELLATION, 0, 384, 0)]
POSTS = ["市场监管执法", "食品安全执法", "文化市场执法", "房屋管理执法", "城管执法", "生态环境执法", "劳动保障监察",
         "卫生监督", "民政执法", "教育执法", "规划资源执法", "治安管理"]
ADVISERS = ["上海博和汉商律师事务所 陈明", "上海华荆律师事务所 林静", "上海正誉律师事务所 王磊", "华东政法大学 张晓东",
            "上海明汇律师事务所 刘芳"]
WORK_SUBJECTS = {
    WorkKind.DRAFTING: ["审查区政府规范性文件草案", "修改区政府合作协议文本", "起草区政府行政决定法律意见"],
    WorkKind.DISPUTE: ["参与区政府行政诉讼案件研讨", "提供征收补偿纠纷处理意见", "参与信访矛盾化解"],
    WorkKind.MEETING: ["列席区政府常务会议", "参加重大行政决策合法性论证会", "参加疫情防控法治保障专班会议"],
    WorkKind.CONSULTATION: ["答复区政府法律咨询", "疫情防控措施法律风险评估", "政府信息公开答复法律咨询"],
}
AGREEMENTS = [("区政府与上海联合产权交易所战略合作框架协议", "上海联合产权交易所"),
              ("区政府与昆明市东西部协作框架协议", "昆明市人民政府")]
COUNTERPARTIES = ["上海某科技有限公司", "上海某投资集团有限公司", "某大学", "某银行上海分行", "某区人民政府",
                  "上海某城市更新有限公司"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂华建国玉兰志红文斌海燕俊峰春梅晓东新民凤珍"


def _name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _day(rng, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def load(units, stdout) -> None:
    if CertificateApplication.objects.filter(decided_on__range=(START, END)).exists():
        stdout.write("  enforcement: already loaded")
        return
    rng = random.Random(20221031)
    staff = User.objects.filter(username="zhifa").first()
    division = units[DIVISION]
    with one_transaction():
        _certificates(units, division, rng)
        _evaluation(units, division, staff, rng)
        _advisers(units, division, staff, rng)
        _current(units, division, staff, rng)
        _legality(units, division, staff, rng)
    figures = core_metrics.compute(START, END, units["PT"], lines=["enforcement"])
    stdout.write("  enforcement 2022-01-01..10-31: " + ", ".join(f"{k.split('.')[1]} {figures[k]}" for k in SEED))


def _certificates(units, division, rng) -> None:
    records = []
    for kind, issued, cancelled, refused in YEAR:
        for outcome, n in ((State.ISSUED, issued), (State.CANCELLED, cancelled), (State.REFUSED, refused)):
            for _i in range(n):
                decided = _day(rng, date(2022, 1, 10), END)
                received = decided - timedelta(days=rng.choice((3, 7, 10, 14, 20)))
                score = None
                if kind == ApplicationKind.NEW:
                    score = Decimal(rng.randint(60, 98) if outcome == State.ISSUED else rng.randint(35, 59))
                code = rng.choice(AGENCIES)
                records.append(ApplicationRecord(
                    agency=units[code], name=_name(rng), kind=kind, post=rng.choice(POSTS),
                    qualification=rng.choices(list(Qualification), weights=[15, 35, 50])[0], received_on=received,
                    decided_on=decided, outcome=outcome, exam_score=score,
                    pass_mark=DEFAULT_PASS_MARK if score is not None else None,
                    opinion={State.ISSUED: "经审核，申请材料齐全，符合持证条件。",
                             State.CANCELLED: "经审核，该同志已调离执法岗位，同意注销。",
                             State.REFUSED: "经审核，不符合持证条件。"}[outcome]))
    records.sort(key=lambda r: r.received_on)
    services.applications_import(unit=division, records=records, by=None)


def _evaluation(units, division, staff, rng) -> None:
    candidates = {units[code]: [f"{units[code].short_name}罚〔2022〕{n}号" for n in range(1, 21 + rng.randint(0, 10))]
                  for code in EVALUATED}
    evaluators = [("钱评查", units["PT-SCJG"]), ("孙评查", units["PT-CGZF"]), ("李评查", units["PT-WJW"]),
                  ("赵评查", None)]
    campaign = services.campaign_create(unit=division, by=staff, name="2022年度行政处罚案卷评查", year=2022,
                                        started_on=date(2022, 6, 1), candidates=candidates, evaluators=evaluators)
    files = services.campaign_draw(campaign=campaign, by=staff, seed="putuo-2022-anjuan", on=date(2022, 6, 6),
                                   expected_version=campaign.version)
    items = [i["code"] for s in campaign.sheet.sections for i in s["items"]]
    for f in files:
        vetoes = ["procedure"] if rng.random() < 0.05 else []
        deductions = {code: rng.choice((0, 0, 0, 1, 1, 2)) for code in items}
        services.file_score(file=f, by=staff, on=_day(rng, date(2022, 6, 13), date(2022, 6, 30)), vetoes=vetoes,
                            deductions=deductions, disclosed=rng.random() > 0.1, recorded=rng.random() > 0.15,
                            legally_reviewed=rng.random() > 0.1)
    campaign.refresh_from_db()
    services.campaign_report(campaign=campaign, by=staff, on=date(2022, 7, 15), expected_version=campaign.version)
    for i, code in enumerate(EVALUATED[:5]):
        r = services.rectification_notify(campaign=campaign, agency=units[code], by=staff, on=date(2022, 7, 20),
                                          findings="一、部分案卷送达回证填写不规范；\n二、自由裁量说理不充分。")
        if i < 4:
            services.rectification_close(rectification=r, by=staff, on=date(2022, 8, 20 + i),
                                         report="已组织执法人员专题学习，逐卷整改完毕。", expected_version=r.version)


def _advisers(units, division, staff, rng) -> None:
    requesters = [units[c] for c in ("PT", *AGENCIES[:6])]
    for _i in range(SEED["enforcement.adviser_work_items"]):
        kind = rng.choices(list(WORK_SUBJECTS), weights=[40, 20, 20, 20])[0]
        assigned = _day(rng, START, END)
        due = assigned + timedelta(days=rng.choice((3, 5, 7, 10, 15)))
        item = services.work_item_assign(unit=division, by=staff, adviser=rng.choice(ADVISERS), kind=kind,
                                         subject=rng.choice(WORK_SUBJECTS[kind]), requested_by=rng.choice(requesters),
                                         assigned_on=assigned, due=due)
        delivered = min(due - timedelta(days=rng.randint(0, 2)), END)
        if delivered >= assigned:
            services.work_item_deliver(item=item, by=staff, on=delivered, opinion="已出具书面法律意见。",
                                       expected_version=item.version)
    titles = AGREEMENTS + [(f"区政府与{c}合作协议（{n}）", c) for n, c in
                           enumerate((rng.choice(COUNTERPARTIES) for _ in range(27)), start=1)]
    for title, counterparty in titles:
        received = _day(rng, START, date(2022, 10, 24))
        a = services.agreement_register(unit=division, by=staff, title=title, counterparty=counterparty,
                                        submitted_by=units["PT"], received_on=received)
        services.agreement_review(review=a, by=staff, on=received + timedelta(days=rng.choice((1, 2, 3, 5))),
                                  opinion="一、协议主体适格；\n二、建议明确违约责任和争议解决方式；\n三、其余条款未发现法律风险。",
                                  expected_version=a.version)


def _current(units, division, staff, rng) -> None:
    """Work around the day the demo is loaded: applications under review (one overdue), an open rectification,
    work items and an agreement waiting."""
    today = timezone.localdate()
    for days_ago, kind in ((40, ApplicationKind.NEW), (10, ApplicationKind.NEW), (3, ApplicationKind.NEW),
                           (1, ApplicationKind.CANCELLATION)):
        officer = services.officer_register(unit=division, by=staff, agency=units[rng.choice(AGENCIES)],
                                            name=_name(rng), post=rng.choice(POSTS),
                                            qualification=Qualification.LAW_DEGREE)
        if kind == ApplicationKind.CANCELLATION:  # a holder leaving the post: certificate issued last year
            app = services.application_register(unit=division, by=staff, officer=officer, kind=ApplicationKind.NEW,
                                                received_on=today - timedelta(days=400))
            WORKFLOW.run(app, "record_exam", by=staff, on=today - timedelta(days=395), data={"exam_score": 88})
            WORKFLOW.run(app, "issue", by=staff, on=today - timedelta(days=390), data={"opinion": "符合持证条件。"})
            officer.refresh_from_db()
            services.officer_flag(officer=officer, by=staff, on_post=False, under_investigation=False,
                                  sanctioned=False, expected_version=officer.version)
            services.application_register(unit=division, by=staff, officer=officer, kind=kind,
                                          received_on=today - timedelta(days=days_ago), reason="调离执法岗位")
            continue
        app = services.application_register(unit=division, by=staff, officer=officer, kind=kind,
                                            received_on=today - timedelta(days=days_ago))
        if days_ago == 10:
            WORKFLOW.run(app, "record_exam", by=staff, on=today - timedelta(days=2),
                         data={"trained_on": today - timedelta(days=8), "exam_score": 76})
    for days_ago in (3, 0):
        services.work_item_assign(unit=division, by=staff, adviser=rng.choice(ADVISERS), kind=WorkKind.DRAFTING,
                                  subject="审查区政府规范性文件草案", requested_by=units["PT"],
                                  assigned_on=today - timedelta(days=days_ago), due=today + timedelta(days=4))
    services.agreement_register(unit=division, by=staff, title="区政府与某大学战略合作协议", counterparty="某大学",
                                submitted_by=units["PT"], received_on=today - timedelta(days=2))


# The seed report gives no figures for the legality and filing reviews: the demo's are illustrative, a few a month.
DRAFTS = {ReviewSubject.MAJOR_DECISION: ["区老旧小区综合改造实施方案", "区生活垃圾分类三年行动计划", "区停车设施建设规划",
                                         "区公立医院改革实施方案"],
          ReviewSubject.NORMATIVE_DOCUMENT: ["关于加强社区养老服务管理的规定", "区人才公寓管理办法",
                                             "关于规范小微企业扶持资金使用的通知", "区文化市场综合执法裁量基准"]}
OPINIONS = {ReviewConclusion.LAWFUL: "经审查，未发现合法性问题。",
            ReviewConclusion.AMEND: "一、第五条“一律不予受理”与上位法不一致，建议删除；\n二、第十二条应当明确救济途径。",
            ReviewConclusion.UNLAWFUL: "第三条增设行政许可，违反《中华人民共和国行政许可法》第十五条。"}


def _legality(units, division, staff, rng) -> None:
    """The year's legality reviews and filings of normative documents, and some waiting around today."""
    bodies = [units[c] for c in AGENCIES[:8]]
    for _i in range(18):
        subject = rng.choice(list(DRAFTS))
        received = _day(rng, START, date(2022, 10, 14))
        r = services.legality_register(unit=division, by=staff, subject=subject, title=rng.choice(DRAFTS[subject]),
                                       submitted_by=rng.choice(bodies), received_on=received)
        conclusion = rng.choices(list(ReviewConclusion), weights=[60, 35, 5])[0]
        services.legality_conclude(review=r, by=staff, on=received + timedelta(days=rng.choice((3, 5, 7, 9, 12))),
                                   conclusion=conclusion, opinion=OPINIONS[conclusion], expected_version=r.version)
    for n in range(1, 25):
        body = rng.choice(bodies)
        published = _day(rng, START, date(2022, 8, 31))
        f = services.filing_register(unit=division, by=staff, title=rng.choice(DRAFTS[ReviewSubject.NORMATIVE_DOCUMENT]),
                                     document_number=f"{body.short_name}规〔2022〕{n}号", issued_by=body,
                                     published_on=published, filed_on=published + timedelta(days=rng.choice((5, 12, 20, 28, 40))))
        problem = rng.random() < 0.15
        f = services.filing_review(filing=f, by=staff, on=f.filed_on + timedelta(days=rng.choice((10, 20, 25))),
                                   problem_found=problem, opinion=OPINIONS[ReviewConclusion.AMEND if problem else
                                                                           ReviewConclusion.LAWFUL],
                                   expected_version=f.version)
        if problem:
            services.filing_corrected(filing=f, by=staff, on=f.reviewed_on + timedelta(days=20),
                                      note="制定机关已修改相关条款并重新公布。", expected_version=f.version)
    today = timezone.localdate()
    services.legality_register(unit=division, by=staff, subject=ReviewSubject.MAJOR_DECISION,
                               title="区城市更新专项规划", submitted_by=units[AGENCIES[2]],
                               received_on=today - timedelta(days=3))
    services.filing_register(unit=division, by=staff, title="关于规范夜间经济经营秩序的通知",
                             document_number=f"{units[AGENCIES[0]].short_name}规〔{today.year}〕1号",
                             issued_by=units[AGENCIES[0]], published_on=today - timedelta(days=12),
                             filed_on=today - timedelta(days=5))
