"""Existing extension requests and annual assessments are migrated sensibly (issue 15): a decided request
keeps the ticked box as a consent marked as the receiving unit's tick, an undecided one goes to the
dispatching contact for their own step; every request records the four conditions it is judged under
and links its posting's graded annual results; a grade the org department set was its determination
and its record at once."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("secondment", "0007_work_reports_moved_out"), ("assessments", "0003_appraisal_closed")]
CONFIRMED_AT = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def _latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _rows_before(apps) -> dict:
    get = apps.get_model
    user = get("accounts", "User").objects.create(username="ext_migration_org", password="!", full_name="组织部")
    Unit = get("cadres", "Unit")
    county = Unit.objects.create(name="延期迁移县委", level="county")
    town = Unit.objects.create(name="延期迁移镇", parent=county, kind="township", level="township")
    county.path, town.path = f"/{county.pk}/", f"/{county.pk}/{town.pk}/"
    county.save(update_fields=["path"])
    town.save(update_fields=["path"])
    cadre = get("cadres", "Cadre").objects.create(
        name="延期迁移干部",
        gender="M",
        birth_date=date(1988, 6, 1),
        id_number="110101198806010015",
        ethnicity=get("cadres", "Ethnicity").objects.get_or_create(name="迁移民族")[0],
        political_status=get("cadres", "PoliticalStatus").objects.get_or_create(name="迁移面貌")[0],
        unit=county,
    )
    batch = get("secondment", "Batch").objects.create(
        name="延期迁移批次",
        year=2026,
        planned_start=date(2026, 3, 1),
        nomination_deadline=date(2026, 2, 1),
        organizer=county,
        kind=get("secondment", "BatchKind").objects.get_or_create(name="迁移类别")[0],
    )
    posting = get("secondment", "Posting").objects.create(
        batch=batch,
        cadre=cadre,
        dispatching_unit=county,
        receiving_unit=town,
        post="副镇长",
        start_date=date(2026, 3, 1),
        planned_end_date=date(2027, 2, 28),
        end_date=date(2027, 2, 28),
        status="on_post",
    )
    scale = get("assessments", "GradeScale").objects.get_or_create(name="迁移等次")[0]
    excellent = get("assessments", "Grade").objects.get_or_create(scale=scale, name="优秀", defaults={"code": "1"})[0]
    annual = get("assessments", "AnnualAssessment").objects.create(
        posting=posting,
        year=2026,
        status="confirmed",
        proposed_grade=excellent,
        proposed_comments="好",
        proposed_at=CONFIRMED_AT,
        final_grade=excellent,
        confirmed_by=user,
        confirmed_at=CONFIRMED_AT,
    )
    Request = get("secondment", "ExtensionRequest")
    common = {"posting": posting, "new_end_date": date(2027, 8, 31), "receiving_unit_request": "工作需要"}
    decided = Request.objects.create(
        **common, dispatch_consent=True, assessment_summary="年度考核优秀", decision="approved", decided_by=user
    )
    undecided = Request.objects.create(**common, dispatch_consent=True, assessment_summary="优秀")
    return {"user": user.pk, "annual": annual.pk, "decided": decided.pk, "undecided": undecided.pk}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_extension_requests_and_annual_grades_are_migrated():
    try:
        executor = _migrate(BEFORE)
        below = [node for node in executor.loader.graph.leaf_nodes() if node[0] in ("core", "accounts", "cadres")]
        before = _rows_before(executor.loader.project_state(BEFORE + below).apps)
        _migrate(_latest())
        from assessments.models import AnnualAssessment
        from secondment.models import ExtensionRequest

        decided = ExtensionRequest.objects.get(pk=before["decided"])
        undecided = ExtensionRequest.objects.get(pk=before["undecided"])
        assert (decided.decision, decided.consent, decided.consent_by) == ("approved", "given", None)
        assert "接收单位勾选" in decided.consent_reason and decided.assessment_summary == "年度考核优秀"
        assert (undecided.decision, undecided.consent) == ("consent", "")  # the dispatching contact's step now
        assert [c["kind"] for c in undecided.conditions] == [
            "receiving_request",
            "dispatch_consent",
            "assessment",
            "cadre_willing",
        ]
        annual = AnnualAssessment.objects.get(pk=before["annual"])
        assert (annual.determined_by_id, annual.determined_at) == (before["user"], CONFIRMED_AT)
        assert set(annual.extension_requests.values_list("pk", flat=True)) == {before["decided"], before["undecided"]}
    finally:
        _migrate(_latest())
