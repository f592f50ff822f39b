"""Moving models between apps (issue 13) keeps every table, row and content type.

The work reports moved from `secondment` to `reports` and the printed forms from the old `reports` to
`documents`, with state-only migrations. This test goes back to the migrations as they were before the move,
writes a row into every moved table with the historical models, an audit-log entry and a permission on the
old content types, migrates forward and finds all of it again through the current models.
"""

from datetime import UTC, date, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The migration heads before the move; `documents` had no migrations then.
PRE_MOVE_NODES = [
    ("accounts", "0004_calendar_token"),
    ("assessments", "0002_reference_data"),
    ("cadres", "0002_reference_data"),
    ("core", "0003_reminder_webhooktarget_notification_delivery"),
    ("documents", None),
    ("reports", "0001_initial"),
    ("secondment", "0006_report_submitted_late"),
]

# (model name, app label before the move, app label after it, current model as "app.Model")
MOVES = [
    ("reportcycle", "secondment", "reports", "reports.ReportCycle"),
    ("workreport", "secondment", "reports", "reports.WorkReport"),
    ("workreportround", "secondment", "reports", "reports.WorkReportRound"),
    ("workreportattachment", "secondment", "reports", "reports.WorkReportAttachment"),
    ("archivedform", "reports", "documents", "documents.ArchivedForm"),
    ("printjob", "reports", "documents", "documents.PrintJob"),
    ("filetransfer", "reports", "documents", "documents.FileTransfer"),
]

SUBMITTED_AT = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # the loader caches what is applied; reload it for the next step
    return executor


def _latest_nodes() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _pre_move_apps(executor: MigrationExecutor):
    nodes = [node for node in PRE_MOVE_NODES if node[1] is not None]
    return executor.loader.project_state(nodes).apps


def _row_values(model, pk) -> dict:
    fields = [f.attname for f in model._meta.concrete_fields]
    return model.objects.filter(pk=pk).values(*fields).get()


def _content_types_as_before_the_move(apps) -> dict[str, int]:
    """The content types a database had before the move: old labels only. Returns their ids by model."""
    ContentType_ = apps.get_model("contenttypes", "ContentType")
    ids = {}
    for model, old_label, new_label, _current in MOVES:
        ContentType_.objects.filter(app_label=new_label, model=model).delete()
        ids[model] = ContentType_.objects.get_or_create(app_label=old_label, model=model)[0].pk
    return ids


def _insert_rows_before_the_move(apps) -> dict:
    """One row in every moved table (and the chain of rows they need), with the historical models.

    Returns what the current models must find: the values of each moved row, the content type ids, and the
    audit-log entries and the permission written on the old content types."""
    get = apps.get_model
    content_type_ids = _content_types_as_before_the_move(apps)

    user = get("accounts", "User").objects.create(username="move_test_user", password="!", full_name="迁移测试")
    Unit = get("cadres", "Unit")
    county = Unit.objects.create(name="迁移测试县委", level="county")
    town = Unit.objects.create(name="迁移测试镇", parent=county, kind="township", level="township")
    county.path, town.path = f"/{county.pk}/", f"/{county.pk}/{town.pk}/"
    county.save(update_fields=["path"])
    town.save(update_fields=["path"])
    cadre = get("cadres", "Cadre").objects.create(
        name="迁移测试干部",
        gender="M",
        birth_date=date(1988, 6, 1),
        id_number="110101198806010015",
        ethnicity=get("cadres", "Ethnicity").objects.get_or_create(name="迁移测试民族")[0],
        political_status=get("cadres", "PoliticalStatus").objects.get_or_create(name="迁移测试面貌")[0],
        unit=county,
    )
    batch = get("secondment", "Batch").objects.create(
        name="迁移测试批次",
        year=2026,
        planned_start=date(2026, 3, 1),
        nomination_deadline=date(2026, 2, 1),
        organizer=county,
        kind=get("secondment", "BatchKind").objects.get_or_create(name="迁移测试类别")[0],
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
    appraisal = get("assessments", "Appraisal").objects.create(
        posting=posting,
        scale=get("assessments", "GradeScale").objects.get_or_create(name="迁移测试等次")[0],
        template=get("assessments", "IndicatorTemplate").objects.get_or_create(name="迁移测试模板", version=1)[0],
    )

    cycle = get("secondment", "ReportCycle").objects.create(
        name="迁移测试月报", period_months=1, recipient="dispatching_party", due_days=7, jurisdiction=county
    )
    report = get("secondment", "WorkReport").objects.create(
        posting=posting,
        cycle=cycle,
        period_start=date(2026, 3, 1),
        period_end=date(2026, 3, 31),
        due_date=date(2026, 4, 7),
        status="submitted",
        main_work="驻村调研",
        results="修路一条",
        version=2,
        first_submitted_at=SUBMITTED_AT,
        submitted_at=SUBMITTED_AT,
        submitted_late=False,
    )
    rows = {
        "reportcycle": cycle,
        "workreport": report,
        "workreportround": get("secondment", "WorkReportRound").objects.create(
            report=report, action="submit", comments="请审阅", snapshot={"main_work": "驻村调研"}, actor=user
        ),
        "workreportattachment": get("secondment", "WorkReportAttachment").objects.create(
            report=report, file=f"reports/{posting.pk}/{report.pk}/照片.jpg", name="照片.jpg", size=2048
        ),
        "archivedform": get("reports", "ArchivedForm").objects.create(
            appraisal=appraisal, file="archive/appraisals/form.pdf", sha256="ab" * 32, size=4096
        ),
        "printjob": get("reports", "PrintJob").objects.create(
            batch=batch, owner=user, status="done", total=3, done=3, file="jobs/batch.zip"
        ),
        "filetransfer": get("reports", "FileTransfer").objects.create(
            appraisal=appraisal,
            recorded_by=user,
            materials=["鉴定表", "考核材料"],
            transferred_on=date(2027, 3, 10),
            recipient="县委组织部干部科",
            notes="原件",
        ),
    }

    AuditLog = get("core", "AuditLog")
    audit = {
        model: AuditLog.objects.create(
            actor=user,
            action=f"{model}.update",
            target_type_id=content_type_ids[model],
            target_id=str(rows[model].pk),
            target_repr=f"迁移测试 {model}",
        ).pk
        for model in ("workreport", "archivedform")
    }
    permission = get("auth", "Permission").objects.create(
        name="Can check the move", codename="check_move_workreport", content_type_id=content_type_ids["workreport"]
    )
    return {
        "rows": {model: (row.pk, _row_values(type(row), row.pk)) for model, row in rows.items()},
        "content_type_ids": content_type_ids,
        "audit": audit,
        "permission": permission.pk,
    }


def _assert_rows_kept(before: dict) -> None:
    from django.apps import apps

    for model, _old_label, _new_label, current in MOVES:
        pk, values = before["rows"][model]
        current_model = apps.get_model(current)
        # every column of the time of the move is kept (fields added since may join them)
        assert set(values) <= {f.attname for f in current_model._meta.concrete_fields}, current
        assert current_model.objects.filter(pk=pk).values(*values).get() == values, current


def _assert_content_types_kept(before: dict) -> None:
    from django.contrib.auth.models import Permission

    from core.models import AuditLog
    from documents.models import ArchivedForm
    from reports.models import WorkReport

    ContentType.objects.clear_cache()  # the manager caches content types by model; these rows were moved
    ids = before["content_type_ids"]
    for model, old_label, new_label, _current in MOVES:
        assert not ContentType.objects.filter(app_label=old_label, model=model).exists(), (old_label, model)
        assert ContentType.objects.get(app_label=new_label, model=model).pk == ids[model], (new_label, model)

    report_type = ContentType.objects.get_for_model(WorkReport)
    assert report_type.pk == ids["workreport"]
    assert AuditLog.objects.get(pk=before["audit"]["workreport"]).target_type == report_type
    assert AuditLog.objects.get(pk=before["audit"]["archivedform"]).target_type == ContentType.objects.get_for_model(
        ArchivedForm
    )
    assert Permission.objects.get(pk=before["permission"]).content_type == report_type


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_moved_models_keep_their_rows_and_content_types():
    try:
        executor = _migrate(PRE_MOVE_NODES)
        before = _insert_rows_before_the_move(_pre_move_apps(executor))
        _migrate(_latest_nodes())
        _assert_rows_kept(before)
        _assert_content_types_kept(before)
    finally:
        _migrate(_latest_nodes())  # whatever happened, leave the database as the other tests expect it
        ContentType.objects.clear_cache()
