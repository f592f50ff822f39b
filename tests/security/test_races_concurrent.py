"""Two connections at once (PostgreSQL in CI, SQLite here): of two simultaneous "create postings" on one
batch, exactly one wins and the other is told in Chinese; of two simultaneous confirms of one roster
upload, the roster is imported once."""

import threading

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.test import Client

from cadres.models import Cadre
from secondment.models import Posting
from secondment.services import nominations as ns
from secondment.services.postings import batch_create_postings
from tests.cadres.imports.test_roster_import import _row, _xlsx


def _together(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            barrier.wait(timeout=10)
            outcomes.append(call())
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        except Exception as exc:  # anything else is what this test is about
            outcomes.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_create_postings_one_wins_the_other_is_told(batch_world):
    w = batch_world
    n = ns.nomination_create(batch=w.batch, cadre=w.cadre_a, method="org", reason="x", acting_user=w.dispatch_a)
    ns.nomination_record_inspection(nomination=n, result="passed", notes="", acting_user=w.org_county_a)
    ns.nomination_decide(nomination=n, selected=True, reason="x", offer=w.offer, acting_user=w.org_county_a)

    def create():
        return batch_create_postings(batch=w.batch, start_date=None, acting_user=w.org_county_a)

    outcomes = _together(create, create)
    assert sum(isinstance(o, list) for o in outcomes) == 1, outcomes
    [refusal] = [o for o in outcomes if not isinstance(o, list)]
    assert isinstance(refusal, str) and "建立" in refusal, refusal
    assert Posting.objects.filter(batch=w.batch).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_roster_confirms_import_once(world):
    owner = Client()
    owner.force_login(world.dispatch_a)
    upload = _xlsx([_row("赵一", "甲县农业农村局"), _row("钱二", "甲县农业农村局", female=True)])
    upload.name = "名册.xlsx"
    location = owner.post("/cadres/import/", {"file": upload})["Location"]

    def confirm():
        client = Client()
        client.force_login(world.dispatch_a)
        response = client.post(location)
        return response.status_code, [str(m) for m in get_messages(response.wsgi_request)]

    outcomes = _together(confirm, confirm)
    assert all(isinstance(o, tuple) and o[0] == 302 for o in outcomes), outcomes
    messages = [m for _status, ms in outcomes for m in ms]
    assert any("导入完成" in m for m in messages) and any("已经导入过" in m for m in messages), messages
    assert Cadre.objects.filter(name__in=["赵一", "钱二"]).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_ballot_code_cast_twice_at_once_votes_once(appraisal_world):
    """民主测评（扫码）: two phones with the same slip at the same moment: one ballot, the other told."""
    from datetime import timedelta

    from django.utils import timezone

    from assessments.models import Ballot, BallotCode
    from assessments.services import votes as vs

    w = appraisal_world
    now = timezone.now()
    vote = vs.democratic_vote_open(
        appraisal=w.appraisal,
        expected=3,
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(hours=1),
        acting_user=w.org_county_a,
    )
    code = BallotCode.objects.filter(vote=vote).values_list("code", flat=True).first()

    def cast(choice):
        return lambda: vs.democratic_vote_cast(code=code, choice=choice) or "cast"

    outcomes = _together(cast("votes_excellent"), cast("votes_basic"))
    assert sorted(map(str, outcomes)) == ["cast", "该测评码已经投过票，每个测评码只能投一次。"], outcomes
    assert Ballot.objects.filter(vote=vote).count() == 1
    assert BallotCode.objects.filter(vote=vote, used=True).count() == 1
