"""Forms of the secondment pages, one module per page family (as `views/`)."""
