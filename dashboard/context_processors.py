"""Context for every page: the menu by the user's roles, and the pages outside any one record the user
may open, as their apps' access modules say. It lives at the top layer so it may read every app."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import roles_of
from documents.access import archive_actions

from .access import dashboard_actions

BELL_LIMIT = 100


def navigation(request) -> dict:
    """Navigation links by the user's roles (a user with several roles sees the union)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_roles": None}
    roles = roles_of(user)
    items = [("home", _("首页"), reverse("home"))]
    if roles.is_admin or roles.is_org_staff or roles.is_dispatch_contact or roles.is_receive_contact:
        items.append(("units", _("单位"), reverse("cadres:unit-list")))
    if roles.is_admin or roles.is_org_staff:
        items.append(("cadres", _("干部"), reverse("cadres:cadre-list")))
    elif roles.is_dispatch_contact:
        items.append(("cadres", _("本单位干部"), reverse("cadres:cadre-list")))
    if roles.is_admin or roles.is_org_staff or roles.is_dispatch_contact or roles.is_receive_contact:
        items.append(("batches", _("挂职批次"), reverse("secondment:batch-list")))
        items.append(("postings", _("挂职干部"), reverse("secondment:posting-list")))
    if roles.is_admin or roles.is_org_staff or roles.is_dispatch_contact:
        items.append(("reports", _("汇报审阅"), reverse("reports:queue")))
    if roles.is_admin or roles.is_org_staff or roles.is_dispatch_contact or roles.is_receive_contact:
        # 情况反馈, 轮岗, 生活保障 and (org staff) 座谈会, one menu entry with tabs (issue 15)
        items.append(("support", _("联络保障"), reverse("secondment:feedback-list")))
    if "statistics" in dashboard_actions(user):
        items.append(("dashboard", _("统计"), reverse("dashboard:index")))
    if roles.is_cadre and not (
        roles.is_admin or roles.is_org_staff or roles.is_dispatch_contact or roles.is_receive_contact
    ):
        items.append(("postings", _("我的挂职"), reverse("secondment:posting-list")))
    if roles.is_cadre:
        items.append(("me", _("我的档案"), reverse("cadres:cadre-detail", args=[roles.cadre_id])))
    if roles.is_admin:
        items.append(("admin", _("系统管理"), reverse("admin:index")))
    from core.models import Notification

    # counted up to 100 (the bell shows "99+"): a province's busy user has thousands unread, and every
    # page asks (issue 18)
    unread = Notification.objects.filter(user=user, read_at__isnull=True)[:BELL_LIMIT].count()
    return {"nav_items": items, "user_roles": roles, "unread_notifications": unread}


def navigation_actions(request) -> dict:
    """The pages outside any one record the user may open (the statistics, the reminder log, the
    verification of a printed form), as their apps' access modules say, for the menus."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_actions": set()}
    return {"nav_actions": dashboard_actions(user) | archive_actions(user)}
