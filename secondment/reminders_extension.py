"""Reminders of extension requests (延期) waiting on a step: the dispatching contacts while their consent is
asked (REMINDER_EXTENSION_CONSENT_DAYS after the request), the organizing org department while its
decision is (REMINDER_EXTENSION_DECISION_DAYS after the consent). Like every rule: what is due and not
yet reminded, one key per rung, only the latest rung reached after a gap."""

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.reminders import Candidate, latest_rung, rule

from .models import ExtensionRequest
from .reminders import POSTING, Recipients

# (decision waited on, whose step, days after which reference, setting, default rungs)
STEPS = {
    ExtensionRequest.Decision.AWAITING_CONSENT: ("dispatch_contact", "created_at", "REMINDER_EXTENSION_CONSENT_DAYS"),
    ExtensionRequest.Decision.PENDING: ("org_staff", "consent_at", "REMINDER_EXTENSION_DECISION_DAYS"),
}
DEFAULT_DAYS = [0, 3]


@rule
def extension_requests_waiting(today: date):
    requests = list(
        ExtensionRequest.objects.filter(decision__in=list(STEPS)).select_related(
            "posting__cadre", "posting__batch__organizer", "posting__receiving_unit"
        )
    )
    due = []
    for request in requests:
        who, field, setting = STEPS[request.decision]
        since = getattr(request, field) or request.created_at
        rung = latest_rung((today - timezone.localdate(since)).days, getattr(settings, setting, DEFAULT_DAYS))
        if rung is not None:
            due.append((request, who, rung))
    recipients = Recipients(request.posting for request, _, _ in due)
    for request, who, rung in due:
        posting = request.posting
        if who == "dispatch_contact":
            title = f"请对{posting.cadre.name}的延期申请提出派出单位意见"
        else:
            title = f"请决定{posting.cadre.name}的延期申请"
        for uid in recipients.of(posting, who):
            yield Candidate(
                f"extension:{request.pk}:{request.decision}:{rung}:{uid}",
                uid,
                "extension_waiting",
                title,
                f"接收单位申请延期至{request.new_end_date:%Y年%m月%d日}：{request.receiving_unit_request[:150]}",
                reverse("secondment:posting-detail", args=[posting.pk]),
                posting.pk,
                subject_type=POSTING,
            )
