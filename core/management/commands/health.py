"""`manage.py health`: the details /healthz/ keeps from anonymous callers (database, broker, worker
heartbeat), as JSON; exit status 1 when the database or the broker is unreachable."""

import json

from django.core.management.base import BaseCommand, CommandError

from core.views import health_details


class Command(BaseCommand):
    help = "数据库、消息队列与后台任务心跳的状态（JSON）"

    def handle(self, *args, **options):
        body = health_details()
        self.stdout.write(json.dumps(body, ensure_ascii=False))
        if body["status"] != "ok":
            raise CommandError("unhealthy")
