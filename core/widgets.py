"""Form widgets that stay fast at a province's size (issue 18)."""

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A <select> whose options are written in Python: Django renders every <option> through a template
    include and builds a dictionary of attributes per option first, which for a province's 200 batches
    and 200 units was most of a filter form's time. The same markup as Django's Select (the same value,
    the first matching option selected, the same escaping, option groups), tested against it."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        chosen = set(widget["value"])
        taken = False
        parts = []

        def option(option_value, label):
            nonlocal taken
            text = "" if option_value is None else str(option_value)
            mark = ""
            if text in chosen and (not taken or self.allow_multiple_selected):
                mark, taken = " selected", True
            return f'<option value="{_escape(text)}"{mark}>{_escape(label)}</option>'

        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                inner = "".join(option(v, text) for v, text in label)
                parts.append(f'<optgroup label="{_escape(option_value)}">{inner}</optgroup>')
            else:
                parts.append(option(option_value, label))
        if self.allow_multiple_selected:
            widget["attrs"]["multiple"] = True
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), mark_safe("".join(parts))
        )


def _escape(value) -> str:
    """Django's escaping (html.escape, quotes included) without its lazy-string wrapper; safe strings as
    they are."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value), quote=True)


class NamedChoices(BaseChoiceIterator):
    """The options of a model choice whose label is its record's `name` (its `__str__`), read as (id, name)
    pairs: a province's 197 batches in the 批次 filter were 197 model instances a page, built, audited
    and dropped to write their names (issue 18). Read when the <select> is written."""

    def __init__(self, field, name: str = "name"):
        self.field, self.name = field, name

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.field.queryset.values_list("pk", self.name)


def use_fast_selects(form, *, named: tuple[str, ...] = ()) -> None:
    """Every plain <select> of `form` written by FastSelect, with its choices and attributes: list pages'
    filter forms (a province's 200 batches in the 批次 filter rendered 200 template includes per page).
    `named`: model choice fields whose records are labelled by their `name` (NamedChoices)."""
    for name, field in form.fields.items():
        widget = field.widget
        if type(widget) is forms.Select:
            fast = FastSelect(attrs=widget.attrs, choices=widget.choices)
            fast.is_required = widget.is_required
            if name in named:
                fast.choices = NamedChoices(field)
            field.widget = fast
