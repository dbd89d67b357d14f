"""Seed the outcome types with their loss flag (DOMAIN §2, tag U: editable in the admin afterwards) and the
kinds of judicial suggestion with their reply periods."""

from django.db import migrations

XS = "《行政诉讼法》"
OUTCOMES = [
    # code, name, kind, is_loss, basis
    ("reject_claims", "判决驳回诉讼请求", "judgment", False, XS + "第六十九条"),
    ("annul", "判决撤销", "judgment", True, XS + "第七十条"),
    ("partly_annul", "判决部分撤销", "judgment", True, XS + "第七十条"),
    ("order_performance", "判决履行法定职责", "judgment", True, XS + "第七十二条"),
    ("order_payment", "判决履行给付义务", "judgment", True, XS + "第七十三条"),
    ("confirm_unlawful", "判决确认违法", "judgment", True, XS + "第七十四条"),
    ("confirm_void", "判决确认无效", "judgment", True, XS + "第七十五条"),
    ("vary", "判决变更", "judgment", True, XS + "第七十七条"),
    ("agreement_liability", "判决承担继续履行、补救或赔偿责任", "judgment", True, XS + "第七十八条"),
    ("dismiss_suit", "裁定驳回起诉", "ruling", False, "《行政诉讼法解释》第六十九条"),
    ("withdrawal", "裁定准许撤诉", "ruling", False, XS + "第六十二条"),
    ("deemed_withdrawn", "裁定按撤诉处理", "ruling", False, XS + "第五十八条"),
    ("remand", "裁定发回重审", "ruling", False, XS + "第八十九条第一款第三项、第四项"),
    ("terminate", "裁定终结诉讼", "ruling", False, "《行政诉讼法解释》第八十八条"),
    ("reject_retrial", "裁定驳回再审申请", "ruling", False, "《行政诉讼法解释》第一百一十六条"),
    ("mediated", "调解结案", "mediation", False, XS + "第六十条"),
]

SUGGESTIONS = [
    ("normative_document", "规范性文件的司法建议", 60, "《行政诉讼法解释》第一百四十九条第四款", True),
    ("other", "其他司法建议", 30, "《行政诉讼法》第九十六条第四项（法律未规定答复期限，按本区工作规定）", False),
]


def seed(apps, schema_editor):
    OutcomeType = apps.get_model("litigation", "OutcomeType")
    for i, (code, name, kind, is_loss, basis) in enumerate(OUTCOMES):
        OutcomeType.objects.update_or_create(code=code, defaults={
            "name": name, "kind": kind, "is_loss": is_loss, "basis": basis, "sort": (i + 1) * 10})
    SuggestionKind = apps.get_model("litigation", "SuggestionKind")
    for i, (code, name, days, basis, statutory) in enumerate(SUGGESTIONS):
        SuggestionKind.objects.update_or_create(code=code, defaults={
            "name": name, "reply_days": days, "basis": basis, "statutory": statutory, "sort": (i + 1) * 10})


class Migration(migrations.Migration):
    dependencies = [("litigation", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
