"""Permission names in Chinese. Django writes each model's permissions at migrate time as
"Can add <verbose name>" in English, whatever the language; admin shows them on every user and group
page. After each migrate they are renamed "可以添加挂职" …, for every app's models (idempotent)."""

ACTIONS = {"add": "添加", "change": "修改", "delete": "删除", "view": "查看"}


def chinese_permission_name(codename: str, verbose_name: str) -> str | None:
    """可以添加挂职 for ("add_posting", "挂职"); None for a custom permission (named by its app)."""
    action, _, _ = codename.partition("_")
    return f"可以{ACTIONS[action]}{verbose_name}" if action in ACTIONS else None


def rename_permissions(sender=None, using="default", **kwargs) -> int:
    """post_migrate: rename the default permissions whose name is still Django's English one."""
    from django.contrib.auth.models import Permission

    renamed = 0
    for permission in Permission.objects.using(using).select_related("content_type").filter(name__startswith="Can "):
        model = permission.content_type.model_class()
        if model is None:
            continue
        name = chinese_permission_name(permission.codename, str(model._meta.verbose_name))
        if name and name != permission.name:
            permission.name = name[:255]
            permission.save(update_fields=["name"])
            renamed += 1
    return renamed
