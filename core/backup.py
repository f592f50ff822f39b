"""Backup and restore (备份与恢复, issue 17): the database and every stored file in one .tar.gz.

The database goes as Django's own JSON dump (`dumpdata --natural-foreign`, every model, primary keys
kept; content types and permissions by their natural keys, so they match whatever the target database
numbered them). The same archive restores on SQLite and on PostgreSQL, so it also moves an installation
from the embedded default to PostgreSQL. On PostgreSQL the dump reads one snapshot (REPEATABLE READ);
on SQLite it holds the write lock for the few seconds it takes.

    manifest.json   format, when, the database vendor, the migrations applied, rows per model, every
                    file with its SHA-256
    database.json   the rows
    files/<name>    the stored files (MEDIA_ROOT), under their storage names

A restore migrates the target database, refuses a backup made by a newer version (a migration the code
does not have), empties it (flush), loads the rows, writes the files into
MEDIA_ROOT, and checks the rows per model and every file's SHA-256 against the manifest.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

FORMAT = "guazhitong-backup/1"
# rebuilt by migrate from the code (content types, permissions) or worthless after a restore (sessions;
# the data version, renewed by the restore's own writes)
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "core.dataversion"]


class BackupError(Exception):
    """The archive cannot be restored; the message says why, in Chinese."""


def _models():
    skipped_apps = {"contenttypes", "sessions"}
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in skipped_apps or meta.label in ("auth.Permission", "core.DataVersion"):
            continue
        if meta.proxy or not meta.managed:
            continue
        yield model


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in _models()}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def stored_files(root: Path | None = None) -> dict[str, str]:
    """Every file under MEDIA_ROOT: storage name -> SHA-256."""
    root = Path(root or settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {path.relative_to(root).as_posix(): _sha256(path) for path in sorted(root.rglob("*")) if path.is_file()}


def applied_migrations() -> list[str]:
    from django.db.migrations.recorder import MigrationRecorder

    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def _dump(path: Path) -> dict[str, int]:
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if snapshot:  # the first statement of the transaction (a caller's transaction keeps its own level)
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        counts = row_counts()
        call_command(
            "dumpdata",
            "--natural-foreign",
            "--all",
            *[f"--exclude={label}" for label in EXCLUDED],
            format="json",
            indent=None,
            output=str(path),
            verbosity=0,
        )
    return counts


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
    archive.addfile(info, io.BytesIO(data))


def backup_create(*, out: str | Path) -> dict:
    """Write the archive; returns its manifest."""
    root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "database.json"
        counts = _dump(dump)
        files = stored_files(root)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "migrations": applied_migrations(),
            "rows": counts,
            "files": files,
        }
        with tarfile.open(out, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
            archive.add(dump, arcname="database.json")
            for name in files:
                archive.add(root / name, arcname=f"files/{name}")
    return manifest


def _safe_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"备份文件中含有不安全的路径：{name}")
    return path.as_posix()


def backup_read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError, AttributeError) as exc:
        raise BackupError("这不是挂职通的备份文件（缺少 manifest.json）。") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份格式 {manifest.get('format')!r} 不受支持（应为 {FORMAT}）。")
    return manifest


def backup_restore(*, path: str | Path) -> dict:
    """Replace the database's rows and MEDIA_ROOT's files with the archive's; returns its manifest.
    Raises BackupError when the archive is not a backup or does not verify after loading."""
    root = Path(settings.MEDIA_ROOT)
    try:
        archive = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"无法读取备份文件：{exc}") from exc
    with archive, tempfile.TemporaryDirectory() as tmp:
        manifest = backup_read_manifest(archive)
        members = {}
        for member in archive.getmembers():
            name = _safe_name(member.name)
            if not member.isfile():
                raise BackupError(f"备份文件中含有不是普通文件的条目：{name}")
            members[name] = member
        if "database.json" not in members:
            raise BackupError("备份文件缺少数据库内容（database.json）。")
        dump = Path(tmp) / "database.json"
        with archive.extractfile(members["database.json"]) as source, dump.open("wb") as target:
            while chunk := source.read(1024 * 1024):
                target.write(chunk)
        call_command("migrate", interactive=False, verbosity=0)
        unknown = sorted(set(manifest.get("migrations", [])) - set(applied_migrations()))
        if unknown:
            raise BackupError(
                f"备份来自更新版本的挂职通（含本程序没有的数据库迁移：{'、'.join(unknown[:5])}），请先升级程序再恢复。"
                "数据库未改变。"
            )
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(dump), verbosity=0)
            counts = row_counts()
            if counts != manifest["rows"]:
                differing = sorted(
                    k for k in set(counts) | set(manifest["rows"]) if counts.get(k) != manifest["rows"].get(k)
                )
                raise BackupError(f"恢复后的记录数与备份不一致：{'、'.join(differing)}。数据库未改变。")
        for name, digest in manifest["files"].items():
            member = members.get(f"files/{name}")
            if member is None:
                raise BackupError(f"备份文件缺少存储文件：{name}")
            target = root / _safe_name(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as source, target.open("wb") as out:
                while chunk := source.read(1024 * 1024):
                    out.write(chunk)
            if _sha256(target) != digest:
                raise BackupError(f"存储文件校验失败（SHA-256 不符）：{name}")
    return manifest
