"""Browser journeys (Playwright for Python driving Debian's Chromium) against a live server.

The server is a real `manage.py runserver` subprocess (config.settings.local, as `make run` serves it) on
a free port, with its own SQLite database under var/e2e/, migrated and seeded by `seed_demo`, and a real
Celery worker process on a queue of its own (the batch print job runs there, as under `make run`).
The test process never touches that database itself: what a journey needs beyond the demo is found or
made by tests/e2e/scenes.py, run as a subprocess against the same database through the services.
Screenshots are kept under var/e2e/<journey>/<viewport>/.

Skipped, with one line saying so, when Chromium is not at /usr/bin/chromium (E2E_CHROMIUM overrides).
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "e2e"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
SKIP_REASON = f"e2e: Chromium not found at {CHROMIUM} (apt-get install chromium) — browser journeys skipped"
PASSWORD = "demo12345"
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

# Playwright's sync API runs an event loop in this thread; nothing here uses the ORM, but a fixture
# from the rest of the suite might.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_present() -> bool:
    return os.access(CHROMIUM, os.X_OK)


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    skip = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.e2e)
            if not chromium_present():
                item.add_marker(skip)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env() -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DATABASE_URL=f"sqlite:///{OUT / 'db.sqlite3'}",
        # a queue of its own: a `make run` worker on the same broker never takes these tasks
        CELERY_TASK_DEFAULT_QUEUE=f"e2e-{os.getpid()}",
        DEBUG="True",
        PYTHONPATH=str(ROOT),
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def _run(args: list[str], env: dict, log: Path) -> None:
    with log.open("a") as out:
        result = subprocess.run(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    if result.returncode:
        raise RuntimeError(f"{' '.join(args)} failed; see {log}")


@pytest.fixture(scope="session")
def e2e_server():
    """Migrate and seed var/e2e/db.sqlite3, start the web server and a worker; yield the base URL."""
    OUT.mkdir(parents=True, exist_ok=True)
    env = server_env()
    log = OUT / "server.log"
    log.write_text("")
    seeded = OUT / "seeded.sqlite3"  # E2E_REUSE_SEED=1 starts from the last seeded copy (local runs)
    db = OUT / "db.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    if os.environ.get("E2E_REUSE_SEED") and seeded.exists():
        shutil.copy(seeded, db)
    else:
        python = sys.executable
        _run([python, "manage.py", "migrate", "--noinput"], env, log)
        _run([python, "manage.py", "seed_demo"], env, log)
        shutil.copy(db, seeded)
    port = _free_port()
    out = log.open("a")
    bin_dir = Path(sys.executable).parent
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(
            [
                str(bin_dir / "celery"),
                "-A",
                "config",
                "worker",
                "--queues",
                env["CELERY_TASK_DEFAULT_QUEUE"],
                "--concurrency=1",
                "--pool=solo",
                "--loglevel=INFO",
                f"--hostname=e2e-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        ),
    ]
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz/", timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline or processes[0].poll() is not None:
                    raise RuntimeError(f"the e2e server did not start; see {log}") from None
                time.sleep(0.5)
        yield base
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        out.close()


@pytest.fixture(scope="session")
def scene(e2e_server):
    """scene(name, **params) -> dict: run tests/e2e/scenes.py against the server's database."""

    def run(name: str, **params) -> dict:
        result = subprocess.run(
            [sys.executable, "-m", "tests.e2e.scenes", name, json.dumps(params)],
            cwd=ROOT,
            env=server_env(),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(f"scene {name} failed:\n{result.stderr[-4000:]}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    return run


# --- pytest-playwright's fixtures, pointed at Debian's Chromium and the live server ------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ["--no-sandbox"]}


@pytest.fixture(scope="session")
def base_url(e2e_server):
    return e2e_server


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request) -> str:
    return request.param


@pytest.fixture
def browser_context_args(browser_context_args, viewport, base_url):
    return {
        **browser_context_args,
        "viewport": VIEWPORTS[viewport],
        "base_url": base_url,
        "locale": "zh-CN",
        "accept_downloads": True,
    }


class Watch:
    """What a journey must not meet: console errors (CSP violations among them), uncaught page
    errors, 5xx responses, and requests to any host but this machine (blocked, and recorded)."""

    def __init__(self, page):
        self.console: list[str] = []
        self.server_errors: list[str] = []
        self.external: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.console.append(f"{m.text} @ {page.url}"))
        page.on("pageerror", lambda e: self.console.append(f"pageerror {e} @ {page.url}"))
        page.on("response", lambda r: r.status >= 500 and self.server_errors.append(f"{r.status} {r.url}"))
        page.context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        parts = urlsplit(url)
        # the browser's own pages (its PDF viewer: chrome://, chrome-extension://) are not the network
        if parts.scheme not in ("http", "https", "ws", "wss") or parts.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def assert_clean(self):
        assert not self.server_errors, f"5xx responses: {self.server_errors}"
        assert not self.external, f"requests to external hosts: {self.external}"
        assert not self.console, f"console errors: {self.console}"


class Journey:
    """A page with its watch, a login and numbered screenshots under var/e2e/<journey>/<viewport>/."""

    def __init__(self, page, name: str, viewport: str):
        self.page, self.viewport = page, viewport
        self.watch = Watch(page)
        self.dir = OUT / name / viewport
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.n = 0
        self.dialogs: list[str] = []

    def on_dialog(self, dialog) -> None:
        """A form with data-confirm asks through window.confirm(): recorded, then accepted."""
        self.dialogs.append(dialog.message)
        dialog.accept()

    def shot(self, step: str) -> None:
        self.n += 1
        self.page.screenshot(path=str(self.dir / f"{self.n:02d}-{step}.png"), full_page=True)

    def login(self, username: str) -> None:
        page = self.page
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.locator("form button[type=submit]").first.click()
        page.wait_for_load_state()
        assert "/accounts/login/" not in page.url, f"{username} could not log in"

    def submit(self, form, button: str | None = None):
        """Click a form's submit button (by its text) and wait for the next page."""
        target = form.get_by_role("button", name=re.compile(button)) if button else form.locator("[type=submit]")
        target.first.click()
        self.page.wait_for_load_state()


@pytest.fixture
def journey(request, page, viewport):
    j = Journey(page, request.node.originalname.removeprefix("test_"), viewport)
    page.on("dialog", j.on_dialog)
    yield j
    j.shot("end")
    j.watch.assert_clean()
