"""Import of the year's task list (重点任务分工清单) from the committee's spreadsheet (.xlsx or .csv), on core's import
machinery: every row checked (the units by code or name, the due date within or after the year), nothing written if
any row is wrong; each row becomes a task through `services.task_create`, audited as the importer."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core.imports import Column, Importer, Row
from sifa.core.models import Unit

from . import services

COLUMNS = [
    Column("年度", True, gettext_lazy("The year of the list"), "2024"),
    Column("序号", False, gettext_lazy("The item's number in the list"), "1"),
    Column("任务", True, gettext_lazy("The task as the list words it"), "制定区政府年度重大行政决策事项目录"),
    Column("来源文件", False, gettext_lazy("The document the task comes from"), "《2024年区委全面依法治区工作要点》"),
    Column("牵头单位", True, gettext_lazy("The responsible unit: its code or name"), "区司法局"),
    Column("配合单位", False, gettext_lazy("The assisting units, separated by 、"), "区发改委、区府办"),
    Column("完成时限", True, gettext_lazy("The due date: YYYY-MM-DD or an Excel date"), "2024-06-30"),
]


def _prepare(by) -> dict:
    return {"units": {u.code: u for u in Unit.objects.filter(active=True)}}


def check_row(r: Row, ctx: dict, by):
    year = r.integer("年度", minimum=2000, default=None)
    code = r.text("序号", max_length=20)
    title = r.text("任务", max_length=300)
    source = r.text("来源文件", max_length=200)
    responsible = r.unit("牵头单位", ctx["units"])
    assisting = []
    for name in [n.strip() for n in r.text("配合单位", max_length=500).replace(",", "、").split("、") if n.strip()]:
        unit = ctx["units"].get(name) or next((u for u in ctx["units"].values() if name in (u.name, u.short_name)),
                                              None)
        if unit is None:
            r.error("配合单位", _("There is no unit with the code or name “%(code)s”.") % {"code": name})
        else:
            assisting.append(unit)
    due_on = r.day("完成时限")
    if year and due_on and due_on.year < year:
        r.error("完成时限", _("The due date is before the year of the list."))
    return {"year": year, "code": code, "title": title, "source": source, "responsible": responsible,
            "assisting": assisting, "due_on": due_on}


def write(records: list, by) -> list:
    return [services.task_create(unit=by.primary_unit, by=by, **rec) for rec in records]


IMPORTER = Importer(kind="governance_tasks", label=gettext_lazy("The year's task list"),
                    permission="governance.add_task", columns=COLUMNS, check=check_row, write=write,
                    prepare=_prepare, list_url="governance:list", model="governance.task")
