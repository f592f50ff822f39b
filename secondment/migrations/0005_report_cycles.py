from django.db import migrations


def forwards(apps, schema_editor):
    ReportCycle = apps.get_model("secondment", "ReportCycle")
    # seed 004: every quarter a written report to the org department; every half year to the dispatching unit
    ReportCycle.objects.get_or_create(name="季度工作汇报", defaults={"period_months": 3, "recipient": "org_dept",
                                                                     "due_days": 5})
    ReportCycle.objects.get_or_create(name="半年工作报告", defaults={"period_months": 6,
                                                                     "recipient": "dispatching_unit", "due_days": 10})


class Migration(migrations.Migration):
    dependencies = [("secondment", "0004_work_reports")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
