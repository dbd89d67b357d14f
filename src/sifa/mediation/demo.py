"""The demo's dispute resolution: 2022-01-01..10-31 equal to the seed report, and a slice of work in November 2026.

Seed (普陀区司法局 2022): 各级人民调解组织 受理纠纷 6996 起, 调解成功 6759 起, 成功率 96.61%; 靠谱解纷中心 联合接待 受理
154 件, 调解成功 87 件; 调解程序前置 启动 2915 件, 成功 2619 件; 排查 22 次; 司法部录用优秀调解案例 17 篇,
《上海法治报》刊登 8 篇. (What each figure counts is defined in `sifa.mediation.metrics`.)

Everything is written through the services. The hand-worked parts (organisations, campaigns, the centres' joint
reception, excellent cases, the current slice) use the one-at-a-time services a user's clicks use. The bulk of the
year — about ten thousand disputes — goes through `services.disputes_import`, the batch writer, which checks
every record's path against the transition table and writes set-based: the figures are then topped up to the
seed's, so that whatever the hand-worked parts contribute, the totals are the seed's exactly. Names are
fictitious; the random generator is seeded, so every run builds the same district.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sifa.core import metrics as core_metrics
from sifa.core.loading import one_transaction
from sifa.core.models import User
from sifa.mediation import services
from sifa.mediation.models import (
    AgreementForm,
    Dispute,
    DisputeType,
    Mediator,
    ReferralKind,
    RiskKind,
    Sector,
    Selector,
    Source,
    Track,
)
from sifa.mediation.services import DisputeRecord, PartyInput

START, END = date(2022, 1, 1), date(2022, 10, 31)
SEED = {
    "mediation.accepted": 6996, "mediation.successful": 6759, "mediation.centre_accepted": 154,
    "mediation.centre_successful": 87, "mediation.prelitigation_started": 2915,
    "mediation.prelitigation_successful": 2619, "mediation.campaigns": 22, "mediation.cases_selected": 17,
    "mediation.cases_published": 8,
}
TODAY = date(2026, 11, 28)
COMMITTEE = "PT-TWH-"  # the code of a street's people's mediation committee in the demo district: PT-TWH-<street>
AGENCIES = ["PT-SFJ", "PT-XFB", "PT-FY", "PT-GAFJ", "PT-RSJ", "PT-WJW", "PT-FL", "PT-SCJG", "PT-FGJ", "PT-MZJ"]
# type code → weight in people's mediation (邻里、婚姻家庭、物业 lead in a city district)
TYPE_WEIGHTS = {
    "neighbourhood": 24, "marriage_family": 15, "property_management": 12, "damages": 10, "contract": 8,
    "consumer": 7, "labour": 6, "traffic": 5, "housing_land": 4, "medical": 3, "business": 2, "expropriation": 1,
    "pollution": 1, "forest_land": 0, "other": 2,
}
SOURCE_WEIGHTS = {Source.APPLICATION: 55, Source.INITIATIVE: 26, Source.POLICE: 9, Source.AGENCY: 6, Source.COURT: 4}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂英华建国玉兰志红文斌海燕俊峰春梅晓东新民凤珍立新宏伟丹萍亮辉"

# Fictitious case texts by dispute type: what the matter was, and what the parties agreed.
SUMMARIES = {
    "marriage_family": ["夫妻因家庭琐事长期争吵，女方要求离婚并分割共同财产。", "子女就老人赡养费用分担发生争执。",
                        "兄弟姐妹因父母遗留房屋继承发生纠纷。"],
    "neighbourhood": ["楼上卫生间漏水致楼下房屋受损，双方就维修及赔偿发生争执。", "邻居装修噪音扰民，多次协商未果。",
                      "楼道堆物影响通行和消防安全，邻里发生口角。"],
    "housing_land": ["房屋买卖后卖方迟迟不办理过户手续。", "承租人逾期未交房租，出租人要求解除合同并腾退房屋。"],
    "contract": ["借款到期后借款人未按约还款，出借人要求归还本息。", "装修工程完工后双方就工程款结算发生争议。"],
    "business": ["个体商户与供货商就货款结算发生争议。", "合伙经营门店散伙后就分配盈余发生纠纷。"],
    "damages": ["宠物犬咬伤路人，双方就医疗费赔偿发生争执。", "高空坠物砸坏停放车辆，车主要求赔偿。"],
    "forest_land": ["绿化带种植归属发生争议。", "小区公共绿地被占用种菜引发纠纷。"],
    "expropriation": ["旧改征收中家庭成员就安置补偿款分配发生争议。", "征收补偿协议签订后一方反悔。"],
    "pollution": ["餐饮店油烟排放影响楼上住户。", "商铺夜间排风设备噪声扰民。"],
    "labour": ["员工离职后公司拖欠最后两个月工资。", "外卖骑手工作中受伤，与站点就工伤待遇发生争议。",
               "企业受疫情影响停工，员工就停工期间工资发生争议。"],
    "consumer": ["健身房闭店，会员要求退还预付卡余额。", "网购商品存在质量问题，消费者要求退货退款。",
                 "教培机构停课后学员家长要求退费。"],
    "medical": ["患者术后出现并发症，家属要求医院赔偿。", "患者对诊疗过程有异议，就医疗费用减免发生争议。"],
    "traffic": ["非机动车与行人碰撞致人受伤，双方就赔偿发生争议。", "小区内车辆剐蹭，双方就维修费用协商未果。"],
    "property_management": ["业主以服务不到位为由拒交物业费。", "小区停车位收费标准引发业主与物业公司纠纷。",
                            "电梯长期故障，业主要求物业公司维修并减免费用。"],
    "other": ["因广场舞音响音量过大引发居民纠纷。", "群租房安全隐患引发邻里矛盾。"],
}
TERMS = {
    "marriage_family": "一、双方同意继续共同生活，互相尊重、互谅互让。\n二、家庭收支由双方共同商议决定。",
    "neighbourhood": "一、楼上住户于十日内修复漏水点，并承担楼下房屋维修费用人民币三千元。\n二、双方今后和睦相处，互不追究。",
    "housing_land": "一、卖方于三十日内配合办理房屋过户手续。\n二、买方支付剩余房款人民币二万元。",
    "contract": "一、借款人分三期归还借款本金，每期人民币一万元。\n二、出借人放弃主张逾期利息。",
    "business": "一、双方确认货款余额，买方于十五日内付清。\n二、双方继续合作。",
    "damages": "一、赔偿义务人一次性赔偿医疗费、误工费等共计人民币五千元。\n二、本协议履行后双方再无其他争议。",
    "labour": "一、用人单位于七日内支付拖欠工资。\n二、劳动者不再就本争议申请仲裁。",
    "consumer": "一、经营者于十五日内退还预付卡余额。\n二、消费者放弃其他主张。",
    "medical": "一、医院一次性补偿患者人民币二万元。\n二、患方不再就本次诊疗提出其他要求。",
    "traffic": "一、肇事方一次性赔偿人民币八千元。\n二、双方不再追究。",
    "property_management": "一、物业公司于三十日内完成整改。\n二、业主补缴物业费，物业公司减免滞纳金。",
    "other": "一、双方互相谅解，今后和睦相处。\n二、一方停止影响他人的行为。",
}
# Where a centre routes a matter that is not the committee's: the stationed agency responsible for its kind.
AGENCY_OF_TYPE = {
    "labour": "PT-RSJ", "consumer": "PT-SCJG", "medical": "PT-WJW", "property_management": "PT-FGJ",
    "housing_land": "PT-FGJ", "marriage_family": "PT-FL", "traffic": "PT-GAFJ", "damages": "PT-GAFJ",
    "expropriation": "PT-FGJ", "neighbourhood": "PT-SFJ", "contract": "PT-FY", "business": "PT-SCJG",
    "pollution": "PT-XFB", "forest_land": "PT-MZJ", "other": "PT-XFB",
}


class _Names:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def person(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def load(units, stdout) -> None:
    if Dispute.objects.filter(accepted_on__range=(START, END)).exists():
        stdout.write("  mediation: already loaded")
        return
    rng = random.Random(20221031)
    names = _Names(rng)
    with one_transaction():
        built = _Demo(units, rng, names)
        built.organisations()
        built.campaigns()
        built.centres()
        built.cases()
        built.year_in_bulk()
        built.current_work()
    figures = core_metrics.compute(START, END, units["PT"], lines=["mediation"])
    stdout.write("  mediation 2022-01-01..10-31: " + ", ".join(
        f"{k.split('.')[1]} {figures[k]}" for k in [*SEED, "mediation.success_rate"]))


class _Demo:
    def __init__(self, units, rng, names):
        self.u, self.rng, self.names = units, rng, names
        self.types = {t.code: t for t in DisputeType.objects.all()}
        self.streets = [code.removeprefix(COMMITTEE) for code in units if code.startswith(COMMITTEE)]
        self.committees = [units[f"PT-TWH-{s}"] for s in self.streets]
        self.mediators: dict[int, list[Mediator]] = {}
        self.users = {u.username: u for u in User.objects.filter(username__in=["mediator", "caoyang", "changshou"])}

    # --- organisations --------------------------------------------------------------------------------------
    def organisations(self) -> None:
        rng, mediator_user = self.rng, self.users.get("mediator")
        for unit in [*self.committees, self.u["PT-YHTJ"], self.u["PT-XZTJ"]]:
            people = []
            for i in range(6):
                user = mediator_user if (unit.code == "PT-TWH-CSL" and i == 0) else None
                name = "赵调解" if user else self.names.person()
                people.append(services.mediator_save(mediator=Mediator(
                    unit=unit, name=name, user=user, is_chief=(i == 0), appointed_on=date(2019 + i % 3, 3, 1),
                    speciality=rng.choice(["婚姻家庭", "邻里", "物业", "劳动争议", "医疗", "道路交通事故", ""])), by=None))
            self.mediators[unit.pk] = people
        chiefs = [ms[0] for ms in self.mediators.values()]
        everyone = [m for ms in self.mediators.values() for m in ms]
        services.training_record(mediators=chiefs, title="首席人民调解员培训", held_on=date(2022, 3, 18), hours=8,
                                 organiser="普陀区司法局", by=None)
        services.training_record(mediators=self.mediators[self.u["PT-YHTJ"].pk], title="医患纠纷人民调解员培训",
                                 held_on=date(2022, 7, 6), hours=6, organiser="普陀区司法局、区卫健委", by=None)
        services.training_record(mediators=everyone, title="涉疫矛盾纠纷化解培训（线上）", held_on=date(2022, 5, 20),
                                 hours=3, organiser="普陀区司法局", by=None)
        for street in self.streets:
            centre = self.u[f"PT-JFZX-{street}"]
            for code in AGENCIES:
                services.centre_station_agency(centre=centre, agency=self.u[code], since=date(2021, 9, 1),
                                               staff="派驻工作人员1名", by=None)

    def _mediators(self, unit, n=None) -> list[Mediator]:
        ms = self.mediators[unit.pk]
        return self.rng.sample(ms, n or self.rng.choice((1, 1, 2)))

    def _parties(self, n=2) -> list[str]:
        return [self.names.person() for _ in range(n)]

    # --- screening campaigns (22, with findings turned into disputes) ---------------------------------------
    def campaigns(self) -> None:
        rng = self.rng
        sectors = {s.code: s for s in Sector.objects.all()}
        themes = [("拉网式矛盾纠纷排查", "dragnet"), ("兜底式矛盾纠纷排查", "safety_net"), ("涉疫矛盾纠纷专项排查", "special")]
        for i in range(SEED["mediation.campaigns"]):
            held = date(2022, 1 + i * 10 // 22, 3 + (i * 7) % 20)
            street = self.streets[i % len(self.streets)]
            title, method = themes[i % 3]
            office = self.u[f"PT-SFS-{street}"]
            committee = self.u[f"PT-TWH-{street}"]
            chosen = [sectors[c] for c in rng.sample(["consumer", "medical", "labour", "enterprise"], 2)]
            campaign = services.campaign_create(
                unit=office, title=f"{office.name[:-3]}{held.month}月{title}", held_on=held,
                ended_on=held + timedelta(days=5), method=method, scope_units=[committee, self.u[f"PT-JFZX-{street}"]],
                sectors=chosen, teams="司法所、居委会、调委会联合排查小组", summary="深入社区、企业逐户走访排查。", by=None)
            found = held + timedelta(days=2)
            for j in range(3):
                code = {"consumer": "consumer", "medical": "medical", "labour": "labour",
                        "enterprise": "business"}[chosen[j % 2].code]
                services.campaign_record_finding(
                    campaign=campaign, description=SUMMARIES[code][j % len(SUMMARIES[code])],
                    dispute_type=self.types[code], sector=chosen[j % 2], location=f"{office.name[:-3]}辖区",
                    party_names="，".join(self._parties()), persons=rng.choice((2, 2, 3, 5)),
                    risk_group_petition=(code == "labour" and j == 0), handling_unit=committee, by=None, on=found,
                    state="resolved" if j == 2 else "pending")
            disputes = services.campaign_findings_to_disputes(campaign=campaign, by=None, on=found + timedelta(days=1))
            for d in disputes:
                self._mediate(d, d.opened_on, success=rng.random() < 0.93)

    def _mediate(self, d: Dispute, on: date, *, success: bool, by=None, seek_confirmation=False) -> None:
        """Accept, hold a session and conclude one dispute through the single-step services."""
        services.dispute_accept(dispute=d, by=by, on=on)
        services.dispute_hold_session(dispute=d, by=by, on=on + timedelta(days=1), place="人民调解工作室",
                                      mediators=self._mediators(d.unit), record="听取双方陈述，释法明理，引导协商。")
        end = on + timedelta(days=self.rng.randint(2, 9))
        if success:
            services.dispute_record_agreement(
                dispute=d, form=AgreementForm.WRITTEN, terms=TERMS.get(d.dispute_type.code, TERMS["other"]), by=by,
                on=end, facts=d.summary, performance_method="协议签订后十日内履行", seek_confirmation=seek_confirmation)
        else:
            services.dispute_fail(dispute=d, routes=["court"], by=by, on=end, note="双方分歧较大。")

    # --- the centres' joint reception (154 accepted, 87 resolved) -------------------------------------------
    def centres(self) -> None:
        rng = self.rng
        target, successes = SEED["mediation.centre_accepted"], SEED["mediation.centre_successful"]
        outcomes = [True] * successes + [False] * (target - successes)
        rng.shuffle(outcomes)
        for i, success in enumerate(outcomes):
            street = self.streets[i % len(self.streets)]
            centre = self.u[f"PT-JFZX-{street}"]
            code = _pick(rng, TYPE_WEIGHTS)
            on = _day(rng, START, date(2022, 9, 30))
            reception = services.reception_register(
                centre=centre, visitor=PartyInput(self.names.person()), subject=SUMMARIES[code][i % len(SUMMARIES[code])],
                dispute_type=self.types[code], persons=rng.choice((1, 2, 3)), by=None, on=on)
            to_committee = i % 5 < 2
            if not to_committee and i % 9 == 0:  # routed to the wrong desk first, then on
                wrong = services.reception_route(reception=reception, handler_unit=self.u["PT-MZJ"], by=None, on=on)
                services.routing_decline(routing=wrong, reason="不属于本部门职责，退回中心重新分流", by=None, on=on)
                reception.refresh_from_db()
            handler = self.u[f"PT-TWH-{street}"] if to_committee else self.u[AGENCY_OF_TYPE.get(code, "PT-SFJ")]
            routing = services.reception_route(reception=reception, handler_unit=handler, by=None, on=on)
            accepted = on + timedelta(days=rng.randint(0, 2))
            services.routing_accept(routing=routing, by=None, on=accepted,
                                    other_parties=[PartyInput(self.names.person(), role="respondent")])
            routing.refresh_from_db()
            if routing.dispute_id:
                self._mediate_accepted(routing.dispute, accepted, success=success)
            else:
                services.routing_record_result(routing=routing, success=success, by=None,
                                               on=accepted + timedelta(days=rng.randint(3, 20)),
                                               note="已协调处理" if success else "当事人诉求未获支持，已告知其他途径")

    def _mediate_accepted(self, d: Dispute, on: date, *, success: bool) -> None:
        services.dispute_hold_session(dispute=d, by=None, on=on + timedelta(days=1), place="靠谱解纷中心",
                                      mediators=self._mediators(d.unit), record="中心联合接待后组织调解。")
        end = on + timedelta(days=self.rng.randint(2, 12))
        if success:
            services.dispute_record_agreement(dispute=d, form=AgreementForm.WRITTEN,
                                              terms=TERMS.get(d.dispute_type.code, TERMS["other"]), by=None, on=end)
        else:
            services.dispute_fail(dispute=d, routes=["court", "administrative"], by=None, on=end)

    # --- excellent cases ------------------------------------------------------------------------------------
    def cases(self) -> None:
        rng = self.rng
        titles = ["一起因楼上漏水引发的邻里纠纷", "调解员“三次上门”化解赡养纠纷", "预付卡退费群体性纠纷的化解",
                  "物业费欠缴纠纷的“背靠背”调解", "一起医疗损害赔偿纠纷的诉前化解", "疫情期间房屋租赁纠纷调解纪实",
                  "外卖骑手交通事故赔偿纠纷", "老旧小区加装电梯纠纷的协商之道", "拖欠农民工工资纠纷的快速化解"]
        n_selected, n_published = SEED["mediation.cases_selected"], SEED["mediation.cases_published"]
        for i in range(n_selected + 8):
            unit = self.committees[i % len(self.committees)] if i % 6 else self.u["PT-YHTJ"]
            case = services.case_submit(unit=unit, title=f"{titles[i % len(titles)]}（{unit.name[:-6]}）",
                                        summary="案例材料见附件。", by=None, on=date(2022, 2 + i % 5, 10 + i % 15))
            if i < n_selected:
                services.case_select(case=case, selected_by=Selector.MINISTRY, by=None,
                                     on=date(2022, 7 + i % 3, 5 + i % 20))
            elif i < n_selected + 3:
                services.case_select(case=case, selected_by=Selector.MUNICIPAL, by=None, on=date(2022, 8, 1))
            if i < n_published:
                services.case_publish(case=case, published_in="《上海法治报》", by=None,
                                      on=date(2022, 8 + i % 3, 3 + rng.randint(0, 20)))

    # --- the bulk of the year -------------------------------------------------------------------------------
    def _people_record(self, *, success: bool | None, refused: bool = False) -> DisputeRecord:
        rng = self.rng
        code = _pick(rng, TYPE_WEIGHTS)
        unit = self.u["PT-YHTJ"] if code == "medical" else rng.choice(self.committees)
        registered = _day(rng, START, date(2022, 10, 18))
        accepted = registered + timedelta(days=rng.choice((0, 0, 0, 1)))
        session = accepted + timedelta(days=rng.randint(0, 4))
        concluded = min(session + timedelta(days=rng.randint(0, 6)), END)
        mediator_ids = [m.pk for m in self._mediators(unit)]
        risk = rng.random()
        common = dict(unit=unit, dispute_type=self.types[code], registered_on=registered,
                      source=_pick(rng, SOURCE_WEIGHTS), summary=rng.choice(SUMMARIES[code]), parties=self._parties(),
                      amount_involved=Decimal(rng.choice((0, 0, 500, 1200, 3000, 8000, 20000, 56000))),
                      persons=rng.choice((2, 2, 2, 3, 4)), risk_criminal=risk < 0.015, risk_group_petition=0.015 <= risk < 0.022,
                      mediator_ids=mediator_ids)
        if refused:
            return DisputeRecord(**common, outcome="refused", concluded_on=registered + timedelta(days=1))
        rec = DisputeRecord(**common, accepted_on=accepted, sessions=[(session, "人民调解工作室")],
                            concluded_on=concluded)
        if success:
            rec.outcome, rec.agreement_form = "agreed", rng.choice((AgreementForm.WRITTEN,) * 3 + (AgreementForm.ORAL,) * 2)
            rec.terms = TERMS.get(code, TERMS["other"])
            roll = rng.random()
            if roll < 0.9:
                rec.performance, rec.performance_on = "performed", min(concluded + timedelta(days=rng.randint(0, 15)), TODAY)
            elif roll < 0.91:
                rec.performance, rec.performance_on = "breached", concluded + timedelta(days=30)
        else:
            rec.outcome = "failed" if rng.random() < 0.85 else "withdrawn"
            rec.other_routes = ["court"] if rec.outcome == "failed" else []
            if rec.outcome == "failed" and rng.random() < 0.3:
                rec.other_routes = ["arbitration", "court"] if code == "labour" else ["administrative", "court"]
        return rec

    def _prelitigation_record(self, n: int, *, success: bool) -> DisputeRecord:
        rng = self.rng
        code = _pick(rng, {**TYPE_WEIGHTS, "contract": 20, "damages": 14, "traffic": 10})
        unit = self.u["PT-YHTJ"] if code == "medical" else rng.choice(self.committees)
        kind = rng.choices(list(ReferralKind), weights=[85, 10, 5])[0]
        limit = {ReferralKind.DELEGATED: 28, ReferralKind.ENTRUSTED_ORDINARY: 14, ReferralKind.ENTRUSTED_SIMPLIFIED: 6}[kind]
        accepted = _day(rng, date(2022, 1, 4), date(2022, 10, 20))
        registered = max(START, accepted - timedelta(days=rng.randint(0, 3)))
        session = accepted + timedelta(days=rng.randint(1, 3))
        concluded = min(session + timedelta(days=rng.randint(0, limit - 3)), END)
        court = self.u["SH-TLFY"] if n % 40 == 0 else self.u["PT-FY"]
        prefix = "(2022)沪7101民诉前调" if court.code == "SH-TLFY" else "(2022)沪0107民诉前调"
        rec = DisputeRecord(
            unit=unit, dispute_type=self.types[code], registered_on=registered, track=Track.PRELITIGATION,
            summary=rng.choice(SUMMARIES[code]), parties=self._parties(), court=court,
            court_reference=f"{prefix}{n + 1}号", referral_kind=kind,
            amount_involved=Decimal(rng.choice((3000, 12000, 35000, 80000, 150000))), accepted_on=accepted,
            sessions=[(session, "诉调对接工作室")], concluded_on=concluded, mediator_ids=[m.pk for m in self._mediators(unit)],
            court_returned_on=min(concluded + timedelta(days=rng.randint(0, 2)), END))
        if success:
            rec.outcome, rec.agreement_form, rec.terms = "agreed", AgreementForm.WRITTEN, TERMS.get(code, TERMS["other"])
        else:
            rec.outcome = rng.choice(("failed",) * 8 + ("withdrawn",))
            rec.other_routes = ["court"] if rec.outcome == "failed" else []
        return rec

    def _administrative_record(self, i: int, *, success: bool) -> DisputeRecord:
        rng = self.rng
        agency = self.u[rng.choice(["PT-SCJG", "PT-RSJ", "PT-WJW", "PT-FGJ", "PT-CGZF"])]
        registered = _day(rng, START, date(2022, 10, 10))
        return DisputeRecord(
            unit=self.u["PT-XZTJ"], dispute_type=self.types["other"], registered_on=registered,
            track=Track.ADMINISTRATIVE, source=Source.APPLICATION, agency=agency,
            summary=f"申请人不服{agency.name}作出的行政行为，申请调解。", parties=self._parties(1) + [agency.name],
            accepted_on=registered, sessions=[(registered + timedelta(days=3), "区行政争议调解委员会")],
            outcome="agreed" if success else "failed", concluded_on=registered + timedelta(days=10),
            agreement_form=AgreementForm.WRITTEN if success else "",
            terms="行政机关重新审查并作出处理，申请人撤回复议、诉讼请求。" if success else "",
            other_routes=[] if success else ["administrative", "court"],
            mediator_ids=[m.pk for m in self._mediators(self.u["PT-XZTJ"])])

    def year_in_bulk(self) -> None:
        """Top the year up to the seed's figures with the batch writer."""
        now = core_metrics.compute(START, END, self.u["PT"], lines=["mediation"])
        accepted = SEED["mediation.accepted"] - now["mediation.accepted"]
        successful = SEED["mediation.successful"] - now["mediation.successful"]
        outcomes = [True] * successful + [False] * (accepted - successful)
        self.rng.shuffle(outcomes)
        people = [self._people_record(success=s) for s in outcomes]
        people += [self._people_record(success=None, refused=True) for _ in range(41)]
        people.sort(key=lambda r: r.registered_on)
        services.disputes_import(records=people, by=None, today=TODAY)
        started = SEED["mediation.prelitigation_started"] - now["mediation.prelitigation_started"]
        settled = SEED["mediation.prelitigation_successful"] - now["mediation.prelitigation_successful"]
        outcomes = [True] * settled + [False] * (started - settled)
        self.rng.shuffle(outcomes)
        court = [self._prelitigation_record(i, success=s) for i, s in enumerate(outcomes)]
        court.sort(key=lambda r: r.registered_on)
        services.disputes_import(records=court, by=None, today=TODAY)
        services.disputes_import(records=[self._administrative_record(i, success=i % 5 != 0) for i in range(36)],
                                 by=None, today=TODAY)

    # --- the slice of current work (November 2026) ----------------------------------------------------------
    def current_work(self) -> None:
        rng = self.rng
        mediator, office = self.users.get("mediator"), self.users.get("caoyang")
        csl, cyxc = self.u["PT-TWH-CSL"], self.u["PT-TWH-CYXC"]
        # court referrals whose 30 days run out around today: two overdue, some due within days, the rest later
        for i, received in enumerate([date(2026, 10, 20), date(2026, 10, 26), date(2026, 10, 29), date(2026, 10, 30),
                                      date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23),
                                      date(2026, 11, 25), date(2026, 11, 27)]):
            unit, by = (csl, mediator) if i % 2 == 0 else (cyxc, office)
            code = rng.choice(["contract", "damages", "traffic", "property_management"])
            d = services.prelitigation_receive(
                unit=unit, court=self.u["PT-FY"], court_reference=f"(2026)沪0107民诉前调{8800 + i}号",
                dispute_type=self.types[code], parties=[PartyInput(n) for n in self._parties()], by=by, on=received,
                referred_on=received - timedelta(days=1), summary=SUMMARIES[code][0],
                amount_involved=Decimal(rng.choice((6000, 18000, 42000))), mediators=self._mediators(unit, 1))
            if received <= date(2026, 11, 16):
                services.dispute_hold_session(dispute=d, by=by, on=received + timedelta(days=3), place="诉调对接工作室",
                                              mediators=self._mediators(unit, 1), record="首次调解，双方分歧较大，约定再次调解。")
            if i == 3:
                services.dispute_extend_period(dispute=d, days=15, by=by, on=date(2026, 11, 25),
                                               reason="双方当事人同意延长调解期限")
        # people's mediation in progress, some with risks, one reported to the police
        for i in range(14):
            unit, by = (csl, mediator) if i % 2 == 0 else (cyxc, office)
            code = _pick(rng, TYPE_WEIGHTS)
            on = date(2026, 11, 2) + timedelta(days=i * 2)
            d = services.dispute_register(
                unit=unit, dispute_type=self.types[code], parties=[PartyInput(self._parties(1)[0]),
                                                                   PartyInput(self._parties(1)[0], role="respondent")],
                by=by, on=on, source=rng.choice([Source.APPLICATION, Source.INITIATIVE, Source.POLICE]),
                summary=SUMMARIES[code][0], amount_involved=Decimal(rng.choice((0, 2000, 9000))),
                risk_criminal=(i == 4), risk_group_petition=(i == 7), persons=12 if i == 7 else 2,
                mediators=self._mediators(unit, 1))
            if i < 11:
                services.dispute_accept(dispute=d, by=by, on=on)
            if i < 8:
                services.dispute_hold_session(dispute=d, by=by, on=on + timedelta(days=1), place="人民调解工作室",
                                              mediators=self._mediators(unit, 1), record="分别听取双方意见。")
            if i == 4:
                services.dispute_report_to_police(dispute=d, police_unit=self.u["PT-GAFJ"], risk=RiskKind.CRIMINAL,
                                                  by=by, on=on + timedelta(days=1), note="一方情绪激动，扬言报复，已报告派出所并落实稳控。")
        # agreements whose window for judicial confirmation closes soon
        for i, agreed in enumerate([date(2026, 10, 28), date(2026, 11, 5), date(2026, 11, 20)]):
            d = services.dispute_register(unit=csl, dispute_type=self.types["contract"],
                                          parties=[PartyInput(n) for n in self._parties()], by=mediator,
                                          on=agreed - timedelta(days=6), summary=SUMMARIES["contract"][0],
                                          amount_involved=Decimal(30000 + 5000 * i))
            services.dispute_accept(dispute=d, by=mediator, on=agreed - timedelta(days=6))
            services.dispute_hold_session(dispute=d, by=mediator, on=agreed - timedelta(days=2), place="人民调解工作室",
                                          mediators=self._mediators(csl, 1), record="双方就还款方式达成一致意见。")
            services.dispute_record_agreement(dispute=d, form=AgreementForm.WRITTEN, terms=TERMS["contract"],
                                              by=mediator, on=agreed, performance_method="分三期支付",
                                              performance_due=agreed + timedelta(days=90), seek_confirmation=True)
        # the centre this week
        centre = self.u["PT-JFZX-CSL"]
        for i, code in enumerate(["labour", "property_management", "consumer", "neighbourhood"]):
            on = date(2026, 11, 23) + timedelta(days=i)
            r = services.reception_register(centre=centre, visitor=PartyInput(self.names.person()),
                                            subject=SUMMARIES[code][1 % len(SUMMARIES[code])],
                                            dispute_type=self.types[code], by=mediator, on=on)
            if i == 3:
                continue  # waiting to be routed
            handler = csl if code == "neighbourhood" else self.u[AGENCY_OF_TYPE.get(code, "PT-SFJ")]
            routing = services.reception_route(reception=r, handler_unit=handler, by=mediator, on=on)
            if i < 2:
                services.routing_accept(routing=routing, by=mediator, on=on + timedelta(days=1))
            if i == 0:
                services.routing_record_result(routing=routing, success=True, by=mediator, on=date(2026, 11, 27),
                                               note="区人社局派驻人员协调，企业当场支付拖欠工资")
        # a campaign this month, its findings waiting to be registered
        campaign = services.campaign_create(
            unit=self.u["PT-SFS-CSL"], title="长寿路街道年末矛盾纠纷拉网式排查", held_on=date(2026, 11, 24), by=mediator,
            scope_units=[csl, centre], sectors=list(Sector.objects.filter(code__in=["labour", "enterprise"])),
            teams="司法所、居委会、调委会联合排查小组")
        for j, code in enumerate(["labour", "business"]):
            services.campaign_record_finding(campaign=campaign, description=SUMMARIES[code][0],
                                             dispute_type=self.types[code], handling_unit=csl, by=mediator,
                                             on=date(2026, 11, 25), party_names="，".join(self._parties()),
                                             persons=6 if j == 0 else 2, risk_group_petition=(j == 0))
