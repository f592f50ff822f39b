"""任免审批表 files: the import (upload several .lrmx, a zip of them, or .lrm + .pic pairs -> preview ->
confirm, the roster import's flow and pages) and the export of one cadre's file."""

import io
import zipfile

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from core.import_views import ImportFlow, ImportPreviewView, _FlowView
from core.importing import ImportRejected
from core.models import ImportUpload

from .. import access, selectors
from ..access import cadre_import_allowed
from ..lrmx import MAX_FILES, MAX_TOTAL_BYTES, LrmxError, expand_uploads, read_bundle, write_lrmx
from ..lrmx_records import bundle_from_stored, lrmx_filename, lrmx_import, person_from_cadre
from ..unit_pickers import unit_pick_apply

LRMX_CONTENT_TYPE = "application/xml"
_SUFFIXES = (".lrmx", ".lrm", ".pic", ".zip")


def _run(*, sheet, user, apply, skip_bad_rows, context):
    return lrmx_import(upload=sheet, user=user, apply=apply, skip_bad_rows=skip_bad_rows)


LRMX_FLOW = ImportFlow(
    kind="cadres_lrmx",
    title="导入干部任免审批表（.lrmx）",
    preview_url_name="cadres:lrmx-import-preview",
    done_url=lambda context: reverse("cadres:cadre-list"),
    run=_run,
    allowed=lambda user, context: cadre_import_allowed(user),
    hints=(
        "可一次选择多个 .lrmx 文件，或上传它们的 zip 压缩包；2.0 版的 .lrm 文件请与同名 .pic 照片一起上传。",
        "按身份证号匹配：系统中已有的干部显示逐项变更，确认后更新；简历和家庭成员按文件替换。",
        "所在单位取自“现任职务”开头的单位名称；也可以在表单中为这批文件统一选择单位。",
    ),
    row_header="文件",
    row_noun="文件",
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(_SUFFIXES)}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class LrmxUploadForm(forms.Form):
    files = MultipleFileField(label=_("任免审批表文件（.lrmx、.lrm + .pic，或其 .zip）"))
    unit = forms.ModelChoiceField(
        label=_("所在单位（可选）"),
        queryset=None,
        required=False,
        help_text=_("选择后，这批文件中的干部都登记在该单位；不选则按“现任职务”开头的单位名称确定。"),
    )
    skip_bad_rows = forms.BooleanField(
        label=_("跳过有错误的文件，只导入正确的文件"),
        required=False,
        help_text=_("不勾选时：只要有一个文件有错误，就一个也不导入。"),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        unit_pick_apply(self.fields["unit"], "cadre", units)  # the search box of the cadre form

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES * 2:
            raise forms.ValidationError(f"一次最多上传 {MAX_FILES * 2} 个文件，请分批导入。")
        if sum(f.size for f in files) > MAX_TOTAL_BYTES:
            raise forms.ValidationError(
                f"上传的文件合计超过 {MAX_TOTAL_BYTES // (1024 * 1024)} MB 的上限，请分批导入。"
            )
        for f in files:
            if not f.name.lower().endswith(_SUFFIXES):
                raise forms.ValidationError(f"“{f.name}”不是任免审批表文件：请上传 .lrmx、.lrm、.pic 或 .zip 文件。")
        return files


def _bundle_zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


class LrmxUploadView(_FlowView):
    """Reads the files once to refuse a bad upload at once; keeps them, flattened, as one zip for the
    preview and the confirmation (which read it again within the same limits)."""

    flow = LRMX_FLOW

    def _form(self, request, data=None, files=None):
        return LrmxUploadForm(data, files, units=access.units_managed_by(request.user))

    def _render(self, request, context, form):
        return render(request, "cadres/lrmx_upload.html", self._page(request, context, form=form))

    def get(self, request, **kwargs):
        context = self._context(request, kwargs)
        return self._render(request, context, self._form(request))

    def post(self, request, **kwargs):
        context = self._context(request, kwargs)
        form = self._form(request, request.POST, request.FILES)
        if form.is_valid():
            uploaded = [(f.name.rsplit("/", 1)[-1], f.read()) for f in form.cleaned_data["files"]]
            try:
                members = expand_uploads(uploaded)
                read_bundle(members)
            except LrmxError as exc:
                form.add_error("files", exc.message)
        if not form.is_valid():
            return self._render(request, context, form)
        unit = form.cleaned_data["unit"]
        names = [name for name, _ in uploaded]
        original = names[0] if len(names) == 1 else f"{names[0]} 等 {len(names)} 个文件"
        upload = ImportUpload.objects.create(
            kind=self.flow.kind,
            uploaded_by=request.user,
            file=ContentFile(_bundle_zip(members), name="lrmx.zip"),
            original_name=original[:200],
            skip_bad_rows=form.cleaned_data["skip_bad_rows"],
            parsed={"unit_id": unit.pk if unit else None},
        )
        return redirect(self.flow.preview_url_name, pk=upload.pk)


class LrmxPreviewView(ImportPreviewView):
    flow = LRMX_FLOW
    upload_url_name = "cadres:lrmx-import-start"

    def _sheet(self, upload):
        try:
            with upload.file.open("rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise ImportRejected("上传的文件已不存在，请重新上传。") from exc
        return bundle_from_stored(data, (upload.parsed or {}).get("unit_id"))


def lrmx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=LRMX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class CadreLrmxView(View):
    """One cadre's 任免审批表 as .lrmx: 404 outside the user's scope; those who see the cadre but not their
    family (a receiving contact) are refused."""

    def get(self, request, pk: int):
        cadre = selectors.cadre_get_for_user(user=request.user, pk=pk)
        if "read_particulars" not in access.cadre_actions(request.user, cadre):
            raise PermissionDenied
        return lrmx_response(write_lrmx(person_from_cadre(cadre)), lrmx_filename(cadre))
