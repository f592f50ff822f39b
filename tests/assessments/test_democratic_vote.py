"""民主测评（扫码） services (issue 20): codes issued, one code one ballot, tallies filled at close through
the manual step's service (so the 2/3 rule and the 汇总表 read them), close early and reopen only with a
reason, the worker closing a vote whose window ended."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Role
from assessments import scoring
from assessments.models import Ballot, BallotCode, DemocraticVote, DemocraticVotePractice
from assessments.services import votes as vs
from assessments.tasks import close_ended_votes
from tests.factories import make_user


def open_vote(w, *, expected=6, start=None, end=None, user=None, indicators=False) -> DemocraticVote:
    now = timezone.now()
    return vs.democratic_vote_open(
        appraisal=w.appraisal,
        expected=expected,
        opens_at=start or now - timedelta(minutes=1),
        closes_at=end or now + timedelta(hours=1),
        with_indicators=indicators,
        acting_user=user or w.org_county_a,
    )


def codes(vote) -> list[str]:
    return list(BallotCode.objects.filter(vote=vote).order_by("id").values_list("code", flat=True))


@pytest.fixture
def vote_world(appraisal_world):
    appraisal_world.vote = open_vote(appraisal_world)
    return appraisal_world


def test_open_issues_one_code_per_expected_participant(vote_world):
    vote = vote_world.vote
    issued = codes(vote)
    assert len(issued) == len(set(issued)) == 6
    assert all(len(c) == vs.CODE_LENGTH and set(c) <= set(vs.CODE_ALPHABET) for c in issued)
    assert not set("01OI") & set("".join(issued))
    assert [c["label"] for c in vote.choices] == ["优秀", "称职", "基本称职", "不称职", "不了解"]
    assert vote.indicators == [] and vote.organizer_side == "org_department"
    assert list(vote.events.values_list("action", flat=True)) == ["open"]
    # one running vote per appraisal
    with pytest.raises(ValidationError, match="已有进行中"):
        open_vote(vote_world)


def test_open_refuses_bad_window_and_count(appraisal_world):
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        open_vote(appraisal_world, expected=0, end=now - timedelta(minutes=5))
    assert set(error.value.message_dict) == {"expected", "closes_at"}
    assert not DemocraticVote.objects.exists() and not BallotCode.objects.exists()


def test_only_the_org_department_opens_unless_configured(appraisal_world):
    w = appraisal_world
    with pytest.raises(PermissionDenied):
        open_vote(w, user=w.receive_a)
    DemocraticVotePractice.objects.create(jurisdiction=w.county_a, organizer="receiving_unit")
    vote = open_vote(w, user=w.receive_a)
    assert vote.organizer_side == "receiving_unit"


def test_cast_and_close_fill_the_democratic_step(vote_world):
    w = vote_world
    c = codes(w.vote)
    for code, choice in zip(c, ["votes_excellent"] * 3 + ["votes_competent", "abstain"], strict=False):
        vs.democratic_vote_cast(code=code.lower()[:4] + "-" + code[4:], choice=choice)  # as typed on a phone
    assert vs.democratic_vote_count(w.vote) == 5
    with pytest.raises(ValidationError) as error:
        vs.democratic_vote_close(vote=w.vote, acting_user=w.org_county_a)
    assert "提前结束测评须填写理由" in str(error.value)
    vs.democratic_vote_close(vote=w.vote, acting_user=w.org_county_a, reason="到会人员已全部投票")
    a = w.appraisal
    a.refresh_from_db()
    assert (a.headcount, a.expected, a.present) == (6, 6, 5)
    assert (a.ballots_valid, a.ballots_invalid, a.ballots_abstain) == (4, 0, 1)
    assert (a.votes_excellent, a.votes_competent, a.votes_basic, a.votes_incompetent, a.votes_unknown) == (
        3,
        1,
        0,
        0,
        0,
    )
    assert a.democratic_at is not None and a.democratic_by == w.org_county_a
    result = scoring.democratic(a)  # 5/6 took part: the 2/3 rule is met
    assert result.valid and result.score == 95  # (3×100 + 1×80) / 4
    event = w.vote.events.order_by("-id").first()
    assert event.action == "close_early" and "到会人员已全部投票" in event.reason and "未参加1" in event.reason
    assert a.events.filter(step="democratic").exists()  # the step's own history, as from the form
    # the 民主测评汇总表 reads the same fields
    from documents.democratic import democratic_tally_fields

    fields = democratic_tally_fields(a)
    assert fields["present"] == "5" and fields["expected"] == "6" and fields["valid"]
    # a closed vote takes no ballot
    with pytest.raises(vs.BallotRefused) as refused:
        vs.democratic_vote_cast(code=c[5], choice="votes_excellent")
    assert refused.value.reason == "closed"


def test_two_thirds_rule_applies_to_a_phone_vote(vote_world):
    w = vote_world
    for code in codes(w.vote)[:3]:  # 3 of 6: below 2/3
        vs.democratic_vote_cast(code=code, choice="votes_excellent")
    vs.democratic_vote_close(vote=w.vote, acting_user=w.org_county_a, reason="会议结束")
    w.appraisal.refresh_from_db()
    result = scoring.democratic(w.appraisal)
    assert not result.valid and "低于规定的67%" in result.message


def test_a_used_code_is_refused_and_casts_nothing(vote_world):
    code = codes(vote_world.vote)[0]
    vs.democratic_vote_cast(code=code, choice="votes_basic")
    with pytest.raises(vs.BallotRefused) as error:
        vs.democratic_vote_cast(code=code, choice="votes_excellent")
    assert error.value.reason == "used" and "已经投过票" in error.value.messages[0]
    assert Ballot.objects.count() == 1 and Ballot.objects.get().choice == "votes_basic"


def test_unknown_expired_and_not_yet_open_codes_are_refused(appraisal_world):
    w = appraisal_world
    for junk in ("", "ABC", "ZZZZZZZZ", "0O1I0O1I", "ABCD-2345-X"):
        with pytest.raises(vs.BallotRefused) as error:
            vs.democratic_vote_cast(code=junk, choice="votes_excellent")
        assert error.value.reason == "unknown" and "测评码不存在" in error.value.messages[0]
    now = timezone.now()
    later = open_vote(w, start=now + timedelta(hours=1), end=now + timedelta(hours=2))
    with pytest.raises(vs.BallotRefused) as error:
        vs.democratic_vote_cast(code=codes(later)[0], choice="votes_excellent")
    assert error.value.reason == "not_open" and "尚未开始" in error.value.messages[0]
    # the clock moves past the window's end (the worker has not run yet)
    DemocraticVote.objects.filter(pk=later.pk).update(opens_at=now - timedelta(hours=2), closes_at=now - timedelta(1))
    with pytest.raises(vs.BallotRefused) as error:
        vs.democratic_vote_cast(code=codes(later)[0], choice="votes_excellent")
    assert error.value.reason == "closed" and "已经结束" in error.value.messages[0]
    assert not Ballot.objects.exists() and not BallotCode.objects.filter(used=True).exists()


def test_a_choice_or_rating_not_on_the_ballot_is_refused_and_the_code_stays_unused(appraisal_world):
    vote = open_vote(appraisal_world, indicators=True)
    assert [i["name"] for i in vote.indicators] == ["德", "能", "勤", "绩", "廉"]
    code = codes(vote)[0]
    with pytest.raises(vs.BallotRefused):
        vs.democratic_vote_cast(code=code, choice="votes_best")
    with pytest.raises(vs.BallotRefused):
        vs.democratic_vote_cast(code=code, choice="votes_excellent", ratings={vote.indicators[0]["key"]: "极好"})
    assert not BallotCode.objects.get(code=code).used
    ratings = {vote.indicators[0]["key"]: "好", vote.indicators[1]["key"]: "一般", "junk": "好"}
    vs.democratic_vote_cast(code=code, choice="votes_excellent", ratings=ratings)
    assert Ballot.objects.get().ratings == {vote.indicators[0]["key"]: "好", vote.indicators[1]["key"]: "一般"}


def test_reopen_needs_a_reason_and_the_next_close_counts_again(vote_world):
    w = vote_world
    c = codes(w.vote)
    for code in c[:3]:
        vs.democratic_vote_cast(code=code, choice="votes_excellent")
    vs.democratic_vote_close(vote=w.vote, acting_user=w.org_county_a, reason="会场临时中断")
    later = timezone.now() + timedelta(minutes=30)
    with pytest.raises(ValidationError) as error:
        vs.democratic_vote_reopen(vote=w.vote, closes_at=later, reason="  ", acting_user=w.org_county_a)
    assert "重新开放测评须填写理由" in str(error.value)
    vs.democratic_vote_reopen(vote=w.vote, closes_at=later, reason="部分人员未投票", acting_user=w.org_county_a)
    with pytest.raises(vs.BallotRefused):  # a used code stays used
        vs.democratic_vote_cast(code=c[0], choice="votes_basic")
    vs.democratic_vote_cast(code=c[3], choice="votes_unknown")
    vs.democratic_vote_close(vote=w.vote, acting_user=w.org_county_a, reason="全部投完")
    w.appraisal.refresh_from_db()
    assert (w.appraisal.present, w.appraisal.ballots_valid, w.appraisal.votes_unknown) == (4, 4, 1)
    assert list(w.vote.events.order_by("id").values_list("action", flat=True)) == [
        "open",
        "close_early",
        "reopen",
        "close_early",
    ]
    assert w.vote.events.get(action="reopen").reason == "部分人员未投票"


def test_finalize_waits_for_a_running_vote(vote_world):
    from assessments.services.appraisals import appraisal_finalize

    with pytest.raises(ValidationError, match="扫码民主测评结束"):
        appraisal_finalize(appraisal=vote_world.appraisal, acting_user=vote_world.org_county_a)


def test_other_org_department_cannot_run_the_vote(vote_world):
    w = vote_world
    other = make_user("t_org_b", roles=[(Role.ORG_STAFF, w.county_b)])
    with pytest.raises(PermissionDenied):
        vs.democratic_vote_close(vote=w.vote, acting_user=other, reason="x")


def test_the_worker_closes_a_vote_whose_window_ended(vote_world):
    w = vote_world
    assert any(e["task"] == "assessments.tasks.close_ended_votes" for e in settings.CELERY_BEAT_SCHEDULE.values())
    for code in codes(w.vote)[:5]:
        vs.democratic_vote_cast(code=code, choice="votes_competent")
    assert close_ended_votes() == 0  # still running
    # the window's end passes
    DemocraticVote.objects.filter(pk=w.vote.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    assert close_ended_votes() == 1
    w.vote.refresh_from_db()
    w.appraisal.refresh_from_db()
    assert w.vote.status == "closed" and w.vote.closed_by is None
    assert w.vote.events.order_by("-id").first().action == "close"
    assert (w.appraisal.present, w.appraisal.votes_competent) == (5, 5) and w.appraisal.democratic_by is None
    assert close_ended_votes() == 0
