"""The access matrix, generated from the URLconf: every URL pattern × every role × a record in and out of
scope answers the status declared in tests/security/access_matrix.py, and a pattern without a line there
fails. Every one of these responses also carries the Content-Security-Policy header."""

import re

from django.contrib import admin
from django.urls import get_resolver, reverse

from .access_matrix import ACCESS, ROLES
from .scene import build_scene
from .urlwalk import clients, codes, method_for, observe, request, routes


def _route_patterns() -> dict[str, str]:
    def walk(patterns, prefix="", namespace=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
                yield from walk(p.url_patterns, prefix + str(p.pattern), inner)
            elif p.name:
                yield f"{namespace}{p.name}", prefix + str(p.pattern)

    return dict(walk(get_resolver().url_patterns))


def test_every_url_pattern_is_declared():
    found = routes()
    missing = sorted(set(found) - set(ACCESS))
    patterns = _route_patterns()
    arguments = {name: ",".join(re.findall(r"<(?:\w+:)?(\w+)>", patterns[name])) for name in missing}
    hint = "\n".join(
        f'    "{name}": ("<fill: {arguments[name]}>", "<7 statuses>", "<7 statuses or None>"),'
        f"  # {method_for(found[name]).upper()} /{patterns[name]}"
        for name in missing
    )
    assert not missing, f"URL patterns without a line in tests/security/access_matrix.py:\n{hint}"
    assert not set(ACCESS) - set(found), f"lines for URL names that no longer exist: {set(ACCESS) - set(found)}"


def test_no_declared_status_is_a_server_error():
    for name, (_spec, in_scope, out_of_scope) in ACCESS.items():
        for line in (in_scope, out_of_scope or ""):
            assert "500" not in line.split(), name
            assert len(line.split()) in (0, len(ROLES)), name


def test_every_url_answers_each_role_as_declared(world):
    scene = build_scene(world)
    role_clients = clients(scene)
    found = routes()
    wrong, without_csp = [], []
    for name, (spec, in_scope, out_of_scope) in sorted(ACCESS.items()):
        method = method_for(found[name])
        for side, expected in ((scene.a, in_scope), (scene.b, out_of_scope)):
            if expected is None:
                continue
            responses = observe(scene, role_clients, name, method, spec, side)
            got = codes(responses)
            if got != expected:
                wrong.append(f"{name} ({'in' if side is scene.a else 'out of'} scope): expected {expected}, got {got}")
            without_csp += [name for r in responses if "Content-Security-Policy" not in r.headers]
    assert not wrong, "roles:     " + " ".join(ROLES) + "\n" + "\n".join(wrong)
    assert not without_csp, f"responses without a Content-Security-Policy header: {sorted(set(without_csp))}"


def test_django_admin_is_for_the_administrator_only(world):
    """Django admin is one rule for all its patterns: every page of every registered model sends the
    other roles (who are not staff) to a login page; the administrator gets the page."""
    scene = build_scene(world)
    role_clients = clients(scene)
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        urls.append(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
    for url in urls:
        for role in ROLES:
            response = request(role_clients[role], "get", url)
            if role == "admin":
                assert response.status_code == 200, url
            else:
                assert response.status_code == 302 and "/login/" in response["Location"], (role, url)


def test_a_record_page_links_only_to_pages_the_reader_may_open(client, world):
    """The receiving contact sees the cadre seconded to their town but not the cadre's home unit: the
    cadre page names the unit without a link that would answer 404 (found by bench/load.py)."""
    scene = build_scene(world)
    unit_url = reverse("cadres:unit-detail", args=[world.unit_a.pk])
    client.force_login(world.receive_a)
    html = client.get(reverse("cadres:cadre-detail", args=[world.cadre_a.pk])).content.decode()
    assert world.unit_a.name in html and f'href="{unit_url}"' not in html
    assert client.get(unit_url).status_code == 404
    client.force_login(scene.users["dispatch"])
    html = client.get(reverse("cadres:cadre-detail", args=[world.cadre_a.pk])).content.decode()
    assert f'href="{unit_url}"' in html
