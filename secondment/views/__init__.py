"""Secondment pages, one module per page family: batches, nominations, postings (overview and
lifecycle), conduct (leave and attendance, inspections, work log), imports; `posting_pages` is what
every posting tab shares (the reports and assessments apps render their tabs with it too)."""
