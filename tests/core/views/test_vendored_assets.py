"""Bootstrap (required) is vendored from the npm registry into static/vendor/ by scripts/fetch_assets.sh,
which `make` runs: without it every page is unstyled. These fail when it was not run or is out of date."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "fetch_assets.sh"
HINT = "static/vendor/bootstrap is missing or stale: run `sh scripts/fetch_assets.sh` (or `make install`)"


def _pinned(name: str) -> str:
    return re.search(rf"^{name}_VERSION=(\S+)$", SCRIPT.read_text(), re.MULTILINE).group(1)


@pytest.mark.parametrize(
    "path",
    [
        "vendor/bootstrap/css/bootstrap.min.css",
        "vendor/bootstrap/js/bootstrap.bundle.min.js",
        "vendor/bootstrap/LICENSE",
        "vendor/bootstrap/VERSION",
    ],
)
def test_bootstrap_is_found_by_the_static_finders(path):
    assert finders.find(path) is not None, HINT


def test_the_vendored_bootstrap_is_the_pinned_one():
    pinned = _pinned("BOOTSTRAP")
    assert pinned.startswith("5.3.")
    version, css = finders.find("vendor/bootstrap/VERSION"), finders.find("vendor/bootstrap/css/bootstrap.min.css")
    assert version and css, HINT
    assert Path(version).read_text().strip() == pinned, HINT
    css_head = Path(css).read_text(encoding="utf-8")[:200]
    assert f"Bootstrap  v{pinned}" in css_head, HINT


def test_whitenoise_serves_the_bootstrap_css(client, settings):
    settings.WHITENOISE_USE_FINDERS = True  # production serves the collected copy; here, the finders' one
    response = client.get("/static/vendor/bootstrap/css/bootstrap.min.css")
    assert response.status_code == 200, HINT
    assert response["Content-Type"].startswith("text/css")
