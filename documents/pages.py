"""What the documents app adds to the pages of the apps below it (core.pages)."""

from core.pages import page_extra

from .access import batch_document_actions, file_transfer_actions


@page_extra("secondment.batch_detail")
def _batch_documents(*, user, batch) -> dict:
    """The batch page's "汇总表 PDF" and "批量打印鉴定表" buttons."""
    return {"document_actions": batch_document_actions(user, batch)}


@page_extra("assessments.posting_assessment")
def _appraisal_documents(*, user, appraisal) -> dict:
    """The assessment tab's "鉴定表 PDF" (whoever sees the appraisal) and "档案材料转递" (once finalized)."""
    if appraisal is None:
        return {"document_actions": set()}
    actions = {"appraisal_pdf"}
    if appraisal.is_locked:
        actions.add("transfer")
    return {"document_actions": actions | {f"transfer_{a}" for a in file_transfer_actions(user, appraisal)}}
