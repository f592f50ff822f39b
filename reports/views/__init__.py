"""Work report pages, one module per page family: a posting's reports (`postings`), one report —
writing, attachments, review, print (`detail`), the reviewers' queue (`queue`), compliance
(`compliance`) and the export (`export`)."""
