"""Nominee list and score sheet imports for a batch, on the shared import pages."""

from django.urls import reverse
from django.views.generic import View

from core.import_views import ImportFlow, ImportPreviewView, ImportUploadView, xlsx_response

from .. import selectors
from ..access import batch_actions
from ..io.nomination_import import nominee_import, nominee_template_xlsx, score_import, score_template_xlsx
from ..io.posting_import import posting_import, posting_template_xlsx


def _batch_context(request, batch_pk, **kwargs):
    return {"batch": selectors.batch_get_for_user(user=request.user, pk=batch_pk)}


NOMINEE_FLOW = ImportFlow(
    kind="nominees",
    title="从 Excel 导入推荐名单",
    preview_url_name="secondment:import-nominees-preview",
    done_url=lambda context: reverse("secondment:batch-detail", args=[context["batch"].pk]),
    run=lambda *, sheet, user, apply, skip_bad_rows, context: nominee_import(
        sheet=sheet, user=user, batch=context["batch"], apply=apply, skip_bad_rows=skip_bad_rows
    ),
    allowed=lambda user, context: "nominate" in batch_actions(user, context["batch"]),
    template_url=lambda context: reverse("secondment:import-nominees-template", args=[context["batch"].pk]),
    hints=(
        "列：身份证号、姓名、推荐方式（个人自荐/群众推荐/组织推荐）、推荐理由、报名岗位（可选）。",
        "名额、截止日期和选派条件与网页推荐一样校验。",
    ),
    url_kwargs=lambda context: {"batch_pk": context["batch"].pk},
)
SCORE_FLOW = ImportFlow(
    kind="scores",
    title="从 Excel 导入笔试、面试成绩",
    preview_url_name="secondment:import-scores-preview",
    done_url=lambda context: reverse("secondment:batch-ranking", args=[context["batch"].pk]),
    run=lambda *, sheet, user, apply, skip_bad_rows, context: score_import(
        sheet=sheet, user=user, batch=context["batch"], apply=apply, skip_bad_rows=skip_bad_rows
    ),
    allowed=lambda user, context: "manage" in batch_actions(user, context["batch"]),
    template_url=lambda context: reverse("secondment:import-scores-template", args=[context["batch"].pk]),
    hints=("列：身份证号、姓名、笔试成绩、面试成绩（0–100）。按身份证号匹配本批次的推荐记录。",),
    url_kwargs=lambda context: {"batch_pk": context["batch"].pk},
)


class NomineeUploadView(ImportUploadView):
    flow = NOMINEE_FLOW
    resolve_context = staticmethod(_batch_context)


class NomineePreviewView(ImportPreviewView):
    flow = NOMINEE_FLOW
    resolve_context = staticmethod(_batch_context)
    upload_url_name = "secondment:import-nominees"


class NomineeTemplateView(View):
    def get(self, request, batch_pk: int):
        selectors.batch_get_for_user(user=request.user, pk=batch_pk)
        return xlsx_response(nominee_template_xlsx(), "nominees-template.xlsx")


class ScoreUploadView(ImportUploadView):
    flow = SCORE_FLOW
    resolve_context = staticmethod(_batch_context)


class ScorePreviewView(ImportPreviewView):
    flow = SCORE_FLOW
    resolve_context = staticmethod(_batch_context)
    upload_url_name = "secondment:import-scores"


class ScoreTemplateView(View):
    def get(self, request, batch_pk: int):
        selectors.batch_get_for_user(user=request.user, pk=batch_pk)
        return xlsx_response(score_template_xlsx(), "scores-template.xlsx")


POSTING_FLOW = ImportFlow(
    kind="postings",
    title="从 Excel 导入在岗挂职名单",
    preview_url_name="secondment:import-postings-preview",
    done_url=lambda context: reverse("secondment:posting-list") + f"?batch={context['batch'].pk}",
    run=lambda *, sheet, user, apply, skip_bad_rows, context: posting_import(
        sheet=sheet, user=user, batch=context["batch"], apply=apply, skip_bad_rows=skip_bad_rows
    ),
    allowed=lambda user, context: "manage" in batch_actions(user, context["batch"]),
    template_url=lambda context: reverse("secondment:import-postings-template", args=[context["batch"].pk]),
    hints=(
        "列：身份证号、姓名、接收单位、挂任职务、开始日期、结束日期（可空，默认按批次期限）、任职文号、任职日期、到岗日期、"
        "备案编号、帮带领导。",
        "填了任职文号和任职日期的记为“待到岗”，再填到岗日期的记为“在岗”。干部须已在干部名册中。",
    ),
    url_kwargs=lambda context: {"batch_pk": context["batch"].pk},
)


class PostingUploadView(ImportUploadView):
    flow = POSTING_FLOW
    resolve_context = staticmethod(_batch_context)


class PostingPreviewView(ImportPreviewView):
    flow = POSTING_FLOW
    resolve_context = staticmethod(_batch_context)
    upload_url_name = "secondment:import-postings"


class PostingTemplateView(View):
    def get(self, request, batch_pk: int):
        selectors.batch_get_for_user(user=request.user, pk=batch_pk)
        return xlsx_response(posting_template_xlsx(), "postings-template.xlsx")
