"""Bad query parameters give 400 or are ignored, never a 500: every page answering GET (as declared in the
access matrix) is fetched with junk in each parameter it knows — the fields of its own GET forms, the
filters of the app's filter sets, and the parameters views read by hand — alone and all at once."""

import re

from django.urls import reverse

from cadres.filters import CadreFilter
from dashboard.views.statistics import FilterForm
from secondment.filters import PostingFilter

from .access_matrix import ACCESS, ROLES
from .scene import build_scene
from .urlwalk import clients, kwargs_for, method_for, request, routes

# read by views with request.GET.get(...) (grep request.GET)
HAND_READ = {"page", "before", "offer", "batch", "from", "to", "by", "format", "copies", "print", "parent", "unit"}
FILTER_PARAMS = set(CadreFilter.base_filters) | set(PostingFilter.base_filters) | set(FilterForm.base_fields)
JUNK = ["abc", "-1", "0", "99999999999999999999999", "²", "1e309", "", "a\x00b", "'\"<>", "x" * 3000, "2026-02-30"]
# pages whose query string is not a filter: rendering many PDF copies is tested elsewhere
SKIP = {"login", "logout", "health", "dashboard:calendar-feed", "legacy-calendar-feed"}
ORG_CITY = ROLES.index("org_city")
# pages with a record in the URL that read their query string all the same
READS_QUERY = {"secondment:batch-ranking", "secondment:posting-worklog", "documents:print-job", "documents:transfer"}


def _get_form_fields(html: str) -> set[str]:
    fields = set()
    for form in re.findall(r"<form[^>]*method=\"get\"[^>]*>(.*?)</form>", html, flags=re.S | re.I):
        fields |= set(re.findall(r"name=\"([\w-]+)\"", form))
    return fields


def test_junk_query_parameters_never_give_a_server_error(world):
    """List pages (no record in the URL, or a page that reads its query string): every junk value in all
    parameters at once, then each field of the page's own GET forms alone. Other pages: a few junk values
    in all parameters at once."""
    scene = build_scene(world)
    client = clients(scene)["org_city"]
    found = routes()
    failures = []
    for name, (spec, in_scope, _out) in sorted(ACCESS.items()):
        if name in SKIP or method_for(found[name]) != "get" or in_scope.split()[ORG_CITY] != "200":
            continue
        url = reverse(name, kwargs=kwargs_for(spec, scene.a))
        page = request(client, "get", url)
        content_type = page.headers.get("Content-Type", "")
        own_fields = _get_form_fields(page.content.decode()) if "html" in content_type else set()
        if content_type.startswith("application/pdf"):
            queries = [{"copies": junk} for junk in JUNK[:5]]
        elif not spec or name in READS_QUERY:
            everything = HAND_READ | FILTER_PARAMS | own_fields
            queries = [dict.fromkeys(sorted(everything), junk) for junk in JUNK]
            queries += [{field: JUNK[i % len(JUNK)]} for i, field in enumerate(sorted(own_fields))]
        else:
            queries = [dict.fromkeys(sorted(HAND_READ | own_fields), junk) for junk in JUNK[:4]]
        for query in queries:
            response = request(client, "get", url, query)
            if response.status_code >= 500:
                failures.append(f"{url} {query!r:.120} → {response.status_code}")
    assert not failures, "\n".join(failures)


def test_ranking_with_a_junk_offer_is_the_whole_ranking(client, batch_world):
    """`/secondment/batches/N/ranking/?offer=abc` was a 500."""
    client.force_login(batch_world.org_county_a)
    url = reverse("secondment:batch-ranking", args=[batch_world.batch.pk])
    for junk in ("abc", "²", "99999999999999999999999", "-1"):
        response = client.get(url, {"offer": junk})
        assert response.status_code == 200
        assert response.context["offer_pk"] is None


def test_notification_pages_ignore_a_junk_cursor(client, world):
    client.force_login(world.org_city)
    for name in ("notifications:list", "notifications:log"):
        for junk in ("²", "99999999999999999999999", "abc"):
            assert client.get(reverse(name), {"before": junk}).status_code == 200


def test_a_unit_filter_with_a_nul_or_a_superscript_digit_is_refused_not_a_server_error(db):
    """`²`.isdigit() is true and PostgreSQL refuses NUL in text: the unit field says the value is not a
    unit instead of passing either to the database."""
    import pytest
    from django.core.exceptions import ValidationError

    from cadres.fields import UnitChoiceField
    from cadres.models import Unit

    field = UnitChoiceField(queryset=Unit.objects.all())
    for junk in ("²", "a\x00b", "1\x00"):
        with pytest.raises(ValidationError):
            field.clean(junk)
