"""The demo's governance work: 2022 as the seed reports it, and some current work around today.

Seed (普陀区司法局 2022, 1–10 月): "到区文旅局等7家执法单位开展行政执法专项法治督察"; "5个依法治市调研课题被市委依法治市办
立项"; "建立首批25家基层法治观察点并配备相应的基层法治观察员，形成全区'20+5'基层法治观察工作网络". Everything goes through
the services, as the office's clicks would; names of observers are fictitious.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from sifa.core.loading import one_transaction
from sifa.core.models import User

from . import services
from .models import InspectionKind, ObservationPoint, PointKind, TopicStatus

OFFICE = "PT-SFJ-PF"
SEED = {"governance.agencies_inspected": 7, "governance.topics_approved": 5, "governance.points": 25,
        "governance.points_grassroots": 20, "governance.points_specialised": 5}
CAMPAIGN = "2022年度行政执法专项法治督察"
# the seven enforcement agencies inspected (the seed names 区文旅局), with what the inspectors found
AGENCIES = [
    ("PT-WLJ", ["行政处罚案卷中现场检查笔录未载明执法人员执法证号", "重大执法决定法制审核目录未及时更新"]),
    ("PT-SCJG", ["部分简易程序案件未按规定录入执法信息平台"]),
    ("PT-FGJ", ["行政检查计划未向社会公示"]),
    ("PT-RSJ", []),
    ("PT-WJW", ["执法全过程记录音像资料归档不及时"]),
    ("PT-CGZF", ["案件办理超过法定期限未履行延期审批手续", "自由裁量基准未在执法文书中说明适用理由"]),
    ("PT-STHJ", ["行政处罚决定书未告知申请行政复议的具体机关"]),
]
STREET_CODES = ["CSL", "CYXC", "CFXC", "YCL", "GQL", "SQL", "WL", "ZRZ", "CZZ", "TPZ"]
GRASSROOTS = ["居民区", "社区党群服务中心"]
SPECIALISED = ["区律师协会", "中以（上海）创新园", "区个体劳动者协会", "华东师范大学附属中学", "区消费者权益保护委员会"]
OBSERVERS = ["沈卫东", "陆美华", "蒋立群", "韩晓燕", "曹国平", "许丽娟", "严志刚", "金秀英", "魏建华", "方静"]
TOPICS = [
    ("超大城市基层治理法治化路径研究", "PT-SFJ"),
    ("行政执法“三项制度”在街镇综合执法中的落实研究", "PT-CGZF"),
    ("法治化营商环境评价指标研究", "PT-SCJG"),
    ("老旧小区加装电梯矛盾纠纷的法治化解研究", "PT-FGJ"),
    ("公共文化服务领域行政执法规范化研究", "PT-WLJ"),
]
TASKS = [  # (code, title, responsible, assisting, due, done: days after due (negative = early) or None)
    ("1", "召开区委全面依法治国委员会全体会议，部署年度重点任务", "PT-SFJ", [], date(2022, 3, 31), -10),
    ("2", "区管党政主要负责人书面专题述法全覆盖", "PT-SFJ", ["PT"], date(2022, 6, 30), -3),
    ("3", "制发区级机关法治建设工作考核细则", "PT-SFJ", [], date(2022, 4, 30), 0),
    ("4", "推进第二批“上海市法治建设示范街道乡镇”创建", "PT-JDB-CSL", ["PT-SFJ"], date(2022, 9, 30), -5),
    ("5", "落实重大行政决策合法性审查目录管理", "PT-SFJ", ["PT-GHZYJ"], date(2022, 6, 30), 12),
    ("6", "行政执法“三项制度”专项检查", "PT-CGZF", ["PT-SFJ"], date(2022, 8, 31), -1),
    ("7", "法治政府建设年度报告按时公开", "PT-SFJ", [], date(2022, 3, 31), -2),
    ("8", "行政规范性文件备案审查全覆盖", "PT-SFJ", [], date(2022, 10, 31), None),
]


def load(units, stdout) -> None:
    with one_transaction():
        by = User.objects.filter(username="pufa").first()
        office = units[OFFICE]
        if ObservationPoint.objects.filter(unit=office).exists():
            stdout.write("  governance: already loaded")
            return
        _tasks(units, office, by)
        _inspections(units, office, by)
        _points(units, office, by)
        _topics(units, office, by)
        _assessment(units, office, by)
        _current(units, office, by)
        stdout.write("  governance: 8 tasks, 7 inspections, 25 observation points, 5 research topics (2022), "
                     "the 2022 assessment of 7 agencies")


def _tasks(units, office, by) -> None:
    for code, title, resp, assisting, due, done in TASKS:
        t = services.task_create(unit=office, by=by, year=2022, code=code, title=title, responsible=units[resp],
                                 assisting=[units[a] for a in assisting], due_on=due,
                                 source="关于普陀区法治建设“两规划两意见”重点任务分工清单")
        services.task_report(t, by=by, on=due - timedelta(days=40), text="已制定工作方案，按计划推进。")
        if done is not None:
            services.task_report(t, by=by, on=due + timedelta(days=done), text="已完成。", done=True)


def _inspections(units, office, by) -> None:
    for i, (code, problems) in enumerate(AGENCIES):
        visited = date(2022, 6, 6) + timedelta(days=7 * i)
        insp = services.inspection_register(unit=office, by=by, campaign=CAMPAIGN, kind=InspectionKind.ENFORCEMENT,
                                            inspected=units[code], visited_on=visited,
                                            summary="查阅行政执法案卷，听取执法工作汇报，抽查执法全过程记录。")
        for problem in problems:
            services.finding_add(insp, by=by, problem=problem, requirement="对照问题逐项整改，举一反三完善制度。")
        services.inspection_report(insp, by=by, on=visited + timedelta(days=10))
        for j, f in enumerate(insp.findings.all()):
            closed = visited + timedelta(days=10 + (25 if (i + j) % 4 else 38))  # one in four late
            services.finding_close(f, by=by, on=closed, outcome="已整改完毕，相关制度已修订。")


def _points(units, office, by) -> None:
    established = date(2022, 7, 15)
    n = 0
    for code in STREET_CODES:
        street = units[f"PT-JDB-{code}"]
        for kind in GRASSROOTS:
            name = f"{street.short_name}{kind}基层法治观察点"
            services.point_establish(unit=office, by=by, name=name, kind=PointKind.GRASSROOTS, street=street,
                                     established_on=established,
                                     observers=[(OBSERVERS[n % len(OBSERVERS)], "社区工作者")])
            n += 1
    for name in SPECIALISED:
        services.point_establish(unit=office, by=by, name=f"{name}基层法治观察点", kind=PointKind.SPECIALISED,
                                 established_on=established, observers=[(OBSERVERS[n % len(OBSERVERS)], "专业人士")])
        n += 1
    for i, point in enumerate(ObservationPoint.objects.filter(unit=office).order_by("pk")[:6]):
        on = date(2022, 9, 1) + timedelta(days=3 * i)
        obs = services.observation_submit(point, by=by, on=on, subject="《上海市普陀区养犬管理若干规定（征求意见稿）》",
                                          text="建议明确居民区公共区域遛犬的时间和范围。",
                                          observer=point.observers.first())
        services.observation_reply(obs, by=by, on=on + timedelta(days=12), reply="已转起草部门研究吸收。")


def _topics(units, office, by) -> None:
    for title, lead in TOPICS:
        t = services.topic_propose(unit=office, by=by, year=2022, title=title, lead=units[lead], on=date(2022, 3, 1))
        services.topic_decide(t, by=by, status=TopicStatus.APPROVED, on=date(2022, 5, 20), approved_by="市委依法治市办")
    t = services.topic_propose(unit=office, by=by, year=2022, title="街镇法治观察员履职保障机制研究",
                               lead=units["PT-SFJ"], on=date(2022, 3, 1))
    services.topic_decide(t, by=by, status=TopicStatus.NOT_APPROVED, on=date(2022, 5, 20))


ASSESSMENT_ITEMS = [
    ("1", "党政主要负责人履行推进法治建设第一责任人职责", 0, 0, None, False, ""),
    ("1.1", "年度述法和法治建设工作报告", 15, 5, None, False, "1"),
    ("1.2", "学法用法（领导干部学法清单落实）", 10, 2, 6, False, "1"),
    ("2", "依法行政", 0, 0, None, False, ""),
    ("2.1", "重大行政决策合法性审查", 20, 5, 15, False, "2"),
    ("2.2", "行政规范性文件备案审查", 15, 3, None, False, "2"),
    ("2.3", "行政执法“三项制度”落实", 20, 2, 10, False, "2"),
    ("3", "普法责任制", 0, 0, None, False, ""),
    ("3.1", "“谁执法谁普法”责任清单和年度计划", 20, 4, None, False, "3"),
    ("4", "一票否决事项", 0, 0, None, False, ""),
    ("4.1", "发生在全市造成重大负面影响的违法行政事件", 0, 0, None, True, "4"),
]


def _assessment(units, office, by) -> None:
    """《2022年度普陀区区级机关法治建设工作考核细则》 and the scores of the seven agencies inspected (early 2023)."""
    from decimal import Decimal

    from . import assessment

    items = [assessment.Item(c, n, Decimal(p), Decimal(d), Decimal(cap) if cap is not None else None, v, par)
             for c, n, p, d, cap, v, par in ASSESSMENT_ITEMS]
    scheme = assessment.scheme_publish(unit=office, by=by, year=2022, title="2022年度普陀区区级机关法治建设工作考核细则",
                                       published_on=date(2022, 3, 15), items=items)
    scored = [c for c, _n, _p, _d, _cap, veto, par in ASSESSMENT_ITEMS if par and not veto]
    for i, (code, _problems) in enumerate(AGENCIES):
        a = assessment.assessment_open(scheme, by=by, assessed=units[code])
        assessment.self_assess(a, by=by, on=date(2022, 12, 20),
                               rows={c: (0, "年度工作总结及台账") for c in scored})
        a.refresh_from_db()
        found = {c: ((i + k) % 3 if k % 2 else 0) for k, c in enumerate(scored)}
        rows = {c: (n, False, "经核查扣分" if n else "") for c, n in found.items()}
        rows["4.1"] = (None, False, "")
        assessment.bureau_score(a, by=by, on=date(2023, 1, 10), rows=rows)


def _current(units, office, by) -> None:
    """This year's list with a task overdue, an inspection under rectification and an observation awaiting reply."""
    today = timezone.localdate()
    if today.year <= 2022:
        return
    services.task_create(unit=office, by=by, year=today.year, code="1", title="开展法治建设“十四五”规划中期评估",
                         responsible=units["PT-SFJ"], due_on=today - timedelta(days=5))
    services.task_create(unit=office, by=by, year=today.year, code="2", title="开展街镇依法治理工作考核",
                         responsible=units["PT-SFJ"], assisting=[units["PT-JDB-CSL"]],
                         due_on=today + timedelta(days=30))
    insp = services.inspection_register(unit=office, by=by, campaign=f"{today.year}年度行政执法专项法治督察",
                                        kind=InspectionKind.ENFORCEMENT, inspected=units["PT-WLJ"],
                                        visited_on=today - timedelta(days=20))
    services.finding_add(insp, by=by, problem="行政处罚案件法制审核意见未归入案卷", requirement="补齐审核意见并建立归档核对制度。")
    services.inspection_report(insp, by=by, on=today - timedelta(days=15))
    point = ObservationPoint.objects.filter(unit=office).order_by("pk").first()
    services.observation_submit(point, by=by, on=today - timedelta(days=3), subject="居民区停车管理规定执行情况",
                                text="建议对停车收费公示情况开展法治观察回访。", observer=point.observers.first())
