"""Pages at a province's size (issue 18): every main page × role, queries and p50/p95 of repeated
requests (Django test client, DEBUG off), on the demo database and on the seeded one side by side.

    python bench/pages.py \\
        --demo postgres://postgres@127.0.0.1:5432/gzt_demo \\
        --scale postgres://postgres@127.0.0.1:5432/gzt_scale [--repeat 20] [--only dashboard]

The demo database is one `seed_demo` made; the other is `seed_demo` then `seed_scale` (README,
Benchmarks). Each database is served by a child process of its own (Django binds its database at
start) and the two are timed request by request in turn, so both see the same machine; the parent
prints one table: page, role, queries on each, p50 and p95 in ms on each, and the ratio of the p95s.
A page that answers anything but 200 is shown with its status.
The last line is machine-readable: `pages=<n> worst_p95_ms=<t> worst_page=<label> over_150ms=<n>`.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(os.environ.get("BENCH_ROOT") or Path(__file__).resolve().parent.parent)  # the checkout measured
# The surname searched: one both databases hold in every searched table. The demo has one cadre named 王
# and no posting of one, so "王" compared a province's full page with the demo's empty one (which also
# reads no rows: one query fewer); 林 is six demo cadres, four postings, their reports and history.
SEARCH = "林"
ROLES = ["admin", "org_city", "org_county", "dispatch", "receive", "cadre"]


def _pages():
    """(label, role, url) for every page measured, ids looked up in the database at hand."""
    from django.db.models import Count
    from django.urls import reverse

    from accounts.models import User
    from cadres.models import Cadre, Unit
    from secondment.models import Batch, Posting

    city = User.objects.get(username="org_city").role_assignments.first().unit
    county = User.objects.get(username="org_county").role_assignments.first().unit
    batch = (
        Batch.objects.filter(organizer__path__startswith=city.path)
        .annotate(n=Count("postings"))
        .order_by("-n", "-id")
        .first()
    )
    # the batch page and ranking list nominations: the batch with the most (the demo's largest batch by
    # postings was posted directly, its page and ranking empty)
    ranked = (
        Batch.objects.filter(organizer__path__startswith=city.path)
        .annotate(n=Count("nominations"))
        .order_by("-n", "-id")
        .first()
    )
    posting = (
        Posting.objects.filter(status="on_post", receiving_unit__path__startswith=city.path).order_by("-id").first()
        or Posting.objects.order_by("-id").first()
    )
    cadre = posting.cadre if posting else Cadre.objects.order_by("id").first()
    some_county = Unit.objects.filter(level="county", path__startswith=city.path).order_by("path").first() or county
    year = batch.year if batch else 2026
    r = reverse
    pages = [(f"home ({role})", role, r("home")) for role in ROLES]
    for role in ("admin", "org_city"):
        pages += [
            ("cadre list", role, r("cadres:cadre-list")),
            (f"cadre list, search {SEARCH}", role, r("cadres:cadre-list") + f"?q={SEARCH}"),
            ("cadre list, page 50", role, r("cadres:cadre-list") + _deep_cadre_page(role, 50)),
            ("posting list", role, r("secondment:posting-list")),
            ("batch list", role, r("secondment:batch-list")),
            ("batch page (largest)", role, r("secondment:batch-detail", args=[ranked.pk])),
            ("review queue", role, r("reports:queue")),
            ("dashboard", role, r("dashboard:index")),
            ("notifications", role, r("notifications:list")),
        ]
    pages += [
        ("cadre list, filters", "admin", r("cadres:cadre-list") + "?gender=F&is_reserve=true&seconded=false"),
        ("cadre detail", "admin", r("cadres:cadre-detail", args=[cadre.pk])),
        ("posting list, status 在岗", "admin", r("secondment:posting-list") + "?status=on_post"),
        (f"posting list, search {SEARCH}", "admin", r("secondment:posting-list") + f"?q={SEARCH}"),
    ]
    for flag in ("arrival_overdue", "unfiled", "long_absence", "rectification_overdue"):
        pages.append((f"posting list, flag {flag}", "admin", r("secondment:posting-list") + f"?flag={flag}"))
    pk = posting.pk
    pages += [
        ("posting detail", "admin", r("secondment:posting-detail", args=[pk])),
        ("posting tab reports", "admin", r("reports:posting", args=[pk])),
        ("posting tab assessment", "admin", r("assessments:posting", args=[pk])),
        ("posting tab leave", "admin", r("secondment:posting-leave", args=[pk])),
        ("posting tab inspections", "admin", r("secondment:posting-inspections", args=[pk])),
        ("posting tab worklog", "admin", r("secondment:posting-worklog", args=[pk])),
        ("posting tab support", "admin", r("secondment:posting-support", args=[pk])),
        ("batch ranking", "admin", r("secondment:batch-ranking", args=[ranked.pk])),
        ("compliance by batch", "admin", r("reports:compliance")),
        ("compliance by unit", "admin", r("reports:compliance") + "?by=unit"),
        ("dashboard, year", "admin", r("dashboard:index") + f"?year={year}"),
        ("dashboard, county", "org_city", r("dashboard:index") + f"?county={some_county.pk}"),
        ("reminder log", "admin", r("notifications:log")),
        ("unit list", "admin", r("cadres:unit-list")),
    ]
    for model in (
        "core/auditlog",
        "reports/workreport",
        "secondment/posting",
        "cadres/cadre",
        "secondment/nomination",
        "secondment/postingstatuschange",
        "core/reminder",
        "core/delivery",
        "core/notification",
    ):
        url = f"/admin/{model}/"
        pages += [(f"admin {model}", "admin", url), (f"admin {model} ?q={SEARCH}", "admin", url + f"?q={SEARCH}")]
    return pages


def _deep_cadre_page(role: str, number: int) -> str:
    """The query of the cadre list's page `number` as its 下一页 link on the page before gives it: with the
    cursor of that page's last row (issue 18: deep pages read by cursor), or `?page=N` when the list is
    shorter (the demo) — then it is the last page, read by OFFSET."""
    import json

    from accounts.models import User
    from cadres.access import cadres_visible_to
    from cadres.filters import SORTS

    keys = SORTS["unit"]
    position = (number - 1) * 50 - 1
    row = list(
        cadres_visible_to(User.objects.get(username=role)).order_by(*keys).values_list(*keys)[position : position + 1]
    )
    if not row:
        return f"?page={number}"
    from urllib.parse import quote

    return f"?page={number}&after=" + quote(json.dumps(list(row[0]), ensure_ascii=False, separators=(",", ":")))


def serve(database_url: str, only: str | None) -> None:
    """Child: set up Django on `database_url`, say which pages it measures (one JSON line), then answer
    the parent's requests one line each: `warm KEY` (the page's status, queries and size), `time KEY` (one
    request's milliseconds), `quit`."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from accounts.models import User

    clients = {}
    for role in ROLES:
        client = Client()
        client.force_login(User.objects.get(username=role))
        clients[role] = client
    pages = {f"{label}|{role}": (role, url) for label, role, url in _pages() if not only or only in label}
    from core.process import settle_web_process

    settle_web_process()  # as the WSGI entry point leaves a web process (core.process)
    print(json.dumps(list(pages)), flush=True)
    for line in sys.stdin:
        op, _, key = line.rstrip("\n").partition(" ")
        if op == "quit":
            return
        role, url = pages[key]
        client = clients[role]
        if op == "warm":
            response = client.get(url)  # warm-up (and the status)
            executed = []

            def count(execute, sql, params, many, context, executed=executed):
                executed.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):  # counts whatever the query log does between requests
                client.get(url)
            answer = {"status": response.status_code, "queries": len(executed), "bytes": len(response.content)}
        else:
            started = time.perf_counter()
            client.get(url)
            answer = {"ms": (time.perf_counter() - started) * 1000}
        print(json.dumps(answer), flush=True)


class _Child:
    def __init__(self, database_url: str, only: str | None):
        cmd = [sys.executable, __file__, "--demo", "-", "--scale", "-", "--child", database_url]
        cmd += ["--only", only] if only else []
        self.process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        self.keys = json.loads(self.process.stdout.readline())

    def ask(self, op: str, key: str = "") -> dict:
        self.process.stdin.write(f"{op} {key}\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.write("quit \n")
        self.process.stdin.close()
        self.process.wait()


def _summary(warm: dict, times: list[float]) -> dict:
    times = sorted(times)
    return {
        **warm,
        "p50": statistics.median(times),
        "p95": times[max(0, round(0.95 * len(times)) - 1)],
    }


def measure_one_after_the_other(demo_url: str, scale_url: str, repeat: int, only: str | None):
    """`--sequential`: every page of the demo database, then every page of the province's — as this bench
    measured before it took turns (kept to compare with its earlier figures)."""
    results = {}
    for name, url in (("demo", demo_url), ("scale", scale_url)):
        child = _Child(url, only)
        results[name] = {}
        try:
            for key in child.keys:
                warm = child.ask("warm", key)
                results[name][key] = _summary(warm, [child.ask("time", key)["ms"] for _ in range(repeat)])
        finally:
            child.close()
    return results["demo"], results["scale"]


def measure_side_by_side(demo_url: str, scale_url: str, repeat: int, only: str | None):
    """Both databases' pages, each in a child process of its own (Django binds its database at start),
    timed request by request in turn — demo, province, province, demo, … — so that whatever else the
    machine does falls on both sides alike (measured one database after the other, minutes apart, the
    ratio of two p95s of 20 moved by ±30 % between runs)."""
    demo, scale = _Child(demo_url, only), _Child(scale_url, only)
    results = {"demo": {}, "scale": {}}
    try:
        for key in scale.keys:
            if key not in demo.keys:
                continue
            warm = {"demo": demo.ask("warm", key), "scale": scale.ask("warm", key)}
            times = {"demo": [], "scale": []}
            for i in range(repeat):
                order = (("demo", demo), ("scale", scale)) if i % 2 == 0 else (("scale", scale), ("demo", demo))
                for name, child in order:
                    times[name].append(child.ask("time", key)["ms"])
            for name in ("demo", "scale"):
                results[name][key] = _summary(warm[name], times[name])
            label, role = key.split("|")
            d, p = results["demo"][key], results["scale"][key]
            print(f"{label} ({role}): p95 {d['p95']:.0f} / {p['p95']:.0f} ms", file=sys.stderr, flush=True)
    finally:
        demo.close()
        scale.close()
    return results["demo"], results["scale"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--demo", required=True, help="DATABASE_URL of the demo database")
    parser.add_argument("--scale", required=True, help="DATABASE_URL of the seeded (province) database")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--only", help="only pages whose label contains this")
    parser.add_argument(
        "--sequential", action="store_true", help="the demo's pages first, then the province's (not in turn)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        serve(args.child, args.only)
        return
    measure = measure_one_after_the_other if args.sequential else measure_side_by_side
    demo, scale = measure(args.demo, args.scale, args.repeat, args.only)
    load = os.getloadavg()
    mode = "one after the other" if args.sequential else "in turn"
    print(f"{mode} repeat={args.repeat} load average={load[0]:.2f} {load[1]:.2f} {load[2]:.2f} cpus={os.cpu_count()}")
    header = f"{'page':<44} {'role':<10} {'q demo':>6} {'q prov':>6} {'p50 d':>7} {'p95 d':>7} "
    header += f"{'p50 p':>7} {'p95 p':>7} {'ratio':>6}  KB p"
    print(header)
    print("-" * len(header))
    worst, over = ("", 0.0), 0
    for key, s in scale.items():
        label, role = key.split("|")
        d = demo.get(key, {"queries": 0, "p50": 0, "p95": 0, "status": 0})
        ratio = s["p95"] / d["p95"] if d["p95"] else 0
        status = "" if s["status"] == 200 and d["status"] == 200 else f"  status {d['status']}/{s['status']}"
        print(
            f"{label:<44} {role:<10} {d['queries']:>6} {s['queries']:>6} {d['p50']:>7.0f} {d['p95']:>7.0f} "
            f"{s['p50']:>7.0f} {s['p95']:>7.0f} {ratio:>5.1f}x {s['bytes'] // 1024:>4}{status}"
        )
        if s["p95"] > worst[1]:
            worst = (f"{label} ({role})", s["p95"])
        over += s["p95"] > 150
    print(f"pages={len(scale)} worst_p95_ms={worst[1]:.0f} worst_page={worst[0]!r} over_150ms={over}")


if __name__ == "__main__":
    main()
