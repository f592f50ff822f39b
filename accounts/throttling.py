"""Login throttling (django-axes): the client address, and a backend that throttles web logins only.

Failures are counted per user name *and* address (`AXES_LOCKOUT_PARAMETERS`): a shared office address
never locks a whole department, and someone guessing one person's password is stopped after
`LOGIN_FAILURE_LIMIT` tries for `LOGIN_LOCKOUT_MINUTES` (or until an administrator unlocks in admin).
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


def client_ip(request) -> str:
    """The caller's address. Behind `TRUSTED_PROXY_COUNT` reverse proxies that append to
    X-Forwarded-For, the entry the nearest trusted proxy saw; otherwise REMOTE_ADDR (the header can be
    forged when nothing trustworthy sets it)."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


class ThrottledLoginBackend(AxesStandaloneBackend):
    """Refuses a locked-out user name at this address; lets the next backend check the password.

    Logins without a web request (management commands, the test client's `login()`) are not throttled:
    there is no address to count, and axes' own backend would refuse them outright."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The Chinese page a locked-out login gets (HTTP 429)."""
    from django.shortcuts import render

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else None
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)
