"""What the assessments app adds to the pages of the apps below it (core.pages)."""

from core.pages import page_extra

from .access import may_read_ranking


@page_extra("secondment.batch_detail")
def _batch_ranking(*, user, batch) -> dict:
    """The batch page's "鉴定得分排名" link, for the organizing department."""
    return {"appraisal_ranking": may_read_ranking(user, batch)}
