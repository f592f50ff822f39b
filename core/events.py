"""Upward news without upward imports (issue 13): a lower app announces what happened, the apps above
subscribe. `publish` calls each receiver at once, inside the caller's transaction, so a receiver that
writes (open the appraisal, re-plan the reports) commits or rolls back with the change it follows.
Receivers that do slow or outside work (render and archive a PDF, send mail) subscribe with
`after_commit=True` and run once the transaction has committed, outside its row locks.

Event names are dotted strings, `<entity>.<what happened>`, listed where they are published:
- `posting.transitioned` (secondment): posting, action, old_status, acting_user
- `appraisal.finalized` (assessments): appraisal
"""

from collections import defaultdict
from collections.abc import Callable
from functools import partial

from django.db import transaction

Receiver = Callable[..., None]
_receivers: dict[str, list[tuple[Receiver, bool]]] = defaultdict(list)


def subscribe(event: str, *, after_commit: bool = False) -> Callable[[Receiver], Receiver]:
    """Decorator: call the function with the event's keyword arguments whenever `event` is published."""

    def register(receiver: Receiver) -> Receiver:
        if (receiver, after_commit) not in _receivers[event]:
            _receivers[event].append((receiver, after_commit))
        return receiver

    return register


def publish(event: str, **payload) -> None:
    for receiver, after_commit in list(_receivers.get(event, ())):
        if after_commit:
            transaction.on_commit(partial(receiver, **payload))
        else:
            receiver(**payload)


def receivers_of(event: str) -> list[Receiver]:
    """For tests and the README: who listens to `event`."""
    return [receiver for receiver, _after in _receivers.get(event, ())]
