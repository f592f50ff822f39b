"""Every page needs a login: walk the URLconf, so new pages are covered automatically."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# the feed is guarded by its secret token; the favicon leads to a static file
PUBLIC = {"login", "health", "favicon", "calendar-feed", "legacy-calendar-feed"}
# the phone vote's pages (/v/…) are for voters without accounts, by design: a slip's code is the key, and
# tests/assessments/test_democratic_vote_pages.py proves an unknown code learns nothing
PUBLIC_PREFIXES = ("/v/",)


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.name


def _concrete(route: str) -> str:
    """Fill path converters and regex groups with a plausible value."""
    route = re.sub(r"<(?:int:)?\w+>", "1", route)
    route = re.sub(r"<(?:str|slug|path):\w+>", "x", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    route = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    return "/" + route


ROUTES = sorted({(_concrete(r), n) for r, n in _walk(get_resolver().url_patterns)})


def test_the_walk_finds_the_pages():
    names = {n for _, n in ROUTES}
    assert {"home", "cadres:cadre-list", "login", "health"} <= names | {"cadres:" + n for n in names if n}


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name"), ROUTES)
def test_anonymous_is_sent_to_login(client, path, name):
    if name in PUBLIC or path.startswith(PUBLIC_PREFIXES) or "(?" in path or "[" in path:
        pytest.skip("public page or an unresolvable regex route")
    response = client.get(path)
    if path.startswith("/admin/"):
        # Django admin has its own login page; it must not show anything either.
        assert response.status_code in (302, 404)
        if response.status_code == 302:
            assert "/login/" in response["Location"]
        return
    assert response.status_code == 302, path
    assert response["Location"].startswith("/accounts/login/?next="), path


@pytest.mark.django_db
def test_login_page_is_public_and_chinese(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "用户名" in html and "密码" in html and 'lang="zh-hans"' in html
    # nothing is loaded from another host (intranet deployments have no internet)
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in html
