"""Seed the configurable tables: the 15 dispute types of the statistics (DOMAIN §4, after the Huangshi Justice
Bureau's monthly report) and the sectors screening campaigns cover (the seed report names 消费, 医疗, 劳动, 企业经营).
Both are editable in the admin; this migration only adds the rows that are missing."""

from django.db import migrations

TYPES = [
    ("marriage_family", "婚姻家庭"), ("neighbourhood", "邻里"), ("housing_land", "房屋宅基地"), ("contract", "合同"),
    ("business", "生产经营"), ("damages", "损害赔偿"), ("forest_land", "山林土地"), ("expropriation", "征地拆迁"),
    ("pollution", "环境污染"), ("labour", "劳动争议"), ("consumer", "消费"), ("medical", "医疗"),
    ("traffic", "道路交通事故"), ("property_management", "物业"), ("other", "其他"),
]
SECTORS = [("consumer", "消费"), ("medical", "医疗"), ("labour", "劳动"), ("enterprise", "企业经营"),
           ("property", "物业"), ("neighbourhood", "邻里")]


def seed(apps, schema_editor):
    DisputeType = apps.get_model("mediation", "DisputeType")
    Sector = apps.get_model("mediation", "Sector")
    for i, (code, name) in enumerate(TYPES, 1):
        DisputeType.objects.get_or_create(code=code, defaults={"name": name, "sort": i * 10})
    for i, (code, name) in enumerate(SECTORS, 1):
        Sector.objects.get_or_create(code=code, defaults={"name": name, "sort": i * 10})


class Migration(migrations.Migration):
    dependencies = [("mediation", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
