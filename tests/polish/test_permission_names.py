"""Admin's user and group pages list permissions by name: after migrate none is Django's English
"Can add …"; each says 可以添加/修改/删除/查看 and the model's Chinese name."""

from django.contrib.auth.models import Permission
from django.core.management import call_command

from core.permissions import rename_permissions


def test_no_permission_is_named_in_english_after_migrate(db):
    call_command("migrate", verbosity=0)  # post_migrate runs, as after every deployment's migrate
    english = list(Permission.objects.filter(name__startswith="Can ").values_list("name", flat=True))
    assert english == []
    posting = Permission.objects.get(codename="add_posting", content_type__app_label="secondment")
    assert posting.name == "可以添加挂职"


def test_a_permission_django_renamed_back_is_named_again(db):
    p = Permission.objects.get(codename="view_cadre", content_type__app_label="cadres")
    Permission.objects.filter(pk=p.pk).update(name="Can view 干部")
    assert rename_permissions() == 1
    p.refresh_from_db()
    assert p.name == "可以查看干部"
