"""An import upload belongs to its uploader (core.access): the same 404 for another user's upload, a
missing one, or one of another import kind."""

import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from core.access import import_upload_get_for_user, import_uploads_visible_to
from core.models import ImportUpload


@pytest.fixture
def upload(world):
    return ImportUpload.objects.create(
        kind="cadres", uploaded_by=world.dispatch_a, file=ContentFile(b"x", name="r.xlsx"), original_name="r.xlsx"
    )


def test_the_uploader_gets_their_upload(world, upload):
    assert import_upload_get_for_user(user=world.dispatch_a, pk=upload.pk, kind="cadres") == upload
    assert list(import_uploads_visible_to(world.dispatch_a)) == [upload]


@pytest.mark.parametrize("role", ["admin", "org_city", "receive", "cadre"])
def test_nobody_else_does_not_even_the_administrator(world, upload, role):
    user = world.users_by_role()[role]
    with pytest.raises(Http404):
        import_upload_get_for_user(user=user, pk=upload.pk)
    assert not import_uploads_visible_to(user).exists()


def test_another_kind_or_a_missing_upload_is_the_same_404(world, upload):
    with pytest.raises(Http404, match="导入记录不存在"):
        import_upload_get_for_user(user=world.dispatch_a, pk=upload.pk, kind="postings")
    with pytest.raises(Http404, match="导入记录不存在"):
        import_upload_get_for_user(user=world.dispatch_a, pk=upload.pk + 1)
