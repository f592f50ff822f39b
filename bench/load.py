"""Load: N logged-in users of mixed roles browse the site for D seconds against a server on this machine.

    python bench/load.py --base-url http://127.0.0.1:8765 [--users 50] [--duration 60]

Bounded on purpose: loopback addresses only, at most 200 users and 300 seconds, GET requests only after
the login (no form is submitted, nothing is written but sessions). Each virtual user logs in with a demo
account (`seed_demo`, password demo12345) — the roles mixed as in a working day: mostly cadres, then the
units' contacts and org staff — and then walks the site: it opens a page its navigation offers, follows
a random link found on it (PDFs, spreadsheets, downloads, admin and logout left out), and goes back to
its home page now and then. Requests carry `X-Forwarded-Proto: https`, as the TLS proxy in front of
gunicorn would, so the production settings (secure cookies, SSL redirect) apply unchanged.

Prints one line per status and a summary table; the last line is machine-readable:
`users=<n> seconds=<s> requests=<n> errors=<n> rps=<r> p50_ms=<t> p95_ms=<t> p99_ms=<t> max_ms=<t>`.
An error is a refused connection or a status of 400 and above.
"""

import argparse
import http.client
import random
import re
import statistics
import sys
import threading
import time
from collections import Counter
from urllib.parse import urlencode, urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# (login, share of the virtual users)
ROLES = [("cadre", 20), ("receive", 8), ("dispatch", 8), ("org_county", 7), ("org_city", 5), ("admin", 2)]
SKIP = re.compile(r"(logout|/admin/|\.pdf|\.xlsx|\.ics|\.zip|/download/|/print/|/export|/healthz/|\?format=|#)")
LINK = re.compile(r'href="(/[^"]*)"')
MAX_LINKS = 300


class VirtualUser(threading.Thread):
    def __init__(self, *, host: str, port: int, login: str, password: str, deadline: float, results: list):
        super().__init__(daemon=True)
        self.host, self.port, self.login, self.password = host, port, login, password
        self.deadline, self.results = deadline, results
        self.cookies: dict[str, str] = {}
        self.links: list[str] = []
        self.connection = http.client.HTTPConnection(host, port, timeout=30)

    def _request(self, method: str, path: str, body: str | None = None, record: bool = True):
        headers = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "User-Agent": "gzt-bench-load",
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{self.host}:{self.port}"
            headers["Referer"] = f"https://{self.host}:{self.port}{path}"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            self.connection.close()
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
            status, content, response = f"error:{type(exc).__name__}", b"", None
        elapsed = time.perf_counter() - started
        if response is not None:
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
        if record:
            self.results.append((path.split("?")[0], status, elapsed, self.login, started))
        return status, content, response

    def _log_in(self) -> bool:
        _status, content, _ = self._request("GET", "/accounts/login/", record=False)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if not match:
            return False
        body = urlencode(
            {"csrfmiddlewaretoken": match.group(1).decode(), "username": self.login, "password": self.password}
        )
        status, _, response = self._request("POST", "/accounts/login/", body=body, record=False)
        return status == 302 and response.getheader("Location", "").rstrip("/") in ("", "/", "https://")

    def _learn(self, content: bytes) -> None:
        for link in LINK.findall(content.decode("utf-8", "replace")):
            link = link.replace("&amp;", "&")
            if not SKIP.search(link) and link not in self.links and len(self.links) < MAX_LINKS:
                self.links.append(link)

    def run(self) -> None:
        logged_in = self._log_in()
        self.logged_in_at = time.perf_counter()
        if not logged_in:
            self.results.append(("/accounts/login/", "login-failed", 0.0, self.login, time.perf_counter()))
            return
        while time.monotonic() < self.deadline:
            path = "/" if not self.links or random.random() < 0.15 else random.choice(self.links)
            status, content, response = self._request("GET", path)
            if status == 200 and "text/html" in (response.getheader("Content-Type", "") if response else ""):
                self._learn(content)
            time.sleep(random.uniform(0.2, 1.0))  # a person reads before the next click
        self.connection.close()


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8765")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--password", default="demo12345")
    args = parser.parse_args()
    url = urlsplit(args.base_url)
    if url.hostname not in LOOPBACK or url.scheme != "http":
        parser.error("only a server on this machine (http://127.0.0.1:PORT) may be loaded")
    if not 1 <= args.users <= 200 or not 1 <= args.duration <= 300:
        parser.error("at most 200 users and 300 seconds")

    weights = [w for _, w in ROLES]
    logins = [ROLES[i % len(ROLES)][0] for i in range(len(ROLES))]  # every role at least once
    logins += random.Random(17).choices([r for r, _ in ROLES], weights=weights, k=max(0, args.users - len(logins)))
    logins = logins[: args.users]
    results: list = []
    started = time.monotonic()
    deadline = started + args.duration
    users = [
        VirtualUser(
            host=url.hostname,
            port=url.port or 80,
            login=login,
            password=args.password,
            deadline=deadline,
            results=results,
        )
        for login in logins
    ]
    for user in users:
        user.start()
        time.sleep(0.05)  # a ramp of a few seconds, not a thundering herd of logins
    for user in users:
        user.join(timeout=args.duration + 60)
    seconds = time.monotonic() - started

    times = [elapsed * 1000 for _path, status, elapsed, _login, _at in results if isinstance(status, int)]
    statuses = Counter(str(status) for _path, status, _elapsed, _login, _at in results)
    errors = sum(n for status, n in statuses.items() if not status.isdigit() or int(status) >= 400)
    slowest = Counter()
    by_path: dict[str, list[float]] = {}
    by_role: dict[str, list[float]] = {}
    for path, status, elapsed, login, _at in results:
        if isinstance(status, int):
            kind = re.sub(r"/\d+", "/N", path)
            by_path.setdefault(kind, []).append(elapsed * 1000)
            by_role.setdefault(login, []).append(elapsed * 1000)
    for kind, values in by_path.items():
        slowest[kind] = percentile(values, 0.95)

    print(f"logins: {Counter(logins)}")
    for status, n in sorted(statuses.items()):
        print(f"status {status}: {n}")
    for path, status, _elapsed, login, _at in results:
        if not isinstance(status, int) or status >= 400:
            print(f"  error {status} {path} ({login})")
    print("p95 by role (ms): " + ", ".join(f"{r} {percentile(v, 0.95):.0f}" for r, v in sorted(by_role.items())))
    print("slowest pages by p95 (ms):")
    for kind, p95 in slowest.most_common(8):
        print(f"  {p95:8.0f}  {kind}  (n={len(by_path[kind])}, median {statistics.median(by_path[kind]):.0f})")
    # the first seconds are the logins (PBKDF2 is slow on purpose): the steady state starts after the last
    last_login = max((getattr(u, "logged_in_at", 0.0) for u in users), default=0.0)
    steady = [e * 1000 for _p, st, e, _l, at in results if isinstance(st, int) and at >= last_login]
    print(
        f"steady state (after the last login, {len(steady)} requests): p50 {percentile(steady, 0.5):.0f} ms, "
        f"p95 {percentile(steady, 0.95):.0f} ms, p99 {percentile(steady, 0.99):.0f} ms"
    )
    print(
        f"users={len(logins)} seconds={seconds:.0f} requests={len(results)} errors={errors} "
        f"rps={len(results) / seconds:.1f} p50_ms={percentile(times, 0.50):.0f} p95_ms={percentile(times, 0.95):.0f} "
        f"p99_ms={percentile(times, 0.99):.0f} max_ms={max(times, default=0):.0f}"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
