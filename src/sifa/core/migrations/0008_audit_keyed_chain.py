"""The audit chain gets a key: each event names the scheme its hash was computed with (the rows already there:
plain SM3), and the head marks, sealed with the audit key, where the keyed events begin."""

from django.db import migrations, models


def mark_keyed_from(apps, schema_editor):
    from sifa.core.audit import GENESIS, keyed_from_seal

    AuditEvent, AuditHead = apps.get_model("core", "AuditEvent"), apps.get_model("core", "AuditHead")
    last = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    if last is None:
        return
    head = AuditHead.objects.filter(pk=1).first() or AuditHead(pk=1, seq=0, hash=GENESIS)
    head.keyed_from = max(last, head.seq) + 1
    head.seal = keyed_from_seal(head.keyed_from)
    head.save()


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0007_import_files_random_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="scheme",
            field=models.PositiveSmallIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="audithead",
            name="keyed_from",
            field=models.PositiveBigIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="audithead",
            name="seal",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.RunPython(mark_keyed_from, migrations.RunPython.noop),
    ]
