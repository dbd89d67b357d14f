"""The portal's abuse limits: counted in the database (shared by every worker process), per client address
and per applicant, configurable, refused with a Chinese page, 429 and Retry-After."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from sifa.core import crypto, limits
from sifa.core.models import RateCount
from sifa.reconsideration.models import Application

from .test_portal import ZH, _form

# Valid resident ID numbers (GB 11643 check digit), one applicant each.
IDS = ["110101199003077774", "11010519491231002X", "310107199001011232", "110101199003070708",
       "110101199003070775", "110101199003070847", "110101199003070919"]


def _apply(client, units, id_number=IDS[0], address="10.0.0.1", **extra):
    return client.post(reverse("portal:apply"), _form(units, id_number=id_number), REMOTE_ADDR=address,
                       **ZH, **extra)


def test_the_default_limits_let_a_service_hall_terminal_file_for_many_applicants(client, district, units):
    for id_number in IDS:  # seven applicants, one address: a terminal in the service hall or a lawyer's office
        assert _apply(client, units, id_number=id_number).status_code == 302
    assert Application.objects.count() == len(IDS)


def test_one_applicant_is_limited_whatever_the_address(client, district, units, settings):
    settings.SIFA_PORTAL_APPLY_PER_APPLICANT = (2, 86400)
    assert _apply(client, units, address="10.0.0.1").status_code == 302
    assert _apply(client, units, address="10.0.0.2").status_code == 302
    resp = _apply(client, units, address="10.0.0.3")
    assert resp.status_code == 429 and 0 < int(resp["Retry-After"]) <= 86400
    assert "申请人" in resp.content.decode() and "分钟" in resp.content.decode()
    assert Application.objects.count() == 2
    assert _apply(client, units, id_number=IDS[1], address="10.0.0.3").status_code == 302  # another applicant


def test_the_count_is_kept_in_the_database_not_in_a_process(client, district, units, settings):
    settings.SIFA_PORTAL_APPLY_PER_ADDRESS = (2, 3600)
    assert _apply(client, units, id_number=IDS[0]).status_code == 302
    cache.clear()  # another worker process: nothing of the first one's memory
    assert _apply(client, units, id_number=IDS[1]).status_code == 302
    cache.clear()
    resp = _apply(client, units, id_number=IDS[2])
    assert resp.status_code == 429 and int(resp["Retry-After"]) > 0
    assert "网络地址" in resp.content.decode()
    row = RateCount.objects.get(scope="portal.apply_per_address", key="10.0.0.1")
    assert row.count == 2  # the refused attempt is not counted
    applicant_keys = set(RateCount.objects.filter(scope="portal.apply_per_applicant").values_list("key", flat=True))
    assert applicant_keys == {crypto.lookup_hash(IDS[0]), crypto.lookup_hash(IDS[1])}  # hashed, never plain
    assert not any(i in applicant_keys for i in IDS)


def test_an_invalid_form_does_not_spend_the_budget(client, district, units, settings):
    settings.SIFA_PORTAL_APPLY_PER_ADDRESS = (1, 3600)
    assert client.post(reverse("portal:apply"), _form(units, id_number="110101199003077777"),
                       REMOTE_ADDR="10.0.0.1", **ZH).status_code == 200
    assert _apply(client, units).status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(client, district, units, settings):
    settings.SIFA_PORTAL_APPLY_PER_ADDRESS = (1, 3600)
    settings.SIFA_TRUSTED_PROXIES = 1
    assert _apply(client, units, id_number=IDS[0], HTTP_X_FORWARDED_FOR="1.2.3.4").status_code == 302
    assert _apply(client, units, id_number=IDS[1], HTTP_X_FORWARDED_FOR="5.6.7.8").status_code == 302
    assert _apply(client, units, id_number=IDS[2], HTTP_X_FORWARDED_FOR="9.9.9.9, 5.6.7.8").status_code == 429


def test_progress_look_ups_are_limited_per_receipt_number(client, district, units, settings):
    settings.SIFA_PORTAL_LOOKUP_PER_RECEIPT = (3, 3600)
    assert _apply(client, units).status_code == 302
    number = Application.objects.get().receipt_number
    for i in range(3):  # guessing the mobile number from several addresses
        resp = client.post(reverse("portal:progress"), {"receipt_number": number, "phone": f"1390000000{i}"},
                           REMOTE_ADDR=f"10.1.0.{i}", **ZH)
        assert resp.status_code == 200
    resp = client.post(reverse("portal:progress"), {"receipt_number": number, "phone": "13912345678"},
                       REMOTE_ADDR="10.1.0.9", **ZH)
    assert resp.status_code == 429 and resp["Retry-After"] and resp.context["app"] is None
    assert "该回执号查询过于频繁" in resp.content.decode()


def test_progress_look_ups_are_limited_per_address(client, district, units, settings):
    settings.SIFA_PORTAL_LOOKUP_PER_ADDRESS = (2, 3600)
    for i in range(2):
        assert client.post(reverse("portal:progress"), {"receipt_number": f"X{i}", "phone": "13900000000"},
                           REMOTE_ADDR="10.2.0.1").status_code == 200
    assert client.post(reverse("portal:progress"), {"receipt_number": "X9", "phone": "13900000000"},
                       REMOTE_ADDR="10.2.0.1").status_code == 429


@pytest.mark.django_db
def test_a_window_ends_and_the_budget_comes_back():
    limit = limits.Limit("test.scope", 1, 60)
    now = timezone.now()
    limits.take([(limit, "k")], now=now)
    with pytest.raises(limits.Refused) as info:
        limits.take([(limit, "k")], now=now)
    assert 1 <= info.value.retry_after <= 60
    limits.take([(limit, "k")], now=now + timedelta(seconds=61))


@pytest.mark.django_db
def test_a_refusal_counts_against_no_limit():
    wide, narrow = limits.Limit("test.wide", 10, 3600), limits.Limit("test.narrow", 1, 3600)
    limits.take([(wide, "a"), (narrow, "b")])
    with pytest.raises(limits.Refused):
        limits.take([(wide, "a"), (narrow, "b")])
    assert RateCount.objects.get(scope="test.wide").count == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_share_one_budget():
    from tests.core.concurrency import run_in_threads

    limit = limits.Limit("test.shared", 5, 3600)

    def work(i: int) -> str:
        try:
            limits.take([(limit, "10.0.0.1")])
        except limits.Refused:
            return "refused"
        return "counted"

    results = run_in_threads(40, work)  # forty requests at once, each on its own connection like a worker's
    assert results.count("counted") == 5 and results.count("refused") == 35
    assert RateCount.objects.get(scope="test.shared").count == 5
    RateCount.objects.all().delete()
