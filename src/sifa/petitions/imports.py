"""Import of 12345 work orders from the hotline system's export (.csv or .xlsx), on core's import machinery: every
row checked, nothing written if any row is wrong; an order already held (same work order number) is an error on
its row."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from sifa.core.imports import Column, Importer, Row
from sifa.core.workflow import StepError

from . import services
from .models import Channel, HotlineKind, Kind, Petition

KINDS = {"咨询": HotlineKind.CONSULTATION, "求助": HotlineKind.HELP, "投诉": HotlineKind.COMPLAINT,
         "建议": HotlineKind.SUGGESTION, "督办": HotlineKind.SUPERVISION, "复杂": HotlineKind.COMPLEX}
# how a hotline kind is classified under 信访工作条例 unless the row says otherwise
CLASSES = {"建议意见": Kind.SUGGESTION, "检举控告": Kind.ACCUSATION, "申诉求决": Kind.COMPLAINT}
DEFAULT_CLASS = {HotlineKind.SUGGESTION: Kind.SUGGESTION}

C = Column
COLUMNS = [
    C("工单编号", True, gettext_lazy("The hotline's work order number: an order imported twice is refused"),
      "12345-20260302-0001"),
    C("派单日期", True, gettext_lazy("The day the order was dispatched: YYYY-MM-DD or an Excel date"), "2026-03-02"),
    C("诉求类型", True, gettext_lazy("咨询, 求助, 投诉, 建议, 督办, 复杂"), "投诉"),
    C("信访分类", False, gettext_lazy("建议意见, 检举控告, 申诉求决; empty: 建议意见 for 建议, else 申诉求决"), ""),
    C("诉求人", True, gettext_lazy("The caller's name"), "王先生"),
    C("联系电话", False, gettext_lazy("A mobile number (stored encrypted)"), ""),
    C("标题", True, gettext_lazy("The order's title"), "律师事务所收费争议"),
    C("诉求内容", True, gettext_lazy("What the caller asks"), "反映某律师事务所收费过高，要求处理。"),
]


def _prepare(by) -> dict:
    return {"seen": set()}


def check_row(r: Row, ctx: dict, by) -> services.OrderRecord:
    ext = r.text("工单编号", max_length=60)
    if ext and (ext in ctx["seen"] or Petition.objects.filter(channel=Channel.HOTLINE, external_id=ext).exists()):
        r.error("工单编号", str(gettext_lazy("This work order is registered already.")))
    ctx["seen"].add(ext)
    kind = r.choice("诉求类型", KINDS)
    cls = r.choice("信访分类", CLASSES, default=None) or DEFAULT_CLASS.get(kind, Kind.COMPLAINT)
    return services.OrderRecord(channel=Channel.HOTLINE, kind=cls, hotline_kind=kind or "", external_id=ext,
                                received_on=r.day("派单日期"), name=r.text("诉求人", max_length=60),
                                phone=r.text("联系电话", max_length=20), subject=r.text("标题", max_length=200),
                                content=r.text("诉求内容"))


def write(records: list, by) -> list:
    try:
        return services.orders_import(unit=by.primary_unit, records=records, by=by)
    except StepError as exc:  # refused as a whole: the import's transaction writes nothing
        raise ValidationError(exc.message) from exc


IMPORTER = Importer(kind="orders", label=gettext_lazy("12345 work orders"), permission="petitions.add_petition",
                    columns=COLUMNS, check=check_row, write=write, prepare=_prepare, list_url="petitions:list",
                    model="petitions.petition")
