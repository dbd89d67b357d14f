"""Records edited in the Django admin (a line's categories, its mediators) carry the version their change form
was opened on: a save over someone else's newer one is refused on the form, the input kept (core.locking)."""

from __future__ import annotations

import re

import pytest

from sifa.mediation.models import DisputeType


@pytest.fixture
def superusers(db):
    from sifa.core.models import User

    return [User.objects.create_superuser(f"root{i}", f"root{i}@example.cn", "Xx-strong-pass-2026", last_name=f"管{i}")
            for i in (1, 2)]


def _login(client, user):
    client.force_login(user, backend="sifa.core.auth.RoleBackend")
    return client


def test_of_two_stale_admin_edits_of_a_category_the_second_is_refused(client, district, superusers):
    kind = DisputeType.objects.create(code="test-neighbours", name="邻里纠纷（测试）", sort=90)
    url = f"/admin/mediation/disputetype/{kind.pk}/change/"
    page = _login(client, superusers[0]).get(url).content.decode()
    version = re.search(r'name="version" value="(\d+)"', page).group(1)  # both opened version 1
    data = {"code": kind.code, "sort": 90, "active": "on", "version": version}
    assert client.post(url, {**data, "name": "相邻关系纠纷"}).status_code == 302

    resp = _login(client, superusers[1]).post(url, {**data, "name": "邻里矛盾"})
    assert resp.status_code == 200
    text = resp.content.decode()
    assert "刷新" in text and "邻里矛盾" in text  # the conflict message, and the input kept
    stored = DisputeType.objects.get(pk=kind.pk)
    assert (stored.name, stored.version) == ("相邻关系纠纷", 2)


def test_an_admin_edit_on_the_current_version_is_saved(client, district, superusers):
    kind = DisputeType.objects.create(code="test-debt", name="债务纠纷（测试）", sort=91)
    url = f"/admin/mediation/disputetype/{kind.pk}/change/"
    client = _login(client, superusers[0])
    for version in (1, 2):
        resp = client.post(url, {"code": kind.code, "name": f"债务{version}", "sort": 91, "version": version})
        assert resp.status_code == 302
    assert DisputeType.objects.get(pk=kind.pk).version == 3
