"""GIN index over the characters of an audit row's 对象 (target_repr) on PostgreSQL (issue 18): admin's
audit search `target_repr__chars_contain` (core.lookups) of any length, where the trigram index on
UPPER(target_repr) serves three characters or more and only `icontains`. Nothing on SQLite."""

from django.db import migrations

NAME, TABLE = "auditlog_target_chars", "core_auditlog"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON {TABLE} USING gin ((string_to_array(target_repr::text, NULL::text)))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("core", "0014_title_chars_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
