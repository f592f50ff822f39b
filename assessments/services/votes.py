"""民主测评（扫码）: a democratic evaluation run on phones with one-time ballot codes (issue 20).

- `democratic_vote_open`: the organizing side (the org department, or the receiving unit where the
  jurisdiction's DemocraticVotePractice says so) opens a vote for an open appraisal: 应到 codes are
  issued at once (they are printed as slips), the ballot's choices are the scale's grades + 不了解 as they
  are today, optionally the indicators of the appraisal's template to rate.
- `democratic_vote_cast`: one code, one ballot. The code is marked used by a conditional UPDATE
  (`used = false`, one row or nothing: two phones racing with one code give one ballot) and the ballot
  is inserted in the same transaction. The ballot stores no code, no voter and no time, under a random
  key; no query reads the code table and the ballot table together (tests prove it).
- `democratic_vote_close`: by hand (before the window ends only with a reason) or by the worker at the
  window's end (`democratic_votes_close_due`). The tallies go into the appraisal's 民主测评 step through
  the same service as the manual form (`appraisal_democratic_evaluation`), so the 2/3 rule and the
  民主测评汇总表 read them unchanged: 应到 = codes issued, 实到 = codes used (unused: 未参加), 有效 = ballots
  with a grade or 不了解, 弃权 = ballots marked 弃权, 无效 = codes used without a ballot (none, by design).
- `democratic_vote_reopen`: only with a reason, with a new end of the window.
"""

import secrets
from collections import Counter
from collections.abc import Callable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.models import HistoryEntry
from core.services import audit_log_record
from core.workflow import transition_check

from .. import access, scoring, workflow
from ..models import Appraisal, Ballot, BallotCode, DemocraticVote, DemocraticVoteEvent
from ..practice import vote_organizer_for
from .appraisals import appraisal_democratic_evaluation

# no 0/O, no 1/I: a code read off paper is typed without doubt
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 8  # 32**8 ≈ 10**12 codes; guessing is throttled (assessments.throttle)
MAX_EXPECTED = 1000
# the 德能勤绩廉 indicators are rated on this scale when the vote asks for them
RATINGS = ("好", "较好", "一般", "差")
ABSTAIN = Ballot.Choice.ABSTAIN.value
ABSTAIN_LABEL = "弃权"

VoteStatus = DemocraticVote.Status


class BallotRefused(ValidationError):
    """A code that cannot vote: `reason` is one of "unknown", "used", "not_open", "closed", "invalid"."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def code_normalize(raw: str) -> str:
    """What a voter typed, as stored: capitals, no spaces or dashes; "" when it cannot be a code."""
    text = "".join(ch for ch in str(raw or "").upper() if ch not in " -\t")
    if len(text) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in text):
        return ""
    return text


def code_display(code: str) -> str:
    """ABCD2345 → ABCD-2345, as printed on the slip."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _vote_event(vote: DemocraticVote, *, actor, action: str, reason: str = "") -> None:
    DemocraticVoteEvent.objects.create(vote=vote, actor=HistoryEntry.actor_of(actor), action=action, reason=reason)
    audit_log_record(actor=actor, action=f"vote.{action}", target=vote.appraisal, data={"reason": reason})


def _check_organizer(acting_user, appraisal: Appraisal) -> None:
    if not _vote_roles(acting_user, appraisal):
        raise PermissionDenied(gettext(workflow.VOTE_FORBIDDEN))


def _check_appraisal_open(appraisal: Appraisal) -> None:
    if appraisal.status != Appraisal.Status.OPEN:
        raise ValidationError(f"鉴定当前为“{appraisal.get_status_display()}”，不能进行民主测评。")


def _issue_codes(vote: DemocraticVote, count: int) -> None:
    """`count` codes, unique across all votes (the unique index is the last guard: a clash is redrawn)."""
    made = 0
    while made < count:
        batch = {_new_code() for _ in range(count - made)}
        batch -= set(BallotCode.objects.filter(code__in=batch).values_list("code", flat=True))
        try:
            with transaction.atomic():
                BallotCode.objects.bulk_create([BallotCode(vote=vote, code=code) for code in batch])
        except IntegrityError:  # drawn at the same moment by another vote: draw again
            continue
        made += len(batch)


@transaction.atomic
def democratic_vote_open(
    *,
    appraisal: Appraisal,
    expected: int,
    opens_at: datetime,
    closes_at: datetime,
    with_indicators: bool = False,
    acting_user,
) -> DemocraticVote:
    appraisal = (
        Appraisal.objects.select_for_update(of=("self",))
        .select_related("posting", "scale", "template")
        .get(pk=appraisal.pk)
    )
    _check_organizer(acting_user, appraisal)
    _check_appraisal_open(appraisal)
    errors = {}
    if not 1 <= int(expected) <= MAX_EXPECTED:
        errors["expected"] = f"应到人数应在1至{MAX_EXPECTED}之间。"
    if closes_at <= opens_at:
        errors["closes_at"] = "截止时间应晚于开始时间。"
    elif closes_at <= timezone.now():
        errors["closes_at"] = "截止时间已过，请重新选择。"
    if errors:
        raise ValidationError(errors)
    if appraisal.democratic_votes.filter(status=VoteStatus.OPEN).exists():
        raise ValidationError("该鉴定已有进行中的扫码测评。")
    choices = [{"key": field, "label": label} for field, label in scoring.vote_labels(appraisal.scale)]
    indicators = (
        [{"key": str(item.pk), "name": item.name} for item in appraisal.template.items.all()] if with_indicators else []
    )
    vote = DemocraticVote.objects.create(
        appraisal=appraisal,
        organizer_side=vote_organizer_for(appraisal.posting),
        expected=expected,
        opens_at=opens_at,
        closes_at=closes_at,
        choices=choices,
        indicators=indicators,
        opened_by=HistoryEntry.actor_of(acting_user),
    )
    _issue_codes(vote, int(expected))
    _vote_event(
        vote,
        actor=acting_user,
        action="open",
        reason=f"应到{expected}人，{timezone.localtime(opens_at):%Y-%m-%d %H:%M}至"
        f"{timezone.localtime(closes_at):%Y-%m-%d %H:%M}",
    )
    return vote


def vote_phase(vote: DemocraticVote, now: datetime | None = None) -> str:
    """ "not_open" (before the window), "open", "closed" (closed, or past the window's end)."""
    now = now or timezone.now()
    if vote.status != VoteStatus.OPEN or now >= vote.closes_at:
        return "closed"
    if now < vote.opens_at:
        return "not_open"
    return "open"


def ballot_code_vote(code: str) -> DemocraticVote:
    """The vote a code belongs to, for the voter's page; BallotRefused when it cannot vote now."""
    normalized = code_normalize(code)
    row = BallotCode.objects.filter(code=normalized).values("vote_id", "used").first() if normalized else None
    if row is None:
        raise BallotRefused("unknown", gettext("测评码不存在，请核对后重新输入。"))
    vote = DemocraticVote.objects.select_related("appraisal__posting__cadre", "appraisal__posting__receiving_unit").get(
        pk=row["vote_id"]
    )
    if row["used"]:
        raise BallotRefused("used", gettext("该测评码已经投过票，每个测评码只能投一次。"))
    phase = vote_phase(vote)
    if phase == "not_open":
        when = timezone.localtime(vote.opens_at)
        raise BallotRefused("not_open", f"测评尚未开始，开始时间：{when:%Y-%m-%d %H:%M}。")
    if phase == "closed":
        raise BallotRefused("closed", gettext("测评已经结束，该测评码已失效。"))
    return vote


def ballot_validate(vote: DemocraticVote, choice: str, ratings: dict | None) -> dict:
    """The ratings to store; ValidationError in words when the choice or a rating is not on the ballot."""
    keys = {c["key"] for c in vote.choices} | {ABSTAIN}
    if choice not in keys:
        raise BallotRefused("invalid", gettext("请选择一个测评等次（或弃权）。"))
    ratings = ratings or {}
    clean = {}
    for indicator in vote.indicators:
        value = ratings.get(indicator["key"], "")
        if value and value not in RATINGS:
            raise BallotRefused("invalid", f"“{indicator['name']}”的评价无效。")
        if value:
            clean[indicator["key"]] = value
    return clean


def democratic_vote_cast(*, code: str, choice: str, ratings: dict | None = None) -> None:
    """Cast one ballot with one code. Anonymous: nothing returned, nothing recorded about the voter."""
    with transaction.atomic():
        vote = ballot_code_vote(code)
        clean = ballot_validate(vote, choice, ratings)
        # the one guard against a double vote: only an unused code turns used, atomically (any database)
        taken = BallotCode.objects.filter(code=code_normalize(code), used=False).update(used=True)
        if taken != 1:
            raise BallotRefused("used", gettext("该测评码已经投过票，每个测评码只能投一次。"))
        Ballot.objects.create(vote=vote, choice=choice, ratings=clean)


def democratic_vote_count(vote: DemocraticVote) -> int:
    """Ballots cast so far (codes used): a count, never their content."""
    return BallotCode.objects.filter(vote=vote, used=True).count()


def democratic_vote_tallies(vote: DemocraticVote) -> dict:
    """The appraisal's 民主测评 numbers from the codes (a query on them alone) and the ballots (a query on
    them alone)."""
    present = democratic_vote_count(vote)
    by_choice = Counter(dict(_ballot_counts(vote)))
    tallies = {c["key"]: by_choice.get(c["key"], 0) for c in vote.choices}
    valid = sum(tallies.values())
    abstain = by_choice.get(ABSTAIN, 0)
    appraisal = vote.appraisal
    return {
        "headcount": max(appraisal.headcount or 0, vote.expected),
        "expected": vote.expected,
        "present": present,
        "ballots_valid": valid,
        "ballots_abstain": abstain,
        "ballots_invalid": max(present - valid - abstain, 0),
        **tallies,
    }


def _ballot_counts(vote: DemocraticVote) -> list[tuple[str, int]]:
    from django.db.models import Count

    return list(Ballot.objects.filter(vote=vote).values_list("choice").annotate(n=Count("pk")).order_by())


def democratic_vote_indicator_summary(vote: DemocraticVote) -> list[dict]:
    """Per indicator: how many ballots rated it 好/较好/一般/差 (closed votes only: no content while open)."""
    if not vote.indicators or vote.status != VoteStatus.CLOSED:
        return []
    counts = {i["key"]: Counter() for i in vote.indicators}
    for ratings in Ballot.objects.filter(vote=vote).values_list("ratings", flat=True):
        for key, value in (ratings or {}).items():
            if key in counts:
                counts[key][value] += 1
    return [{"name": i["name"], "counts": [(r, counts[i["key"]].get(r, 0)) for r in RATINGS]} for i in vote.indicators]


def _locked_vote(vote: DemocraticVote) -> DemocraticVote:
    return (
        DemocraticVote.objects.select_for_update(of=("self",))
        .select_related("appraisal__posting__batch__organizer", "appraisal__scale")
        .get(pk=vote.pk)
    )


def _vote_roles(acting_user, appraisal: Appraisal) -> set[str]:
    """The roles that count for a phone vote: those over the posting that organize votes here."""
    return access.appraisal_roles(acting_user, appraisal) & access.vote_organizer_roles(
        vote_organizer_for(appraisal.posting)
    )


@transaction.atomic
def democratic_vote_transition(
    *,
    vote: DemocraticVote,
    action: str,
    acting_user,
    reason: str = "",
    apply: Callable[[DemocraticVote, dict], None] | None = None,
) -> DemocraticVote:
    """Perform one action of assessments.workflow.VOTE_TRANSITIONS: the one place that changes a vote's
    status. The row is locked, role and state checked against the table; `apply(vote, record)` checks and
    writes what the action does besides, and may set record["action"] (the history's name, e.g.
    close_early) and record["reason"]."""
    vote = _locked_vote(vote)
    transition = transition_check(
        workflow.VOTE_TRANSITIONS,
        action,
        status=vote.status,
        status_label=vote.get_status_display(),
        roles=_vote_roles(acting_user, vote.appraisal),
        subject="测评",
        reason=reason,
    )
    record = {"action": action, "reason": (reason or "").strip()}
    if apply is not None:
        apply(vote, record)
    vote.status = transition.target
    vote.save()
    _vote_event(vote, actor=acting_user, action=record["action"], reason=record["reason"])
    return vote


def democratic_vote_close(
    *, vote: DemocraticVote, acting_user, reason: str = "", now: datetime | None = None
) -> DemocraticVote:
    """Close a vote and fill the appraisal's 民主测评 step. Before the window's end, while codes are
    unused, only with a reason (提前结束); once every code voted, at once; the worker (acting_user=None)
    closes at the window's end."""

    def close(vote: DemocraticVote, record: dict) -> None:
        moment = now or timezone.now()
        # before the window's end, while some slips are still unused: closing takes a reason
        early = moment < vote.closes_at and democratic_vote_count(vote) < vote.expected
        if early and not record["reason"]:
            raise ValidationError({"reason": "提前结束测评须填写理由。"})
        vote.closed_at = moment
        vote.closed_by = HistoryEntry.actor_of(acting_user)
        tallies = democratic_vote_tallies(vote)
        note = f"应到{tallies['expected']}，实到{tallies['present']}，未参加{tallies['expected'] - tallies['present']}"
        try:
            with transaction.atomic():
                appraisal_democratic_evaluation(appraisal=vote.appraisal, acting_user=acting_user, **tallies)
        except (ValidationError, PermissionDenied) as error:
            # the appraisal moved on meanwhile (finalized, closed): the vote ends, its result is kept here
            messages = getattr(error, "messages", None) or [str(error)]
            note += "；未写入鉴定：" + "；".join(messages)
        record["action"] = "close_early" if early else "close"
        record["reason"] = f"{record['reason']}（{note}）" if record["reason"] else note

    return democratic_vote_transition(vote=vote, action="close", acting_user=acting_user, reason=reason, apply=close)


def democratic_vote_reopen(*, vote: DemocraticVote, closes_at: datetime, reason: str, acting_user) -> DemocraticVote:
    """Open a closed vote again until `closes_at`, only with a reason; unused codes vote again, used ones
    stay used. The tallies are written again at the next close."""

    def reopen(vote: DemocraticVote, record: dict) -> None:
        _check_appraisal_open(vote.appraisal)
        if closes_at <= timezone.now():
            raise ValidationError({"closes_at": "新的截止时间应晚于现在。"})
        if DemocraticVote.objects.filter(appraisal=vote.appraisal, status=VoteStatus.OPEN).exists():
            raise ValidationError("该鉴定已有进行中的扫码测评。")
        latest = vote.appraisal.democratic_votes.order_by("-created_at", "-id").values_list("pk", flat=True).first()
        if latest != vote.pk:
            raise ValidationError("只能重新开放最近一次测评。")
        vote.closes_at = closes_at
        vote.closed_at = None
        vote.closed_by = None

    return democratic_vote_transition(vote=vote, action="reopen", acting_user=acting_user, reason=reason, apply=reopen)


def democratic_votes_close_due(now: datetime | None = None) -> int:
    """The worker's scan: close every vote whose window has ended; each in its own transaction."""
    now = now or timezone.now()
    closed = 0
    for vote in DemocraticVote.objects.filter(status=VoteStatus.OPEN, closes_at__lte=now).order_by("closes_at"):
        try:
            democratic_vote_close(vote=vote, acting_user=None, now=now)
        except ValidationError:  # closed by hand meanwhile
            continue
        closed += 1
    return closed
