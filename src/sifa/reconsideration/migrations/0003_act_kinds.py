"""Seed the national case-type categories (DOMAIN §1.6)."""

from django.db import migrations

KINDS = [("penalty", "行政处罚"), ("complaint", "举报投诉处理"), ("information", "政府信息公开"),
         ("expropriation", "行政征收"), ("confirmation", "行政确认"), ("coercion", "行政强制"),
         ("nonperformance", "行政不作为"), ("title", "行政确权"), ("licensing", "行政许可"), ("other", "其他")]


def seed(apps, schema_editor):
    ActKind = apps.get_model("reconsideration", "ActKind")
    for i, (code, name) in enumerate(KINDS):
        ActKind.objects.get_or_create(code=code, defaults={"name": name, "sort": i * 10})


class Migration(migrations.Migration):
    dependencies = [("reconsideration", "0002_subject_areas")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
