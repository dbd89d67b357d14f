"""Import of online learning hours from the learning platform's export (沪智矫, .csv or .xlsx), on core's import
machinery (`core.imports`: reading, cell parsers, the error report, jobs and progress). Every row is checked; with any
error nothing is written; a platform record already held (same record number) is recognised and skipped."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from sifa.core.imports import Column, Importer, Row

from . import services
from .models import Supervisee

C = Column
COLUMNS = [
    C("记录编号", False, gettext_lazy("The platform's record number: a record imported twice is skipped"), "HZJ-000001"),
    C("矫正编号", True, gettext_lazy("The case number of the person under correction"), "普司矫矫〔2022〕1号"),
    C("学习日期", True, gettext_lazy("The day of learning: YYYY-MM-DD or an Excel date"), "2022-03-02"),
    C("学习时长（小时）", True, gettext_lazy("Hours, with one decimal"), "1.5"),
    C("课程", False, gettext_lazy("The course"), "社区矫正法解读"),
]


def _prepare(by) -> dict:
    return {"numbers": set(Supervisee.objects.visible_to(by).values_list("number", flat=True))}


def check_row(r: Row, ctx: dict, by) -> services.LearningRow:
    number = r.text("矫正编号", max_length=60)
    if number and number not in ctx["numbers"]:
        r.error("矫正编号", str(gettext_lazy("No person under correction has this case number.")))
    return services.LearningRow(case_number=number, learned_on=r.day("学习日期"),
                                hours=r.decimal("学习时长（小时）"), course=r.text("课程", max_length=120),
                                external_id=r.text("记录编号", max_length=60))


def write(records: list, by) -> range:
    written, _duplicates = services.learning_import(rows=records, by=by)
    return range(written)


IMPORTER = Importer(kind="learning", label=gettext_lazy("Online learning hours"),
                    permission="correction.add_learningrecord", columns=COLUMNS, check=check_row, write=write,
                    prepare=_prepare, list_url="correction:list", model="correction.learningrecord")
