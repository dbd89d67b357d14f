"""The economic-hardship standard in force in Shanghai from 2024-07 (DOMAIN.md §5, V2: 上海市司法局 notice of
2024-07-17): household monthly disposable income per capita ≤ ¥3,190, property test per 沪民规〔2024〕6号. No
earlier value is given in the sources at hand: a district enters its own history in the admin."""

from datetime import date
from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    Standard = apps.get_model("legalaid", "HardshipStandard")
    Standard.objects.get_or_create(effective_from=date(2024, 7, 1), defaults={
        "region": "上海市", "monthly_income_per_capita": Decimal("3190.00"),
        "property_test": "家庭财产状况符合本市低收入家庭财产认定标准（沪民规〔2024〕6号）",
        "basis": "《法律援助法》第三十四条；《上海市公共法律服务办法》（市政府令第63号）；上海市司法局2024年7月17日通知",
        "note": "V2: newsm.cn 转引"})


def unseed(apps, schema_editor):
    apps.get_model("legalaid", "HardshipStandard").objects.filter(effective_from=date(2024, 7, 1)).delete()


class Migration(migrations.Migration):
    dependencies = [("legalaid", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
