"""`chars_contain`: Django's `contains` (LIKE '%…%') that an index can serve for one or two characters
(issue 18). A trigram index needs three characters; a Chinese name is two to four, and admin's
"王" or "王芳" read every cadre (12 ms a search over 100,000, then the join). On PostgreSQL the lookup
adds `string_to_array(col, NULL) @> string_to_array(term, NULL)` — the column's characters contain
the term's — which a GIN index over `string_to_array(col, NULL)` answers (a migration creates it per
column that is searched so); the LIKE stays and decides. The matches are the same as `contains`:
a name containing the term contains its characters. For one character the two tests are the same and
the LIKE is left out: PostgreSQL estimates the containment from the index's statistics (林: 2,124 of
100,000 cadres, 2,025 true) but a LIKE '%…%' by a fixed guess (60), and plans the rest of the query
for 60 rows. Elsewhere (SQLite) it is `contains`."""

from django.db.models import CharField
from django.db.models.lookups import Contains


@CharField.register_lookup
class CharsContain(Contains):
    lookup_name = "chars_contain"

    def as_sql(self, compiler, connection):
        return compiler.compile(Contains(self.lhs, self.rhs))  # the backend's own contains, its LIKE escaping

    def as_postgresql(self, compiler, connection):
        like_sql, like_params = self.as_sql(compiler, connection)
        if not isinstance(self.rhs, str) or not self.rhs:
            return like_sql, like_params
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        chars = f"string_to_array(({lhs_sql})::text, NULL) @> string_to_array(%s::text, NULL)"
        if len(self.rhs) == 1:
            return f"({chars})", (*lhs_params, self.rhs)
        return f"({chars} AND {like_sql})", (*lhs_params, self.rhs, *like_params)
