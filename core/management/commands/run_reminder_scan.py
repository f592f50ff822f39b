from datetime import date

from django.core.management.base import BaseCommand, CommandError

from core.reminders import DELIVERY_BATCH, RetryLater, reminder_deliver, reminder_scan


class Command(BaseCommand):
    help = "立即运行提醒扫描并同步发送（供运维、仅用 cron 的部署和核对使用）。可重复运行，不会重复提醒。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按该日期扫描（YYYY-MM-DD），默认今天（北京时间）")

    def handle(self, *args, date: str | None = None, **options):
        try:
            today = _parse(date) if date else None
        except ValueError as exc:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{date}") from exc
        created, pending = reminder_scan(today=today)
        sent = failed = 0
        for start in range(0, len(pending), DELIVERY_BATCH):
            try:
                outcomes = reminder_deliver(reminder_ids=pending[start : start + DELIVERY_BATCH])
            except RetryLater as exc:
                outcomes = exc.args[0]
            for outcome in outcomes.values():
                sent += sum(1 for v in outcome.values() if v == "sent")
                failed += sum(1 for v in outcome.values() if v in ("failed", "retry"))
        self.stdout.write(f"新建提醒 {created} 条，发送 {sent} 次，失败 {failed} 次。")


def _parse(value: str) -> date:
    return date.fromisoformat(value)
