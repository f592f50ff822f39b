import pytest
from django.core.management import CommandError, call_command
from django.db import models
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from cadres.access import cadres_visible_to, units_visible_to
from cadres.models import Cadre, Unit
from cadres.validators import validate_citizen_id


@override_settings(DEBUG=False)
def test_refuses_with_debug_off(db):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()


@override_settings(DEBUG=True)
def test_builds_a_city_idempotently(db):
    call_command("seed_demo")
    counts = (Unit.objects.count(), Cadre.objects.count(), User.objects.count())
    call_command("seed_demo")
    assert (Unit.objects.count(), Cadre.objects.count(), User.objects.count()) == counts
    assert counts[0] >= 30 and counts[1] >= 200
    assert Unit.objects.filter(is_org_department=True).count() == 4  # city + three counties
    assert set(Unit.objects.values_list("kind", flat=True)) == set(Unit.Kind.values)
    for id_number in Cadre.objects.values_list("id_number", flat=True):
        validate_citizen_id(id_number)
    for username in ["admin", "org_city", "org_county", "dispatch", "receive", "cadre"]:
        assert User.objects.get(username=username).check_password("demo12345")
    users = {u.username: u for u in User.objects.all()}
    assert cadres_visible_to(users["org_city"]).count() == counts[1]
    assert 0 < cadres_visible_to(users["org_county"]).count() < counts[1]
    assert units_visible_to(users["org_county"]).count() < counts[0]
    assert cadres_visible_to(users["cadre"]).count() == 1
    assert users["cadre"].cadre.photo.read().startswith(b"\x89PNG")  # shown on the cadre page, behind scope
    from assessments.models import Ballot, DemocraticVote

    # one appraisal's 民主测评 was run on phones: 25 of 28 slips voted, the tallies filled the step
    vote = DemocraticVote.objects.select_related("appraisal").get()
    assert vote.status == "closed" and Ballot.objects.filter(vote=vote).count() == 25
    assert (vote.appraisal.expected, vote.appraisal.present, vote.appraisal.ballots_abstain) == (28, 25, 1)
    from secondment.models import Batch, Nomination

    # the stories' four (with the 对口帮扶 batch of the 结对 demo, issue 15) and the department's six (issue 16)
    assert Batch.objects.count() == 10
    # batches in states that fit them: none holding postings is still a draft or open for nomination
    assert not Batch.objects.filter(status__in=["draft", "open"], postings__isnull=False).exists()
    assert Batch.objects.filter(status="open", nomination_deadline__gt=timezone.localdate()).count() >= 2
    assert set(Nomination.objects.values_list("status", flat=True)) >= {
        "nominated",
        "selected",
        "not_selected",
        "withdrawn",
    }
    assert Nomination.objects.filter(
        cadre=users["cadre"].cadre, status="posted", offer__receiving_unit__name="青山县石门镇"
    ).exists()
    from secondment.models import Posting

    assert set(Posting.objects.values_list("status", flat=True)) == set(Posting.Status.values)
    assert 50 <= Posting.objects.count() <= 70
    for status in Posting.Status.values:  # every state has several postings, not one each
        assert Posting.objects.filter(status=status).count() >= 2, status
    assert len({p.start_date.year for p in Posting.objects.all()}) >= 3  # three years of data
    assert Posting.objects.arrival_overdue().exists()
    assert Posting.objects.filter(
        cadre=users["cadre"].cadre, status="on_post", receiving_unit__name="青山县石门镇"
    ).exists()
    assert Posting.objects.exclude(end_date=models.F("planned_end_date")).count() == 2  # extended and shortened
    from reports.models import WorkReport

    assert set(WorkReport.objects.values_list("status", flat=True)) == set(WorkReport.Status.values)
    assert WorkReport.objects.filter(submitted_late=True).exists()
    assert WorkReport.objects.filter(submitted_late=False).exists()
    # the report waiting for the org department's review carries an attachment its reviewers open
    waiting = WorkReport.objects.get(
        posting__cadre=users["cadre"].cadre, status="submitted", cycle__recipient="org_dept"
    )
    assert waiting.attachments.get().file.read().startswith(b"%PDF")
    from secondment.filters import long_absence, rectification_overdue
    from secondment.models import LeaveRequest, WorkLogEntry

    assert long_absence(Posting.objects.all()).exists() and rectification_overdue(Posting.objects.all()).exists()
    assert {"approved", "pending"} <= set(LeaveRequest.objects.values_list("status", flat=True))
    assert WorkLogEntry.objects.count() == 3
    from assessments.models import AnnualAssessment, Appraisal

    assert set(Appraisal.objects.values_list("status", flat=True)) == {"open", "finalized"}
    correction = Appraisal.objects.get(version=2)  # the finalized form, corrected and finalized again
    assert correction.status == "finalized" and correction.previous.status == "finalized"
    from cadres.models import RewardPunishment

    assert set(RewardPunishment.objects.values_list("kind", flat=True)) == {"reward", "punishment"}
    posting = correction.posting
    assert posting.cadre.rewards_punishments.filter(date__range=(posting.start_date, posting.end_date)).exists()
    assert AnnualAssessment.objects.filter(status="confirmed").exists()
    assert set(AnnualAssessment.objects.values_list("status", flat=True)) == set(AnnualAssessment.Status.values)
    from secondment.models import ExtensionRequest

    approved = ExtensionRequest.objects.get(decision="approved")  # request, consent, decision, linked result
    assert (approved.consent, approved.decided_by) == ("given", users["org_city"])
    assert approved.annual_results.filter(final_grade__name="称职").exists()
    waiting = ExtensionRequest.objects.get(decision="consent")  # for the demo dispatching contact
    assert waiting.requested_by == users["receive"] and waiting.posting.dispatching_unit.name == "临江市农业农村局"
    assert waiting.annual_results.filter(status="confirmed", final_grade__name="优秀").exists()


@override_settings(DEBUG=False)
def test_force_runs_with_debug_off(db):
    call_command("seed_demo", "--force")
    assert User.objects.filter(username="admin", is_superuser=True).exists()


@override_settings(DEBUG=True)
def test_some_demo_cadres_come_from_lrmx_files(db):
    """Issue 19: a few demo cadres are imported from generated 任免审批表 files, through the import service."""
    from core.models import AuditLog

    call_command("seed_demo")
    cadre = Cadre.objects.get(name="林晓川")
    assert (cadre.unit.name, cadre.post) == ("青山县农业农村局", "副局长")
    assert cadre.resume_entries.count() == 4 and cadre.family_members.count() == 2
    assert cadre.particulars.inservice_education == "硕士研究生" and cadre.photo
    assert AuditLog.objects.filter(action="cadre.lrmx_import").count() == 3
