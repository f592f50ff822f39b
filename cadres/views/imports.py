"""Roster import pages: the shared upload -> preview -> confirm flow, configured for cadres."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.generic import View

from core.import_views import ImportFlow, ImportPreviewView, ImportUploadView, xlsx_response

from ..access import cadre_import_allowed
from ..import_template import roster_template_xlsx
from ..roster_import import roster_import


def _run(*, sheet, user, apply, skip_bad_rows, context):
    return roster_import(sheet=sheet, user=user, apply=apply, skip_bad_rows=skip_bad_rows)


ROSTER_FLOW = ImportFlow(
    kind="cadres",
    title="从 Excel 导入干部名册",
    preview_url_name="cadres:import-preview",
    done_url=lambda context: reverse("cadres:cadre-list"),
    run=_run,
    allowed=lambda user, context: cadre_import_allowed(user),
    template_url=lambda context: reverse("cadres:import-template"),
    hints=(
        "带 * 的列必填；按身份证号匹配：系统中已有的干部显示逐项变更，确认后更新。",
        "出生年月可写成 1985.03、1985-3 或 1985年3月。",
    ),
)


class RosterTemplateView(View):
    def get(self, request):
        if not cadre_import_allowed(request.user):
            raise PermissionDenied
        return xlsx_response(roster_template_xlsx(), "cadre-roster-template.xlsx")


class RosterUploadView(ImportUploadView):
    flow = ROSTER_FLOW


class RosterPreviewView(ImportPreviewView):
    flow = ROSTER_FLOW
    upload_url_name = "cadres:import-start"
