"""民主测评（扫码） pages (issue 20): the organizer's section on the 考核鉴定 tab (open, live count, close
early with a reason, reopen), the voter's public pages (no login, CSRF on, clear messages, nothing told
about an unknown code), throttling, and scope (another org department gets 404)."""

import secrets
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from assessments.models import Ballot, BallotCode, DemocraticVote, DemocraticVotePractice
from assessments.services import votes as vs
from tests.factories import make_user


def fresh_address() -> str:
    """An address no other test (or earlier run: Redis keeps the counters) has used."""
    return f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}"


@pytest.fixture
def vote_world(appraisal_world):
    w = appraisal_world
    now = timezone.now()
    w.vote = vs.democratic_vote_open(
        appraisal=w.appraisal,
        expected=4,
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(hours=1),
        with_indicators=True,
        acting_user=w.org_county_a,
    )
    w.codes = list(BallotCode.objects.filter(vote=w.vote).order_by("id").values_list("code", flat=True))
    return w


def _fmt(dt) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def test_organizer_opens_a_vote_from_the_tab(appraisal_world, client):
    w = appraisal_world
    client.force_login(w.org_county_a)
    tab = reverse("assessments:posting", kwargs={"pk": w.posting.pk})
    page = client.get(tab).content.decode()
    assert 'data-testid="vote-open-form"' in page and "民主测评（扫码）" in page
    url = reverse("assessments:vote-open", kwargs={"pk": w.appraisal.pk})
    now = timezone.now()
    bad = client.post(url, {"expected": 5, "opens_at": _fmt(now), "closes_at": _fmt(now - timedelta(hours=1))})
    assert bad.status_code == 200 and "截止时间应晚于开始时间" in bad.content.decode()
    assert not DemocraticVote.objects.exists()
    response = client.post(
        url,
        {"expected": 5, "opens_at": _fmt(now), "closes_at": _fmt(now + timedelta(hours=1)), "with_indicators": "on"},
    )
    assert response.status_code == 302
    vote = DemocraticVote.objects.get()
    assert vote.codes.count() == 5 and len(vote.indicators) == 5
    page = client.get(tab).content.decode()
    assert 'data-testid="vote-count"' in page and reverse("assessments:vote-count", kwargs={"pk": vote.pk}) in page
    assert reverse("documents:vote-slips", kwargs={"pk": vote.pk}) in page
    assert "js/vote-count.js" in page and "<script>" not in page  # no inline script (CSP)
    # the receiving unit (not the organizer by default) sees no section
    client.force_login(w.receive_a)
    assert 'data-testid="vote-panel"' not in client.get(tab).content.decode()


def test_live_count_is_a_number_never_the_content(vote_world, client):
    w = vote_world
    vs.democratic_vote_cast(code=w.codes[0], choice="votes_excellent")
    client.force_login(w.org_county_a)
    data = client.get(reverse("assessments:vote-count", kwargs={"pk": w.vote.pk})).json()
    assert data == {"cast": 1, "expected": 4, "status": "open", "phase": "open"}


def test_voter_votes_without_an_account(vote_world):
    w = vote_world
    voter = Client(enforce_csrf_checks=True)
    url = reverse("voting:ballot", kwargs={"code": w.codes[0]})
    page = voter.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert w.posting.cadre.name in html and w.posting.post in html and w.posting.receiving_unit.name in html
    for label in ("优秀", "称职", "基本称职", "不称职", "不了解", "弃权", "德", "廉"):
        assert label in html
    # CSRF stays on for the public page
    assert voter.post(url, {"choice": "votes_excellent"}).status_code == 403
    token = voter.cookies["csrftoken"].value
    no_choice = voter.post(url, {"csrfmiddlewaretoken": token})
    assert no_choice.status_code == 200 and "请选择一个测评等次" in no_choice.content.decode()
    key = w.vote.indicators[0]["key"]
    done = voter.post(url, {"csrfmiddlewaretoken": token, "choice": "votes_excellent", f"rating_{key}": "较好"})
    assert done.status_code == 302 and done["Location"] == reverse("voting:done")
    assert "您的测评已提交" in voter.get(done["Location"]).content.decode()
    assert Ballot.objects.get().ratings == {key: "较好"}
    again = voter.get(url)
    assert again.status_code == 200 and "已经投过票" in again.content.decode()
    assert voter.post(url, {"csrfmiddlewaretoken": token, "choice": "votes_basic"}).status_code == 200
    assert Ballot.objects.count() == 1


def test_typed_code_leads_to_the_ballot(vote_world, client):
    w = vote_world
    assert client.get(reverse("voting:enter")).status_code == 200
    typed = f" {w.codes[1][:4].lower()}-{w.codes[1][4:]} "
    response = client.post(reverse("voting:enter"), {"code": typed})
    assert response.status_code == 302 and response["Location"] == reverse("voting:ballot", kwargs={"code": w.codes[1]})
    wrong = client.post(reverse("voting:enter"), {"code": "ZZZZ-ZZZZ"})
    assert wrong.status_code == 200 and "测评码不存在" in wrong.content.decode()


def test_unknown_code_tells_nothing(vote_world, client):
    response = client.get(reverse("voting:ballot", kwargs={"code": "ZZZZZZZZ"}))
    html = response.content.decode()
    assert response.status_code == 404 and "测评码不存在" in html
    assert vote_world.posting.cadre.name not in html and vote_world.posting.post not in html


def test_expired_and_not_yet_open_codes_get_their_message(vote_world, client):
    w = vote_world
    url = reverse("voting:ballot", kwargs={"code": w.codes[0]})
    DemocraticVote.objects.filter(pk=w.vote.pk).update(opens_at=timezone.now() + timedelta(hours=1))
    assert "测评尚未开始" in client.get(url).content.decode()
    DemocraticVote.objects.filter(pk=w.vote.pk).update(
        opens_at=timezone.now() - timedelta(hours=2), closes_at=timezone.now() - timedelta(hours=1)
    )
    page = client.get(url).content.decode()
    assert "测评已经结束" in page and w.posting.cadre.name not in page


@override_settings(VOTE_THROTTLE_IP_FAILURES=3, VOTE_THROTTLE_CODE_ATTEMPTS=4)
def test_guessing_codes_is_throttled_per_address(vote_world):
    w = vote_world
    client = Client(REMOTE_ADDR=fresh_address())
    for guess in ("ZZZZZZZZ", "YYYYYYYY", "XXXXXXXX"):
        assert client.get(reverse("voting:ballot", kwargs={"code": guess})).status_code == 404
    blocked = client.get(reverse("voting:ballot", kwargs={"code": w.codes[0]}))
    assert blocked.status_code == 429 and "尝试次数过多" in blocked.content.decode()
    assert client.post(reverse("voting:enter"), {"code": w.codes[0]}).status_code == 429
    # another address (another phone on the mobile network) is not held up
    other = Client(REMOTE_ADDR=fresh_address())
    assert other.get(reverse("voting:ballot", kwargs={"code": w.codes[0]})).status_code == 200


@override_settings(VOTE_THROTTLE_IP_FAILURES=3, VOTE_THROTTLE_CODE_ATTEMPTS=4)
def test_one_code_is_throttled_but_a_room_behind_one_address_votes(vote_world):
    w = vote_world
    client = Client(REMOTE_ADDR=fresh_address())
    url = reverse("voting:ballot", kwargs={"code": w.codes[0]})
    for _ in range(4):
        assert client.get(url).status_code == 200
    assert client.post(url, {"choice": "votes_excellent"}).status_code == 429
    assert not Ballot.objects.exists()
    # the other codes from the same address: successful votes never count against the address
    for code in w.codes[1:]:
        assert (
            client.post(reverse("voting:ballot", kwargs={"code": code}), {"choice": "votes_competent"}).status_code
            == 302
        )
    assert Ballot.objects.count() == 3


def test_close_early_and_reopen_from_the_tab_need_reasons(vote_world, client):
    w = vote_world
    client.force_login(w.org_county_a)
    close = reverse("assessments:vote-close", kwargs={"pk": w.vote.pk})
    refused = client.post(close, {"reason": ""})
    assert refused.status_code == 200 and "提前结束测评须填写理由" in refused.content.decode()
    assert client.post(close, {"reason": "会议提前结束"}).status_code == 302
    w.vote.refresh_from_db()
    assert w.vote.status == "closed"
    page = client.get(reverse("assessments:posting", kwargs={"pk": w.posting.pk})).content.decode()
    assert "未参加4人" in page and "会议提前结束" in page and 'data-testid="vote-reopen-form"' in page
    reopen = reverse("assessments:vote-reopen", kwargs={"pk": w.vote.pk})
    later = _fmt(timezone.now() + timedelta(hours=1))
    refused = client.post(reopen, {"closes_at": later, "reason": ""})
    assert refused.status_code == 200 and "这个字段是必填项" in refused.content.decode()
    assert client.post(reopen, {"closes_at": later, "reason": "有人未到场投票"}).status_code == 302
    w.vote.refresh_from_db()
    assert w.vote.status == "open"


def test_other_org_department_and_non_organizers_get_404(vote_world, client):
    w = vote_world
    other = make_user("t_org_b", roles=[(Role.ORG_STAFF, w.county_b)])
    urls = [
        ("get", reverse("assessments:vote-count", kwargs={"pk": w.vote.pk})),
        ("get", reverse("documents:vote-slips", kwargs={"pk": w.vote.pk})),
        ("post", reverse("assessments:vote-close", kwargs={"pk": w.vote.pk})),
        ("post", reverse("assessments:vote-reopen", kwargs={"pk": w.vote.pk})),
        ("post", reverse("assessments:vote-open", kwargs={"pk": w.appraisal.pk})),
    ]
    for user in (other, w.receive_a, w.dispatch_a, w.cadre_user):
        client.force_login(user)
        for method, url in urls:
            status = getattr(client, method)(url, {"reason": "x"}).status_code
            if user is other or not url.endswith("/vote/open/"):
                assert status == 404, (user, url)
            else:  # sees the appraisal, may not open a vote: 403
                assert status == 403, (user, url)
    # the receiving unit runs it where the jurisdiction says so
    DemocraticVotePractice.objects.create(jurisdiction=w.county_a, organizer="receiving_unit")
    client.force_login(w.receive_a)
    assert client.get(reverse("assessments:vote-count", kwargs={"pk": w.vote.pk})).status_code == 200
    client.force_login(w.org_city)
    slips = client.get(reverse("documents:vote-slips", kwargs={"pk": w.vote.pk}))
    assert slips.status_code == 200 and slips["Content-Type"] == "application/pdf"


def test_tab_queries_do_not_grow_with_ballots(vote_world, client):
    w = vote_world
    client.force_login(w.org_county_a)
    tab = reverse("assessments:posting", kwargs={"pk": w.posting.pk})
    vs.democratic_vote_cast(code=w.codes[0], choice="votes_excellent")
    with CaptureQueriesContext(connection) as one:
        assert client.get(tab).status_code == 200
    for code in w.codes[1:]:
        vs.democratic_vote_cast(code=code, choice="votes_competent", ratings={w.vote.indicators[0]["key"]: "好"})
    with CaptureQueriesContext(connection) as four:
        assert client.get(tab).status_code == 200
    assert len(four.captured_queries) == len(one.captured_queries)
    vs.democratic_vote_close(vote=w.vote, acting_user=w.org_county_a)  # all four voted: the window may stay
    page = client.get(tab).content.decode()
    assert 'data-testid="vote-indicators"' in page and "未参加0人" in page
