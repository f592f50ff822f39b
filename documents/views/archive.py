"""After printing: verify a copy against the archive, and hand the forms over to the personnel file
(转递材料清单)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import View

from cadres.forms import DATE_INPUT
from core.view_helpers import form_action

from ..access import appraisal_for_documents, archive_actions, file_transfer_actions
from ..models import FileTransfer
from ..selectors import file_transfer_materials
from ..services import archive_verify, file_transfer_package, file_transfer_record


class VerifyForm(forms.Form):
    file = forms.FileField(label="鉴定表 PDF")


class VerifyView(View):
    """Upload a PDF: "matches appraisal X" or "does not match" the archived form."""

    def dispatch(self, request, *args, **kwargs):
        if "verify" not in archive_actions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, "documents/verify.html", {"form": VerifyForm()})

    def post(self, request):
        form = VerifyForm(request.POST, request.FILES)
        result = None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > 20 * 1024 * 1024:
                form.add_error("file", "文件过大。")
            else:
                result = {"match": archive_verify(data=upload.read(), user=request.user)}
        return render(request, "documents/verify.html", {"form": form, "result": result})


class TransferForm(forms.Form):
    materials = forms.MultipleChoiceField(
        label="转递材料", choices=FileTransfer.MATERIALS, widget=forms.CheckboxSelectMultiple
    )
    transferred_on = forms.DateField(label="转递日期", widget=DATE_INPUT)
    recipient = forms.CharField(label="接收人/单位", max_length=100)
    notes = forms.CharField(label="备注", required=False, max_length=200)

    def __init__(self, *args, materials: list[tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if materials is not None:
            self.fields["materials"].choices = materials


# Where each material of the hand-off (FileTransfer.MATERIALS) is printed: its own PDF, or a part of the form.
MATERIAL_PDFS = {"form": "documents:appraisal-pdf", "democratic": "documents:democratic-tally-pdf"}
MATERIAL_NOTES = {"summary": "印在鉴定表“个人总结”栏", "result": "印在鉴定表“组织部门鉴定意见”栏"}


def transfer_materials(appraisal, materials: list[tuple[str, str]]) -> list[dict]:
    """The hand-off's materials (labels as file_transfer_materials gives them), each with its PDF or where
    it is printed."""
    return [
        {
            "label": label,
            "url": reverse(MATERIAL_PDFS[key], args=[appraisal.pk]) if key in MATERIAL_PDFS else "",
            "note": MATERIAL_NOTES.get(key, ""),
        }
        for key, label in materials
    ]


class TransferView(View):
    """Everyone who sees the appraisal reads and prints the list; the org department records a hand-off."""

    def _appraisal(self, request, pk):
        from assessments.models import Appraisal

        return appraisal_for_documents(
            user=request.user,
            pk=pk,
            queryset=Appraisal.objects.select_related("posting__cadre", "posting__batch__organizer", "final_grade"),
        )

    def get(self, request, pk: int, bound=None):
        """`bound`: the hand-off form sent back with errors, shown as typed."""
        appraisal = self._appraisal(request, pk)
        actions = file_transfer_actions(request.user, appraisal)
        materials = file_transfer_materials(batch=appraisal.posting.batch)
        transfers = list(appraisal.transfers.select_related("recorded_by"))
        for transfer in transfers:
            transfer.labels = transfer.material_labels(materials)
        form = bound
        if form is None and "record" in actions:
            form = TransferForm(initial={"transferred_on": timezone.localdate()}, materials=materials)
        return render(
            request,
            "documents/transfer.html",
            {
                "appraisal": appraisal,
                "actions": actions,
                "form": form,
                "transfers": transfers,
                "materials": transfer_materials(appraisal, materials),
                "print": request.GET.get("print") == "1",
            },
        )

    def post(self, request, pk: int):
        appraisal = self._appraisal(request, pk)
        form = TransferForm(request.POST, materials=file_transfer_materials(batch=appraisal.posting.batch))
        if form_action(
            request,
            form,
            lambda **d: file_transfer_record(appraisal=appraisal, acting_user=request.user, **d),
            gettext("已记录档案材料转递。"),
        ):
            return redirect("documents:transfer", pk=appraisal.pk)
        return self.get(request, pk, bound=form)


class TransferPackageView(View):
    """The hand-off's materials as one PDF to print (the appraisal form and the 民主测评汇总表), for
    whoever sees the appraisal, like the list itself."""

    def get(self, request, pk: int):
        appraisal = appraisal_for_documents(user=request.user, pk=pk)
        response = HttpResponse(file_transfer_package(appraisal=appraisal), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="transfer-{appraisal.pk}.pdf"'
        return response
