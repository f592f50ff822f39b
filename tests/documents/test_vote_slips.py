"""The 测评码 slips of a phone vote (民主测评（扫码）, issue 20): one slip per unused code, whose QR code a
phone reads back as that code's voting page and whose typed code (ABCD-EFGH) the entry page takes as it
is printed; for the vote's organizer only, while the vote is open; the address from the host the
organizer reached (the intranet's), or SITE_URL when that was this machine's loopback."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import Role
from assessments.services import votes as vs
from core.models import AuditLog
from documents.vote_slips import site_base_url, slip_fields, slips_pdf
from tests.assessments.test_democratic_vote import codes, open_vote
from tests.documents.pdf_layout import cut_cells, read_qr_codes
from tests.factories import make_user

INTRANET = "10.12.0.8"


@pytest.fixture
def vote_world(appraisal_world, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, INTRANET]
    appraisal_world.vote = open_vote(appraisal_world, expected=12)
    appraisal_world.codes = codes(appraisal_world.vote)
    return appraisal_world


def _slips_url(w) -> str:
    return reverse("documents:vote-slips", kwargs={"pk": w.vote.pk})


def test_every_unused_code_prints_once_and_its_qr_code_reads_back_as_its_voting_page(vote_world, client):
    w = vote_world
    vs.democratic_vote_cast(code=w.codes[0], choice="votes_excellent")
    client.force_login(w.org_county_a)
    response = client.get(_slips_url(w), HTTP_HOST=INTRANET)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"  # the codes are the ballots' keys
    pdf = response.content
    unused = w.codes[1:]
    cells = [cell for page in cut_cells(pdf) for cell in page]
    assert [c for cell in cells for c in cell.words if "-" in c and len(c) == 9] == [vs.code_display(c) for c in unused]
    assert vs.code_display(w.codes[0]) not in "".join(cell.text for cell in cells)  # used: not printed again
    # each slip's QR code is its own code's page, on this host
    pages = read_qr_codes(pdf)
    assert [len(p) for p in pages] == [10, 1]
    assert sorted(url for page in pages for url in page) == sorted(f"http://{INTRANET}/v/{c}/" for c in unused)
    for cell in cells:
        assert f"http://{INTRANET}/v/" in cell.text and w.cadre_a.name in cell.text
    entry = AuditLog.objects.get(action="print.vote_slips")
    assert entry.actor == w.org_county_a and entry.data == {"vote": w.vote.pk}


def test_the_printed_code_and_the_qr_link_both_reach_the_ballot(vote_world, client):
    """The typed code as printed (with its dash, in small letters too) finds the ballot from /v/; the
    QR code's link opens it directly."""
    w = vote_world
    code = w.codes[3]
    printed = vs.code_display(code)
    assert vs.code_normalize(printed) == vs.code_normalize(printed.lower()) == code
    client.logout()
    typed = client.post(reverse("voting:enter"), {"code": printed.lower()})
    assert typed.status_code == 302 and typed["Location"] == reverse("voting:ballot", kwargs={"code": code})
    page = client.get(typed["Location"])
    assert page.status_code == 200 and w.cadre_a.name in page.content.decode()


def test_only_the_organizing_side_prints_the_codes_while_the_vote_is_open(vote_world, client):
    w = vote_world
    url = _slips_url(w)
    other_county = make_user("t_org_b", roles=[(Role.ORG_STAFF, w.county_b)])
    for user in (w.cadre_user, w.receive_a, w.dispatch_a, other_county):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    client.logout()
    assert client.get(url).status_code == 302  # the login page
    for user in (w.org_county_a, w.org_city):
        client.force_login(user)
        assert client.get(url).status_code == 200, user
    # the tab offers the slips while the vote is open, and no longer once it is closed
    tab = reverse("assessments:posting", kwargs={"pk": w.posting.pk})
    assert url in client.get(tab).content.decode()
    vs.democratic_vote_close(vote=w.vote, acting_user=w.org_county_a, reason="会议提前结束")
    assert client.get(url).status_code == 404
    assert url not in client.get(tab).content.decode()


def test_no_slips_once_every_code_is_used(vote_world, client):
    w = vote_world
    for code in w.codes:
        vs.democratic_vote_cast(code=code, choice="abstain")
    client.force_login(w.org_county_a)
    assert client.get(_slips_url(w)).status_code == 404
    assert not AuditLog.objects.filter(action="print.vote_slips").exists()


@pytest.mark.parametrize(
    ("host", "site_url", "expected"),
    [
        (INTRANET, "http://127.0.0.1:8000", f"http://{INTRANET}"),  # the intranet host the organizer used
        (f"{INTRANET}:8000", "https://gzt.example.gov.cn", f"http://{INTRANET}:8000"),
        ("127.0.0.1", "https://gzt.example.gov.cn", "https://gzt.example.gov.cn"),  # printed on the server
        ("localhost", "http://127.0.0.1:8000", "http://localhost"),  # nothing better known
    ],
)
def test_the_slips_address_is_the_one_phones_can_reach(settings, host, site_url, expected):
    settings.ALLOWED_HOSTS = [INTRANET, "127.0.0.1", "localhost"]
    settings.SITE_URL = site_url
    request = RequestFactory().get("/documents/", HTTP_HOST=host)
    assert site_base_url(request) == expected


def test_a_slip_for_a_long_address_still_reads_back(appraisal_world):
    """An https host of 40 characters makes a larger QR code (more modules), still read back whole."""
    w = appraisal_world
    vote = open_vote(w, expected=2)
    base = "https://guazhitong.zuzhibu.some-county.gov.cn"
    pdf = slips_pdf(codes(vote), fields=slip_fields(vote), base_url=base)
    assert sorted(read_qr_codes(pdf)[0]) == sorted(f"{base}/v/{c}/" for c in codes(vote))
