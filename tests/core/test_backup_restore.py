"""Backup and restore (issue 17): `manage.py backup OUT.tar.gz` keeps the database and the stored files;
`manage.py restore IN.tar.gz` into an empty database and an empty storage gives back the same rows and
the same files, which open through their records as before."""

import io
import json
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from cadres.models import Cadre
from core.backup import EXCLUDED, stored_files
from core.models import AuditLog, ImportUpload
from reports.models import WorkReportAttachment

PDF_BYTES = b"%PDF-1.4\n% a report's attachment\n%%EOF\n"


def _rows(tmp_path) -> list:
    """Every row, as dumpdata writes it (content types by natural key), in a stable order."""
    out = tmp_path / "rows.json"
    call_command(
        "dumpdata", "--natural-foreign", "--all", *[f"--exclude={x}" for x in EXCLUDED], output=str(out), verbosity=0
    )
    return sorted(json.loads(out.read_text()), key=lambda r: (r["model"], str(r["pk"])))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the restore flushes, for real
def test_a_backup_restores_into_an_empty_database_and_storage_with_the_same_rows_and_files(
    on_post_world, settings, tmp_path
):
    from reports import services

    w = on_post_world
    settings.MEDIA_ROOT = tmp_path / "media"
    report = w.posting.reports.order_by("period_start").first()
    services.work_report_attach(
        report=report, upload=SimpleUploadedFile("调研报告.pdf", PDF_BYTES), acting_user=w.cadre_user
    )
    ImportUpload.objects.create(
        kind="cadres",
        uploaded_by=w.dispatch_a,
        file=ContentFile(b"PK\x03\x04x", name="名册.xlsx"),
        original_name="名册",
    )
    w.cadre_a.photo.save("photo.jpg", ContentFile(b"\xff\xd8\xff\xe0photo"), save=True)
    rows_before, files_before = _rows(tmp_path), stored_files()
    assert len(files_before) == 3 and AuditLog.objects.exists()

    archive_path = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive_path), verbosity=0)
    with tarfile.open(archive_path) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
    assert manifest["rows"]["cadres.Cadre"] == Cadre.objects.count() and manifest["files"] == files_before

    # an empty database and an empty storage
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "restored"
    assert not Cadre.objects.exists() and stored_files() == {}

    call_command("restore", str(archive_path), interactive=False, verbosity=0)
    assert _rows(tmp_path) == rows_before
    assert stored_files() == files_before
    attachment = WorkReportAttachment.objects.get()
    assert attachment.name == "调研报告.pdf" and attachment.file.read() == PDF_BYTES
    assert Cadre.objects.get(pk=w.cadre_a.pk).photo.read() == b"\xff\xd8\xff\xe0photo"


def test_restore_refuses_a_backup_from_a_newer_version_and_changes_nothing(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive_path = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive_path), verbosity=0)
    newer = tmp_path / "newer.tar.gz"
    with tarfile.open(archive_path) as source, tarfile.open(newer, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"].append("cadres.9999_from_the_future")
                data = json.dumps(manifest).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    count = Cadre.objects.count()
    with pytest.raises(CommandError, match="备份来自更新版本的挂职通"):
        call_command("restore", str(newer), interactive=False)
    assert Cadre.objects.count() == count


def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(world, tmp_path):
    bogus = tmp_path / "x.tar.gz"
    with tarfile.open(bogus, "w:gz") as archive:
        archive.add(__file__, arcname="../../etc/evil")
    count = Cadre.objects.count()
    with pytest.raises(CommandError, match="不是挂职通的备份文件"):
        call_command("restore", str(bogus), interactive=False)
    assert Cadre.objects.count() == count
