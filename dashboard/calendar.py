"""Each user's own deadlines as an iCalendar feed (a secret per-user URL that can be regenerated)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from accounts.models import Role, User
from accounts.roles import roles_of
from reports.models import WorkReport
from secondment.models import Posting


def regenerate_token(user: User) -> str:
    user.calendar_token = secrets.token_urlsafe(24)
    user.save(update_fields=["calendar_token"])
    return user.calendar_token


def user_for_token(token: str) -> User | None:
    if not token or len(token) < 16:
        return None
    return User.objects.filter(calendar_token=token, is_active=True).first()


def _event(cal, uid, day, summary, url):
    event = Event()
    event.add("uid", f"{uid}@guazhitong")
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("url", settings.SITE_URL.rstrip("/") + url)
    cal.add_component(event)


def calendar_for(user: User) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//挂职通//guazhitong//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "挂职通 · 我的期限")
    roles = roles_of(user)
    if roles.cadre_id:
        for r in WorkReport.objects.filter(
            posting__cadre_id=roles.cadre_id, out_of_term=False, status__in=["draft", "returned"]
        ).select_related("cycle"):
            _event(
                cal,
                f"report-{r.pk}",
                r.due_date,
                f"报送{r.cycle.name}（{r.period_label}）",
                reverse("reports:detail", args=[r.pk]),
            )
        for p in Posting.objects.filter(cadre_id=roles.cadre_id, status="on_post"):
            _event(cal, f"term-{p.pk}", p.end_date, "挂职期满", reverse("secondment:posting-detail", args=[p.pk]))
    receive = roles.unit_ids.get(Role.RECEIVE_CONTACT, ())
    if receive:
        for p in Posting.objects.filter(receiving_unit_id__in=receive, status="appointed").select_related("cadre"):
            if p.arrival_deadline:
                _event(
                    cal,
                    f"arrival-{p.pk}",
                    p.arrival_deadline,
                    f"{p.cadre.name}到岗期限",
                    reverse("secondment:posting-detail", args=[p.pk]),
                )
    return cal.to_ical()
