"""Who may see the kernel's own records (STYLE.md "Access next to the entity").

An import upload (导入文件) belongs to the user who uploaded it: nobody else previews or applies it,
and the 404 is the same for "missing" and "not yours".
"""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext

from .models import ImportUpload


def import_uploads_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = queryset if queryset is not None else ImportUpload.objects.all()
    if user is None or not user.is_authenticated:
        return qs.none()
    return qs.filter(uploaded_by=user)


def import_upload_get_for_user(*, user, pk: int, kind: str | None = None) -> ImportUpload:
    """The user's own upload (of this import `kind`, when given), else 404."""
    uploads = import_uploads_visible_to(user)
    if kind is not None:
        uploads = uploads.filter(kind=kind)
    upload = uploads.filter(pk=pk).first()
    if upload is None:
        raise Http404(gettext("导入记录不存在"))
    return upload
