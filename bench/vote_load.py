"""Vote load: a meeting room of phones votes with the codes of one phone vote (民主测评（扫码）) against a
server on this machine.

    python bench/vote_load.py --base-url http://127.0.0.1:8765 --slips vote-7-slips.pdf [--threads 20]

The codes are read off the slips PDF the organizer downloads from the 考核鉴定 tab (打印测评码), as the
phones would read them — the QR codes' links are not needed: the code's page is /v/<code>/. Each phone
(its own cookies) opens its code's page for the CSRF token and votes a random choice; with `--reuse N`,
N phones then try used codes again (each must be refused). All from one address, like a room behind one
NAT: the per-address throttling must let them through.

This casts real ballots into that vote: run it on a demo or test server. Loopback only, at most 1000
codes and 50 threads. Prints the statuses and a summary; the last line is machine-readable:
`voters=<n> threads=<n> seconds=<s> accepted=<n> refused_reuse=<n> errors=<n> p50_ms=<t> p95_ms=<t> max_ms=<t>`.
An error is a refused connection, a 5xx, a 429 or a vote neither accepted nor refused as used.
"""

import argparse
import http.client
import random
import re
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
CODE = re.compile(r"\b([2-9A-HJ-NP-Z]{4})-([2-9A-HJ-NP-Z]{4})\b")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHOICE = re.compile(r'name="choice"[^>]*value="([^"]+)"')
USED = "该测评码已经投过票"


def codes_from(path: str) -> list[str]:
    """The codes printed on a slips PDF (or listed in a text file, one a line, ABCD-EFGH or ABCDEFGH)."""
    if path.endswith(".pdf"):
        import pdfplumber  # requirements-dev.txt

        with pdfplumber.open(path) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    else:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    text = re.sub(r"\b([2-9A-HJ-NP-Z]{4})([2-9A-HJ-NP-Z]{4})\b", r"\1-\2", text)
    return list(dict.fromkeys(a + b for a, b in CODE.findall(text)))


def request(host, port, method, path, cookies, fields=None):
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "User-Agent": "gzt-bench-vote"}
    body = None
    if fields is not None:
        body = urlencode(fields)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content, response.getheader("Location") or "", time.perf_counter() - started
    except (OSError, http.client.HTTPException) as exc:
        return f"error:{type(exc).__name__}", "", "", time.perf_counter() - started
    finally:
        connection.close()


def vote(host, port, code, rng, lock, timings, statuses) -> str:
    """One phone: open the code's page, vote. "accepted", "used" or what went wrong."""
    cookies: dict[str, str] = {}
    path = f"/v/{code}/"
    status, page, _, seconds = request(host, port, "GET", path, cookies)
    with lock:
        timings.append(seconds)
        statuses[status] += 1
    if status != 200 or not TOKEN.search(page):
        return "used" if status == 200 and USED in page else f"get:{status}"
    with lock:
        choice = rng.choice(CHOICE.findall(page) or ["abstain"])
    fields = {"csrfmiddlewaretoken": TOKEN.search(page).group(1), "choice": choice}
    status, page, location, seconds = request(host, port, "POST", path, cookies, fields)
    with lock:
        timings.append(seconds)
        statuses[status] += 1
    if status == 302 and location.endswith("/v/done/"):
        return "accepted"
    return "used" if status == 200 and USED in page else f"post:{status}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values) or [0.0]
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8765")
    parser.add_argument("--slips", required=True, help="the vote's slips PDF (or a text file of codes)")
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--reuse", type=int, default=10, help="used codes tried again afterwards")
    args = parser.parse_args()
    url = urlsplit(args.base_url)
    if url.hostname not in LOOPBACK or url.scheme != "http":
        parser.error("only a server on this machine (http://127.0.0.1:PORT) may be loaded")
    codes = codes_from(args.slips)
    if not 1 <= len(codes) <= 1000 or not 1 <= args.threads <= 50:
        parser.error(f"1 to 1000 codes (found {len(codes)}) and 1 to 50 threads")
    host, port = url.hostname, url.port or 80
    rng, lock = random.Random(20), threading.Lock()
    timings: list[float] = []
    statuses: Counter = Counter()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        results = Counter(pool.map(lambda c: vote(host, port, c, rng, lock, timings, statuses), codes))
    seconds = time.perf_counter() - started
    reused = Counter(
        vote(host, port, c, rng, lock, timings, statuses) for c in rng.sample(codes, min(args.reuse, len(codes)))
    )

    for status, n in sorted(statuses.items(), key=str):
        print(f"status {status}: {n}")
    print(f"votes: {dict(results)}; re-used codes: {dict(reused)}")
    errors = sum(n for r, n in (results + reused).items() if r not in ("accepted", "used"))
    errors += sum(n for s, n in statuses.items() if isinstance(s, str) or s >= 500 or s == 429)
    print(
        f"voters={len(codes)} threads={args.threads} seconds={seconds:.1f} accepted={results['accepted']} "
        f"refused_reuse={reused['used']} errors={errors} p50_ms={percentile(timings, 0.5) * 1000:.0f} "
        f"p95_ms={percentile(timings, 0.95) * 1000:.0f} max_ms={max(timings, default=0) * 1000:.0f}"
    )
    return 1 if errors or results["accepted"] != len(codes) or reused["used"] != sum(reused.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
