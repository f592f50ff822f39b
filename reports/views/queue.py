"""The reviewers' queue: submitted reports this user reviews (scoped by `selectors`)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.generic import View

from .. import selectors
from ..models import WorkReport

QUEUE_PER_PAGE = 100


class ReviewQueueView(View):
    def get(self, request):
        # a page at a time, without the report bodies the queue does not show (issue 18)
        reports = selectors.reports_awaiting_review(user=request.user).defer(*WorkReport.SECTIONS)
        page = Paginator(reports, QUEUE_PER_PAGE).get_page(request.GET.get("page"))
        return render(request, "reports/report_queue.html", {"reports": page.object_list, "page": page})
