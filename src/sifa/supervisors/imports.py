"""Import of the people's supervisors selected by the city (市司法局's list, .xlsx or .csv) into the district's pool,
on core's import machinery: every row checked, nothing written if any row is wrong, each error in Chinese on its
row and column. A row may carry the answers to the disqualifications of 选任管理办法 第十条 (all six with their
source, or none): then the check is recorded with the supervisor, and a row to which one applies is refused."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core.imports import Column, Importer, Row
from sifa.core.validators import parse_id_number, validate_mobile
from sifa.core.workflow import StepError

from . import district, services
from .models import Disqualification, Field, Supervisor

FIELDS = {"法律界": Field.LAW, "经济界": Field.ECONOMY, "教科文卫界": Field.EDUCATION, "社区和基层": Field.COMMUNITY,
          "机关事业单位及其他": Field.PUBLIC}
YES_NO = {"是": True, "否": False}
ART10 = {"受过刑事处罚": Disqualification.CRIMINAL, "被开除公职": Disqualification.DISMISSED,
         "被吊销执业证书或仲裁员除名": Disqualification.LICENCE, "失信被执行人": Disqualification.DEBTOR,
         "因违法违纪被免除人民陪审员职务": Disqualification.JUROR, "其他严重违法违纪行为": Disqualification.MISCONDUCT}
SOURCE = "第十条核查依据"

C = Column
COLUMNS = [
    C("公开编号", True, gettext_lazy("The code under which the supervisor appears in published listings; unique"),
      "PT-JD-2026-001"),
    C("姓名", True, gettext_lazy("The supervisor's name"), "张明"),
    C("身份证号码", True, gettext_lazy("Resident ID number (stored encrypted); gives the date of birth"),
      "310107199001011234"),
    C("手机号码", False, gettext_lazy("A mobile number (stored encrypted)"), ""),
    C("所属领域", True, "、".join(FIELDS), "法律界"),
    C("街镇", False, gettext_lazy("Street or town"), "长风新村街道"),
    C("职业", False, gettext_lazy("Occupation"), "律师"),
    C("任期开始日期", True, gettext_lazy("The first day of the term: YYYY-MM-DD or an Excel date"), "2026-01-01"),
    C("任命机关", True, gettext_lazy("Who appointed the supervisor"), "上海市司法局"),
    *[C(header, False, gettext_lazy("是 or 否; the six questions of Art 10 all answered, or none"), "否")
      for header in ART10],
    C(SOURCE, False, gettext_lazy("Where the answers come from (required with the answers)"), "市司法局资格审查"),
]


def _prepare(by) -> dict:
    return {"seen": set(), "min_age": district.number(district.MIN_AGE)}


def check_row(r: Row, ctx: dict, by) -> dict:
    code = r.text("公开编号", max_length=30)
    if code and (code in ctx["seen"] or Supervisor.objects.filter(code=code).exists()):
        r.error("公开编号", _("This public code is taken."))
    ctx["seen"].add(code)
    id_number = r.text("身份证号码", max_length=18).upper()
    birth = None
    if id_number:
        try:
            birth = parse_id_number(id_number)[0]
        except ValidationError as exc:
            r.error("身份证号码", " ".join(exc.messages))
    phone = r.text("手机号码", max_length=20)
    if phone:
        try:
            validate_mobile(phone)
        except ValidationError as exc:
            r.error("手机号码", " ".join(exc.messages))
    starts = r.day("任期开始日期")
    if birth and starts:
        try:
            old_enough = birth.replace(year=birth.year + ctx["min_age"]) <= starts
        except ValueError:  # born on 29 February
            old_enough = birth.replace(year=birth.year + ctx["min_age"], day=28) <= starts
        if not old_enough:
            r.error("身份证号码", _("A supervisor must be at least %(n)s years old on selection.") % {"n": ctx["min_age"]})
    answers = {d: r.choice(header, YES_NO) for header, d in ART10.items()}
    source = r.text(SOURCE, max_length=200)
    given = [d for d, v in answers.items() if v is not None]
    eligibility = None
    if given or source:
        for header, d in ART10.items():
            if answers[d] is None:
                r.error(header, _("Answer every question of Art 10 (是 or 否), or none."))
        if not source:
            r.error(SOURCE, _("Say where the answers come from."))
        for header, d in ART10.items():
            if answers[d]:
                r.error(header, _("May not serve as a people's supervisor (Art 10): %(what)s")
                        % {"what": Disqualification(d).label})
        eligibility = answers
    return {"code": code, "name": r.text("姓名", max_length=60), "id_number": id_number, "phone": phone,
            "field": r.choice("所属领域", FIELDS), "street": r.text("街镇", max_length=40),
            "occupation": r.text("职业", max_length=80), "birth_date": birth, "selected_on": starts,
            "appointed_by": r.text("任命机关", max_length=80), "eligibility": eligibility,
            "eligibility_source": source}


def write(records: list, by) -> list:
    try:
        return services.pool_import(unit=by.primary_unit, by=by, rows=records)
    except StepError as exc:  # refused as a whole: the import's transaction writes nothing
        raise ValidationError(exc.message) from exc


IMPORTER = Importer(kind="supervisors", label=gettext_lazy("People's supervisors (the city's list)"),
                    permission="supervisors.manage_pool", columns=COLUMNS, check=check_row, write=write,
                    prepare=_prepare, list_url="supervisors:pool", model="supervisors.supervisor")
