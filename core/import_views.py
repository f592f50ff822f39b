"""The upload -> preview -> confirm pages shared by every spreadsheet import.

An app describes its import as an `ImportFlow` (what it is called, who may use it, the function that
evaluates and applies a file) and mounts `ImportUploadView` / `ImportPreviewView` with it. The run
function returns a result with `rows` (row_number, status new/update/unchanged/error, name,
id_number, errors, diff), `counts`, `applied`, `created`, `updated`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from .access import import_upload_get_for_user
from .importing import ImportRejected, ParsedSheet, read_sheet
from .importing.safety import MAX_BYTES
from .models import ImportUpload
from .xlsx import XLSX_CONTENT_TYPE


@dataclass(frozen=True)
class ImportFlow:
    kind: str  # ImportUpload.kind
    title: str  # 导入干部名册
    preview_url_name: str  # receives pk and url_kwargs(context)
    done_url: Callable  # done_url(context) -> str, where a successful import leads
    run: Callable  # run(*, sheet, user, apply, skip_bad_rows, context) -> result; sheet: the parsed upload
    allowed: Callable  # allowed(user, context) -> bool
    template_url: Callable | None = None  # template_url(context) -> str
    hints: tuple[str, ...] = ()
    url_kwargs: Callable = lambda context: {}  # extra kwargs of the upload and preview URLs (the batch)
    row_header: str = "行号"  # the preview's first column: a row of a sheet, or a file of a batch of files
    row_noun: str = "行"

    def __post_init__(self) -> None:
        from .labels import IMPORT_KIND_LABELS

        IMPORT_KIND_LABELS[self.kind] = self.title  # admin names the uploads by their flow

    def context_for(self, request, **kwargs):
        """Extra objects the flow needs (e.g. the batch), resolved and scope-checked by the app."""
        return kwargs


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("文件（.xlsx）"))
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


class _FlowView(View):
    flow: ImportFlow = None
    resolve_context: Callable = staticmethod(lambda request, **kwargs: kwargs)

    def _context(self, request, kwargs):
        context = self.resolve_context(request, **kwargs)
        if not self.flow.allowed(request.user, context):
            raise PermissionDenied
        return context

    def _page(self, request, context, **extra):
        return {
            "flow": self.flow,
            "template_url": self.flow.template_url(context) if self.flow.template_url else "",
            **context,
            **extra,
        }


class ImportUploadView(_FlowView):
    def get(self, request, **kwargs):
        context = self._context(request, kwargs)
        return render(request, "core/import_upload.html", self._page(request, context, form=ImportUploadForm()))

    def post(self, request, **kwargs):
        context = self._context(request, kwargs)
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            # parsed here, once, within the limits of core.importing.safety; the preview and the
            # confirmation read the kept result
            file = form.cleaned_data["file"]
            try:
                sheet = read_sheet(file)
            except ImportRejected as exc:
                form.add_error("file", str(exc))
        if not form.is_valid():
            return render(request, "core/import_upload.html", self._page(request, context, form=form))
        file.seek(0)
        upload = ImportUpload.objects.create(
            kind=self.flow.kind,
            uploaded_by=request.user,
            file=file,
            original_name=file.name[:200],
            skip_bad_rows=form.cleaned_data["skip_bad_rows"],
            parsed=sheet.to_json(),
        )
        return redirect(self.flow.preview_url_name, pk=upload.pk, **self.flow.url_kwargs(context))


class ImportPreviewView(_FlowView):
    upload_url_name: str = ""

    def _upload(self, request, pk):
        """The user's own upload of this kind, else 404 (core.access: an upload belongs to its uploader)."""
        return import_upload_get_for_user(user=request.user, pk=pk, kind=self.flow.kind)

    def _sheet(self, upload) -> ParsedSheet:
        """The upload as parsed when it arrived (an upload from before parsed results were kept is
        parsed now, once, and kept)."""
        if upload.parsed:
            return ParsedSheet.from_json(upload.parsed)
        with upload.file.open("rb") as fileobj:
            sheet = read_sheet(fileobj)
        upload.parsed = sheet.to_json()
        upload.save(update_fields=["parsed", "updated_at"])
        return sheet

    def _run(self, request, upload, context, *, apply, skip_bad_rows=None):
        return self.flow.run(
            sheet=self._sheet(upload),
            user=request.user,
            apply=apply,
            skip_bad_rows=upload.skip_bad_rows if skip_bad_rows is None else skip_bad_rows,
            context=context,
        )

    def _render(self, request, context, **extra):
        restart = reverse(self.upload_url_name, kwargs=self.flow.url_kwargs(context))
        return render(request, "core/import_preview.html", self._page(request, context, restart_url=restart, **extra))

    def get(self, request, pk: int, **kwargs):
        context = self._context(request, kwargs)
        upload = self._upload(request, pk)
        try:
            result = self._run(request, upload, context, apply=False)
        except ImportRejected as exc:
            return self._render(request, context, upload=upload, rejected=str(exc))
        return self._render(request, context, upload=upload, result=result)

    def post(self, request, pk: int, **kwargs):
        context = self._context(request, kwargs)
        upload = self._upload(request, pk)
        done = self.flow.done_url(context)
        try:
            # The upload row is locked while it is applied: a second confirm (a double click, another
            # tab) waits, then finds it applied and is told so instead of importing twice.
            with transaction.atomic():
                upload = ImportUpload.objects.select_for_update().get(pk=upload.pk)
                if upload.status == ImportUpload.Status.APPLIED:
                    messages.info(request, gettext("该文件已经导入过。"))
                    return redirect(done)
                # "导入无误的行" on the preview: go on with the valid rows of this very upload, no second upload
                skip = upload.skip_bad_rows or request.POST.get("skip_bad_rows") == "1"
                try:
                    result = self._run(request, upload, context, apply=True, skip_bad_rows=skip)
                except ImportRejected as exc:
                    return self._render(request, context, upload=upload, rejected=str(exc))
                upload.summary = {**result.counts, "created": result.created, "updated": result.updated}
                if result.applied:
                    upload.status, upload.applied_at = ImportUpload.Status.APPLIED, timezone.now()
                    upload.skip_bad_rows = skip
                    upload.save(update_fields=["summary", "status", "applied_at", "skip_bad_rows", "updated_at"])
                else:
                    upload.status = ImportUpload.Status.REJECTED
                    upload.save(update_fields=["summary", "status", "updated_at"])
        except IntegrityError:
            messages.error(request, gettext("导入未完成：有人同时导入或修改了相同的记录，本次未导入任何数据。"))
            return redirect(done)
        if result.applied:
            bad = [str(row.row_number) for row in result.rows if row.status == "error"]
            noun = self.flow.row_noun
            if noun == "行":
                skipped = f"，跳过错误行 {len(bad)} 行（第 {'、'.join(bad)} 行，请修改后另行导入）" if bad else ""
            else:
                skipped = f"，跳过有错误的{noun} {len(bad)} 个（{'、'.join(bad)}，请修改后另行导入）" if bad else ""
            messages.success(request, f"导入完成：新增 {result.created} 条，更新 {result.updated} 条{skipped}。")
            return redirect(done)
        if self.flow.row_noun == "行":
            messages.error(request, gettext("有错误行，未导入任何数据。请修改文件后重新上传，或选择“导入无误的行”。"))
        else:
            messages.error(request, gettext("有文件有错误，未导入任何数据。请修改后重新上传，或选择“导入无误的文件”。"))
        return self._render(request, context, upload=upload, result=result)


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
