from collections.abc import Callable, Mapping

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext_lazy as _

from .labels import IMPORT_KIND_LABELS, REMINDER_KIND_LABELS, action_label, import_kind_label
from .models import (
    AuditLog,
    DataVersion,
    Delivery,
    ExportJob,
    ImportUpload,
    Notification,
    Reminder,
    WebhookTarget,
    WorkerHeartbeat,
)
from .paginator import ADMIN_PER_PAGE, EstimatedCountPaginator
from .view_helpers import row_url


def labelled_filter(
    field: str, title: str, labels: Mapping[str, str] | Callable[[], Mapping[str, str]]
) -> type[admin.SimpleListFilter]:
    """A list filter on a code field (an audit action, a history step, a reminder kind) that offers the
    codes by their Chinese names: the fixed list of the labels registry (`labels`, code → name, or a
    function returning it when the registry fills at start-up), never a DISTINCT over a history table
    of millions of rows (issue 18). A code the registry does not know still filters by its URL."""

    class LabelledFilter(admin.SimpleListFilter):
        parameter_name = field

        def lookups(self, request, model_admin):
            names = labels() if callable(labels) else labels
            return sorted(((code, str(name)) for code, name in names.items() if code), key=lambda pair: pair[1])

        def queryset(self, request, queryset):
            return queryset.filter(**{field: self.value()}) if self.value() else queryset

    LabelledFilter.title = title
    return LabelledFilter


class HistoryLabelsMixin:
    """Admin columns for a history table (core.models.HistoryEntry subclasses with action_label,
    from_label, to_label): the names of the action and the states, never their codes."""

    @admin.display(description=_("操作"), ordering="action")
    def action_name(self, obj) -> str:
        return obj.action_label

    @admin.display(description=_("原状态"))
    def from_name(self, obj) -> str:
        return obj.from_label

    @admin.display(description=_("新状态"))
    def to_name(self, obj) -> str:
        return obj.to_label


class RowLinksChangeList(ChangeList):
    """A changelist whose rows link to their change pages without resolving each link (issue 18).
    Django's admin passes every row's link through `add_preserved_filters`, which, once the list is
    searched or filtered, resolves the link against every admin URL to learn whether it is the
    changelist itself: ~0.15 ms a row, the largest single cost of a searched page of 50. A row's link
    is its change page, never the changelist; it gets the same `?_changelist_filters=…` here, from
    the change URL reversed once (core.view_helpers.row_url)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_link_query, self.preserved_filters = self.preserved_filters, ""  # the rows' only use

    def url_for_result(self, result):
        pk = getattr(result, self.pk_attname)
        if type(pk) is not int:
            url = super().url_for_result(result)
        else:
            name = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
            url = row_url(name, pk, current_app=self.model_admin.admin_site.name)
        return f"{url}?{self.row_link_query}" if self.row_link_query else url


class RowLinksMixin:
    """For the big tables' admins: rows linked by RowLinksChangeList, and written by
    `{% fast_result_list %}` (core.templatetags.admin_rows)."""

    change_list_template = "admin/fast_change_list.html"

    def get_changelist(self, request, **kwargs):
        return RowLinksChangeList


def search_terms(search_term: str):
    """The words of an admin search as Django's admin splits them (quotes keep a phrase together)."""
    for term in smart_split(search_term):
        if term.startswith(('"', "'")) and term[0] == term[-1]:
            term = unescape_string_literal(term)
        if term:
            yield term


PEOPLE_LISTED = 500  # people a person search passes by id; past it, by subquery


class PersonSearchMixin:
    """Search of a big table by its own indexed columns (`search_fields`, lookups an index serves) and
    by its person (`search_person`, the user foreign key: 用户名 by its start in any case, 姓名 anywhere).
    The people are read first and their ids go to the table's own index (`actor_id IN (…)`) — past 500
    (cadres' accounts with a common name) by subquery, so none is left out; joined and OR-ed with the
    table's columns, a search that matched nothing ("没有人") read all 400,000 audit rows and their users
    (0.6 s; issue 18). One query more for a search, on any database size."""

    search_person = ""

    def get_search_results(self, request, queryset, search_term):
        if not self.search_person:
            return super().get_search_results(request, queryset, search_term)
        users = get_user_model()._default_manager
        for term in search_terms(search_term):
            condition = Q()
            for lookup in self.search_fields:
                if not lookup.startswith(f"{self.search_person}__"):
                    condition |= Q(**{lookup: term})
            people = users.filter(Q(username__istartswith=term) | Q(full_name__contains=term))
            ids = list(people.values_list("pk", flat=True)[: PEOPLE_LISTED + 1])
            if len(ids) > PEOPLE_LISTED:
                # a common name among a province's cadre accounts: all of them, by subquery
                condition |= Q(**{f"{self.search_person}__in": people.values("pk")})
            elif ids:
                condition |= Q(**{f"{self.search_person}__in": ids})
            queryset = queryset.filter(condition)
        return queryset, False


class ListDefersMixin:
    """`list_defer`: large columns the changelist does not show (a report's texts, a posting's 三定 plan,
    a cadre's notes), not read for its page. A search that matches thousands of rows joins and sorts
    them all before LIMIT; at 1.3 KB a row that was most of the query (issue 18). The change page
    reads the whole record."""

    list_defer: tuple[str, ...] = ()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = getattr(request, "resolver_match", None)
        if self.list_defer and match is not None and (match.url_name or "").endswith("_changelist"):
            queryset = queryset.defer(*self.list_defer)
        return queryset


class NotDeletableMixin:
    """For records that carry history: they are terminated or corrected on the pages, never deleted.
    With no delete permission Django offers no delete page (403) and drops the bulk "delete selected"
    action, and refuses to delete any object that would cascade onto one of these."""

    def has_delete_permission(self, request, obj=None):
        return False


class AuditActionFilter(admin.SimpleListFilter):
    """操作: the distinct actions, read by a skip scan of the action index on PostgreSQL (one probe per
    action) instead of a DISTINCT over every audit row (issue 18)."""

    title = _("操作")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(AuditLog._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"WITH RECURSIVE t(a) AS (SELECT MIN(action) FROM {table} UNION ALL "
                    f"SELECT (SELECT MIN(action) FROM {table} WHERE action > t.a) FROM t WHERE t.a IS NOT NULL) "
                    "SELECT a FROM t WHERE a IS NOT NULL"
                )
                actions = [row[0] for row in cursor.fetchall()]
        else:
            actions = AuditLog.objects.order_by("action").values_list("action", flat=True).distinct()
        return sorted(((action, action_label(action)) for action in actions), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditLog)
class AuditLogAdmin(PersonSearchMixin, RowLinksMixin, NotDeletableMixin, admin.ModelAdmin):
    """The audit trail is evidence: read-only in admin."""

    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_per_page = ADMIN_PER_PAGE
    list_display = ["created_at", "actor", "action_name", "target_type", "target_repr"]
    list_filter = [AuditActionFilter, "target_type", "created_at"]
    # 操作 by its code's start, 对象 anywhere (auditlog_target_chars), and the actor (PersonSearchMixin)
    search_fields = ["action__startswith", "target_repr__chars_contain", "actor__username", "actor__full_name"]
    search_person = "actor"
    list_select_related = ["actor", "target_type"]
    fields = ["created_at", "actor", "action_name", "target_type", "target_id", "target_repr", "data", "changes"]
    readonly_fields = ["created_at", "action_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("操作"), ordering="action")
    def action_name(self, obj) -> str:
        return obj.action_label


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "seen_at"]
    list_filter = ["seen_at"]
    search_fields = ["name"]
    readonly_fields = ["name", "seen_at"]


@admin.register(DataVersion)
class DataVersionAdmin(admin.ModelAdmin):
    """Read only: the token is replaced by the product after each change (core.stats_cache)."""

    list_display = ["token", "changed_at"]
    list_filter = ["changed_at"]
    search_fields = ["token"]
    readonly_fields = ["token", "changed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ImportUpload)
class ImportUploadAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind_name", "uploaded_by", "status", "created_at", "applied_at"]
    list_filter = [labelled_filter("kind", _("导入类型"), IMPORT_KIND_LABELS), "status", "created_at"]
    search_fields = ["original_name", "uploaded_by__username", "uploaded_by__full_name"]
    list_select_related = ["uploaded_by"]
    exclude = ["kind"]
    readonly_fields = [
        "kind_name",
        "uploaded_by",
        "file",
        "original_name",
        "skip_bad_rows",
        "status",
        "summary",
        "applied_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("parsed")  # the kept rows of each upload can be megabytes

    @admin.display(description=_("导入类型"), ordering="kind")
    def kind_name(self, obj) -> str:
        return import_kind_label(obj.kind)

    def has_add_permission(self, request):
        return False


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    readonly_fields = ["channel", "status", "attempts", "last_error", "sent_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Reminder)
class ReminderAdmin(PersonSearchMixin, RowLinksMixin, NotDeletableMixin, admin.ModelAdmin):
    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_per_page = ADMIN_PER_PAGE
    list_display = ["created_at", "recipient", "kind_name", "title"]
    list_filter = [labelled_filter("kind", _("类型"), REMINDER_KIND_LABELS), "created_at", "deliveries__status"]
    # 标题 anywhere (reminder_title_chars), the key by its start, and the recipient (PersonSearchMixin)
    search_fields = ["title__chars_contain", "key__startswith", "recipient__username", "recipient__full_name"]
    search_person = "recipient"
    list_select_related = ["recipient"]
    inlines = [DeliveryInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("类型"), ordering="kind")
    def kind_name(self, obj) -> str:
        return obj.kind_label


@admin.register(Delivery)
class DeliveryAdmin(RowLinksMixin, NotDeletableMixin, admin.ModelAdmin):
    """Failed deliveries are visible here for admins."""

    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_per_page = ADMIN_PER_PAGE
    list_display = ["reminder", "channel", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "channel"]
    # the reminder's title, no UPPER(); reminder_title_chars serves any length (core.lookups; issue 18)
    search_fields = ["reminder__title__chars_contain"]
    list_select_related = ["reminder__recipient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(RowLinksMixin, NotDeletableMixin, admin.ModelAdmin):
    """Read-only: notifications are sent by the reminder engine (core.channels) and read by their user."""

    show_full_result_count = False  # no second COUNT(*) over millions of rows (issue 18)
    paginator = EstimatedCountPaginator
    list_per_page = ADMIN_PER_PAGE
    list_display = ["created_at", "user", "title", "read_at"]
    list_filter = ["read_at", "created_at"]
    # the title only, no join and no UPPER(); notification_title_chars serves any length (core.lookups; issue 18)
    search_fields = ["title__chars_contain"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WebhookTarget)
class WebhookTargetAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "url", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "unit__name"]
    autocomplete_fields = ["unit"]


# --- Periodic tasks (django-celery-beat): the list in Chinese -------------------------------------
from django_celery_beat.admin import CrontabScheduleAdmin as BeatCrontabScheduleAdmin  # noqa: E402
from django_celery_beat.admin import PeriodicTaskAdmin as BeatPeriodicTaskAdmin  # noqa: E402
from django_celery_beat.models import CrontabSchedule, PeriodicTask  # noqa: E402


def crontab_in_chinese(c: CrontabSchedule) -> str:
    if (c.day_of_month, c.month_of_year, c.day_of_week) == ("*", "*", "*"):
        if c.hour == "*" and c.minute.isdigit():
            return f"每小时第 {c.minute} 分钟"
        if c.hour.isdigit() and c.minute.isdigit():
            return f"每天 {int(c.hour):02d}:{int(c.minute):02d}"
    return f"分 {c.minute}，时 {c.hour}，日 {c.day_of_month}，月 {c.month_of_year}，星期 {c.day_of_week}"


def schedule_in_chinese(task: PeriodicTask) -> str:
    """每 60 秒 / 每天 03:30 / 每小时第 5 分钟 … for the schedules CELERY_BEAT_SCHEDULE declares."""
    if task.interval_id:
        units = {"days": "天", "hours": "小时", "minutes": "分钟", "seconds": "秒", "microseconds": "微秒"}
        return f"每 {task.interval.every} {units.get(task.interval.period, task.interval.period)}"
    if task.crontab_id:
        return crontab_in_chinese(task.crontab)
    if task.clocked_id:
        return f"于 {task.clocked.clocked_time:%Y-%m-%d %H:%M} 运行一次"
    if task.solar_id:
        return str(task.solar)
    return "—"


admin.site.unregister(PeriodicTask)
admin.site.unregister(CrontabSchedule)


@admin.register(PeriodicTask)
class PeriodicTaskAdmin(BeatPeriodicTaskAdmin):
    """The product's periodic tasks (named in Chinese in CELERY_BEAT_SCHEDULE) with their schedules
    said in Chinese; the task's dotted path stays on the edit page, where an operator needs it."""

    list_display = ["name", "enabled", "schedule", "last_run_at", "total_run_count"]
    list_filter = ["enabled", "one_off", "last_run_at"]
    list_select_related = ["interval", "crontab", "clocked", "solar"]

    @admin.display(description=_("运行时间"))
    def schedule(self, obj) -> str:
        return schedule_in_chinese(obj)


@admin.register(CrontabSchedule)
class CrontabScheduleAdmin(BeatCrontabScheduleAdmin):
    list_display = ["schedule", "timezone"]

    @admin.display(description=_("运行时间"))
    def schedule(self, obj) -> str:
        return crontab_in_chinese(obj)


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "status", "done", "total", "created_at"]  # the title names the kind
    list_filter = ["status", "created_at"]
    search_fields = ["title", "owner__username", "owner__full_name"]
    list_select_related = ["owner"]
    readonly_fields = ["owner", "kind", "title", "params", "status", "total", "done", "file", "filename", "error"]

    def has_add_permission(self, request):
        return False
