"""Amounts of 1e309 or 30 digits used to pass the application form and were stored by SQLite as a float infinity,
which then broke every page that read the row (issue #14). The form refuses them now; this clears any already
stored (PostgreSQL's numeric(14, 2) never accepted them)."""

from django.db import migrations

TABLES = ["reconsideration_application", "reconsideration_historicalapplication"]


def clear(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in TABLES:
        schema_editor.execute(f"UPDATE {table} SET amount = NULL WHERE abs(amount) >= 1e15")  # noqa: S608


class Migration(migrations.Migration):
    dependencies = [("reconsideration", "0008_edited_records_version")]
    operations = [migrations.RunPython(clear, migrations.RunPython.noop)]
