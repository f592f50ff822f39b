"""Query expressions the apps share."""

from django.db.models import Exists


class ProbedExists(Exists):
    """`EXISTS (…)` that PostgreSQL checks row by row, by the subquery's index, for the rows that reach it.

    Given `a OR EXISTS (…)`, PostgreSQL may instead run the subquery once over its whole table and hash
    the result (a "hashed SubPlan"). That is right when most rows reach the condition — a count of a
    city's 65,000 cadres (58 ms hashed, 93 ms probed) — and wrong when a search has already narrowed the
    rows to a few thousand: 林 among a city's cadres hashed the 27,514 postings of the city to check the
    688 candidates not working there (32 ms; probed, 12 ms; issue 18). The planner's estimate of the
    probes is what goes wrong, so the caller who knows the rows are few says so: `OFFSET 0` after the
    subquery's `LIMIT 1` is PostgreSQL's documented fence against rewriting a subquery, and changes no
    result on any database (SQLite reads `LIMIT 1 OFFSET 0` as it reads `LIMIT 1`)."""

    template = "EXISTS(%(subquery)s OFFSET 0)"
