"""GIN indexes over the characters of notification and reminder titles on PostgreSQL (issue 18): they
serve admin's title searches (`title__chars_contain`, core.lookups) of any length — "王" among 100,000
notifications or 300,000 deliveries' reminders was a read of the whole table, twice (the count and
the page). Nothing on SQLite."""

from django.db import migrations

INDEXES = [
    ("notification_title_chars", "core_notification"),
    ("reminder_title_chars", "core_reminder"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, table in INDEXES:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ((string_to_array(title::text, NULL::text)))"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _table in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("core", "0013_count_estimate_function")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
