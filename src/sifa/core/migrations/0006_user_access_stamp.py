from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0005_import_job")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="access_stamp",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="access version"),
        ),
    ]
