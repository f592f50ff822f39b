"""The periodic tasks (django-celery-beat) are named in Chinese in CELERY_BEAT_SCHEDULE: rows made
under the earlier English names take the new ones (else beat would run both), and celery's own
"celery.backend_cleanup" goes (the product keeps no task results, CELERY_RESULT_EXPIRES = None)."""

from django.db import migrations

RENAMED = {
    "worker-heartbeat": "工作进程心跳",
    "reminders-scan": "生成并发送提醒",
    "print-jobs-cleanup": "清理过期的批量打印",
    "postings-end-terms": "期满挂职转入待鉴定",
}


def rename(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for old, new in RENAMED.items():
        if PeriodicTask.objects.filter(name=new).exists():
            PeriodicTask.objects.filter(name=old).delete()
        else:
            PeriodicTask.objects.filter(name=old).update(name=new)
    PeriodicTask.objects.filter(name="celery.backend_cleanup").delete()


def unrename(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for old, new in RENAMED.items():
        PeriodicTask.objects.filter(name=new).update(name=old)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_delivery_channel_choices"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(rename, unrename)]
