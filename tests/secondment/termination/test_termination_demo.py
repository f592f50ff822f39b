"""The demo data shows a termination proposal waiting for the city's decision, one decided, the
reserve cadres' system training and 任职手续 on postings (issue 15)."""

from django.core.management import call_command
from django.test import override_settings

from accounts.models import User
from cadres.models import Cadre
from secondment.models import AppointmentFormality, TerminationProposal
from secondment.selectors import termination_queue_for_user


@override_settings(DEBUG=True)
def test_the_demo_shows_proposals_formalities_and_trained_reserve_cadres(db):
    call_command("seed_demo")
    pending = TerminationProposal.objects.get(decision="pending")
    assert pending.proposed_by.username == "org_county" and pending.inspections.exists()
    decided = TerminationProposal.objects.exclude(decision="pending").get()
    assert decided.decided_by.username == "org_city" and decided.decision_reason
    assert list(termination_queue_for_user(user=User.objects.get(username="org_city"))) == [pending]
    assert AppointmentFormality.objects.filter(recorded_by__username="receive").exists()
    assert AppointmentFormality.objects.count() >= 2
    reserve = Cadre.objects.filter(is_reserve=True)
    assert reserve.exists()
    assert not reserve.exclude(trainings__systematic=True, trainings__completed=True).exists()
