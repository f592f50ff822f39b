"""Walk the URLconf and request each pattern as each role, inside a transaction that is rolled back
after every request (a POST that succeeds changes nothing for the next one)."""

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .scene import ROLES, Scene, Side


def walk(patterns=None, namespace=""):
    """(name with namespace, view callback) of every named pattern, the admin site's excluded."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from walk(p.url_patterns, inner)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}", p.callback


def routes() -> dict:
    return dict(walk())


def method_for(callback) -> str:
    """GET where the view answers GET, else POST (an empty form: the view must still check who asks)."""
    view_class = getattr(callback, "view_class", None)
    if view_class is None or hasattr(view_class, "get"):
        return "get"
    return "post"


def kwargs_for(spec: str, side: Side) -> dict:
    """`pk=posting,action=:appoint` → {"pk": side["posting"].pk, "action": "appoint"} (`:` marks a
    literal)."""
    result = {}
    for part in filter(None, (s.strip() for s in spec.split(","))):
        key, value = part.split("=")
        if value.startswith(":"):
            result[key] = value[1:]
        else:
            obj = side[value]
            result[key] = getattr(obj, "pk", obj)
    return result


def clients(scene: Scene) -> dict[str, Client]:
    result = {}
    for role in ROLES:
        client = Client()
        if scene.users[role] is not None:
            client.force_login(scene.users[role])
        result[role] = client
    return result


def request(client: Client, method: str, url: str, data=None):
    with transaction.atomic():
        response = getattr(client, method)(url, data or {})
        transaction.set_rollback(True)
    return response


def observe(scene: Scene, role_clients: dict, name: str, method: str, spec: str, side: Side, data=None) -> list:
    url = reverse(name, kwargs=kwargs_for(spec, side))
    return [request(role_clients[role], method, url, data) for role in ROLES]


def codes(responses) -> str:
    return " ".join(str(r.status_code) for r in responses)
