"""Printed forms and their life after printing, one module per page family: `pdf` (the appraisal form,
the batch summary, the registration form, a work report), `print_jobs` (batch printing with progress),
`archive` (verification against the archive, the personnel-file hand-off). Who may do what is
`documents.access`."""
