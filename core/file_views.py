"""The one page that serves stored files (core.files): at MEDIA_URL, behind the owning record's scope."""

from django.views.generic import View

from .files import stored_file_for_user, stored_file_response


class StoredFileView(View):
    """GET MEDIA_URL<name>: the stored file, for a user who sees the record that owns it (404 otherwise)."""

    def get(self, request, name: str):
        _record, field_file, filename = stored_file_for_user(user=request.user, name=name)
        return stored_file_response(field_file, filename=filename)
