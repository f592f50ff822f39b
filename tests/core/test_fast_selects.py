"""List pages' filter forms write their <select>s in Python (core.widgets.use_fast_selects, issue 18): the
same options, selection and attributes as Django's template-rendered Select."""

import re

import pytest
from django import forms
from django.test import RequestFactory

from core.widgets import FastSelect
from secondment.filters import PostingFilter


def _normalized(html: str) -> str:
    return re.sub(r">\s+<", "><", html).replace('class="fastselect ', 'class="select ')


@pytest.mark.django_db
def test_the_posting_filters_selects_are_written_as_django_writes_them(batch_world):
    world = batch_world
    request = RequestFactory().get("/")
    request.user = world.admin
    params = {"status": "on_post", "flag": "unfiled", "batch": str(world.batch.pk)}
    fast = PostingFilter(params, queryset=None, request=request)
    widgets = {name: type(field.widget) for name, field in fast.form.fields.items()}
    assert widgets["batch"] is widgets["kind"] is widgets["status"] is widgets["flag"] is FastSelect

    slow = PostingFilter(params, queryset=None, request=request)
    for name in ("batch", "kind", "status", "flag"):
        field = slow.form.fields[name]
        # Django's own, the choices from the field (a batch's: the model instances, labelled by str())
        field.widget = forms.Select(attrs=field.widget.attrs, choices=field.choices)
        assert _normalized(str(fast.form[name])) == _normalized(str(slow.form[name])), name
    assert 'value="on_post" selected' in str(fast.form["status"])
    assert f'value="{world.batch.pk}" selected>{world.batch.name}<' in str(fast.form["batch"])


@pytest.mark.django_db
def test_the_batch_filter_builds_no_batch(batch_world, django_assert_num_queries):
    """批次 is written from (id, name) pairs (core.widgets.NamedChoices): one query, no Batch instances."""
    from django.db.models.signals import post_init

    from secondment.models import Batch

    request = RequestFactory().get("/")
    request.user = batch_world.admin
    built = []

    def count(sender, **kwargs):
        built.append(sender)

    form = PostingFilter({}, queryset=None, request=request).form
    post_init.connect(count, sender=Batch)
    try:
        with django_assert_num_queries(1):
            html = str(form["batch"])
    finally:
        post_init.disconnect(count, sender=Batch)
    assert batch_world.batch.name in html and built == []


def test_groups_quotes_and_the_first_match_as_django_writes_them():
    from django.utils.safestring import mark_safe

    choices = [
        ("", "全部"),
        ("a", 'A & "quoted" <b>'),
        ("组一", [("1", "一"), ("2", mark_safe("<i>二</i>"))]),
        ("1", "one again"),  # a value twice: Django selects the first only
        (None, "none"),
    ]
    for value in ("1", "a", "", None, "missing"):
        fast = FastSelect(attrs={"class": "form-select", "data-x": "1"}, choices=choices)
        slow = forms.Select(attrs={"class": "form-select", "data-x": "1"}, choices=choices)
        assert _normalized(fast.render("f", value, {"id": "id_f"})) == _normalized(
            slow.render("f", value, {"id": "id_f"})
        ), value
