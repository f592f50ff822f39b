"""Small helpers shared by the thin views: service errors and form errors become Chinese messages."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError


def flash_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def form_errors(request, form: forms.Form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))


def run_form_action(request, form: forms.Form, action: Callable, success: str) -> bool:
    """Validate the form, call the service with its data, and say what happened. True on success."""
    if not form.is_valid():
        form_errors(request, form)
        return False
    try:
        action(**form.cleaned_data)
    except ValidationError as error:
        flash_errors(request, error)
        return False
    messages.success(request, success)
    return True


def form_action(request, form: forms.Form, action: Callable, success: str) -> bool:
    """Validate the form and call the service with its data. True on success (with a success message);
    False leaves the errors on the form — the service's by field where it names one — so that the view
    re-renders the page with the bound form: what was typed stays, each message next to its field."""
    if not form.is_valid():
        return False
    try:
        action(**form.cleaned_data)
    except ValidationError as error:
        apply_validation_errors(form, error)
        return False
    messages.success(request, success)
    return True


def apply_validation_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: by field where it names one, else on the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def parse_id(value) -> int | None:
    """A positive id from text, or None when it is junk (`abc`, `²`, `-1`, 10**30): `str.isdigit` alone
    takes `²` and numbers no database column holds."""
    value = str(value or "").strip()
    if value.isascii() and value.isdigit() and 0 < int(value) < 2**63:
        return int(value)
    return None


def query_id(request, name: str) -> int | None:
    """A positive id from the query string, or None when it is missing or junk: a bad query parameter is
    ignored, never a 500."""
    return parse_id(request.GET.get(name, ""))
