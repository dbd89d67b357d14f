"""Seed the configurable subject areas (U: a district edits them in the admin)."""

from django.db import migrations

AREAS = [
    ("public_order", "治安"), ("traffic", "交通"), ("illegal_building", "违法建筑"), ("housing", "房屋管理"),
    ("expropriation", "房屋征收"), ("market", "市场监管"), ("food_drug", "食品药品"), ("urban", "城市管理"),
    ("planning", "规划资源"), ("labour", "劳动和社会保障"), ("information", "政府信息公开"),
    ("environment", "生态环境"), ("education", "教育"), ("health", "卫生健康"), ("civil_affairs", "民政"),
    ("other", "其他"),
]


def seed(apps, schema_editor):
    SubjectArea = apps.get_model("reconsideration", "SubjectArea")
    for i, (code, name) in enumerate(AREAS):
        SubjectArea.objects.get_or_create(code=code, defaults={"name": name, "sort": i * 10})


class Migration(migrations.Migration):
    dependencies = [("reconsideration", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
