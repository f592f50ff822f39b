from django.db import migrations


class Migration(migrations.Migration):
    """The work reports now belong to the `reports` app (reports/migrations/0003); their tables stay."""

    dependencies = [
        ("secondment", "0006_report_submitted_late"),
        ("reports", "0003_work_reports_moved_in"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='workreport',
                    name='cycle',
                ),
                migrations.RemoveField(
                    model_name='workreport',
                    name='posting',
                ),
                migrations.RemoveField(
                    model_name='workreportattachment',
                    name='report',
                ),
                migrations.RemoveField(
                    model_name='workreportround',
                    name='report',
                ),
                migrations.RemoveField(
                    model_name='workreportround',
                    name='actor',
                ),
                migrations.DeleteModel(
                    name='ReportCycle',
                ),
                migrations.DeleteModel(
                    name='WorkReportAttachment',
                ),
                migrations.DeleteModel(
                    name='WorkReport',
                ),
                migrations.DeleteModel(
                    name='WorkReportRound',
                ),
            ],
            database_operations=[],
        ),
    ]
