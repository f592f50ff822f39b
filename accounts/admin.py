from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import LoginLockout, RoleAssignment, User
from .services import user_grant_role, user_revoke_role


def _revoke(assignment: RoleAssignment, acting_user: User) -> None:
    user_revoke_role(user=assignment.user, role=assignment.role, unit=assignment.unit, acting_user=acting_user)


def _grant_or_change(assignment: RoleAssignment, acting_user: User) -> None:
    """Save an assignment edited in admin through the services: a new one is a grant; a changed one is
    the revocation of what it was and the grant of what it now is (each with its audit row)."""
    if assignment.pk is not None:
        before = RoleAssignment.objects.select_related("user", "unit").get(pk=assignment.pk)
        if (before.user_id, before.role, before.unit_id) == (assignment.user_id, assignment.role, assignment.unit_id):
            return
        _revoke(before, acting_user)
    granted = user_grant_role(user=assignment.user, role=assignment.role, unit=assignment.unit, acting_user=acting_user)
    assignment.pk, assignment.created_at, assignment.updated_at = granted.pk, granted.created_at, granted.updated_at
    assignment._state.adding = False


class RoleAssignmentInline(admin.TabularInline):
    """Saved by UserAdmin.save_formset through accounts.services."""

    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "phone", "cadre", "is_active", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_superuser", "is_staff", "role_assignments__role"]
    search_fields = ["username", "full_name", "phone", "email", "cadre__name"]
    autocomplete_fields = ["cadre"]
    inlines = [RoleAssignmentInline]
    list_select_related = ["cadre"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("个人信息"), {"fields": ("full_name", "phone", "email", "cadre")}),
        (_("权限"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("重要日期"), {"fields": ("last_login", "date_joined")}),
    )

    def save_formset(self, request, form, formset, change):
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # fills new_objects, changed_objects and deleted_objects; writes nothing
        for assignment in formset.deleted_objects:
            _revoke(assignment, request.user)
        for assignment, _fields in formset.changed_objects:
            _grant_or_change(assignment, request.user)
        for assignment in formset.new_objects:
            _grant_or_change(assignment, request.user)

    def delete_model(self, request, obj):
        """A deleted user's roles are revoked through the service first, so each leaves its audit row."""
        with transaction.atomic():
            for assignment in obj.role_assignments.select_related("unit"):
                _revoke(assignment, request.user)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for user in queryset:
                self.delete_model(request, user)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    """Grants and revocations go through accounts.services, which leave the audit rows."""

    list_display = ["user", "role", "unit", "created_at"]
    list_filter = ["role", "unit__level", "unit__kind"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]

    def save_model(self, request, obj, form, change):
        _grant_or_change(obj, request.user)

    def delete_model(self, request, obj):
        _revoke(obj, request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for assignment in queryset.select_related("user", "unit"):
                _revoke(assignment, request.user)


@admin.register(LoginLockout)
class LoginLockoutAdmin(admin.ModelAdmin):
    """Failed logins per user name and address (django-axes). 解除锁定 deletes the selected rows: the
    person may log in again at once."""

    list_display = ["user_name", "address", "failures", "locked", "last_attempt"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]
    readonly_fields = ["username", "ip_address", "user_agent", "path_info", "failures_since_start", "attempt_time"]
    fields = readonly_fields
    actions = ["unlock"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("用户名"), ordering="username")
    def user_name(self, obj) -> str:
        return obj.username

    @admin.display(description=_("IP 地址"), ordering="ip_address")
    def address(self, obj) -> str:
        return obj.ip_address

    @admin.display(description=_("连续失败次数"), ordering="failures_since_start")
    def failures(self, obj) -> int:
        return obj.failures_since_start

    @admin.display(description=_("最近一次"), ordering="attempt_time")
    def last_attempt(self, obj):
        return obj.attempt_time

    @admin.display(description=_("已锁定"), boolean=True)
    def locked(self, obj) -> bool:
        from django.conf import settings

        return obj.failures_since_start >= settings.AXES_FAILURE_LIMIT

    @admin.action(description=_("解除锁定"), permissions=["delete"])
    def unlock(self, request, queryset):
        count, _details = queryset.delete()
        self.message_user(request, _("已解除 %(count)d 条锁定。") % {"count": count})
