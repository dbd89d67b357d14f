"""The kernel's set-based helpers for batch writers: number blocks, audit events in bulk, clocks in bulk, plain
row inserts. Each must leave the same data as its one-at-a-time counterpart."""

from __future__ import annotations

import gc
from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from sifa.core import audit, bulk, clocks, numbering
from sifa.core.clocks import DAYS, WORKING_DAYS, Rule
from sifa.core.models import AuditEvent, NumberSeries, Party, PartyKind
from sifa.core.models.clocks import DeadlineState

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

REVIEW = Rule(key="test.bulk_review", label="Review", length=5, unit=WORKING_DAYS, basis="行政复议法第三十条")
DECISION = Rule(key="test.bulk_decision", label="Decision", length=60, unit=DAYS, basis="行政复议法第六十二条")


@pytest.fixture(autouse=True)
def _rules(rules):
    rules(REVIEW, DECISION)


def test_a_block_of_numbers_continues_the_series_without_gaps(units):
    unit = units["PT-SFJ-FY"]
    with transaction.atomic():
        first = numbering.take(kind="bulk", unit=unit, year=2024, default_format="复〔{year}〕{n}号")
        block = numbering.take_block(kind="bulk", unit=unit, year=2024, count=3, default_format="ignored")
        after = numbering.take(kind="bulk", unit=unit, year=2024)
    assert [first, *block, after] == [f"复〔2024〕{n}号" for n in range(1, 6)]
    assert NumberSeries.objects.get(kind="bulk", unit=unit, year=2024).last == 5


def test_a_block_starts_a_new_series_and_rolls_back_with_its_transaction(units):
    unit = units["PT-SFJ-FY"]
    with pytest.raises(RuntimeError), transaction.atomic():
        numbering.take_block(kind="bulk", unit=unit, year=2025, count=4, default_format="{n:03d}")
        raise RuntimeError
    with transaction.atomic():
        assert numbering.take_block(kind="bulk", unit=unit, year=2025, count=2, default_format="{n:03d}") == [
            "001", "002"]
        assert numbering.take_block(kind="bulk", unit=unit, year=2025, count=0, default_format="{n:03d}") == []


def test_events_recorded_in_bulk_continue_the_chain_and_verify(make_dossier, users):
    cases = [make_dossier(title=f"case {i}") for i in range(3)]
    audit.record(users["handler"], "test.before", cases[0])
    n = audit.record_many(users["handler"], "test.imported", ((c, f"imported {c.pk}", {"i": i})
                                                             for i, c in enumerate(cases)))
    audit.record(None, "test.after")
    assert n == 3
    events = list(AuditEvent.objects.filter(action="test.imported").order_by("seq"))
    assert [e.summary for e in events] == [f"imported {c.pk}" for c in cases]
    assert {e.unit_id for e in events} == {cases[0].unit_id}
    assert events[0].actor == users["handler"] and events[0].payload == {"i": 0}
    assert audit.verify().ok


def test_an_empty_batch_of_events_changes_nothing():
    audit.record(None, "test.one")
    assert audit.record_many(None, "test.none", []) == 0
    assert audit.verify().ok and AuditEvent.objects.count() == 1


def test_clocks_started_in_bulk_equal_those_started_one_by_one(make_dossier):
    one, two, three = (make_dossier(title=t) for t in ("one", "two", "three"))
    single = clocks.start(one, rule=REVIEW.key, start=date(2024, 9, 27))
    n = clocks.start_many([two, three], rule=REVIEW.key, starts=[date(2024, 9, 27), date(2024, 9, 27)],
                          ends=[("", None), ("met", date(2024, 9, 30))], today=date(2024, 10, 1))
    assert n == 2
    fields = ["rule", "rule_effective_from", "label", "basis", "length", "count_unit", "start", "original_due",
              "due", "unit_id", "assignee_id", "content_type_id"]
    stored = clocks.for_case(two).get()
    assert {f: getattr(stored, f) for f in fields} == {f: getattr(single, f) for f in fields}
    assert stored.due == date(2024, 10, 10)  # five working days across the National Day holiday
    assert stored.state == DeadlineState.RUNNING and stored.case_label == "two" and stored.case_url == ""
    assert stored.created_at and stored.updated_at and stored.pauses == [] and stored.extensions == []
    met = clocks.for_case(three).get()
    assert (met.state, met.met_on) == (DeadlineState.MET, date(2024, 9, 30))
    assert not AuditEvent.objects.filter(action="clock.started", object_id=str(two.pk)).exists()


def test_a_clock_started_in_bulk_is_overdue_when_its_day_has_passed(make_dossier):
    case = make_dossier()
    [d] = clocks.deadline_rows([case], rule=DECISION.key, starts=[date(2024, 1, 2)], today=date(2024, 12, 1))
    assert d["state"] == DeadlineState.OVERDUE and d["due"] == date(2024, 3, 4)  # 2 March is a Saturday
    [c] = clocks.deadline_rows([case], rule=REVIEW.key, starts=[date(2024, 1, 2)],
                               ends=[("cancelled", date(2024, 1, 3))], today=date(2024, 12, 1))
    assert (c["state"], c["met_on"]) == (DeadlineState.CANCELLED, date(2024, 1, 3))


def test_clocks_in_bulk_link_each_case_as_its_own_url_does():
    """The URL of the first cases of a model is reversed; the rest follow its pattern, and equal what
    get_absolute_url gives them."""
    from sifa.core.clocks import _CaseUrls

    class Page:
        def __init__(self, pk, url=None):
            self.pk, self._url = pk, url

        def get_absolute_url(self):
            return self._url or f"/cases/{self.pk}/"

    url = _CaseUrls()
    assert [url(Page(pk)) for pk in (7, 8, 9, 1234)] == ["/cases/7/", "/cases/8/", "/cases/9/", "/cases/1234/"]
    assert url.patterns[Page] == ("/cases/", "/")

    class Odd(Page):
        def get_absolute_url(self):
            return f"/odd/{self.pk}/{self.pk % 3}/"

    odd = _CaseUrls()
    assert [odd(Odd(pk)) for pk in (5, 6, 7)] == ["/odd/5/2/", "/odd/6/0/", "/odd/7/1/"]
    assert odd.patterns[Odd] is None


def test_plain_rows_and_history_rows_are_inserted_as_django_would(make_dossier, units, users):
    from tests.core.casemodels import Dossier

    case = make_dossier(title="history")
    party = Party.objects.create(kind=PartyKind.PERSON, name="王甲", unit=units["PT-SFJ-FY"])
    fresh = Dossier.objects.filter(pk=case.pk)
    assert bulk.history_rows(list(fresh), user=users["handler"], reason="import") == 1
    rows = list(case.history.order_by("history_id"))
    assert [r.history_type for r in rows] == ["+", "+"] and rows[-1].history_change_reason == "import"
    assert rows[-1].history_user == users["handler"] and rows[-1].title == "history"
    assert bulk.history_rows([]) == 0
    [row] = bulk.create_rows(Dossier, [{"title": "as a row", "unit_id": case.unit_id, "number": "R-1", "state": "open",
                                        "opened_on": date(2024, 5, 6), "version": 1}])
    assert bulk.history_rows([row], model=Dossier, user=None, reason="import") == 1
    [made] = bulk.build(Dossier, [row], stored=True)
    assert not made._state.adding and Dossier.objects.get(pk=row["id"]).title == "as a row"
    h = Dossier.history.get(id=row["id"])
    assert (h.title, h.number, h.history_type, h.created_at) == ("as a row", "R-1", "+", made.created_at)
    n = bulk.insert_rows(NumberSeries, ["kind", "unit", "year", "format", "last"],
                         [(f"bulk{i}", party.unit_id, 2024, "{n}", i) for i in range(7)], chunk=3)
    assert n == 7
    assert sorted(NumberSeries.objects.filter(kind__startswith="bulk").values_list("last", flat=True)) == list(range(7))


def test_build_gives_what_the_model_constructor_gives(units):
    values = {"kind": "person", "name": "王甲", "unit_id": units["PT"].pk}
    a, b = bulk.build(Party, [values, dict(values)])
    ref = Party(**values)
    assert {f.attname: getattr(a, f.attname) for f in Party._meta.concrete_fields} == {
        f.attname: getattr(ref, f.attname) for f in Party._meta.concrete_fields}
    assert a._state.adding and a.unit == units["PT"]
    with pytest.raises(TypeError, match="no fields nmae"):
        bulk.build(Party, [{"nmae": "x"}])


def test_rows_created_as_dicts_get_keys_defaults_and_are_stored(units):
    rows = bulk.create_rows(Party, [{"kind": "person", "name": f"行{i}", "unit_id": units["PT"].pk} for i in range(4)])
    assert len({r["id"] for r in rows}) == 4
    stored = {p.pk: p for p in Party.objects.filter(pk__in=[r["id"] for r in rows])}
    assert {pk: p.name for pk, p in stored.items()} == {r["id"]: r["name"] for r in rows}
    assert all(p.created_at is not None for p in stored.values())
    assert bulk.create_rows(Party, []) == []


@pytest.mark.django_db
def test_create_gives_keys_that_later_inserts_do_not_reuse(units):
    from sifa.core.bulk import create
    from sifa.core.models import Party

    made = create([Party(kind="person", name=f"批量{i}", unit=units["PT"]) for i in range(5)])
    assert all(p.pk for p in made) and len({p.pk for p in made}) == 5
    assert all(p.created_at is not None and not p._state.adding for p in made)
    stored = {p.pk: p.name for p in Party.objects.filter(pk__in=[p.pk for p in made])}
    assert stored == {p.pk: p.name for p in made}
    later = Party.objects.create(kind="person", name="之后", unit=units["PT"])
    assert later.pk > max(p.pk for p in made)


def test_a_payload_is_hashed_as_it_reads_back(make_dossier, users):
    case = make_dossier(title="payload")
    payload = {2: "b", 10: "a", "on": date(2024, 1, 2), "amount": Decimal("1.50"), "nested": [{3: ("x", 1)}],
               "text": '"payload":null 引号'}
    audit.record(users["handler"], "test.one", case, payload=payload)
    audit.record_many(users["handler"], "test.many", [(case, "", payload), (case, "", None)])
    stored = list(AuditEvent.objects.filter(action__in=["test.one", "test.many"]).order_by("seq"))
    as_json = {"2": "b", "10": "a", "on": "2024-01-02", "amount": "1.50", "nested": [{"3": ["x", 1]}],
               "text": '"payload":null 引号'}
    assert [e.payload for e in stored] == [as_json, as_json, {}]
    assert audit.verify().ok


def test_keys_taken_before_the_rows_never_reuse_a_deleted_rows_key(units):
    with transaction.atomic():
        first = bulk.create_rows(Party, [{"kind": "person", "name": f"先{i}", "unit_id": units["PT"].pk}
                                         for i in range(3)])
        Party.objects.filter(pk=first[-1]["id"]).delete()
        [later] = bulk.create_rows(Party, [{"kind": "person", "name": "后", "unit_id": units["PT"].pk}])
    assert later["id"] > first[-1]["id"]
    assert Party.objects.get(pk=later["id"]).name == "后"


def test_the_garbage_collector_is_paused_for_a_batch_and_resumes_after_an_error():
    with pytest.raises(RuntimeError), bulk.gc_paused():
        assert not gc.isenabled()
        with bulk.gc_paused():
            pass
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()


def test_a_row_the_database_refuses_raises_djangos_error(units):
    row = ("bulk-dup", units["PT"].pk, 2024, "{n}", 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert_rows(NumberSeries, ["kind", "unit", "year", "format", "last"], [row, row])
    assert not NumberSeries.objects.filter(kind="bulk-dup").exists()
