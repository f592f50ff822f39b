"""A unit choice that stays small at a province's size (issue 18).

A <select> of every unit in scope is fine for a city's 40 units and not for a province's 2,000 (the
batch page carried two of them: 718 KB; the posting list spent 88 % of its time rendering them). The
field renders a <select> while the scope holds at most `SELECT_LIMIT` units, and otherwise a text box
that takes the unit's full name (or its number); either way one query, bounded by the limit.
"""

import django_filters
import django_filters.fields
from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _

from core.view_helpers import parse_id
from core.widgets import FastSelect

SELECT_LIMIT = 300


class UnitChoiceWidget(FastSelect):
    limit = SELECT_LIMIT

    def render(self, name, value, attrs=None, renderer=None):
        iterator = self.choices
        queryset = getattr(iterator, "queryset", None)
        if queryset is None:
            return super().render(name, value, attrs, renderer)
        field = iterator.field
        if getattr(field.label_from_instance, "__func__", None) is forms.ModelChoiceField.label_from_instance:
            # the label is the unit's name (Unit.__str__): read (pk, name) pairs, not 301 model instances
            rows = list(queryset.values_list("pk", "name")[: self.limit + 1])
            options = [(ModelChoiceIteratorValue(pk, None), label) for pk, label in rows]
        else:
            rows = list(queryset[: self.limit + 1])
            options = [iterator.choice(unit) for unit in rows]
        if len(rows) <= self.limit:
            empty = [("", field.empty_label)] if field.empty_label is not None else []
            self.choices = empty + options
            return super().render(name, value, attrs, renderer)
        text = value
        if isinstance(value, (list, tuple)):
            text = value[0] if value else ""
        if text not in (None, "") and parse_id(text):
            unit = queryset.filter(pk=int(text)).only("name").first()
            text = unit.name if unit else text
        box = forms.TextInput(
            attrs={**self.attrs, "placeholder": _("输入单位全称"), "data-unit-search": "1", "autocomplete": "off"}
        )
        # a text box, drawn as one: the form's styling gave it a <select>'s arrow, promising a list
        attrs = {**(attrs or {})}
        for styled in (box.attrs, attrs):
            if "class" in styled:
                styled["class"] = styled["class"].replace("form-select", "form-control")
        return box.render(name, text or "", attrs, renderer)


class UnitChoiceMixin:
    """Takes a unit's full name as well as its number (the text box's input)."""

    widget = UnitChoiceWidget

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if parse_id(text):
            return super().to_python(text)
        if not text.isprintable():  # a NUL or a control character: no unit is named so (PostgreSQL refuses NUL)
            raise ValidationError(_("单位名称含有无效字符。"))
        matches = list(self.queryset.filter(name=text)[:2])
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise ValidationError(_("有多个名为“%(name)s”的单位，请从列表中选择。"), params={"name": text})
        raise ValidationError(_("在您的范围内没有名为“%(name)s”的单位，请输入单位全称。"), params={"name": text})


class UnitChoiceField(UnitChoiceMixin, forms.ModelChoiceField):
    pass


class UnitFilterField(UnitChoiceMixin, django_filters.fields.ModelChoiceField):
    pass


class UnitFilter(django_filters.ModelChoiceFilter):
    """django-filter's ModelChoiceFilter with the bounded unit field."""

    field_class = UnitFilterField
