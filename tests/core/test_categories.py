"""The lines' category tables share one shape (core.models.Category): a name shown for them, an order,
`.active()` for what forms still offer, and an admin page whose changes are audited."""

import pytest
from django.apps import apps
from django.contrib import admin

from sifa.core.models import AuditEvent, Category

pytestmark = pytest.mark.django_db

# The category tables of the lines on this branch, each seeded by a data migration.
TABLES = ["reconsideration.ActKind", "reconsideration.SubjectArea", "mediation.DisputeType", "mediation.Sector",
          "litigation.OutcomeType"]


def categories():
    return [m for m in apps.get_models() if issubclass(m, Category)]


def test_every_lines_category_table_shares_the_kernels_shape():
    assert {m._meta.label for m in categories()} >= set(TABLES)


@pytest.mark.parametrize("label", TABLES)
def test_active_leaves_out_retired_categories(label):
    model = apps.get_model(label)
    first, second = model.objects.all()[:2]
    model.objects.filter(pk=first.pk).update(active=False)
    assert first not in model.objects.active() and second in model.objects.active()
    assert model.objects.count() == model.objects.active().count() + 1
    assert model.objects.active().filter(pk=second.pk).exists()  # still a queryset: filters chain


@pytest.mark.parametrize("label", TABLES)
def test_categories_are_listed_in_their_order_and_shown_by_name(label):
    model = apps.get_model(label)
    last = model.objects.last()
    model.objects.filter(pk=last.pk).update(sort=0)
    model.objects.exclude(pk=last.pk).update(sort=1)
    assert model.objects.first() == last
    assert str(last) == last.name


@pytest.mark.parametrize("label", TABLES)
def test_a_category_changed_in_the_admin_is_audited(label, admin_client):
    model = apps.get_model(label)
    assert model in admin.site._registry
    row = model.objects.first()
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    form = admin_client.get(f"{url}{row.pk}/change/").context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    data["name"] = row.name + "（新）"
    resp = admin_client.post(f"{url}{row.pk}/change/", data)
    assert resp.status_code == 302, resp.context["adminform"].form.errors if resp.context else resp
    row.refresh_from_db()
    assert row.name.endswith("（新）")
    event = AuditEvent.objects.get(action=f"{model._meta.model_name}.changed", object_id=str(row.pk))
    assert event.payload["fields"] == ["name"]
