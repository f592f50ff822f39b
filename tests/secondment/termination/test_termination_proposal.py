"""Termination by proposal (seed 004 "由各县委组织部、接收单位提出意见，报市委组织部研究后，终止挂职"):
the county org department or the receiving unit proposes with reasons and evidence; the organizing org
department decides; both steps attributed, in the history, queued and reminded."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.models import Reminder
from core.reminders import reminder_scan
from secondment.models import BatchKind, TerminationProposal
from secondment.services.batches import batch_create
from secondment.services.conduct import inspection_record
from secondment.services.leave import absence_record_add
from secondment.services.postings import posting_create, posting_transition
from secondment.services.termination import termination_proposal_decide, termination_propose
from tests.factories import make_cadre, make_user


def _on_post(batch, cadre, receiving_unit):
    p = posting_create(
        batch=batch,
        cadre=cadre,
        receiving_unit=receiving_unit,
        post="副镇长",
        start_date=date(2026, 3, 2),
        acting_user=None,
    )
    posting_transition(
        posting=p, action="appoint", acting_user=None, appointment_doc_no="X", appointment_date=date(2026, 3, 2)
    )
    return posting_transition(
        posting=p, action="confirm_arrival", acting_user=None, arrival_date=date(2026, 3, 3), today=date(2026, 3, 5)
    )


@pytest.fixture
def city_world(world):
    """A city batch (organized by the city org department) with cadre_a on post at town_a in county A."""
    world.city_batch = batch_create(
        acting_user=world.org_city,
        name="2026年市直单位干部到基层挂职",
        kind=BatchKind.objects.get(name="下派"),
        year=2026,
        organizer=world.city,
        planned_start=date(2026, 3, 1),
        nomination_deadline=date(2026, 2, 1),
    )
    world.posting = _on_post(world.city_batch, world.cadre_a, world.town_a)
    world.absence = absence_record_add(
        posting=world.posting,
        start_date=date(2026, 6, 1),
        end_date=date(2026, 6, 20),
        notes="未请假离岗",
        acting_user=world.receive_a,
    )
    world.inspection = inspection_record(
        posting=world.posting,
        date=date(2026, 6, 10),
        method="spot",
        findings="抽查时不在岗",
        acting_user=world.org_county_a,
    )
    return world


def _propose(w, user, **extra):
    fields = dict(grounds="absence", reasons="长期未经批准离岗，经提醒仍未返岗", acting_user=user)
    fields.update(extra)
    return termination_propose(posting=w.posting, **fields)


def test_the_county_proposes_on_a_city_batch_and_only_the_city_decides(city_world):
    w = city_world
    with pytest.raises(PermissionDenied):  # the county does not decide on a city batch
        posting_transition(posting=w.posting, action="terminate", acting_user=w.org_county_a, reason="x")
    proposal = _propose(w, w.org_county_a, absences=[w.absence], inspections=[w.inspection])
    assert proposal.proposer_side == "org_department" and proposal.proposer_unit == w.county_a
    assert list(proposal.absences.all()) == [w.absence] and list(proposal.inspections.all()) == [w.inspection]
    with pytest.raises(PermissionDenied, match="本批次所属组织部门研究决定"):
        termination_proposal_decide(proposal=proposal, approve=True, reason="同意", acting_user=w.org_county_a)
    termination_proposal_decide(
        proposal=proposal, approve=True, reason="经部务会研究，同意终止", acting_user=w.org_city
    )
    w.posting.refresh_from_db()
    proposal.refresh_from_db()
    assert w.posting.status == "terminated"
    assert (proposal.decision, proposal.decided_by) == ("approved", w.org_city) and proposal.decided_at
    history = {h.action: h for h in w.posting.history.all()}
    assert history["termination_proposed"].actor == w.org_county_a
    assert history["terminate"].actor == w.org_city and history["terminate"].data["proposal"] == proposal.pk
    assert history["terminate"].data["grounds"] == "absence"


def test_the_receiving_unit_proposes_and_the_organizer_rejects_with_reasons(city_world):
    w = city_world
    proposal = _propose(w, w.receive_a)
    assert proposal.proposer_side == "receiving_unit" and proposal.proposer_unit == w.town_a
    with pytest.raises(ValidationError):
        termination_proposal_decide(proposal=proposal, approve=False, reason=" ", acting_user=w.org_city)
    termination_proposal_decide(
        proposal=proposal, approve=False, reason="给予提醒谈话，限期返岗", acting_user=w.org_city
    )
    w.posting.refresh_from_db()
    assert w.posting.status == "on_post"
    rejected = w.posting.history.get(action="termination_rejected")
    assert rejected.actor == w.org_city and rejected.reason == "给予提醒谈话，限期返岗"
    with pytest.raises(ValidationError, match="已经决定"):
        termination_proposal_decide(proposal=proposal, approve=True, reason="改为同意", acting_user=w.org_city)


def test_dispatching_unit_and_cadre_cannot_propose(city_world):
    w = city_world
    for user in (w.dispatch_a, w.cadre_user):
        with pytest.raises(PermissionDenied, match="县（区）委组织部或接收单位"):
            _propose(w, user)


def test_a_proposal_needs_reasons_and_evidence_of_its_own_posting(city_world):
    w = city_world
    with pytest.raises(ValidationError) as error:
        _propose(w, w.receive_a, reasons="  ")
    assert "reasons" in error.value.message_dict
    other = _on_post(w.city_batch, w.cadre_b, w.town_a)
    foreign = absence_record_add(
        posting=other, start_date=date(2026, 6, 1), end_date=date(2026, 6, 2), notes="x", acting_user=w.receive_a
    )
    with pytest.raises(ValidationError) as error:
        _propose(w, w.receive_a, absences=[foreign])
    assert "absences" in error.value.message_dict
    assert not TerminationProposal.objects.exists()


def test_one_pending_proposal_and_no_direct_termination_while_it_waits(city_world):
    w = city_world
    _propose(w, w.receive_a)
    with pytest.raises(ValidationError, match="待决定的终止建议"):
        _propose(w, w.org_county_a)
    with pytest.raises(ValidationError, match="待决定的终止建议"):
        posting_transition(posting=w.posting, action="terminate", acting_user=w.org_city, reason="直接终止")


def test_the_decider_is_reminded_of_a_pending_proposal_once_then_once_more_when_it_waits(city_world):
    w = city_world
    proposal = _propose(w, w.receive_a)
    made = timezone.localdate(proposal.created_at)
    for day in range(0, 12):  # the scan runs daily (a skipped day is caught up: the rule is not day-exact)
        if day in (1, 2):
            continue
        reminder_scan(today=made + timedelta(days=day))
    titles = sorted(Reminder.objects.filter(recipient=w.org_city, kind="termination").values_list("title", flat=True))
    assert len(titles) == 2 and any("请研究" in t for t in titles) and any("已等待" in t for t in titles)
    assert not Reminder.objects.filter(recipient=w.org_county_a, kind="termination").exists()
    termination_proposal_decide(proposal=proposal, approve=False, reason="暂不终止", acting_user=w.org_city)
    reminder_scan(today=made + timedelta(days=20))
    assert Reminder.objects.filter(recipient=w.org_city, kind="termination").count() == 2
    # the proposer is told of the decision
    told = Reminder.objects.get(recipient=w.receive_a, kind="termination")
    assert "不同意终止" in told.title


class TestPages:
    def test_county_proposes_with_an_attachment_and_the_city_decides_on_the_page(self, client, city_world):
        w = city_world
        client.force_login(w.org_county_a)
        page = client.get(reverse("secondment:posting-detail", args=[w.posting.pk])).content.decode()
        assert 'data-action="propose_termination"' in page and 'data-action="terminate"' not in page
        response = client.post(
            reverse("secondment:posting-termination", args=[w.posting.pk]),
            {
                "grounds": "absence",
                "reasons": "连续20天未到岗",
                "absences": [w.absence.pk],
                "inspections": [w.inspection.pk],
                "attachment": SimpleUploadedFile("情况说明.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
            },
        )
        assert response.status_code == 302
        proposal = TerminationProposal.objects.get()
        assert proposal.attachment_name == "情况说明.pdf" and proposal.absences.count() == 1
        download = client.get(reverse("secondment:posting-termination-attachment", args=[w.posting.pk, proposal.pk]))
        assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"
        # the county cannot decide
        decide = reverse("secondment:posting-termination-decide", args=[w.posting.pk, proposal.pk])
        assert client.post(decide, {"approve": "1", "reason": "同意"}).status_code == 403
        client.force_login(w.org_city)
        page = client.get(reverse("secondment:posting-detail", args=[w.posting.pk])).content.decode()
        assert "连续20天未到岗" in page and 'data-action="terminate"' not in page  # decide the proposal instead
        queue = client.get(reverse("secondment:termination-queue")).content.decode()
        assert "甲干部" in queue
        assert client.post(decide, {"approve": "1", "reason": "同意终止"}).status_code == 302
        w.posting.refresh_from_db()
        assert w.posting.status == "terminated"

    def test_a_bad_proposal_changes_nothing_and_says_why(self, client, city_world):
        w = city_world
        client.force_login(w.receive_a)
        response = client.post(
            reverse("secondment:posting-termination", args=[w.posting.pk]), {"grounds": "absence", "reasons": ""}
        )
        assert response.status_code == 200 and not TerminationProposal.objects.exists()
        assert "意见和理由" in response.content.decode()

    def test_new_pages_answer_404_outside_scope(self, client, city_world):
        w = city_world
        proposal = _propose(
            w, w.receive_a, attachment=SimpleUploadedFile("a.pdf", b"%PDF", content_type="application/pdf")
        )
        outsider = make_user("t_org_county_b", roles=[(Role.ORG_STAFF, w.county_b)])
        client.force_login(outsider)
        urls = [
            (
                "post",
                reverse("secondment:posting-termination", args=[w.posting.pk]),
                {"grounds": "other", "reasons": "x"},
            ),
            (
                "post",
                reverse("secondment:posting-termination-decide", args=[w.posting.pk, proposal.pk]),
                {"approve": "1", "reason": "x"},
            ),
            ("get", reverse("secondment:posting-termination-attachment", args=[w.posting.pk, proposal.pk]), {}),
        ]
        for method, url, data in urls:
            assert getattr(client, method)(url, data).status_code == 404, url
        assert "甲干部" not in client.get(reverse("secondment:termination-queue")).content.decode()

    def test_the_queue_lists_only_what_the_user_decides_in_flat_queries(self, client, city_world):
        w = city_world
        _propose(w, w.receive_a)
        client.force_login(w.org_county_a)  # sees the posting, does not decide on the city batch
        assert "甲干部" not in client.get(reverse("secondment:termination-queue")).content.decode()
        client.force_login(w.org_city)

        def count():
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(reverse("secondment:termination-queue")).status_code == 200
            return len(ctx.captured_queries)

        one = count()
        for i in range(5):
            posting = _on_post(w.city_batch, make_cadre(w.unit_a, f"批量{i}"), w.town_a)
            termination_propose(posting=posting, grounds="other", reasons="x", acting_user=w.receive_a)
        assert count() == one
        assert client.get(reverse("secondment:termination-queue")).content.decode().count("批量") == 5

    def test_the_deciders_home_counts_the_waiting_proposals(self, client, city_world):
        w = city_world
        _propose(w, w.org_county_a)
        client.force_login(w.org_city)
        home = client.get(reverse("home"))
        assert home.context["org_todo"]["terminations_waiting"] == 1
        assert 'data-testid="termination-queue-link"' in home.content.decode()
        client.force_login(w.org_county_a)
        assert client.get(reverse("home")).context["org_todo"]["terminations_waiting"] == 0


def test_the_organizer_decides_and_does_not_propose_to_itself(city_world, client):
    w = city_world
    with pytest.raises(PermissionDenied):
        _propose(w, w.org_city)
    client.force_login(w.org_city)
    page = client.get(reverse("secondment:posting-detail", args=[w.posting.pk])).content.decode()
    assert 'data-action="propose_termination"' not in page and 'data-action="terminate"' in page


def test_a_first_scan_after_a_long_gap_sends_only_the_waiting_rung(city_world):
    """Never a burst: if no scan ran for 10 days after the proposal, the decider gets the "waiting" rung
    only, not both rungs at once."""
    w = city_world
    proposal = _propose(w, w.receive_a)
    reminder_scan(today=timezone.localdate(proposal.created_at) + timedelta(days=10))
    titles = list(Reminder.objects.filter(recipient=w.org_city, kind="termination").values_list("title", flat=True))
    assert len(titles) == 1 and "已等待" in titles[0]
