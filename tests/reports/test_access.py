"""What each role may do with a work report (reports.access.work_report_actions) and that the report
page shows exactly that: the writing form to its cadre while it is editable, the review form to its
reviewer while it waits, neither to anyone else."""

import pytest
from django.urls import reverse

from reports import services
from reports.access import work_report_actions

ROLES = ("admin", "org_city", "org_county", "dispatch", "receive", "cadre")
TEXT = {"main_work": "走访农户", "next_plans": "推进项目"}


def _first(w, recipient):
    return w.posting.reports.filter(cycle__recipient=recipient).order_by("period_start").first()


@pytest.fixture
def reports(reminder_world):
    w = reminder_world
    w.quarterly, w.half = _first(w, "org_dept"), _first(w, "dispatching_unit")
    assert w.quarterly and w.half
    return w


def _actions(w, report):
    return {role: work_report_actions(user, report) for role, user in w.users_by_role().items()}


def test_a_draft_is_written_by_its_cadre_only(reports):
    w = reports
    for report in (w.quarterly, w.half):
        assert _actions(w, report) == {role: ({"write"} if role == "cadre" else set()) for role in ROLES}


def test_a_submitted_quarterly_report_is_reviewed_by_the_org_department(reports):
    w = reports
    report = services.work_report_submit(report=w.quarterly, version=0, acting_user=w.cadre_user, **TEXT)
    reviewers = {"admin", "org_city", "org_county"}
    assert _actions(w, report) == {role: ({"review"} if role in reviewers else set()) for role in ROLES}


def test_a_submitted_half_yearly_report_is_reviewed_by_the_dispatching_unit(reports):
    w = reports
    report = services.work_report_submit(report=w.half, version=0, acting_user=w.cadre_user, **TEXT)
    actions = _actions(w, report)
    assert actions["dispatch"] == {"review"}
    assert actions["org_county"] == actions["cadre"] == actions["receive"] == set()


def test_a_returned_report_is_the_cadres_to_write_again_and_an_accepted_one_nobodys(reports):
    w = reports
    report = services.work_report_submit(report=w.quarterly, version=0, acting_user=w.cadre_user, **TEXT)
    report = services.work_report_return(report=report, comments="请补充", acting_user=w.org_county_a)
    assert _actions(w, report)["cadre"] == {"write"}
    report = services.work_report_submit(report=report, version=report.version, acting_user=w.cadre_user)
    report = services.work_report_accept(report=report, acting_user=w.org_county_a)
    assert all(actions == set() for actions in _actions(w, report).values())


def _page(client, user, report):
    client.force_login(user)
    response = client.get(reverse("reports:detail", args=[report.pk]))
    assert response.status_code == 200
    return response


class TestReportPage:
    def test_the_writing_form_is_shown_to_the_cadre_not_to_the_receiving_unit(self, client, reports):
        w = reports
        own = _page(client, w.cadre_user, w.quarterly)
        assert own.context["form"] is not None and 'name="submit"' in own.content.decode()
        other = _page(client, w.receive_a, w.quarterly)
        assert other.context["form"] is None and 'name="submit"' not in other.content.decode()
        assert 'data-testid="report-text"' in other.content.decode()

    def test_the_review_form_is_shown_to_the_reviewer_not_to_the_cadre_or_the_dispatching_unit(self, client, reports):
        w = reports
        services.work_report_submit(report=w.quarterly, version=0, acting_user=w.cadre_user, **TEXT)
        accept = reverse("reports:review", args=[w.quarterly.pk, "accept"])
        assert accept in _page(client, w.org_county_a, w.quarterly).content.decode()
        for user in (w.cadre_user, w.dispatch_a, w.receive_a):
            page = _page(client, user, w.quarterly).content.decode()
            assert accept not in page and 'data-testid="review-form"' not in page

    def test_a_half_yearly_report_is_reviewed_on_the_page_by_the_dispatching_unit_only(self, client, reports):
        w = reports
        services.work_report_submit(report=w.half, version=0, acting_user=w.cadre_user, **TEXT)
        assert 'data-testid="review-form"' in _page(client, w.dispatch_a, w.half).content.decode()
        assert 'data-testid="review-form"' not in _page(client, w.org_county_a, w.half).content.decode()

    def test_a_submitted_report_is_no_longer_a_form_for_its_cadre(self, client, reports):
        w = reports
        services.work_report_submit(report=w.quarterly, version=0, acting_user=w.cadre_user, **TEXT)
        page = _page(client, w.cadre_user, w.quarterly)
        assert page.context["form"] is None and "write" not in page.context["actions"]
