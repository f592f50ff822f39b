from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext

from core.demo import seed_all


class Command(BaseCommand):
    help = "载入演示数据（临江市：单位、干部、各角色演示账号）。可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="在 DEBUG 关闭时也运行（会创建使用公开演示密码的账号！）"
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                gettext("DEBUG 已关闭：演示数据带有公开的演示密码，不能写入生产数据库。确需运行请加 --force。")
            )
        with transaction.atomic():
            context, lines = seed_all()
        # today's reminders, so the demo logins have notifications (demo users have no email address)
        from core.reminders import RetryLater, reminder_deliver, reminder_scan

        _created, pending = reminder_scan()
        for reminder_id in pending:
            try:
                reminder_deliver(reminder_id=reminder_id)
            except RetryLater:
                pass
        self.stdout.write(self.style.SUCCESS("演示数据就绪：" + "，".join(lines) + "。"))
        users = context.get("users", {})
        self.stdout.write(f"演示账号（密码均为 {context.get('demo_password', '')}）：" + "、".join(users))
