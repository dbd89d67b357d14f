"""Import of online items' views from a platform's export (.csv or .xlsx: 上海普陀 WeChat matrix, Weibo, video
platforms), on core's import machinery: every row checked, nothing written if any row is wrong. Each row is an
item's cumulative views on a day; the newest count of an item replaces the one held."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core.imports import Column, Importer, Row

from . import services
from .models import Activity, ActivityKind

COLUMNS = [
    Column("作品编号", True, gettext_lazy("The item's number in sifa (普司普〔2022〕12号)"), "普司普〔2022〕12号"),
    Column("统计日期", True, gettext_lazy("The day the platform counted: YYYY-MM-DD or an Excel date"), "2022-10-31"),
    Column("浏览量", True, gettext_lazy("Cumulative views on that day"), "12345"),
]


def _prepare(by) -> dict:
    return {"online": set(Activity.objects.visible_to(by).filter(kind=ActivityKind.ONLINE)
                          .values_list("number", flat=True))}


def check_row(r: Row, ctx: dict, by):
    number = r.text("作品编号", max_length=40)
    if number and number not in ctx["online"]:
        r.error("作品编号", _("No online item of yours has this number."))
    return number, r.day("统计日期"), r.integer("浏览量")


def write(records: list, by) -> range:
    return range(services.views_import(rows=records, by=by))


IMPORTER = Importer(kind="online_views", label=gettext_lazy("Online views"), permission="publicity.change_activity",
                    columns=COLUMNS, check=check_row, write=write, prepare=_prepare, list_url="publicity:list",
                    model="publicity.activity")
