from documents.access import archive_actions

from .access import dashboard_actions


def navigation_actions(request) -> dict:
    """The pages outside any one record the user may open (the statistics, the reminder log, the
    verification of a printed form), as their apps' access modules say, for the menus."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_actions": set()}
    return {"nav_actions": dashboard_actions(user) | archive_actions(user)}
