"""The registration form (登记表) in copies: the notice asks for it 一式三份 (seed 001), so the nomination
page links to three copies, each marked 第N份，共3份 (issue 14, second point)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import make_cadre


@pytest.fixture
def nomination(batch_world):
    from secondment.services import nominations as ns

    w = batch_world
    return ns.nomination_create(
        batch=w.batch, cadre=make_cadre(w.unit_a, "登记人"), method="org", reason="表现突出", acting_user=w.dispatch_a
    )


def _pages(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def test_three_copies_each_marked_on_its_first_page(client, batch_world, nomination):
    client.force_login(batch_world.org_county_a)
    pages = _pages(client.get(reverse("documents:registration-pdf", args=[nomination.pk]), {"copies": 3}))
    first_pages = [text for text in pages if "第 1 页" in text]  # each copy numbers its own pages
    assert len(first_pages) == 3
    for n, text in enumerate(first_pages, start=1):
        assert f"第{n}份，共3份" in text and "挂职干部基本情况登记表" in text and "登记人" in text


def test_one_copy_is_unmarked(client, batch_world, nomination):
    client.force_login(batch_world.org_county_a)
    pages = _pages(client.get(reverse("documents:registration-pdf", args=[nomination.pk])))
    assert "登记人" in pages[0] and not any("份，共" in text for text in pages)


def test_the_nomination_page_links_to_three_copies(client, batch_world, nomination):
    client.force_login(batch_world.dispatch_a)
    page = client.get(reverse("secondment:nomination-detail", args=[nomination.pk])).content.decode()
    assert reverse("documents:registration-pdf", args=[nomination.pk]) + "?copies=3" in page


def test_outside_the_nominations_scope_the_pdf_is_404(client, batch_world, nomination):
    """Another county's org department and an unrelated cadre get the same 404 as a missing nomination."""
    from tests.factories import make_user

    url = reverse("documents:registration-pdf", args=[nomination.pk])
    client.force_login(make_user(roles=[("org_staff", batch_world.county_b)]))
    assert client.get(url).status_code == 404
    client.force_login(batch_world.org_county_a)
    assert client.get(reverse("documents:registration-pdf", args=[nomination.pk + 999])).status_code == 404
