"""Shared by the fuzz tests: a record of the statements that write, to check that a refused input wrote nothing,
and a tally of the cases run (printed at the end of the session: the figures issue #14 asks for)."""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from datetime import date

import pytest
from django.db import connection
from django.utils.datastructures import MultiValueDict
from hypothesis import strategies as st

TALLY: Counter = Counter()
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@contextmanager
def recorded_writes():
    """Yield a list that collects every INSERT, UPDATE or DELETE run inside the block (a session's own row
    excepted: signing in and CSRF touch it, and it holds no business data)."""
    seen: list[str] = []

    def record(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES) and "django_session" not in sql:
            seen.append(sql[:160])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield seen


def pytest_terminal_summary(terminalreporter):
    """The figures of this run (per process: under xdist each worker keeps its own)."""
    if TALLY:
        terminalreporter.write_line("fuzz cases: " + ", ".join(f"{k} {v}" for k, v in sorted(TALLY.items())))


# --- what the fuzzers send ----------------------------------------------------------------------------------

NASTY = [
    "", " ", "0", "-1", "1", "2", "9" * 30, "-" + "9" * 30, str(2**63), str(2**31), str(-(2**63) - 1),
    "1e309", "-1e309", "1E+400", "inf", "-inf", "nan", "NaN", "Infinity", "sNaN", "1" * 30 + ".99", "0.001",
    "1_000", "١٢٣", "²", "0x10", "9999-12-31", "0001-01-01", "1949-09-30", "1949-10-01", "2100-12-31", "2101-01-01",
    "2024-02-30", "2024-13-01", "2024-01-01", "2024-01-01T00:00:00", "99999-01-01", "abc", "\x00", "a\x00b",
    "\ud800", "王\udfff", "王" * 20_000, "<script>alert(1)</script>", "{{ 7*7 }}", "{n.__class__}", "%s%n",
    "on", "true", "110101199003077774", "11010519491231002X", "13812345678", "91310000MA1FL8TQ2X",
]
SWEEP = [  # the sweep of every form runs these through every field: one of each kind of trouble
    "", "-1", "9" * 30, str(2**63), str(2**31), "1e309", "inf", "nan", "1" * 30 + ".99", "²", "0001-01-01",
    "9999-12-31", "2024-02-30", "abc", "a\x00b", "\ud800", "王" * 20_000, "{n.__class__}", "110101199003077774",
]
NASTY_VALUE = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.integers().map(str),
                        st.dates(min_value=date(1, 1, 1)).map(str))


def valid_values(form) -> dict[str, list[str]]:
    """A few valid values of each choice field, so that drawn data reaches the forms' own checks."""
    out = {}
    for name, field in form.fields.items():
        if hasattr(field, "choices"):
            values = []
            for value, _label in list(field.choices)[:6]:
                value = getattr(value, "value", value)  # ModelChoiceIteratorValue
                if value not in ("", None) and not isinstance(value, list | tuple):
                    values.append(str(value))
            if values:
                out[name] = values
    return out


def uniform_data(form, value: str, *, keep_valid: bool) -> MultiValueDict:
    """Every field of `form` given `value`; with keep_valid, choice fields keep a valid choice instead, so that the
    value reaches the number, date and text fields of a form that is otherwise whole, and its own clean()."""
    valid = valid_values(form)
    return MultiValueDict({name: [valid[name][0]] if keep_valid and name in valid else [value]
                           for name in form.fields})


def data_strategy(form):
    """Data for `form` drawn field by field: nasty values, random texts, integers and dates, valid choices."""
    valid = valid_values(form)
    per_field = {}
    for name in form.fields:
        value = st.one_of(NASTY_VALUE, st.sampled_from(valid[name])) if name in valid else NASTY_VALUE
        per_field[name] = st.lists(value, min_size=1, max_size=3)
    return st.fixed_dictionaries({}, optional=per_field).map(MultiValueDict)


@pytest.fixture(scope="module")
def objects(module_db):
    """What the forms' constructors ask for (a user, a unit, a suit, an application, a meeting), built once for
    the module: the demo district's units and users and one record of each line."""
    from sifa.core.models import User
    from sifa.demo import district
    from sifa.litigation import services as litigation
    from sifa.reconsideration import services as reconsideration
    from sifa.reconsideration.models import SubjectArea

    with module_db():
        units, _ = district.load()
        users = {u.username: u for u in User.objects.all()}
        suit = litigation.suit_register(by=users["yingsu"], unit=units["PT-SFJ-YS"], court=units["PT-FY"],
                                        court_case_number="（2024）沪0107行初1号", defendant=units["PT"],
                                        agency=units["PT-FGJ"], challenged_act="房屋征收补偿决定",
                                        new_plaintiffs=[{"name": "原告"}], on=date(2024, 3, 4))
        application = reconsideration.application_register(
            unit=units["PT-SFJ-FY"], respondent=units["PT-GAFJ-JJ"], act_description="罚款200元的行政处罚决定",
            request="撤销该行政处罚决定", received_on=date(2024, 3, 4), act_kind="penalty",
            subject_area=SubjectArea.objects.get(code="traffic"),
            applicants=[reconsideration.PartyData(name="钱某某", id_number="110101199003077774")],
            handler=users["handler"], by=users["handler"])
        from sifa.notary import services as notary

        notarisation = notary.application_register(
            unit=units["PT-GZC"], by=users["notary"], name="钱公证", received_on=date(2024, 3, 4), channel="window",
            matter="entrustment", accept_now=True, notary="沈丽")
        meeting = reconsideration.committee_meeting_create(unit=units["PT-SFJ-FY"], title="案审会",
                                                           held_on=date(2024, 4, 1), by=users["handler"])
        supervisee = _correction_case(units["PT-SFS-CSL"], users["jiaozheng"])
        from sifa.supervisors import services as supervisors

        draw_request = supervisors.request_register(
            unit=units["PT-SFJ-CF"], by=users["jiandu"], procuratorate=units["PT-JCY"], activity_kind="hearing",
            activity="公开听证", activity_on=date(2024, 3, 20), requested=2, received_on=date(2024, 3, 4))
        from sifa.petitions import services as petitions

        petition = petitions.petition_register(unit=units["PT-SFJ-BGS"], by=users["xinfang"], record=petitions.OrderRecord(
            channel="letter", kind="complaint", name="王先生", subject="调解协议未履行", content="赔偿未支付。",
            received_on=date(2024, 3, 4)))
        enforcement = _enforcement(units, users["leader"])
        cases = {"reconsideration": application, "litigation": suit, "notary": notarisation,
                 "enforcement": enforcement["case"], "supervisors": draw_request,
                 "petitions": petition, "correction": supervisee, **_profession_cases(units, users)}
        from sifa.governance import services as governance

        inspection = governance.inspection_register(unit=units["PT-SFJ-PF"], by=users["pufa"], campaign="2024年专项督察",
                                                    kind="enforcement", inspected=units["PT-WLJ"],
                                                    visited_on=date(2024, 3, 4))
        governance.finding_add(inspection, by=users["pufa"], problem="笔录不全", requirement="补正")
        governance.inspection_report(inspection, by=users["pufa"], on=date(2024, 3, 5))
        cases["governance"] = inspection
        complaint = _lawyer_complaint(units, users)

        point = governance.point_establish(unit=units["PT-SFJ-PF"], by=users["pufa"], name="长寿居民区观察点",
                                           kind="grassroots", established_on=date(2024, 3, 1),
                                           observers=[("观察员", "社工")])
    # `case`: the case a step form (core.steps.StepForm) is bound to; any line's case serves
    return {"user": users["leader"], "unit": units["PT-SFJ-FY"], "suit": suit, "application": application,
            "meeting": meeting, "point": point, "lines": [("mediation", "mediation")],
            # a step form's case (core.steps.StepForm), by line: test_forms._construct picks the form's own
            "cases": cases, "case": application, "sheet": enforcement["campaign"].sheet,
            "campaign": enforcement["campaign"], "step": "review",  # enforcement's filing steps: the fullest
            "complaint": complaint}


def _lawyer_complaint(units, users):
    """A lawyer complaint decided with a penalty, for the penalty decision form."""
    from sifa.lawyers import services as lawyers

    division, by = units["PT-SFJ-GF"], users["lvguan"]
    firm = lawyers.firm_register(name="测试律所二", licence_number="FUZZ-LS2", supervised_by=division, by=by)
    c = lawyers.complaint_register(unit=division, by=by, received_on=date(2024, 3, 4), channel="letter",
                                   complainant="赵投诉", matter="收费后未尽勤勉义务", respondent_firm=firm)
    lawyers.complaint_step(c, "accept", by=by, on=date(2024, 3, 6))
    lawyers.complaint_step(c, "decide", by=by, on=date(2024, 4, 10),
                           data={"outcome": "penalty", "penalty_kind": "warning", "findings": "以不正当手段承揽业务。"})
    c.refresh_from_db()
    return c


def _profession_cases(units, users) -> dict:
    """A licensing matter and a rectification proposal, for the step forms of lawyers and appraisal."""
    from sifa.appraisal import services as appraisal
    from sifa.lawyers import services as lawyers

    division, by = units["PT-SFJ-GF"], users["lvguan"]
    firm = lawyers.firm_register(name="测试律所", licence_number="FUZZ-LS", supervised_by=division, by=by)
    inst = appraisal.institution_register(name="测试鉴定所", licence_number="FUZZ-JD", supervised_by=division, by=by)
    return {"lawyers": lawyers.matter_register(unit=division, by=by, kind="lawyer_licence", applicant="申请人",
                                               received_on=date(2024, 3, 4), firm=firm),
            "appraisal": appraisal.proposal_issue(unit=division, by=by, institution=inst, issued_on=date(2024, 3, 4),
                                                  findings="问题", requirements="整改")}


def _enforcement(units, by) -> dict:
    """An enforcement-certificate application and an evaluation campaign (its step and campaign forms)."""
    from sifa.enforcement import services

    officer = services.officer_register(unit=units["PT-SFJ-ZF"], by=by, agency=units["PT-SCJG"], name="王执法",
                                        post="执法", qualification="law_degree")
    case = services.application_register(unit=units["PT-SFJ-ZF"], by=by, officer=officer, kind="new",
                                         received_on=date(2024, 3, 4))
    campaign = services.campaign_create(unit=units["PT-SFJ-ZF"], by=by, name="评查", year=2024,
                                        started_on=date(2024, 5, 6), candidates={units["PT-SCJG"]: ["罚1"]},
                                        evaluators=[("甲", None)])
    return {"case": case, "campaign": campaign}


def _correction_case(office, by):
    from sifa.correction import services

    return services.intake(unit=office, by=by, name="周矫正", kind="probation", offence="危险驾驶罪",
                           deciding_organ="court", deciding_body="上海市普陀区人民法院",
                           decision_number="（2024）沪0107刑初1号", notice_received_on=date(2024, 3, 5),
                           effective_on=date(2024, 3, 4), term_end=date(2025, 3, 3))


