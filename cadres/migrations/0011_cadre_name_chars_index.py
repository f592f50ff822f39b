"""GIN index over the characters of a cadre's name on PostgreSQL (issue 18): it serves admin's 姓名
search of one or two characters ("王", "王芳"), `string_to_array(name, NULL) @> string_to_array('王',
NULL)` — the `chars_contain` lookup (core.lookups) — which the trigram index cannot (it needs three).
Nothing on SQLite."""

from django.db import migrations

NAME, TABLE, EXPRESSION = "cadre_name_chars", "cadres_cadre", "(string_to_array(name::text, NULL::text))"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON {TABLE} USING gin ({EXPRESSION})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("cadres", "0010_family_birth_help")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
