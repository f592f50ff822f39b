"""Filters of the cadre list (django-filter). Choices are limited to what the user may see."""

from datetime import date

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.widgets import use_fast_selects

from .fields import UnitFilter
from .models import Cadre, PoliticalStatus, Rank, Unit

SORTS = {
    "name": ("name_initials", "id"),
    "-name": ("-name_initials", "-id"),
    "age": ("-birth_date", "id"),
    "-age": ("birth_date", "id"),
    "unit": ("unit__path", "name_initials", "id"),
    "rank": ("rank__order", "name_initials", "id"),
    "-rank": ("-rank__order", "name_initials", "id"),
}
SORT_CHOICES = [
    ("unit", _("按单位")),
    ("name", _("按姓名拼音")),
    ("age", _("年龄从小到大")),
    ("-age", _("年龄从大到小")),
    ("-rank", _("职级从高到低")),
    ("rank", _("职级从低到高")),
]


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class CadreFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    unit = UnitFilter(label=_("单位（含下级）"), queryset=Unit.objects.none(), method="filter_unit")
    rank = django_filters.ModelChoiceFilter(label=_("职级"), queryset=Rank.objects.all())
    political_status = django_filters.ModelChoiceFilter(label=_("政治面貌"), queryset=PoliticalStatus.objects.all())
    is_reserve = django_filters.BooleanFilter(
        label=_("后备干部"),
        widget=forms.Select(choices=[("", _("不限")), ("true", _("是")), ("false", _("否"))]),
    )
    gender = django_filters.ChoiceFilter(label=_("性别"), choices=Cadre.Gender.choices, empty_label=_("不限"))
    age_min = django_filters.NumberFilter(label=_("年龄不小于"), method="filter_age_min", min_value=0, max_value=150)
    age_max = django_filters.NumberFilter(label=_("年龄不大于"), method="filter_age_max", min_value=0, max_value=150)
    seconded = django_filters.BooleanFilter(
        label=_("正在挂职"),
        method="filter_seconded",
        widget=forms.Select(choices=[("", _("不限")), ("true", _("是")), ("false", _("否"))]),
    )
    sort = django_filters.ChoiceFilter(label=_("排序"), choices=SORT_CHOICES, method="filter_sort", empty_label=None)

    class Meta:
        model = Cadre
        fields = ["q", "unit", "rank", "political_status", "is_reserve", "gender", "age_min", "age_max", "seconded"]

    def __init__(self, *args, user=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.filters["unit"].queryset = units
        self.today = timezone.localdate()
        use_fast_selects(self.form)  # issue 18

    @property
    def qs(self):
        qs = super().qs
        if "sort" not in self.form.cleaned_data or not self.form.cleaned_data.get("sort"):
            qs = qs.order_by(*SORTS["unit"])
        return qs

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__chars_contain=value)  # an index for one or two characters too (core.lookups)
            | Q(id_number__startswith=value.upper())
            | Q(name_initials__startswith=value.lower())
        )

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit__path__startswith=value.path) if value else queryset

    def filter_age_min(self, queryset, name, value):
        # age >= n  <=>  born on or before the same day n years ago
        return queryset.filter(birth_date__lte=_years_before(self.today, int(value)))

    def filter_age_max(self, queryset, name, value):
        # age <= n  <=>  born after the same day n+1 years ago
        return queryset.filter(birth_date__gt=_years_before(self.today, int(value) + 1))

    def filter_seconded(self, queryset, name, value):
        """On secondment now (拟派 is not yet, 期满 is no longer): the condition comes from secondment."""
        from .extensions import cadre_condition_q

        current = cadre_condition_q("seconded")
        if value is None or current is None:
            return queryset
        return queryset.filter(current) if value else queryset.exclude(current)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["unit"]))
