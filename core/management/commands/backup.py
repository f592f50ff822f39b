from django.core.management.base import BaseCommand

from core.backup import backup_create


class Command(BaseCommand):
    help = "备份数据库和全部存储文件到一个 .tar.gz 文件（恢复：python manage.py restore 文件）。"

    def add_arguments(self, parser):
        parser.add_argument("out", help="备份文件路径，如 backup-20261201.tar.gz")

    def handle(self, *args, out: str, **options):
        manifest = backup_create(out=out)
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"已备份：{rows} 条记录，{len(manifest['files'])} 个文件 → {out}")
