"""Delivery channels of reminders. A channel decides whether it applies to a reminder and sends it;
core.reminders claims, retries and records. Add a channel by adding a class to CHANNELS."""

import json
import urllib.request
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from .models import Notification, Reminder, WebhookTarget


def absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url if url.startswith("/") else url


class InAppChannel:
    """Always applies; the notification is written in the transaction that marks the delivery sent."""

    name = "in_app"

    def applies(self, reminder: Reminder) -> bool:
        return True

    def send(self, reminder: Reminder) -> None:
        Notification.objects.get_or_create(
            reminder=reminder,
            defaults={
                "user_id": reminder.recipient_id,
                "title": reminder.title,
                "body": reminder.body,
                "url": reminder.url,
            },
        )


class EmailChannel:
    name = "email"

    def applies(self, reminder: Reminder) -> bool:
        user = reminder.recipient
        return bool(user.email) and user.email_reminders and user.is_active

    def send(self, reminder: Reminder) -> None:
        context = {"reminder": reminder, "link": absolute(reminder.url), "user": reminder.recipient}
        message = EmailMultiAlternatives(
            # a header holds one line: a stray line break in a name must not make the send fail
            subject=" ".join(f"【挂职通】{reminder.title}".split()),
            body=render_to_string("core/email/reminder.txt", context),
            to=[reminder.recipient.email],
        )
        message.attach_alternative(render_to_string("core/email/reminder.html", context), "text/html")
        message.send(fail_silently=False)


_subject_units: dict[str, Callable[[int], str]] = {}


def subject_unit(label: str) -> Callable[[Callable[[int], str]], Callable[[int], str]]:
    """Register how to find the unit (its tree path) a reminder's subject belongs to, for channels that
    reach a unit's group chat: `@subject_unit("secondment.posting")` on `fn(posting_id) -> path`."""

    def register(fn: Callable[[int], str]) -> Callable[[int], str]:
        _subject_units[label] = fn
        return fn

    return register


def subject_unit_path(reminder: Reminder) -> str:
    if reminder.subject_type_id is None or reminder.subject_id is None:
        return ""
    subject_type = reminder.subject_type
    resolve = _subject_units.get(f"{subject_type.app_label}.{subject_type.model}")
    return resolve(reminder.subject_id) if resolve else ""


class WebhookChannel:
    """企业微信/钉钉 group robots: a JSON text message POSTed to each active target whose unit contains
    the unit of the reminder's subject (core.reminders.subject_unit:
    a posting's receiving unit). Both robots accept {"msgtype": "text", "text": {"content": ...}}."""

    name = "webhook"
    timeout = 10

    def targets(self, reminder: Reminder):
        path = subject_unit_path(reminder)
        if not path:
            return []
        return [
            t
            for t in WebhookTarget.objects.filter(is_active=True).select_related("unit")
            if path.startswith(t.unit.path)
        ]

    def applies(self, reminder: Reminder) -> bool:
        return bool(self.targets(reminder))

    def send(self, reminder: Reminder) -> None:
        content = f"【挂职通】{reminder.title}\n{reminder.body}\n{absolute(reminder.url)}".strip()
        payload = json.dumps({"msgtype": "text", "text": {"content": content}}, ensure_ascii=False).encode()
        for target in self.targets(reminder):
            request = urllib.request.Request(
                target.url, data=payload, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
            )
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                if response.status >= 300:
                    raise OSError(f"webhook answered {response.status}")


CHANNELS = [InAppChannel(), EmailChannel(), WebhookChannel()]
