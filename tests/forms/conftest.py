"""Fixtures of other test modules the form tests reuse."""

from tests.secondment.support.test_pairings import paired_world  # noqa: F401  (a fixture)
