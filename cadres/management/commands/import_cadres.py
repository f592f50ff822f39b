import sys

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from cadres.roster_import import ImportRejected, roster_import


class Command(BaseCommand):
    help = "从 Excel 名册导入干部（与网页导入相同的校验）。有错误且未选择跳过错误行时，不写入任何数据并以非零状态退出。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="名册文件 .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="只预览，不写入")
        parser.add_argument("--skip-bad-rows", action="store_true", help="跳过错误行，导入其余各行")
        parser.add_argument("--user", help="以该用户的身份与权限范围导入（默认：系统，范围不限）")

    def handle(self, *args, file: str, dry_run: bool, skip_bad_rows: bool, user: str | None, **options):
        acting_user = None
        if user:
            acting_user = User.objects.filter(username=user).first()
            if acting_user is None:
                raise CommandError(f"用户 {user} 不存在。")
        try:
            with open(file, "rb") as fileobj:
                result = roster_import(
                    fileobj=fileobj, user=acting_user, apply=not dry_run, skip_bad_rows=skip_bad_rows
                )
        except FileNotFoundError as exc:
            raise CommandError(f"找不到文件：{file}") from exc
        except ImportRejected as exc:
            raise CommandError(str(exc)) from exc
        for row in result.rows:
            for column, message in row.errors:
                self.stdout.write(f"第{row.row_number}行 [{column or '整行'}] {message}")
        counts = result.counts
        self.stdout.write(
            f"共 {counts['total']} 行：新增 {counts['new']}，更新 {counts['update']}，无变化 {counts['unchanged']}，"
            f"错误 {counts['error']}。"
        )
        if dry_run:
            self.stdout.write("预览模式：未写入任何数据。")
            return
        if result.applied:
            self.stdout.write(self.style.SUCCESS(f"已写入：新增 {result.created} 人，更新 {result.updated} 人。"))
            return
        self.stderr.write("有错误行，未写入任何数据（可加 --skip-bad-rows 跳过错误行）。")
        sys.exit(1)
