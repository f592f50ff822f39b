"""`make run` shows the product's Chinese 404/500 pages, not Django's English debug pages: its website
process runs with DEBUG off (Procfile.dev) and the local settings then serve static files through
WhiteNoise's finders. A favicon is linked and /favicon.ico leads to it."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)

SCRIPT = """
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client()
print("DEBUG", settings.DEBUG)
print("STATIC", client.get("/static/favicon.svg").status_code)
from django.test import RequestFactory
from django.contrib.auth.models import AnonymousUser
from core.views import error_404
request = RequestFactory().get("/nowhere/")
request.user = AnonymousUser()
print("PAGE404", "页面不存在" in error_404(request).content.decode())
"""


def _web_command() -> str:
    line = next(li for li in (ROOT / "Procfile.dev").read_text().splitlines() if li.startswith("web:"))
    return line


def test_make_run_starts_the_website_with_debug_off_unless_asked():
    assert "DEBUG=${DEBUG:-false}" in _web_command()


def test_the_local_settings_with_debug_off_serve_static_files_and_the_chinese_404(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "DEBUG False" in out.stdout
    assert "STATIC 200" in out.stdout  # without collectstatic: WhiteNoise finds it in static/
    assert "PAGE404 True" in out.stdout


def test_a_404_is_the_products_chinese_page(client, world):
    client.force_login(world.cadre_user)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_every_page_links_the_favicon_and_favicon_ico_leads_to_it(client, world):
    assert finders.find("favicon.svg")
    client.force_login(world.cadre_user)
    assert "favicon.svg" in client.get(reverse("home")).content.decode()
    client.logout()
    response = client.get("/favicon.ico")  # asked by browsers on their own, before any login
    assert response.status_code == 302 and response["Location"].endswith("favicon.svg")
