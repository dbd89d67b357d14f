"""Import of consultations from the 12348 hotline system's export (.csv or .xlsx), on core's import machinery
(`core.imports`: reading, cell parsers, the error report, jobs and progress). Every row is checked; with any error
nothing is written; a call record already held (same centre, channel and record number) is recognised and skipped.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from sifa.core.imports import Column, Importer, Row
from sifa.core.models import Unit, UnitKind

from . import services
from .models import ConsultationCategory, ConsultationChannel, Referral, Satisfaction

CHANNELS = {str(label): value for value, label in
            ((ConsultationChannel.CALL_12348, "12348来电"), (ConsultationChannel.WALK_IN, "现场来访"),
             (ConsultationChannel.ONLINE, "网络"), (ConsultationChannel.LETTER, "来信"))}
CATEGORIES = {"婚姻家庭": ConsultationCategory.MARRIAGE_FAMILY, "劳动与社会保障": ConsultationCategory.LABOUR,
              "房产物业": ConsultationCategory.HOUSING, "合同债务": ConsultationCategory.CONTRACT,
              "人身损害赔偿": ConsultationCategory.TORT, "消费者权益": ConsultationCategory.CONSUMER,
              "刑事": ConsultationCategory.CRIMINAL, "行政": ConsultationCategory.ADMINISTRATIVE,
              "法律援助": ConsultationCategory.LEGAL_AID, "其他": ConsultationCategory.OTHER}
REFERRALS = {"申请法律援助": Referral.LEGAL_AID, "人民调解": Referral.MEDIATION,
             "行政复议": Referral.RECONSIDERATION, "劳动仲裁": Referral.ARBITRATION, "法院": Referral.COURT,
             "其他部门": Referral.AGENCY}
SATISFACTION = {"满意": Satisfaction.SATISFIED, "基本满意": Satisfaction.BASICALLY,
                "不满意": Satisfaction.DISSATISFIED}
YES = {"是": True, "否": False}

C = Column
COLUMNS = [
    C("记录编号", False, gettext_lazy("The hotline system's record number: a record imported twice is skipped"),
      "12348-20260302-0001"),
    C("日期", True, gettext_lazy("The day of the consultation: YYYY-MM-DD or an Excel date"), "2026-03-02"),
    C("法律援助中心", True, gettext_lazy("The code of the legal-aid centre"), "PT-FYZX"),
    C("渠道", False, gettext_lazy("12348来电 (default), 现场来访, 网络, 来信"), "12348来电"),
    C("咨询类别", True, gettext_lazy("婚姻家庭, 劳动与社会保障, 房产物业, 合同债务, 人身损害赔偿, 消费者权益, 刑事, 行政, "
                                   "法律援助, 其他"), "劳动与社会保障"),
    C("咨询问题", False, gettext_lazy("The question, in short"), "公司拖欠工资"),
    C("解答内容", False, gettext_lazy("The answer given"), "告知可申请劳动仲裁"),
    C("引导分流", False, gettext_lazy("申请法律援助, 人民调解, 行政复议, 劳动仲裁, 法院, 其他部门; empty: none"), ""),
    C("需要回访", False, gettext_lazy("是 or 否 (default)"), "否"),
    C("满意度", False, gettext_lazy("满意, 基本满意, 不满意; empty: not asked"), "满意"),
]


def _prepare(by) -> dict:
    return {"units": {u.code: u for u in Unit.objects.filter(kind=UnitKind.LEGAL_AID_CENTRE)}}


def check_row(r: Row, ctx: dict, by) -> services.ConsultationRecord:
    unit = r.unit("法律援助中心", ctx["units"], kinds=[UnitKind.LEGAL_AID_CENTRE], user=by)
    return services.ConsultationRecord(
        unit_id=getattr(unit, "pk", None), channel=r.choice("渠道", CHANNELS, default=ConsultationChannel.CALL_12348),
        consulted_on=r.day("日期"), category=r.choice("咨询类别", CATEGORIES), external_id=r.text("记录编号", max_length=60),
        question=r.text("咨询问题"), answer=r.text("解答内容"), referral=r.choice("引导分流", REFERRALS, default=""),
        callback_requested=r.choice("需要回访", YES, default=False), satisfaction=r.choice("满意度", SATISFACTION, default=""))


def write(records: list, by) -> range:
    written, _duplicates = services.consultations_import(records=records, by=by)
    return range(written)


IMPORTER = Importer(kind="consultations", label=gettext_lazy("Consultations"), permission="legalaid.add_consultation",
                    columns=COLUMNS, check=check_row, write=write, prepare=_prepare, list_url="legalaid:consultations",
                    model="legalaid.consultation")
