from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "从备份文件恢复：先迁移并清空当前数据库，再载入备份中的记录，并把文件写回存储目录。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="backup 命令生成的 .tar.gz 文件")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="不询问，直接恢复"
        )

    def handle(self, *args, path: str, interactive: bool = True, **options):
        if interactive:
            name = connection.settings_dict["NAME"]
            answer = input(
                f"将清空数据库 {name} 的全部数据，并向 {settings.MEDIA_ROOT} 写入文件，然后从 {path} 恢复。"
                "输入 yes 继续："
            )
            if answer.strip().lower() != "yes":
                raise CommandError("已取消，未做任何改动。")
        try:
            manifest = backup_restore(path=path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"已恢复：{rows} 条记录，{len(manifest['files'])} 个文件（备份于 {manifest['created_at']}）。"
        )
