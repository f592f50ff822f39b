"""Throttling of the public voting pages (民主测评（扫码）), in the cache (Redis in production, locmem in
tests): per address, the codes tried that do not exist (someone guessing codes); per code, every attempt
(someone hammering one slip). Successful votes from one address are never counted: a meeting room votes
from behind one address. Keys hold hashes, never a code."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from accounts.throttling import client_ip


def _key(kind: str, value: str) -> str:
    return f"vote-throttle:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def _bump(key: str) -> int:
    timeout = settings.VOTE_THROTTLE_WINDOW_SECONDS
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        return 1


def vote_throttled(request, code: str = "") -> bool:
    """True when this address guessed too many codes, or this code was tried too often, lately."""
    if cache.get(_key("ip", client_ip(request)), 0) >= settings.VOTE_THROTTLE_IP_FAILURES:
        return True
    return bool(code) and cache.get(_key("code", code), 0) >= settings.VOTE_THROTTLE_CODE_ATTEMPTS


def vote_attempt_record(request, code: str) -> None:
    """One attempt with this code (opening its page or voting with it)."""
    if code:
        _bump(_key("code", code))


def vote_failure_record(request) -> None:
    """A code that does not exist was tried from this address."""
    _bump(_key("ip", client_ip(request)))
