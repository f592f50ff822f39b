"""Where an app above adds to secondment without secondment importing it (issue 13, like
cadres.extensions): the annual assessment results an extension's assessment condition links.

`assessments` registers a source with `annual_results_source`:

    link(extension_request) -> list[AnnualResult]   links the posting's graded annual results to the
                                                     request (records, not text) and returns them
    linked(request_ids) -> dict[int, list[AnnualResult]]   what each request has linked, for pages

Without a source (the assessments app absent) the assessment condition cannot be met.
"""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class AnnualResult:
    """One graded annual assessment (年度考核结果): year, grade and its national result code
    (优秀=1 … 不称职=4; 5 is 不定等次)."""

    pk: int
    year: int
    grade: str
    code: str
    recorded: bool  # the org department has recorded (备案) it

    def reaches(self, min_grade: str) -> bool:
        """At least as good as the condition's lowest accepted code (a lower code is a better grade)."""
        return self.code.isdigit() and min_grade.isdigit() and 1 <= int(self.code) <= int(min_grade)


class AnnualResultsSource(Protocol):
    def link(self, extension_request) -> list[AnnualResult]: ...

    def linked(self, request_ids: list[int]) -> dict[int, list[AnnualResult]]: ...


_source: list[AnnualResultsSource] = []


def annual_results_source(source: AnnualResultsSource) -> AnnualResultsSource:
    _source[:] = [source]
    return source


def link_annual_results(extension_request) -> list[AnnualResult] | None:
    """The request's posting's graded annual results, now linked to it; None without a source."""
    return _source[0].link(extension_request) if _source else None


def linked_annual_results(request_ids: list[int]) -> dict[int, list[AnnualResult]]:
    return _source[0].linked(request_ids) if _source and request_ids else {}
