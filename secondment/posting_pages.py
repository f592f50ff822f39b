"""Moved to `secondment.views.posting_pages`; kept so the reports and assessments tabs that import it
from here keep working."""

from .views.posting_pages import FLAG_SOURCES, TABS, posting_context, posting_flags

__all__ = ["FLAG_SOURCES", "TABS", "posting_context", "posting_flags"]
