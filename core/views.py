from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from . import selectors


@login_not_required
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers and containers: database and broker reachability.

    The status is 503 when the database or the broker is unreachable. Anonymous callers learn only
    "ok" or "error"; the details (database, broker, the worker's last heartbeat, which does not fail
    the check) are shown to staff and administrators, and by `manage.py health`.
    """
    body = health_details()
    ok = body["status"] == "ok"
    user = request.user
    if not (user.is_authenticated and (user.is_staff or user.is_superuser)):
        body = {"status": body["status"]}
    return JsonResponse(body, status=200 if ok else 503, json_dumps_params={"ensure_ascii": False})


def health_details() -> dict:
    database = selectors.health_database()
    broker = selectors.health_broker()
    worker = selectors.health_worker() if database.ok else selectors.Check(False, "database down")
    ok = database.ok and broker.ok
    return {
        "status": "ok" if ok else "error",
        "database": {"ok": database.ok, "detail": database.detail},
        "broker": {"ok": broker.ok, "detail": broker.detail},
        "worker": {"ok": worker.ok, "last_seen": worker.detail},
    }


@login_not_required
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask for /favicon.ico on their own; the icon is the SVG that base.html links."""
    return HttpResponseRedirect(static("favicon.svg"))


def error_403(request: HttpRequest, exception: Exception | None = None):
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None):
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest):
    # Rendered without the request context: the failure may be the database the navigation needs.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())
