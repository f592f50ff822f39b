import pytest


@pytest.fixture
def reminder_world(reminder_world):
    """reminder_world with the appointment filed (备案, rule 3), so that no filing reminder mixes into the
    counts of the other reminders these tests look at."""
    from datetime import date

    from secondment.services.postings import posting_record_filing

    w = reminder_world
    w.posting = posting_record_filing(
        posting=w.posting, filing_no="甲组备〔2026〕1号", filing_date=date(2026, 3, 6), acting_user=w.receive_a
    )
    return w
