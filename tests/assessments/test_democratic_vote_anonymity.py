"""民主测评（扫码） anonymity by design (issue 20): a ballot holds no link to the code that cast it and no
time; no query of the product reads the code table and the ballot table together (no join, no subquery)
while voting, counting, closing, tallying or showing the pages."""

import re
from datetime import timedelta

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import Ballot, BallotCode
from assessments.services import votes as vs
from assessments.tasks import close_ended_votes

CODE_TABLE = BallotCode._meta.db_table
BALLOT_TABLE = Ballot._meta.db_table


def test_ballot_schema_links_to_no_code_and_keeps_no_time():
    for field in Ballot._meta.get_fields():
        assert getattr(field, "related_model", None) is not BallotCode, field
        assert not isinstance(field, models.DateField | models.TimeField | models.DurationField), field
    # a random key: the key's order is not the order of casting
    assert isinstance(Ballot._meta.pk, models.UUIDField) and Ballot._meta.ordering == ["vote_id", "id"]
    for field in BallotCode._meta.get_fields():
        assert getattr(field, "related_model", None) is not Ballot, field
        assert not isinstance(field, models.DateField | models.TimeField), field  # used or not, never when


def _tables(sql: str) -> set[str]:
    return set(re.findall(r'"(assessments_ballot(?:code)?)"', sql))


def _assert_apart(queries):
    assert queries, "nothing was captured"
    for q in queries:
        assert _tables(q["sql"]) != {CODE_TABLE, BALLOT_TABLE}, q["sql"]


@pytest.fixture
def running_vote(appraisal_world):
    w = appraisal_world
    now = timezone.now()
    w.vote = vs.democratic_vote_open(
        appraisal=w.appraisal,
        expected=5,
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(hours=1),
        with_indicators=True,
        acting_user=w.org_county_a,
    )
    w.codes = list(BallotCode.objects.filter(vote=w.vote).values_list("code", flat=True))
    return w


def test_no_query_reads_codes_and_ballots_together(running_vote, client):
    w = running_vote
    with CaptureQueriesContext(connection) as cast:
        vs.democratic_vote_cast(code=w.codes[0], choice="votes_excellent")
        vs.democratic_vote_count(w.vote)
        vs.democratic_vote_tallies(w.vote)
    touched = set().union(*(_tables(q["sql"]) for q in cast.captured_queries))
    assert touched == {CODE_TABLE, BALLOT_TABLE}  # both were used, each on its own
    _assert_apart(cast.captured_queries)

    with CaptureQueriesContext(connection) as pages:
        client.get(reverse("voting:ballot", kwargs={"code": w.codes[1]}))
        client.post(reverse("voting:ballot", kwargs={"code": w.codes[1]}), {"choice": "votes_competent"})
        client.post(reverse("voting:ballot", kwargs={"code": w.codes[1]}), {"choice": "votes_competent"})
        client.post(reverse("voting:enter"), {"code": w.codes[2]})
        client.force_login(w.org_county_a)
        client.get(reverse("assessments:posting", kwargs={"pk": w.posting.pk}))
        client.get(reverse("assessments:vote-count", kwargs={"pk": w.vote.pk}))
    _assert_apart(pages.captured_queries)

    with CaptureQueriesContext(connection) as closing:
        client.post(reverse("assessments:vote-close", kwargs={"pk": w.vote.pk}), {"reason": "测试结束"})
        client.get(reverse("assessments:posting", kwargs={"pk": w.posting.pk}))  # with the indicator summary
        from assessments.models import DemocraticVote

        vs.democratic_vote_reopen(
            vote=w.vote, closes_at=timezone.now() + timedelta(hours=1), reason="补投", acting_user=w.org_county_a
        )
        DemocraticVote.objects.filter(pk=w.vote.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
        assert close_ended_votes() == 1
    _assert_apart(closing.captured_queries)
    assert sum(BALLOT_TABLE in _tables(q["sql"]) for q in closing.captured_queries)
    assert Ballot.objects.count() == 2 and BallotCode.objects.filter(used=True).count() == 2
