"""The reviewers' queue: submitted reports this user reviews (scoped by `selectors`)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.generic import View

from .. import selectors
from ..models import WorkReport

QUEUE_PER_PAGE = 100


class ReviewQueueView(View):
    def get(self, request):
        # a page at a time, without the report bodies the queue does not show (issue 18); the page's
        # reports are picked by id first and only those 100 read with their cadre and units: a city's
        # queue holds thousands, and joining them all before sorting took most of the time
        queue = selectors.reports_awaiting_review(user=request.user)
        page = Paginator(queue.select_related(None).only("pk"), QUEUE_PER_PAGE).get_page(request.GET.get("page"))
        ids = [report.pk for report in page.object_list]
        reports = queue.filter(pk__in=ids).defer(*WorkReport.SECTIONS) if ids else []
        return render(request, "reports/report_queue.html", {"reports": reports, "page": page})
