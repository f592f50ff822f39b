"""The annual results an extension request's assessment condition links (secondment.extensions): the
posting's graded annual assessments (确定等次 or 组织部门已备案), linked to the request as records."""

from collections import defaultdict

from secondment.extensions import AnnualResult, annual_results_source

from .models import AnnualAssessment

Link = AnnualAssessment.extension_requests.through


def _result(a: AnnualAssessment) -> AnnualResult:
    return AnnualResult(
        pk=a.pk,
        year=a.year,
        grade=a.final_grade.name,
        code=a.final_grade.code,
        recorded=a.status == AnnualAssessment.Status.CONFIRMED,
    )


class _AnnualResults:
    def link(self, extension_request) -> list[AnnualResult]:
        graded = list(
            AnnualAssessment.objects.filter(
                posting_id=extension_request.posting_id, status__in=AnnualAssessment.GRADED_STATUSES
            )
            .select_related("final_grade")
            .order_by("year")
        )
        for a in graded:
            a.extension_requests.add(extension_request)
        return [_result(a) for a in graded]

    def linked(self, request_ids: list[int]) -> dict[int, list[AnnualResult]]:
        rows = (
            Link.objects.filter(extensionrequest_id__in=request_ids)
            .select_related("annualassessment__final_grade")
            .order_by("annualassessment__year")
        )
        found: dict[int, list[AnnualResult]] = defaultdict(list)
        for row in rows:
            found[row.extensionrequest_id].append(_result(row.annualassessment))
        return dict(found)


annual_results_source(_AnnualResults())
