"""Roster import pages: upload -> preview (every row's outcome) -> confirm."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from accounts.scoping import units_managed_by
from core.importing import ImportRejected
from core.importing.safety import MAX_BYTES
from core.models import ImportUpload
from core.xlsx import XLSX_CONTENT_TYPE

from .import_template import roster_template_xlsx
from .roster_import import roster_import

KIND = "cadres"


class RosterUploadForm(forms.Form):
    file = forms.FileField(label=_("名册文件（.xlsx）"))
    skip_bad_rows = forms.BooleanField(
        label=_("跳过错误行，只导入正确的行"),
        required=False,
        help_text=_("不勾选时：只要有一行有错误，就一行也不导入。"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"文件超过 {MAX_BYTES // (1024 * 1024)} MB 的上限，请拆分后再导入。")
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 格式的文件（旧版 .xls 请先在 Excel 中另存为 .xlsx）。")
        return upload


def _require_importer(request) -> None:
    if not units_managed_by(request.user).exists():
        raise PermissionDenied


def _upload_for(request, pk: int) -> ImportUpload:
    """The user's own upload, else 404 (another user's upload is not theirs to see)."""
    upload = ImportUpload.objects.filter(pk=pk, kind=KIND, uploaded_by=request.user).first()
    if upload is None:
        raise Http404("导入记录不存在")
    return upload


class RosterTemplateView(View):
    def get(self, request):
        response = HttpResponse(roster_template_xlsx(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="cadre-roster-template.xlsx"'
        return response


class RosterUploadView(View):
    def get(self, request):
        _require_importer(request)
        return render(request, "cadres/import_upload.html", {"form": RosterUploadForm()})

    def post(self, request):
        _require_importer(request)
        form = RosterUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "cadres/import_upload.html", {"form": form})
        upload = ImportUpload.objects.create(
            kind=KIND,
            uploaded_by=request.user,
            file=form.cleaned_data["file"],
            original_name=form.cleaned_data["file"].name[:200],
            skip_bad_rows=form.cleaned_data["skip_bad_rows"],
        )
        return redirect("cadres:import-preview", pk=upload.pk)


class RosterPreviewView(View):
    def _run(self, request, upload, *, apply: bool):
        with upload.file.open("rb") as fileobj:
            return roster_import(fileobj=fileobj, user=request.user, apply=apply, skip_bad_rows=upload.skip_bad_rows)

    def get(self, request, pk: int):
        _require_importer(request)
        upload = _upload_for(request, pk)
        context = {"upload": upload}
        try:
            context["result"] = self._run(request, upload, apply=False)
        except ImportRejected as exc:
            context["rejected"] = str(exc)
        return render(request, "cadres/import_preview.html", context)

    def post(self, request, pk: int):
        _require_importer(request)
        upload = _upload_for(request, pk)
        if upload.status == ImportUpload.Status.APPLIED:
            messages.info(request, "该文件已经导入过。")
            return redirect("cadres:cadre-list")
        try:
            result = self._run(request, upload, apply=True)
        except ImportRejected as exc:
            return render(request, "cadres/import_preview.html", {"upload": upload, "rejected": str(exc)})
        upload.summary = {**result.counts, "created": result.created, "updated": result.updated}
        if result.applied:
            upload.status, upload.applied_at = ImportUpload.Status.APPLIED, timezone.now()
            upload.save(update_fields=["summary", "status", "applied_at", "updated_at"])
            skipped = f"，跳过错误行 {result.counts['error']} 行" if result.counts["error"] else ""
            messages.success(request, f"导入完成：新增 {result.created} 人，更新 {result.updated} 人{skipped}。")
            return redirect("cadres:cadre-list")
        upload.status = ImportUpload.Status.REJECTED
        upload.save(update_fields=["summary", "status", "updated_at"])
        messages.error(request, "有错误行，未导入任何数据。请修改文件后重新上传，或选择跳过错误行。")
        return render(request, "cadres/import_preview.html", {"upload": upload, "result": result})
