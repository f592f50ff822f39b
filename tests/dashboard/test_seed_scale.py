"""seed_scale (issue 18): the benchmark data at tiny sizes keeps the rules the pages rely on."""

from collections import defaultdict

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.models import User
from assessments.models import AnnualAssessment, Appraisal
from cadres.access import cadres_visible_to
from cadres.models import Cadre, Unit
from cadres.validators import validate_citizen_id
from core.models import AuditLog, Delivery, Notification, Reminder
from reports.access import work_reports_visible_to
from reports.models import WorkReport, WorkReportRound
from secondment.access import postings_visible_to
from secondment.models import Batch, Nomination, Posting, PostingStatusChange


@pytest.fixture
def seeded(db):
    with override_settings(DEBUG=True):
        call_command("seed_scale", cadres=400, postings=120, audit=500, seed=7, verbosity=0)
    return {u.username: u for u in User.objects.all()}


@override_settings(DEBUG=False)
def test_seed_scale_refuses_with_debug_off(db):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_scale", cadres=10, postings=2)
    assert not Cadre.objects.exists()


def test_seed_scale_builds_every_state_with_its_history(seeded):
    assert Cadre.objects.count() >= 400
    assert set(Posting.objects.values_list("status", flat=True)) == set(Posting.Status.values)
    assert set(WorkReport.objects.values_list("status", flat=True)) == set(WorkReport.Status.values)
    assert set(Batch.objects.values_list("status", flat=True)) >= {"open", "closed", "decided"}
    assert set(Nomination.objects.values_list("status", flat=True)) >= {
        "nominated",
        "withdrawn",
        "not_selected",
        "posted",
    }
    assert set(Appraisal.objects.values_list("status", flat=True)) == set(Appraisal.Status.values)
    assert AnnualAssessment.objects.filter(status="confirmed").exists()
    # every posting's history starts with 建立挂职 and ends in the posting's status
    history = defaultdict(list)
    for posting_id, to_status in PostingStatusChange.objects.order_by("id").values_list("posting_id", "to_status"):
        history[posting_id].append(to_status)
    for posting in Posting.objects.all():
        steps = history[posting.pk]
        assert steps and steps[0] == "planned", posting.pk
        assert steps[-1] == posting.status, (posting.pk, steps)
    # one active posting per cadre (the database constraint held), submitted reports have their round
    submitted = WorkReport.objects.exclude(status="draft")
    assert WorkReportRound.objects.filter(report__in=submitted).values("report").distinct().count() == submitted.count()
    seeded_reminders = Reminder.objects.filter(key__startswith="scale:")
    assert Notification.objects.filter(reminder__in=seeded_reminders).count() == seeded_reminders.count() == 400
    assert Delivery.objects.filter(reminder__in=seeded_reminders).count() == 3 * 400
    assert AuditLog.objects.count() >= 500
    for id_number in Cadre.objects.values_list("id_number", flat=True)[:200]:
        validate_citizen_id(id_number)


def test_seed_scale_gives_the_demo_logins_a_large_share(seeded):
    province = Unit.objects.get(name="中共江南省委")
    city = Unit.objects.get(name="中共临江市委")
    assert city.parent_id == province.pk and city.path.startswith(province.path)
    assert not Unit.objects.exclude(path__startswith=province.path).exists()  # the tree was re-rooted whole
    for username in ("org_city", "org_county", "dispatch", "receive"):
        assert postings_visible_to(seeded[username]).exists(), username
    for username in ("org_city", "org_county"):
        assert cadres_visible_to(seeded[username]).count() >= 40, username
        assert work_reports_visible_to(seeded[username]).exists(), username
    assert postings_visible_to(seeded["org_city"]).count() >= Posting.objects.count() // 5


def test_seed_scale_is_deterministic_and_refuses_a_second_run(seeded):
    first = list(Cadre.objects.order_by("-id").values_list("name", "id_number")[:20])
    with override_settings(DEBUG=True), pytest.raises(CommandError, match="已生成过"):
        call_command("seed_scale", cadres=10, postings=2, verbosity=0)
    assert list(Cadre.objects.order_by("-id").values_list("name", "id_number")[:20]) == first
