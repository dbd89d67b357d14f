"""Optimistic locking through save_case, and row history on every concrete case model."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import timezone, translation

from sifa.core.cases import ConflictError, save_case

from .concurrency import run_in_threads

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.django_db
def test_each_save_through_the_service_raises_the_version(make_dossier, users):
    case = make_dossier(title="first")
    assert case.version == 1
    case.title = "second"
    save_case(case, expected_version=1, by=users["handler"])
    assert case.version == 2 and type(case).objects.get(pk=case.pk).version == 2


@pytest.mark.django_db
def test_a_stale_version_is_refused_naming_who_changed_the_case_and_when(make_dossier, users, dossier_model):
    case = make_dossier(title="original")
    mine, theirs = dossier_model.objects.get(pk=case.pk), dossier_model.objects.get(pk=case.pk)
    theirs.title = "theirs"
    save_case(theirs, expected_version=theirs.version, by=users["handler2"])
    mine.title = "mine"
    with pytest.raises(ConflictError) as info:
        save_case(mine, expected_version="1", by=users["handler"])  # a form posts the version as text
    when = timezone.localtime(theirs.history.latest().history_date).strftime("%Y-%m-%d %H:%M")
    assert str(info.value) == (f"This case was changed by {users['handler2']} at {when}; "
                               "please refresh and try again.")
    stored = dossier_model.objects.get(pk=case.pk)
    assert (stored.title, stored.version) == ("theirs", 2)  # nothing overwritten
    assert mine.version == 1


def test_the_conflict_message_reads_in_chinese():
    with translation.override("zh-hans"):
        message = str(ConflictError(None, who="李四", when=timezone.make_aware(datetime(2024, 10, 10, 14, 30))))
    # "此案件已于 T 被 X 修改，请刷新后重试" (issue 3)
    assert "李四" in message and "2024-10-10 14:30" in message and "修改" in message and "刷新" in message


@pytest.mark.django_db
def test_a_deleted_case_cannot_be_saved_over(make_dossier, dossier_model):
    case = make_dossier()
    copy = dossier_model.objects.get(pk=case.pk)
    case.delete()
    with pytest.raises(ConflictError, match="no longer exists"):
        save_case(copy)


@pytest.mark.django_db(transaction=True)
def test_of_two_concurrent_edits_of_one_version_exactly_one_is_saved(dossier_model_tx, district):
    from datetime import date

    users, units = district["users"], district["units"]
    case = save_case(dossier_model_tx(unit=units["PT-SFJ-FY"], state="received", opened_on=date(2024, 9, 27),
                                      title="original"), by=users["handler"])
    editors = [users["handler"], users["handler2"]]

    def work(i: int) -> str:
        copy = dossier_model_tx.objects.get(pk=case.pk)
        copy.title = f"edit {i}"
        try:
            save_case(copy, expected_version=1, by=editors[i])
        except ConflictError:
            return "refused"
        return "saved"

    assert sorted(run_in_threads(2, work)) == ["refused", "saved"]
    stored = dossier_model_tx.objects.get(pk=case.pk)
    assert stored.version == 2 and stored.title in {"edit 0", "edit 1"}


@pytest.mark.django_db
def test_a_concrete_case_keeps_its_row_history(make_dossier, users):
    case = make_dossier(title="before")
    case.title, case.state = "after", "accepted"
    save_case(case, by=users["fuyi_head"])
    history = list(case.history.order_by("history_date", "history_id"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert [h.history_user for h in history] == [users["handler"], users["fuyi_head"]]
    delta = history[1].diff_against(history[0])
    assert {"title", "state", "version"} <= {c.field for c in delta.changes}
    assert history[0].title == "before" and history[1].version == 2
