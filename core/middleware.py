"""A race lost at the database is a Chinese message, never a 500.

Services lock rows and re-check state, so two simultaneous requests normally end with one winner and a
refusal in words. Where the database's unique constraints are the last guard (two people confirming the
same thing at the same moment), the loser's IntegrityError arrives here: the data stayed right, so the
answer is a message and the page again, not an error page.
"""

import logging

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

CONFLICT_MESSAGE = "操作未完成：这条记录刚刚被他人（或您在另一个窗口）同时处理。请刷新页面查看最新情况。"


class ConflictMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, IntegrityError):
            return None
        logger.warning("lost race on %s %s: %s", request.method, request.path, exception)
        message = gettext(CONFLICT_MESSAGE)
        referer = request.META.get("HTTP_REFERER", "")
        if request.method == "POST" and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            messages.error(request, message)
            return redirect(referer)
        return render(request, "409.html", {"message": message}, status=409)
