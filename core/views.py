from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from . import selectors


@login_not_required
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers and containers: database and broker reachability.

    The status is 503 when the database or the broker is unreachable. The worker's heartbeat is
    reported but does not fail the check (the web process is healthy without a worker).
    """
    database = selectors.health_database()
    broker = selectors.health_broker()
    worker = selectors.health_worker() if database.ok else selectors.Check(False, "database down")
    ok = database.ok and broker.ok
    body = {
        "status": "ok" if ok else "error",
        "database": {"ok": database.ok, "detail": database.detail},
        "broker": {"ok": broker.ok, "detail": broker.detail},
        "worker": {"ok": worker.ok, "last_seen": worker.detail},
    }
    return JsonResponse(body, status=200 if ok else 503, json_dumps_params={"ensure_ascii": False})


def error_403(request: HttpRequest, exception: Exception | None = None):
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None):
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest):
    # Rendered without the request context: the failure may be the database the navigation needs.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())
