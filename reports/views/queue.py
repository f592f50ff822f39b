"""The reviewers' queue: submitted reports this user reviews (scoped by `selectors`)."""

from django.shortcuts import render
from django.views.generic import View

from .. import selectors

QUEUE_PER_PAGE = 50


class ReviewQueueView(View):
    def get(self, request):
        # a page at a time, without the report bodies the queue does not show (issue 18)
        page, reports = selectors.review_queue_page(
            user=request.user, number=request.GET.get("page"), per_page=QUEUE_PER_PAGE
        )
        return render(request, "reports/report_queue.html", {"reports": reports, "page": page})
