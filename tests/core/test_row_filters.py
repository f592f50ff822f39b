"""`row_url` (core.view_helpers, and the template filter of core.templatetags.rows) and `day` give what
`reverse`/`{% url %}` and `|date` give (issue 18)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import timezone, translation

from core.view_helpers import row_url


def _render(text: str, **context) -> str:
    return Template("{% load rows %}" + text).render(Context(context))


@pytest.mark.parametrize(
    "name",
    ["cadres:cadre-detail", "secondment:posting-detail", "reports:detail", "notifications:read", "cadres:unit-detail"],
)
def test_row_url_is_djangos_url(name):
    for pk in (1, 7, 42, 123456, 0):
        assert _render("{{ pk|row_url:name }}", pk=pk, name=name) == _render("{% url name pk %}", pk=pk, name=name)


def test_row_url_follows_the_script_prefix_and_refuses_what_url_refuses():
    try:
        set_script_prefix("/gzt/")
        assert row_url("cadres:cadre-detail", 5) == reverse("cadres:cadre-detail", args=[5])
        assert row_url("cadres:cadre-detail", 5).startswith("/gzt/")
    finally:
        set_script_prefix("/")
    assert row_url("cadres:cadre-detail", 5) == "/cadres/5/"
    with pytest.raises(NoReverseMatch):
        row_url("cadres:cadre-detail", -1)
    with pytest.raises(NoReverseMatch):
        row_url("cadres:cadre-detail", "x")


FORMATS = ["Y.m.d", "Y-m-d", "Y-m-d H:i", "Y年n月j日", "n月j日 H:i:s", "H:i", "Y/m", "N j, Y", r"Y \a\t"]


@override_settings(TIME_ZONE="Asia/Shanghai", USE_TZ=True)
@pytest.mark.parametrize("fmt", FORMATS)
def test_day_is_djangos_date(fmt):
    values = [
        date(2026, 3, 2),
        date(999, 12, 31),
        datetime(2026, 12, 1, 16, 5, 9, tzinfo=ZoneInfo("UTC")),  # 2026-12-02 00:05 in Shanghai
        datetime(2026, 1, 9, 7, 0, 0),
        None,
        "",
    ]
    with translation.override("zh-hans"), timezone.override(ZoneInfo("Asia/Shanghai")):
        for value in values:
            if type(value) is date and any(code in fmt for code in "His"):
                for text in ("{{ v|day:fmt }}", "{{ v|date:fmt }}"):  # a time of day of a date: refused alike
                    with pytest.raises(TypeError):
                        _render(text, v=value, fmt=fmt)
                continue
            ours = _render("{{ v|day:fmt }}", v=value, fmt=fmt)
            theirs = _render("{{ v|date:fmt }}", v=value, fmt=fmt)
            assert ours == theirs, (fmt, value)
