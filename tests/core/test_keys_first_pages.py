"""A list page picked by its keys and then read with what its rows show (core.paginator: KeysFirstPaginator,
keyset_page's `read`; issue 18): the same rows in the same order as reading the list itself, every page,
cursor and direction, with the related records read in the same statement."""

import pytest
from django.core.paginator import Paginator
from django.db.models import Q

from cadres.filters import SORTS
from cadres.models import Cadre
from core.paginator import KeysFirstPaginator, keyset_page
from tests.factories import make_cadre

KEYS = SORTS["unit"]


@pytest.fixture
def cadres(world):
    for i, unit in enumerate([world.unit_a, world.unit_b, world.town_a] * 5):
        make_cadre(unit, f"林{'一二三四五六七八九十'[i % 10]}{i}")
    return Cadre.objects.filter(Q(name__contains="林") | Q(unit=world.unit_a))


def test_keys_first_pages_are_the_lists_pages(cadres, django_assert_num_queries):
    ordered = cadres.order_by("-birth_date", "name", "-id")
    plain = Paginator(ordered, 4)
    keyed = KeysFirstPaginator(ordered, 4, read=Cadre.objects.select_related("unit"))
    assert plain.num_pages == keyed.num_pages >= 4
    for number in plain.page_range:
        expected = [c.pk for c in plain.page(number)]
        with django_assert_num_queries(1):
            rows = list(keyed.page(number))
            units = [c.unit.name for c in rows]  # read with the page
        assert [c.pk for c in rows] == expected and all(units)


def test_keyset_pages_read_by_keys_are_the_same(cadres, django_assert_num_queries):
    read = Cadre.objects.select_related("unit")
    count = cadres.count()
    for number in (1, 2, 3, 99):
        plain = keyset_page(cadres, keys=KEYS, per_page=4, number=number, count=count)
        keyed = keyset_page(cadres, keys=KEYS, per_page=4, number=number, count=count, read=read)
        assert [c.pk for c in keyed] == [c.pk for c in plain]
        assert (keyed.number, keyed.has_next(), keyed.has_previous()) == (
            plain.number,
            plain.has_next(),
            plain.has_previous(),
        )
        for cursor in ("after", "before"):
            position = plain.next_cursor if cursor == "after" else plain.previous_cursor
            if not position:
                continue
            a = keyset_page(cadres, keys=KEYS, per_page=4, number=2, count=count, **{cursor: position})
            with django_assert_num_queries(1):
                b = keyset_page(cadres, keys=KEYS, per_page=4, number=2, count=count, read=read, **{cursor: position})
                assert all(c.unit.name for c in b)
            assert [c.pk for c in b] == [c.pk for c in a] and len(a) > 0
            assert (b.has_next(), b.has_previous()) == (a.has_next(), a.has_previous())
