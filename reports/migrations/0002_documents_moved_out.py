from django.db import migrations


def _move_content_types(from_label, to_label, models):
    """Keep content types (and with them permissions, audit-log targets) when models change app."""

    def forward(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        AuditLog = apps.get_model("core", "AuditLog")
        for model in models:
            old = ContentType.objects.filter(app_label=from_label, model=model).first()
            new = ContentType.objects.filter(app_label=to_label, model=model).first()
            if old is not None and new is not None and not AuditLog.objects.filter(target_type=new).exists():
                # a partial `migrate <app>` made the new type (with default permissions) before this ran:
                # drop that unused one so the old type, with its references, takes its place
                new.delete()
                new = None
            if new is None:
                ContentType.objects.filter(pk=getattr(old, "pk", None)).update(app_label=to_label)

    def backward(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in models:
            if not ContentType.objects.filter(app_label=from_label, model=model).exists():
                ContentType.objects.filter(app_label=to_label, model=model).update(app_label=from_label)

    return migrations.RunPython(forward, backward)


class Migration(migrations.Migration):
    """The printed forms (ArchivedForm, PrintJob, FileTransfer) now belong to the `documents` app; their
    tables stay as they are. `reports` becomes the app of the work reports (issue 13)."""

    dependencies = [
        ("core", "0003_reminder_webhooktarget_notification_delivery"),
        ("reports", "0001_initial"),
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='filetransfer',
                    name='appraisal',
                ),
                migrations.RemoveField(
                    model_name='filetransfer',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='printjob',
                    name='batch',
                ),
                migrations.RemoveField(
                    model_name='printjob',
                    name='owner',
                ),
                migrations.DeleteModel(
                    name='ArchivedForm',
                ),
                migrations.DeleteModel(
                    name='FileTransfer',
                ),
                migrations.DeleteModel(
                    name='PrintJob',
                ),
            ],
            database_operations=[],
        ),
        _move_content_types("reports", "documents", ["archivedform", "printjob", "filetransfer"]),
    ]
