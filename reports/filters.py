"""Filters of the list of reports not filed (逾期未报), choices limited to what the user may see."""

import django_filters
from django.utils.translation import gettext_lazy as _

from cadres.access import units_visible_to
from cadres.fields import UnitFilter
from core.widgets import use_fast_selects
from secondment.access import batches_visible_to
from secondment.models import Batch

from .models import ReportCycle


class MissingReportFilter(django_filters.FilterSet):
    batch = django_filters.ModelChoiceFilter(
        label=_("批次"), field_name="posting__batch", queryset=Batch.objects.none(), empty_label=_("全部")
    )
    # a province's units: a name box past a few hundred (cadres.fields, issue 18)
    receiving_unit = UnitFilter(
        label=_("接收单位"), field_name="posting__receiving_unit", queryset=None, empty_label=_("全部")
    )
    cycle = django_filters.ModelChoiceFilter(
        label=_("汇报类型"), field_name="cycle", queryset=ReportCycle.objects.all(), empty_label=_("全部")
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["batch"].queryset = batches_visible_to(request.user).order_by("-planned_start", "name")
        self.filters["receiving_unit"].queryset = units_visible_to(request.user).order_by("path")
        use_fast_selects(self.form, named=("batch",))  # issue 18: a batch is shown by its name (Batch.__str__)
