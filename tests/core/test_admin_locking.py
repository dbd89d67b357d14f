"""The core records edited in the Django admin (parties, units, users, roles, holidays, number series) carry the
version their change form was opened on: of two stale saves the second is refused on the form with the conflict
message, the input kept, and the first's change survives (core.locking.VersionedAdminMixin)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from sifa.core.models import HolidayOverride, Unit, User


@pytest.fixture
def superusers(db):
    return [User.objects.create_superuser(f"root{i}", f"root{i}@example.cn", "Xx-strong-pass-2026", last_name=f"管{i}")
            for i in (1, 2)]


def _as(client, user):
    client.force_login(user, backend="sifa.core.auth.RoleBackend")
    return client


def _opened_version(client, url) -> str:
    return re.search(r'name="version" value="(\d+)"', client.get(url).content.decode()).group(1)


def test_two_stale_edits_of_a_holiday_the_second_is_refused(client, superusers):
    day = HolidayOverride.objects.create(date=date(2031, 10, 8), is_workday=False, name="国庆节")
    url = f"/admin/core/holidayoverride/{day.pk}/change/"
    version = _opened_version(_as(client, superusers[0]), url)  # both opened version 1
    data = {"date": "2031-10-08", "version": version}
    assert client.post(url, {**data, "name": "国庆节假期"}).status_code == 302

    resp = _as(client, superusers[1]).post(url, {**data, "name": "国庆节（补）", "is_workday": "on"})
    assert resp.status_code == 200
    text = resp.content.decode()
    assert "刷新" in text and "国庆节（补）" in text
    stored = HolidayOverride.objects.get(pk=day.pk)
    assert (stored.name, stored.is_workday, stored.version) == ("国庆节假期", False, 2)


def test_two_stale_edits_of_a_unit_the_second_is_refused(client, superusers, district):
    unit = Unit.objects.get(code="PT-SFJ-FY")
    url = f"/admin/core/unit/{unit.pk}/change/"
    version = _opened_version(_as(client, superusers[0]), url)
    data = {"code": unit.code, "short_name": unit.short_name, "kind": unit.kind, "parent": unit.parent_id,
            "sort": unit.sort, "active": "on", "version": version}
    assert client.post(url, {**data, "name": "行政复议局"}).status_code == 302

    resp = _as(client, superusers[1]).post(url, {**data, "name": "行政复议办公室"})
    assert resp.status_code == 200 and "刷新" in resp.content.decode()
    assert Unit.objects.get(pk=unit.pk).name == "行政复议局"
