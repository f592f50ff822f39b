"""Nothing assigns a state machine's status but its one performing service (STYLE: "Every state
machine is a transition table … Nothing else assigns .status"), read from the sources with `ast`."""

import pytest

from tests.status_writes import NOT_A_MACHINE, status_writes, writes_outside

PERFORMING = {
    ("secondment/services/postings.py", "posting_transition"),
    ("secondment/services/postings.py", "extension_request_transition"),
    ("secondment/services/batches.py", "batch_transition"),
    ("secondment/services/nominations.py", "nomination_transition"),
    ("secondment/services/leave.py", "leave_transition"),
    ("secondment/services/termination.py", "termination_proposal_decide"),
    ("reports/services/work_reports.py", "work_report_transition"),
    ("assessments/services/appraisals.py", "appraisal_transition"),
    ("assessments/services/annual.py", "annual_transition"),
    ("assessments/services/votes.py", "democratic_vote_transition"),
    ("documents/services/__init__.py", "print_job_transition"),
    ("core/exports.py", "export_job_transition"),
}


def test_no_status_is_written_outside_the_performing_services():
    stray = writes_outside(PERFORMING)
    assert stray == [], "status written outside its performing service: " + "; ".join(
        f"{s.module}:{s.line} in {s.function}(): {s.code[:60]}" for s in stray
    )


@pytest.mark.parametrize("site", sorted(PERFORMING), ids=lambda s: s[1])
def test_each_performing_service_writes_its_status_once(site):
    assert [(s.module, s.function) for s in status_writes()].count(site) == 1


def test_the_finder_sees_every_kind_of_write():
    import ast

    from tests.status_writes import _Finder

    source = """
def f(x, qs, M):
    x.status = "a"
    x.status, x.other = "a", 1
    qs.update(status="b")
    M.objects.update_or_create(pk=1, defaults={"status": "c"})
    setattr(x, "status", "d")
    x.decision = "e"
    x.statuses = "not a status"
"""
    finder = _Finder("example.py")
    finder.visit(ast.parse(source))
    assert [s.line for s in finder.sites] == [3, 4, 5, 6, 7, 8]
    assert NOT_A_MACHINE  # the known exceptions are listed, each with its reason in status_writes.py
