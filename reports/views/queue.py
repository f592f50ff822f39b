"""The reviewers' queue: submitted reports this user reviews (scoped by `selectors`)."""

from django.shortcuts import render
from django.views.generic import View

from .. import selectors


class ReviewQueueView(View):
    def get(self, request):
        reports = selectors.reports_awaiting_review(user=request.user)
        return render(request, "reports/report_queue.html", {"reports": reports})
