"""Import of the notary office's applications from its business system's export (.csv or .xlsx), one row per
application, on core's import machinery (`core.imports`: reading, cell parsers, the error report, jobs and
progress). Every row is checked; with any error nothing is written; a row already held (same office and number in
the office's system) is recognised and skipped. The figures then count the imported applications like any other.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core.imports import Column, Importer, Row
from sifa.core.models import Unit, UnitKind

from . import services
from .models import Channel, Matter, MonthlyTotal, Notarisation, RefusalGround

MATTERS = {str(label).split(")", 1)[-1].strip(): value for value, label in Matter.choices}
MATTERS.update({"合同": Matter.CONTRACT, "继承": Matter.INHERITANCE, "委托": Matter.ENTRUSTMENT,
                "声明": Matter.DECLARATION, "赠与": Matter.GIFT, "遗嘱": Matter.WILL, "财产分割": Matter.PROPERTY_DIVISION,
                "招标投标": Matter.BIDDING, "拍卖": Matter.BIDDING, "婚姻状况": Matter.MARITAL_STATUS,
                "亲属关系": Matter.KINSHIP, "收养关系": Matter.ADOPTION, "出生": Matter.BIRTH, "生存": Matter.LIVING,
                "死亡": Matter.DEATH, "身份": Matter.IDENTITY, "学历": Matter.IDENTITY, "经历": Matter.IDENTITY,
                "有无违法犯罪记录": Matter.CRIMINAL_RECORD, "公司章程": Matter.ARTICLES, "保全证据": Matter.EVIDENCE,
                "文书相符": Matter.CONFORMITY, "其他": Matter.OTHER, "提存": Matter.DEPOSIT, "保管": Matter.CUSTODY})
CHANNELS = {"窗口": Channel.WINDOW, "一次都不跑": Channel.ZERO_VISIT, "最多跑一次": Channel.ONE_VISIT}
YES = {"是": True, "否": False}
GROUNDS = {str(v): v for v in RefusalGround.values}

C = Column
COLUMNS = [
    C("业务编号", True, gettext_lazy("The number in the office's system: a row imported twice is skipped"),
      "GZ2026-00001"),
    C("公证处", True, gettext_lazy("The code of the notary office"), "PT-GZC"),
    C("申请人", True, gettext_lazy("The applicant's name"), "王芳"),
    C("公证事项", True, gettext_lazy("合同, 继承, 委托, 声明, 赠与, 遗嘱, 财产分割, 招标投标, 拍卖, 婚姻状况, 亲属关系, 收养关系, 出生, 生存, "
                                   "死亡, 身份, 学历, 经历, 有无违法犯罪记录, 公司章程, 保全证据, 文书相符, 提存, 保管, 其他"), "委托"),
    C("用于境外", False, gettext_lazy("是 or 否 (default): the certificate is for use outside the mainland"), "否"),
    C("渠道", False, gettext_lazy("窗口 (default), 一次都不跑, 最多跑一次"), "窗口"),
    C("申请日期", True, gettext_lazy("YYYY-MM-DD or an Excel date"), "2026-03-02"),
    C("受理日期", False, gettext_lazy("Empty: not accepted yet"), "2026-03-02"),
    C("出证日期", False, gettext_lazy("The day the certificate was issued; empty: not yet"), "2026-03-10"),
    C("不予办理日期", False, gettext_lazy("The day of the refusal, if refused"), ""),
    C("不予办理情形", False, gettext_lazy("The item of Art 31 (1–9), if refused"), ""),
    C("承办公证员", False, gettext_lazy("The notary in charge"), "钱文华"),
    C("公证费", False, gettext_lazy("The fee charged, in yuan; empty: not known"), "200"),
]


def _prepare(by) -> dict:
    return {"units": {u.code: u for u in Unit.objects.filter(kind=UnitKind.NOTARY_OFFICE)},
            "totals": set(MonthlyTotal.objects.values_list("unit_id", "month").distinct())}


def check_row(r: Row, ctx: dict, by) -> services.Record:
    unit = r.unit("公证处", ctx["units"], kinds=[UnitKind.NOTARY_OFFICE], user=by)
    accepted_on = r.day("受理日期", required=False)
    if unit and accepted_on and (unit.pk, accepted_on.replace(day=1)) in ctx["totals"]:
        r.error("受理日期", _("This office's month was imported as monthly totals: its single applications "
                          "would be counted twice."))
    return services.Record(
        unit=unit, external_id=r.text("业务编号", max_length=60), applicant=r.text("申请人", max_length=120),
        matter=r.choice("公证事项", MATTERS), for_use_abroad=r.choice("用于境外", YES, default=False),
        channel=r.choice("渠道", CHANNELS, default=Channel.WINDOW), received_on=r.day("申请日期"),
        accepted_on=accepted_on, issued_on=r.day("出证日期", required=False),
        refused_on=r.day("不予办理日期", required=False), refusal_ground=r.choice("不予办理情形", GROUNDS, default=""),
        notary=r.text("承办公证员", max_length=60), fee=r.decimal("公证费", required=False, default=None))


def write(records: list, by) -> range:
    written, _duplicates = services.applications_import(records=records, by=by)
    return range(written)


IMPORTER = Importer(kind="notarisations", label=gettext_lazy("Notarisations"), permission="notary.add_notarisation",
                    columns=COLUMNS, check=check_row, write=write, prepare=_prepare, list_url="notary:list",
                    model="notary.notarisation")


# --- monthly totals: an office whose system exports no single applications -----------------------------------

MONTH = re.compile(r"^\s*(\d{4})\s*(?:-|/|年|\.)\s*(\d{1,2})\s*月?\s*$")

MONTHLY_COLUMNS = [
    C("公证处", True, gettext_lazy("The code of the notary office"), "PT-GZC"),
    C("月份", True, gettext_lazy("The month: YYYY-MM"), "2026-03"),
    C("公证事项", True, gettext_lazy("The notarial matter, as in the single-application import"), "委托"),
    C("用于境外", False, gettext_lazy("是 or 否 (default): the certificates are for use outside the mainland"), "否"),
    C("受理件数", True, gettext_lazy("Applications accepted in the month"), "120"),
    C("一次都不跑", False, gettext_lazy("Of which online without a visit"), "12"),
    C("最多跑一次", False, gettext_lazy("Of which online with at most one visit"), "8"),
    C("出证件数", False, gettext_lazy("Certificates issued in the month"), "110"),
    C("不予办理件数", False, gettext_lazy("Applications refused in the month"), "1"),
    C("公证费", False, gettext_lazy("Fees charged in the month, in yuan"), "24000"),
]


def _month(r: Row, col: str) -> date | None:
    v = r.cells.get(col)
    if isinstance(v, datetime | date):
        return date(v.year, v.month, 1)
    text = r.text(col)
    m = MONTH.match(text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        if text:
            r.error(col, _("“%(text)s” is not a month (write it as 2026-03).") % {"text": text})
        return None
    return date(int(m.group(1)), int(m.group(2)), 1)


def _prepare_monthly(by) -> dict:
    """The offices, and the months each already holds in single applications (a month is in one form only)."""
    singles = set()
    for unit_id, month in (Notarisation.objects.filter(accepted_on__isnull=False)
                           .annotate(m=TruncMonth("accepted_on")).values_list("unit_id", "m").distinct()):
        singles.add((unit_id, month.date() if isinstance(month, datetime) else month))
    return {**_prepare(by), "singles": singles, "seen": set()}


def check_monthly_row(r: Row, ctx: dict, by) -> MonthlyTotal | None:
    unit = r.unit("公证处", ctx["units"], kinds=[UnitKind.NOTARY_OFFICE], user=by)
    month = _month(r, "月份")
    matter = r.choice("公证事项", MATTERS)
    abroad = r.choice("用于境外", YES, default=False)
    accepted = r.integer("受理件数")
    online, one_visit = r.integer("一次都不跑", required=False), r.integer("最多跑一次", required=False)
    issued, refused = r.integer("出证件数", required=False), r.integer("不予办理件数", required=False)
    fees = r.decimal("公证费", required=False)
    if accepted is not None and (online or 0) + (one_visit or 0) > accepted:
        r.error("一次都不跑", _("The online applications cannot be more than those accepted."))
    if month and month > timezone.localdate():
        r.error("月份", _("This month has not begun."))
    if unit and month:
        if (unit.pk, month) in ctx["singles"]:
            r.error("月份", _("This office already has single applications accepted in this month: a month is "
                             "imported either application by application or as totals, never both."))
        key = (unit.pk, month, matter, abroad)
        if key in ctx["seen"]:
            r.error("公证事项", _("This office, month and matter appear twice in the file."))
        ctx["seen"].add(key)
    if not r.ok:
        return None
    return MonthlyTotal(unit=unit, month=month, matter=matter, for_use_abroad=abroad, accepted=accepted,
                        online=online or 0, one_visit=one_visit or 0, issued=issued or 0, refused=refused or 0,
                        fees=fees or 0)


def write_monthly(records: list, by) -> list:
    return services.monthly_totals_import(totals=records, by=by)


MONTHLY_IMPORTER = Importer(
    kind="notary-monthly", label=gettext_lazy("Monthly totals of notarisations"), permission="notary.add_notarisation",
    columns=MONTHLY_COLUMNS, check=check_monthly_row, write=write_monthly, prepare=_prepare_monthly,
    list_url="notary:list", model="notary.monthlytotal")
