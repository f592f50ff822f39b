"""The notification centre: the user's own notifications, mark as read, email preference; and the
reminder log for org staff (their jurisdiction), with keyset pagination."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.generic import View

from core.models import Notification
from core.view_helpers import query_id

from ..access import dashboard_require, reminders_visible_to

PAGE = 30


class NotificationListView(View):
    def get(self, request):
        items = Notification.objects.filter(user=request.user).order_by("-id")
        before = query_id(request, "before")
        if before:
            items = items.filter(id__lt=before)
        page = list(items[: PAGE + 1])
        return render(
            request,
            "dashboard/notification_list.html",
            {
                "items": page[:PAGE],
                "next_before": page[PAGE - 1].pk if len(page) > PAGE else None,
            },
        )


class NotificationReadView(View):
    def post(self, request, pk: int):
        note = get_object_or_404(Notification, pk=pk, user=request.user)  # another user's: 404
        if note.read_at is None:
            note.read_at = timezone.now()
            note.save(update_fields=["read_at"])
        return redirect(note.url or "notifications:list")


class NotificationReadAllView(View):
    def post(self, request):
        Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
        return redirect("notifications:list")


class EmailPreferenceView(View):
    def post(self, request):
        request.user.email_reminders = request.POST.get("email_reminders") == "on"
        request.user.save(update_fields=["email_reminders"])
        messages.success(
            request, "已开启提醒邮件。" if request.user.email_reminders else "已关闭提醒邮件，站内通知照常。"
        )
        return redirect("notifications:list")


class ReminderLogView(View):
    """What was sent to whom, when, with what status: org staff see their jurisdiction's postings."""

    def get(self, request):
        dashboard_require(request.user, "reminder_log")
        rows = reminders_visible_to(request.user).select_related("recipient").prefetch_related("deliveries")
        before = query_id(request, "before")
        if before:
            rows = rows.filter(id__lt=before)
        page = list(rows.order_by("-id")[: PAGE + 1])
        return render(
            request,
            "dashboard/reminder_log.html",
            {
                "rows": page[:PAGE],
                "next_before": page[PAGE - 1].pk if len(page) > PAGE else None,
            },
        )
