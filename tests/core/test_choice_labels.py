"""`get_<field>_display()` from a dictionary built once per field and language (core.models.ChoiceLabels,
issue 18): the same answers as Django's, without rebuilding the choices on every call."""

from core.models import _CHOICE_LABELS
from secondment.models import Nomination, Posting


def test_labels_as_django_gives_them():
    posting = Posting(status=Posting.Status.ON_POST, filing=Posting.Filing.PENDING)
    assert posting.get_status_display() == "在岗"
    assert posting.get_filing_display() == "未备案"
    posting.filing = "no-such-code"
    assert posting.get_filing_display() == "no-such-code"  # an unknown value is shown as it is
    nomination = Nomination(status=Nomination.Status.WITHDRAWN)
    assert nomination.get_status_display() == str(Nomination.Status.WITHDRAWN.label)


def test_the_dictionary_is_built_once_per_field_and_language():
    field = Posting._meta.get_field("status")
    for key in [k for k in _CHOICE_LABELS if k[0] is field]:
        del _CHOICE_LABELS[key]
    Posting(status=Posting.Status.PLANNED).get_status_display()
    built = [labels for (f, _), labels in _CHOICE_LABELS.items() if f is field]
    assert len(built) == 1 and built[0]["on_post"] == "在岗"
    built[0]["on_post"] = "（来自字典）"
    try:
        assert Posting(status=Posting.Status.ON_POST).get_status_display() == "（来自字典）"
    finally:
        built[0]["on_post"] = "在岗"
