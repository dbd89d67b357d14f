"""The check-in system pushes a batch of electronic check-ins: each meets the person's open contact and opens the
next, all or nothing, duplicates skipped, other roles and offices refused."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.correction import contacts
from sifa.correction.models import Contact

pytestmark = pytest.mark.django_db


def _batch(number, *days, prefix="E"):
    return {"checkins": [{"case_number": number, "on": d, "method": "electronic", "record": f"{prefix}{i}"}
                         for i, d in enumerate(days)]}


def test_a_batch_meets_the_contacts_in_order(login, officer, supervised):
    client = login(officer)
    resp = client.post("/api/correction/checkins", _batch(supervised.number, "2024-03-18", "2024-03-13"),
                       content_type="application/json")
    assert resp.status_code == 201, resp.content
    assert resp.json() == {"written": 2, "duplicates": 0}
    met = list(Contact.objects.filter(supervisee=supervised, met_on__isnull=False).order_by("met_on")
               .values_list("met_on", "lost"))
    assert met == [(date(2024, 3, 13), False), (date(2024, 3, 18), False)]
    assert contacts.current(supervised).due_on == date(2024, 3, 25)
    again = client.post("/api/correction/checkins", _batch(supervised.number, "2024-03-18", "2024-03-13"),
                        content_type="application/json")
    assert again.json() == {"written": 0, "duplicates": 2}


def test_a_bad_batch_writes_nothing(login, officer, supervised, users, notice, office_officer):
    client = login(officer)
    bad = client.post("/api/correction/checkins", _batch(supervised.number, "2024-03-01"),
                      content_type="application/json")  # before the announcement
    assert bad.status_code == 422 and not Contact.objects.filter(met_on__isnull=False).exists()
    waiting = notice()
    bad = client.post("/api/correction/checkins", _batch(waiting.number, "2024-03-10", prefix="W"),
                      content_type="application/json")
    assert bad.status_code == 422
    assert login(users["legalaid"]).post("/api/correction/checkins", _batch(supervised.number, "2024-03-10"),
                                         content_type="application/json").status_code == 403
    assert not Contact.objects.filter(met_on__isnull=False).exists()


def test_a_check_in_after_the_loss_of_contact_ends_the_search(login, officer, supervised):
    from sifa.correction import tasks
    from sifa.correction.models import Search

    tasks.run_sweep(date(2024, 3, 23))  # the contact due 03-15 is lost after 03-22: a search opens
    resp = login(officer).post("/api/correction/checkins", _batch(supervised.number, "2024-03-26"),
                               content_type="application/json")
    assert resp.status_code == 201, resp.content
    s = Search.objects.get(supervisee=supervised)
    assert s.found_on == date(2024, 3, 26) and s.outcome == "returned"
