"""`count_estimate(query text)`: the planner's row estimate of a query, as a value SQL can use, on
PostgreSQL (issue 18). core.paginator.estimated_count asks the estimate and, only when it is small,
the bounded exact count, in one statement — so an admin changelist takes as many queries on a
province's millions of rows as on the demo's hundreds. Nothing on SQLite (it counts exactly)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION count_estimate(query text) RETURNS bigint
LANGUAGE plpgsql VOLATILE STRICT AS $$
DECLARE
    plan json;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
    RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric::bigint;
END
$$
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS count_estimate(text)")


class Migration(migrations.Migration):
    dependencies = [("core", "0012_data_version")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
