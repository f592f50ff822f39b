"""Date inputs (<input type="date">) accept only ISO dates: every one in the product renders its value as
2026-11-26, never in the locale's 2026/11/26, which the browser rejects and shows as an empty field."""

import re

from django import forms
from django.urls import reverse
from django.utils import timezone

from tests.documents.test_documents import _finalized


def _all_form_classes():
    import importlib
    import pkgutil

    for app in ("cadres", "secondment", "reports", "assessments", "documents", "dashboard", "accounts", "core"):
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, forms.BaseForm)
                    and value.__module__ == module.__name__
                ):
                    yield value


def test_every_date_input_in_the_product_renders_iso_dates():
    offenders = []
    for form_class in _all_form_classes():
        for name, field in form_class.base_fields.items():
            widget = field.widget
            if isinstance(widget, forms.DateInput) and widget.input_type == "date":
                if widget.format != "%Y-%m-%d":
                    offenders.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert offenders == []


def test_the_hand_off_date_is_filled_with_today_in_iso(client, appraisal_world):
    w = appraisal_world
    a = _finalized(w)
    client.force_login(w.org_county_a)
    html = client.get(reverse("documents:transfer", args=[a.pk])).content.decode()
    tag = re.search(r'<input[^>]*name="transferred_on"[^>]*>', html).group(0)
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in tag
