"""The demo's legal publicity: 2022 as the seed reports it, through the services.

Seed (普陀区司法局 2022, 1–10 月): "联合区教育局开展…'我心中的习近平法治思想'绘画比赛，收集优秀作品270余件，评选出奖项共
34件"; "推出10期'靠谱学'民法典系列公开课"; "线上宣传浏览量累计10万余次"; "深化'谁执法谁普法'责任制，开展成员单位履职
评议活动；开展区十大优秀普法项目评选". The views come in as a platform's export would (services.views_import). Names of
pupils and schools are fictitious; the random generator is seeded.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sifa.core.loading import one_transaction
from sifa.core.models import User

from . import services
from .models import Activity, ActivityKind, Prize

OFFICE = "PT-SFJ-PF"
SEED = {"publicity.contest_entries": 270, "publicity.contest_prizes": 34, "publicity.open_classes": 10,
        "publicity.online_views_wan": 10, "publicity.best_projects": 10}
PRIZES = [Prize.FIRST] * 3 + [Prize.SECOND] * 6 + [Prize.THIRD] * 10 + [Prize.MERIT] * 15  # 34
SCHOOLS = ["普陀区曹杨第二中学附属学校", "普陀区长风中心小学", "普陀区洵阳路小学", "普陀区梅陇中学", "普陀区宜川中学附属学校",
           "普陀区新普陀小学", "普陀区金鼎学校", "普陀区桃浦中心小学"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
GIVEN = "子涵欣怡梓萱一诺浩宇宇轩思远语桐沐阳佳怡俊杰雨萱"
CLASSES = ["民法典总则编：民事主体", "物权编：小区业主的权利", "合同编：网购与格式条款", "人格权编：肖像与隐私",
           "婚姻家庭编：离婚冷静期", "继承编：遗嘱的形式", "侵权责任编：高空抛物", "疫情下的租赁合同", "疫情下的劳动关系",
           "居家办公中的个人信息保护"]
ONLINE = [("《防疫抗疫 心里“有谱”》线上专项宣传", 38412), ("“疫”线普法系列视频（一）", 21655),
          ("“疫”线普法系列视频（二）", 17230), ("“疫”线普法系列视频（三）", 14108), ("民法典宣传月线上答题", 12370)]
EVENTS = [("“护航领巾成长路——4·15全民国家安全教育日主题升旗仪式”线上升旗仪式", "2022-04-15", 1200),
          ("“共画中以创新同心圆”企业合规论坛", "2022-09-16", 85),
          ("“‘典’燃法治氛围暨普法游戏小程序《喵星人遇上民法典》主题宣传”活动", "2022-08-20", 300)]
MEMBERS = ["PT-WLJ", "PT-SCJG", "PT-FGJ", "PT-GAFJ", "PT-RSJ", "PT-WJW", "PT-MZJ", "PT-JYJ", "PT-GHZYJ", "PT-CGZF",
           "PT-STHJ", "PT-SFJ"]
PROJECTS = ["“同心法苑”地铁普法阵地", "真如宪法广场", "“靠谱学”民法典公开课", "青少年法治教育实践基地", "法治文化推荐官",
            "“法治体检”进园区", "禁毒教育基地", "“同心法韵”法治公益广告", "安全生产法律进企业", "“小巷法官”进社区",
            "“法润万家”家庭教育促进法宣传", "劳动者权益保护普法周", "“食安法治”进菜场", "社区矫正对象法治教育"]


def load(units, stdout) -> None:
    with one_transaction():
        office = units[OFFICE]
        if Activity.objects.filter(unit=office).exists():
            stdout.write("  publicity: already loaded")
            return
        by = User.objects.filter(username="pufa").first()
        rng = random.Random(2022)
        _contest(units, office, by, rng)
        for i, title in enumerate(CLASSES):
            services.activity_register(unit=office, by=by, kind=ActivityKind.OPEN_CLASS, title=title, series="靠谱学",
                                       held_on=date(2022, 3, 10) + timedelta(days=21 * i), place="线上直播",
                                       participants=rng.randint(80, 260))
        _online(office, by)
        for title, on, n in EVENTS:
            services.activity_register(unit=office, by=by, kind=ActivityKind.EVENT, title=title,
                                       held_on=date.fromisoformat(on), participants=n)
        services.activity_register(unit=office, by=by, kind=ActivityKind.CAMPAIGN, title="民法典宣传月",
                                   held_on=date(2022, 5, 1), participants=2000)
        _responsibilities(units, office, by, rng)
        _projects(units, office, by, rng)
        stdout.write("  publicity: a contest of 270 works and 34 prizes, 10 open classes, 103 775 online views, "
                     "12 members reviewed, 10 best projects (2022)")


def _contest(units, office, by, rng) -> None:
    contest = services.activity_register(
        unit=office, by=by, kind=ActivityKind.CONTEST, series="学思想共成长，绘法治同心圆",
        title="“我心中的习近平法治思想”绘画比赛", held_on=date(2022, 3, 1), organiser=units["PT-JYJ"])
    entries = [services.Entry(f"我心中的法治（{i}）", rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                              rng.choice(SCHOOLS)) for i in range(1, 271)]
    services.entries_add(contest, by=by, on=date(2022, 4, 15), entries=entries)
    pks = list(contest.entries.order_by("pk").values_list("pk", flat=True))
    winners = rng.sample(pks, len(PRIZES))
    services.prizes_award(contest, by=by, on=date(2022, 5, 20), prizes=dict(zip(winners, PRIZES, strict=True)))
    services.activity_participants(contest, by=by, participants=270)


def _online(office, by) -> None:
    rows = []
    for i, (title, views) in enumerate(ONLINE):
        a = services.activity_register(unit=office, by=by, kind=ActivityKind.ONLINE, title=title,
                                       held_on=date(2022, 4, 1) + timedelta(days=14 * i), place="上海普陀微信矩阵")
        rows += [(a.number, date(2022, 6, 30), views // 2), (a.number, date(2022, 10, 31), views)]
    services.views_import(rows=rows, by=by)  # the platform's export: the newest count of each item wins


def _responsibilities(units, office, by, rng) -> None:
    for code in MEMBERS:
        r = services.responsibility_file(unit=office, by=by, year=2022, member=units[code],
                                         duties="1. 在执法过程中向行政相对人释法说理；\n2. 开展本系统法律法规宣传；\n3. 落实以案释法制度。",
                                         plan="1. 宪法宣传周活动；\n2. 民法典宣传月活动；\n3. 典型案例发布。",
                                         plan_filed_on=date(2022, 2, 28))
        services.responsibility_review(r, by=by, on=date(2022, 10, 20), score=Decimal(rng.randint(820, 985)) / 10)


def _projects(units, office, by, rng) -> None:
    scores = rng.sample(range(700, 990), len(PROJECTS))  # distinct: no tie at the tenth place
    for title, score in zip(PROJECTS, scores, strict=True):
        p = services.project_nominate(unit=office, by=by, year=2022, title=title,
                                      member=units[MEMBERS[len(title) % len(MEMBERS)]], on=date(2022, 8, 1))
        services.project_score(p, by=by, score=Decimal(score) / 10)
    services.projects_select(unit=office, by=by, year=2022, count=10, on=date(2022, 10, 25))
