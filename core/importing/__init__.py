"""The spreadsheet import machinery shared by every import (cadre roster, nominees, scores, postings).

- `read_sheet` refuses oversized files, zip bombs, hostile XML (DTD/entities) and too many shared strings
  before openpyxl parses anything, then streams the first sheet within row, cell and time limits into a
  `ParsedSheet`, kept with the upload so that preview and confirmation do not parse the file again
  (`open_workbook_safely` gives the same checks and an open workbook);
- `read_rows` finds the header row (titles and blank rows above it are fine, extra columns ignored),
  normalizes each cell with the column's parser and yields one `RowResult` per non-empty row, with
  errors by column in Chinese, duplicates within the file flagged;
- `normalize` holds the parsers that cope with messy rosters (full-width characters, dates in many
  spellings, ID numbers that Excel turned into numbers);
- `closest_matches` offers near names (a unit spelled differently), never choosing silently.

The caller (an app's import service) decides new / update / error against the database, and applies
all rows or none unless the user chose to skip bad rows.
"""

from .matching import closest_matches
from .normalize import (
    CellError,
    parse_bool,
    parse_citizen_id,
    parse_date,
    parse_decimal,
    parse_gender,
    parse_int,
    parse_phone,
    parse_text,
)
from .reader import Column, RowResult, read_rows
from .safety import ImportRejected, ParsedSheet, open_workbook_safely, read_sheet

__all__ = [
    "CellError",
    "Column",
    "ImportRejected",
    "ParsedSheet",
    "RowResult",
    "closest_matches",
    "open_workbook_safely",
    "parse_bool",
    "parse_citizen_id",
    "parse_date",
    "parse_decimal",
    "parse_gender",
    "parse_int",
    "parse_phone",
    "parse_text",
    "read_rows",
    "read_sheet",
]
