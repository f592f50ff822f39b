"""Delivery channels of reminders. A channel decides whether it applies to a reminder and sends it;
core.reminders claims, retries and records, a batch of reminders at a time. Add a channel by adding a
class to CHANNELS. Optional hooks keep a batch at a bounded number of queries: `prepare(reminders)`
loads what `applies`/`send` need for the whole batch (kept on the reminder objects, never on the shared
channel instance: several threads may deliver at once), `finish(reminders)` releases it, and
`send_many(reminders)` replaces `send` for a channel that only writes rows, and `never_applies()` (a
Q over the deliveries, or None) names the reminders it certainly skips, so they are marked skipped in
one statement without being loaded (a month start: half the recipients have no email, most units no
group robot). `send` itself writes no rows
(a failure is recorded, the batch's transaction goes on)."""

import json
import urllib.request
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Q
from django.template.loader import render_to_string

from .models import Notification, Reminder, WebhookTarget


def absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url if url.startswith("/") else url


class InAppChannel:
    """Always applies; the notification is written in the transaction that marks the delivery sent."""

    name = "in_app"

    def applies(self, reminder: Reminder) -> bool:
        return True

    def send_many(self, reminders: list[Reminder]) -> None:
        Notification.objects.bulk_create(
            [
                Notification(
                    reminder=reminder,
                    user_id=reminder.recipient_id,
                    title=reminder.title,
                    body=reminder.body,
                    url=reminder.url,
                )
                for reminder in reminders
            ],
            ignore_conflicts=True,  # one notification per reminder (its OneToOne)
            batch_size=500,
        )

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

    def never_applies(self) -> Q:
        """`applies` is false, as a condition on the deliveries."""
        return (
            Q(reminder__recipient__email="")
            | Q(reminder__recipient__email_reminders=False)
            | Q(reminder__recipient__is_active=False)
        )

    def prepare(self, reminders: list[Reminder]) -> None:
        """One mail connection for the batch (SMTP: one login, not one per message)."""
        connection = get_connection()
        for reminder in reminders:
            reminder._mail_connection = connection

    def finish(self, reminders: list[Reminder]) -> None:
        if reminders and getattr(reminders[0], "_mail_connection", None) is not None:
            reminders[0]._mail_connection.close()

    def send(self, reminder: Reminder) -> None:
        context = {"reminder": reminder, "link": absolute(reminder.url), "user": reminder.recipient}
        message = EmailMultiAlternatives(
            # a header holds one line: a stray line break in a name must not make the send fail
            subject=" ".join(f"【挂职通】{reminder.title}".split()),
            body=render_to_string("core/email/reminder.txt", context),
            to=[reminder.recipient.email],
            connection=getattr(reminder, "_mail_connection", None),
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

    def prepare(self, reminders: list[Reminder]) -> None:
        """The active targets once for the batch, and each subject's unit once (reminders about the same
        posting share it); with no active target at all, nothing else is read."""
        active = list(WebhookTarget.objects.filter(is_active=True).select_related("unit"))
        paths: dict[tuple[int | None, int | None], str] = {}
        for reminder in reminders:
            reminder._webhook_targets = active
            if active:
                key = (reminder.subject_type_id, reminder.subject_id)
                if key not in paths:
                    paths[key] = subject_unit_path(reminder)
                reminder._subject_unit_path = paths[key]

    def targets(self, reminder: Reminder):
        active = getattr(reminder, "_webhook_targets", None)
        if active is None:
            active = list(WebhookTarget.objects.filter(is_active=True).select_related("unit"))
        if not active:
            return []
        path = getattr(reminder, "_subject_unit_path", None)
        if path is None:
            path = subject_unit_path(reminder)
        if not path:
            return []
        return [t for t in active if path.startswith(t.unit.path)]

    def applies(self, reminder: Reminder) -> bool:
        return bool(self.targets(reminder))

    def never_applies(self) -> Q | None:
        """No active target at all: every delivery is skipped (else `applies` decides per reminder)."""
        return None if WebhookTarget.objects.filter(is_active=True).exists() else Q()

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
