"""Attachments move from MEDIA_ROOT (served under /media/ while SIFA_DEBUG=1) to private storage, each under a
random name (core.files); `name` keeps the original. A file that is not in MEDIA_ROOT is left as it is."""

from django.db import migrations, models, transaction

import sifa.core.files


def move_to_private_storage(apps, schema_editor):
    from django.conf import settings
    from django.core.files.storage import FileSystemStorage

    attachment = apps.get_model("reconsideration", "Attachment")
    media = FileSystemStorage(location=settings.MEDIA_ROOT)
    private = sifa.core.files.private_storage()
    random_name = sifa.core.files.RandomName("reconsideration")
    moved = []
    for att in attachment.objects.exclude(file="").iterator():
        old = att.file.name
        if not media.exists(old):
            continue
        with media.open(old, "rb") as f:
            new = private.save(random_name(att, att.name or old), f)
        attachment.objects.filter(pk=att.pk).update(file=new)
        moved.append(old)
    # The served copies go once the rows point at the private ones.
    transaction.on_commit(lambda: [media.delete(old) for old in moved], using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ('reconsideration', '0005_child_rows_order_by_parent_key'),
    ]

    operations = [
        migrations.AlterField(
            model_name='attachment',
            name='file',
            field=models.FileField(max_length=200, storage=sifa.core.files.private_storage, upload_to=sifa.core.files.RandomName('reconsideration'), verbose_name='file'),
        ),
        migrations.RunPython(move_to_private_storage, migrations.RunPython.noop),
    ]
