"""What the documents app adds to the pages of the apps below it (core.pages)."""

from core.pages import page_extra

from .access import appraisal_document_actions, archived_forms_visible_to, batch_document_actions
from .democratic import MAX_BALLOTS


@page_extra("secondment.batch_detail")
def _batch_documents(*, user, batch) -> dict:
    """The batch page's "汇总表 PDF" and "批量打印鉴定表" buttons."""
    return {"document_actions": batch_document_actions(user, batch)}


@page_extra("cadres.cadre_detail")
def _cadre_documents(*, user, cadre, actions) -> dict:
    """The cadre page's "任免审批表 PDF", for whoever may read the cadre's particulars (`actions`: the
    page's own cadres.access.cadre_actions, so no second query)."""
    return {"document_actions": {"appointment_pdf"} if "read_particulars" in actions else set()}


@page_extra("assessments.posting_assessment")
def _appraisal_documents(*, user, appraisal) -> dict:
    """The assessment tab's "鉴定表 PDF", "民主测评汇总表" and "空白测评票" (whoever sees the appraisal;
    ballots while it is open) and "档案材料转递" (once finalized)."""
    if appraisal is None:
        return {"document_actions": set(), "archived_form_url": ""}
    # the PDF archived at finalization, served behind the appraisal's scope (core.files)
    archived = archived_forms_visible_to(user).filter(appraisal=appraisal).exclude(file="").first()
    return {
        "document_actions": appraisal_document_actions(user, appraisal),
        "ballot_max": MAX_BALLOTS,
        "archived_form_url": archived.file.url if archived else "",
    }
