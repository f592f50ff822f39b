"""The cadre's timeline (履历时间轴): everything that happened to a cadre, newest first, each linked.

Apps contribute events by registering a source: `register(fn)` where `fn(cadre, user)` returns
events. Postings, reports and assessments register theirs in their own apps, so this module never
imports them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone


@dataclass(frozen=True)
class TimelineEvent:
    when: date
    kind: str  # a short Chinese label: 培训, 奖励, 惩处, 挂职, 汇报, 考核, 档案
    title: str
    url: str = ""


Source = Callable[..., Iterable[TimelineEvent]]
_sources: list[Source] = []


def register(source: Source) -> Source:
    if source not in _sources:
        _sources.append(source)
    return source


def cadre_timeline(*, cadre, user) -> list[TimelineEvent]:
    events = [event for source in _sources for event in source(cadre, user)]
    return sorted(events, key=lambda e: e.when, reverse=True)


def _as_date(value: date | datetime) -> date:
    return timezone.localtime(value).date() if isinstance(value, datetime) else value


@register
def _trainings(cadre, user):
    for t in cadre.trainings.all():
        yield TimelineEvent(
            t.start_date,
            "培训",
            f"{t.course}（{t.organizer}）{t.result}".strip(),
            reverse("cadres:cadre-detail", args=[cadre.pk]) + "#trainings",
        )


@register
def _rewards_punishments(cadre, user):
    for r in cadre.rewards_punishments.all():
        yield TimelineEvent(
            r.date,
            r.get_kind_display(),
            f"{r.title}（{r.issuing_body}）" if r.issuing_body else r.title,
            reverse("cadres:cadre-detail", args=[cadre.pk]) + "#rewards",
        )


@register
def _resume(cadre, user):
    """The résumé's periods (简历), each at its start month."""
    for e in cadre.resume_entries.all():
        if e.start[:6].isdigit() and 1 <= int(e.start[4:6] or 0) <= 12:
            yield TimelineEvent(
                date(int(e.start[:4]), int(e.start[4:]), 1),
                "简历",
                e.text,
                reverse("cadres:cadre-detail", args=[cadre.pk]) + "#resume",
            )


@register
def _record_changes(cadre, user):
    from django.contrib.contenttypes.models import ContentType

    from core.models import AuditLog

    labels = {
        "cadre.create": "建档",
        "cadre.update": "信息变更",
        "cadre.import": "名册导入",
        "cadre.lrmx_import": "任免审批表导入",
    }
    entries = AuditLog.objects.filter(
        target_type=ContentType.objects.get_for_model(cadre), target_id=str(cadre.pk), action__in=labels
    ).select_related("actor")
    for entry in entries:
        who = f"（{entry.actor}）" if entry.actor else ""
        yield TimelineEvent(_as_date(entry.created_at), "档案", f"{labels[entry.action]}{who}")
