"""Trigram indexes for name search on PostgreSQL (issue 18); nothing on SQLite, whose plain scans are
fast enough at a city's size.

- cadres_cadre.name (gin_trgm_ops): the cadre list's and the posting list's 姓名 search,
  `name LIKE '%…%'` (Django's `contains`);
- UPPER(cadres_cadre.name) and UPPER(core_auditlog.target_repr): Django admin's search
  (`icontains`, which PostgreSQL runs as `UPPER(col::text) LIKE UPPER('%…%')`).
A trigram index serves a search of three characters or more; shorter ones are served by the ordered
scan with LIMIT that the lists and admin (no full count) already do.
"""

from django.db import migrations

INDEXES = [
    ("cadre_name_trgm", "cadres_cadre", "name gin_trgm_ops"),
    ("cadre_name_upper_trgm", "cadres_cadre", "(UPPER(name::text)) gin_trgm_ops"),
    ("auditlog_target_upper_trgm", "core_auditlog", "(UPPER(target_repr::text)) gin_trgm_ops"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, expression in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expression})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expression in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("cadres", "0006_single_line_fields"),
        ("core", "0007_single_line_fields"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
