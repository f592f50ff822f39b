"""Spreadsheets in and out: the nominee, score and posting imports (on core's import pages) and the
posting list export."""
