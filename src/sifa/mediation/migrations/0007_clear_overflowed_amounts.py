"""An import could store an amount past any column (a float infinity in SQLite), which then broke every page that
read the row (issue #14). Imports refuse them now; this sets any already stored to 0 (PostgreSQL's
numeric(14, 2) never accepted them)."""

from django.db import migrations

TABLES = ["mediation_dispute", "mediation_historicaldispute"]


def clear(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in TABLES:
        schema_editor.execute(f"UPDATE {table} SET amount_involved = 0 WHERE abs(amount_involved) >= 1e15")  # noqa: S608


class Migration(migrations.Migration):
    dependencies = [("mediation", "0006_edited_records_version")]
    operations = [migrations.RunPython(clear, migrations.RunPython.noop)]
