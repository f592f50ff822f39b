"""Load (issue 20): 200 voters vote within one minute — no error, no double vote.

A live server (pytest-django's, threaded) on the real test database (PostgreSQL in CI through
DATABASE_URL, SQLite here: its writers wait for one another, `timeout` and BEGIN IMMEDIATE in
config/settings/base.py) takes 200 phones from a pool of 20 threads, each phone its own cookie jar:
GET /v/<code>/ for the CSRF cookie and token, POST the choice. At the same time other phones race the
same codes (a slip photographed and passed on), some mistype a code at /v/, and once all have voted a
few try used codes again. All from one address, 127.0.0.1, as a meeting room behind one NAT, under the
throttling limits of production (config/settings/base.py, not the test settings' lifted ones).

Asserted: every code accepted exactly once, every re-use refused with the message, 200 ballots and 200
codes used, no 5xx and no refused connection, the votes within one minute; the wall time and latencies
are printed (pytest -s, or the report's captured output).
"""

import http.client
import random
import re
import statistics
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from urllib.parse import urlencode, urlsplit

import pytest
from django.utils import timezone

from assessments.models import Ballot, BallotCode
from assessments.services import votes as vs

VOTERS = 200
THREADS = 20
RACERS = 20  # codes that a second phone tries at the same moment
TYPOS = 20  # one voter in ten mistypes the code at /v/ first
REUSES = 10  # used codes tried again after the meeting voted
USED_MESSAGE = "该测评码已经投过票"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Phone:
    """One voter's browser: its own connection and cookies."""

    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, fields: dict | None = None) -> tuple[int | str, str, str, float]:
        """(status or "error:…", body, Location, seconds)."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "User-Agent": "gzt-vote-load"}
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, content, response.getheader("Location") or "", time.perf_counter() - started
        except (OSError, http.client.HTTPException) as exc:
            return f"error:{type(exc).__name__}", "", "", time.perf_counter() - started
        finally:
            connection.close()

    def vote(self, code: str, choice: str) -> dict:
        """Open the code's page and vote: "accepted", "used" (refused with the message), or what else."""
        path = f"/v/{code}/"
        status, page, _, t_get = self.request("GET", path)
        outcome = {"code": code, "statuses": [status], "seconds": [t_get]}
        if status != 200 or not TOKEN.search(page):
            outcome["result"] = "used" if status == 200 and USED_MESSAGE in page else f"get:{status}"
            return outcome
        token = TOKEN.search(page).group(1)
        status, page, location, t_post = self.request("POST", path, {"csrfmiddlewaretoken": token, "choice": choice})
        outcome["statuses"].append(status)
        outcome["seconds"].append(t_post)
        if status == 302 and location.endswith("/v/done/"):
            outcome["result"] = "accepted"
        elif status == 200 and USED_MESSAGE in page:
            outcome["result"] = "used"
        else:
            outcome["result"] = f"post:{status}"
        return outcome

    def mistype(self, code: str) -> int | str:
        """A code typed with one character wrong at /v/: the entry page again, with its message."""
        status, page, _, _ = self.request("GET", "/v/")
        token = TOKEN.search(page).group(1) if status == 200 and TOKEN.search(page) else ""
        wrong = ("2" if code[0] != "2" else "3") + code[1:]
        status, page, _, _ = self.request("POST", "/v/", {"csrfmiddlewaretoken": token, "code": wrong})
        return status if "测评码不存在" in page else f"typo:{status}"


@pytest.fixture
def production_throttling(settings):
    """The limits production runs with (the test settings lift them), and no counters left over from an
    earlier run at this address (Redis keeps them)."""
    from django.core.cache import cache

    from assessments.throttle import _key
    from config.settings import base

    settings.VOTE_THROTTLE_IP_FAILURES = base.VOTE_THROTTLE_IP_FAILURES
    settings.VOTE_THROTTLE_CODE_ATTEMPTS = base.VOTE_THROTTLE_CODE_ATTEMPTS
    settings.VOTE_THROTTLE_WINDOW_SECONDS = base.VOTE_THROTTLE_WINDOW_SECONDS
    cache.delete(_key("ip", "127.0.0.1"))
    return settings


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_200_voters_vote_within_a_minute_without_error_or_double_vote(
    appraisal_world, live_server, production_throttling
):
    w = appraisal_world
    now = timezone.now()
    vote = vs.democratic_vote_open(
        appraisal=w.appraisal,
        expected=VOTERS,
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(hours=1),
        acting_user=w.org_county_a,
    )
    codes = list(BallotCode.objects.filter(vote=vote).values_list("code", flat=True))
    keys = [c["key"] for c in vote.choices] + [vs.ABSTAIN]
    rng = random.Random(20)
    racers = set(rng.sample(codes, RACERS))
    typos = set(rng.sample(codes, TYPOS))
    jobs = [("vote", code) for code in codes] + [("vote", code) for code in racers]
    jobs += [("typo", code) for code in typos]
    rng.shuffle(jobs)
    base = live_server.url
    lock = threading.Lock()
    outcomes: list[dict] = []
    typo_statuses: list = []

    def run(job):
        kind, code = job
        phone = Phone(base)
        if kind == "typo":
            result = phone.mistype(code)
            with lock:
                typo_statuses.append(result)
            return
        outcome = phone.vote(code, rng.choice(keys))
        with lock:
            outcomes.append(outcome)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(run, jobs))
    voting_seconds = time.perf_counter() - started
    # after the meeting: used codes tried again
    reused = [Phone(base).vote(code, keys[0]) for code in rng.sample(codes, REUSES)]

    accepted = Counter(o["code"] for o in outcomes if o["result"] == "accepted")
    results = Counter(o["result"] for o in outcomes)
    statuses = Counter(s for o in outcomes + reused for s in o["statuses"]) + Counter(typo_statuses)
    latencies = sorted(s for o in outcomes for s in o["seconds"])
    print(
        f"\nvote load: {VOTERS} voters + {RACERS} racing re-uses + {TYPOS} typos, {THREADS} threads, one address: "
        f"{voting_seconds:.1f} s wall, {len(latencies)} requests, "
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms, "
        f"max {latencies[-1] * 1000:.0f} ms; results {dict(results)}; statuses {dict(statuses)}"
    )
    assert not [s for s in statuses if isinstance(s, str) or s >= 500], statuses  # no 5xx, no refused connection
    assert 429 not in statuses, "throttled a meeting room behind one address"
    assert set(accepted) == set(codes) and set(accepted.values()) == {1}, "every code accepted exactly once"
    assert results == {"accepted": VOTERS, "used": RACERS}, results  # each racing pair: one vote, one refusal
    assert [o["result"] for o in reused] == ["used"] * REUSES
    assert typo_statuses == [200] * TYPOS  # the entry page again, with its message
    assert Ballot.objects.filter(vote=vote).count() == VOTERS
    assert BallotCode.objects.filter(vote=vote, used=True).count() == VOTERS
    assert voting_seconds < 60, f"{VOTERS} voters took {voting_seconds:.1f} s"
