"""`{% fast_result_list cl %}`: Django admin's `{% result_list cl %}` for the big tables' changelists
(`core.admin.RowLinksMixin`), its rows written at a fraction of the cost (issue 18).

Django formats every cell through `display_for_field` / `display_for_value` and `format_html`: a
choice's label found by building the field's whole choice list and translating each label, a related
record's name, the empty test against lazy strings, each piece escaped through the lazy-string
machinery — 0.2–0.3 ms a row of six columns, a quarter of a searched changelist of 50 rows. Here each
column is worked out once a page (its CSS class, whether it links, how its values are shown), and the
common cells — a related record, a choice, a plain text — are escaped strings; any other value
(dates, numbers, booleans, files) goes through Django's own `display_for_field` / `display_for_value`,
so it reads the same. `tests/core/test_admin_rows.py` compares every row of every such admin with
Django's. Lists with editable columns or opened as a pop-up are left to Django.
"""

from datetime import date, time

from django import template
from django.contrib.admin import ModelAdmin
from django.contrib.admin.templatetags.admin_list import (
    ResultList,
    items_for_result,
    result_headers,
    result_hidden_fields,
)
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.contrib.admin.utils import display_for_field, display_for_value, lookup_field
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

from core.models import choice_labels

register = template.Library()

_PK, _NAME = "\x00pk\x00", "\x00name\x00"


class _Marker:
    """A stand-in record whose key and name are markers, to write a cell once and fill it per row."""

    pk = _PK

    def __str__(self) -> str:
        return _NAME


class _Column:
    """One column of the page: how its cells are classed, linked and shown."""

    checkbox = None  # the action checkbox, written once with markers for the key and the name

    def __init__(self, cl, index: int, name, links: bool):
        self.name = name
        if callable(name):
            css = f"lambda{index}" if name.__name__ == "<lambda>" else name.__name__
        else:
            css = name
        self.css = "action-checkbox" if name == "action_checkbox" else f"field-{css}"
        self.links = links
        self.empty = cl.model_admin.get_empty_value_display()
        admin = cl.model_admin
        if name == "action_checkbox" and type(admin).action_checkbox is ModelAdmin.action_checkbox:
            # Django renders the checkbox through the form widgets' templates, ~0.2 ms a row
            self.checkbox = str(admin.action_checkbox(_Marker()))


def _columns(cl) -> list[_Column]:
    links = cl.list_display_links
    columns = []
    first = True
    for index, name in enumerate(cl.list_display):
        linked = links is not None and ((first and not links) or name in links)
        columns.append(_Column(cl, index, name, linked))
        first = first and not linked
    return columns


def _cell(column: _Column, result, admin) -> tuple[str, bool]:
    """(the cell's HTML, whether it is classed `nowrap`)."""
    if column.checkbox is not None:
        return column.checkbox.replace(_PK, escape(str(result.pk))).replace(_NAME, escape(str(result))), False
    try:
        field, attr, value = lookup_field(column.name, result, admin)
    except ObjectDoesNotExist:
        return column.empty, False
    if field is None or field.auto_created:
        empty = getattr(attr, "empty_value_display", column.empty)
        boolean = getattr(attr, "boolean", False)
        if isinstance(attr, property) and hasattr(attr, "fget"):
            boolean = getattr(attr.fget, "boolean", False)
        if isinstance(value, Promise):  # a lazy label (a state's name): translated once, not per comparison
            value = str(value)
        if type(value) is str and not boolean:  # a plain string (a safe one is left to Django's way)
            return (escape(value) if value.strip() else empty), False
        if isinstance(value, str) and value.strip() == "":
            value = ""
        shown = display_for_value(value, empty, boolean)
        return _html(shown), isinstance(value, date | time)
    empty = getattr(attr, "empty_value_display", column.empty)
    nowrap = isinstance(field, models.DateField | models.TimeField | models.ForeignKey)
    if isinstance(field.remote_field, models.ManyToOneRel):
        related = getattr(result, field.name)
        return (empty if related is None else escape(str(related))), nowrap
    if isinstance(value, str) and value.strip() == "":
        value = ""
    if field.flatchoices and isinstance(value, str | int) and not isinstance(value, bool):
        labels = choice_labels(field)  # the same table as the models' get_FOO_display (core.models)
        if value in labels:
            return escape(labels[value]), nowrap
    return _html(display_for_field(value, field, empty)), nowrap


def _html(shown) -> str:
    if isinstance(shown, SafeData):
        return str(shown)
    if isinstance(shown, Promise):
        shown = str(shown)
    return escape(shown)


def _row(cl, result, columns: list[_Column]) -> ResultList:
    admin = cl.model_admin
    cells = []
    first = True
    for column in columns:
        shown, nowrap = _cell(column, result, admin)
        css = f"{column.css} nowrap" if nowrap else column.css
        if column.links:
            tag = "th" if first else "td"
            first = False
            try:
                url = cl.url_for_result(result)
            except NoReverseMatch:
                inner = shown
            else:
                if "?" in url or cl.preserved_filters:
                    url = add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": cl.opts}, url)
                inner = f'<a href="{escape(url)}">{shown}</a>'
            cells.append(f'<{tag} class="{css}">{inner}</{tag}>')
        else:
            cells.append(f'<td class="{css}">{shown}</td>')
    # one item: the row's cells written together (the template writes a row's items one after another,
    # with nothing between; a loop of template nodes per cell was as slow as the cells themselves)
    return ResultList(None, [mark_safe("".join(cells))])


def fast_results(cl) -> list:
    """The rows of `cl`'s page for `change_list_results.html`: each row as Django's `results(cl)` writes
    it, its cells in one piece."""
    if getattr(cl, "formset", None) or cl.is_popup:
        return [ResultList(None, items_for_result(cl, result, None)) for result in cl.result_list]
    columns = _columns(cl)
    return [_row(cl, result, columns) for result in cl.result_list]


def fast_result_list(cl) -> dict:
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": fast_results(cl),
    }


@register.tag(name="fast_result_list")
def fast_result_list_tag(parser, token):
    return InclusionAdminNode(
        parser, token, func=fast_result_list, template_name="change_list_results.html", takes_context=False
    )
