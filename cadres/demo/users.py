"""Demo logins, one per role, all with the password DEMO_PASSWORD (listed in README.md)."""

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile

from accounts.models import Role, User
from accounts.services import user_grant_role

from ..models import Cadre, Unit
from ..services import cadre_update

DEMO_PASSWORD = "demo12345"

# username -> (full name, [(role, unit name)], cadre of unit)
DEMO_USERS = {
    "org_city": ("市委组织部 王科长", [(Role.ORG_STAFF, "中共临江市委")]),
    "org_county": ("青山县委组织部 李干事", [(Role.ORG_STAFF, "中共青山县委")]),
    "dispatch": ("市农业农村局 人事科 赵老师", [(Role.DISPATCH_CONTACT, "临江市农业农村局")]),
    "receive": ("石门镇 党政办 陈主任", [(Role.RECEIVE_CONTACT, "青山县石门镇")]),
}


def seed_users(*, acting_user=None) -> dict[str, User]:
    users: dict[str, User] = {}
    # one hash for every demo login (a password hash takes about a second), set on a login that has none
    password = make_password(DEMO_PASSWORD)

    def set_password(user: User) -> None:
        if not user.password or not user.has_usable_password():
            user.password = password

    admin, _ = User.objects.get_or_create(
        username="admin", defaults={"full_name": "系统管理员", "is_staff": True, "is_superuser": True}
    )
    admin.is_staff = admin.is_superuser = True
    set_password(admin)
    admin.save()
    users["admin"] = admin
    for username, (full_name, grants) in DEMO_USERS.items():
        user, _ = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
        set_password(user)
        user.save()
        for role, unit_name in grants:
            user_grant_role(user=user, role=role, unit=Unit.objects.get(name=unit_name), acting_user=admin)
        users[username] = user
    cadre_user, _ = User.objects.get_or_create(username="cadre")
    if cadre_user.cadre_id is None:
        taken = User.objects.exclude(cadre=None).values("cadre_id")
        cadre = Cadre.objects.filter(unit__name="临江市农业农村局").exclude(pk__in=taken).order_by("id").first()
        cadre_user.cadre = cadre
    cadre_user.full_name = cadre_user.cadre.name if cadre_user.cadre else "挂职干部"
    set_password(cadre_user)
    cadre_user.save()
    users["cadre"] = cadre_user
    if cadre_user.cadre and not cadre_user.cadre.photo:
        cadre_update(cadre=cadre_user.cadre, acting_user=None, photo=ContentFile(_demo_photo(), name="photo.png"))
    return users


def _demo_photo() -> bytes:
    """A plain ID-photo placeholder (a head and shoulders on blue), for the cadre page and the forms."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (250, 350), (67, 142, 219))
    draw = ImageDraw.Draw(image)
    draw.ellipse((80, 70, 170, 180), fill=(240, 220, 200))
    draw.ellipse((35, 190, 215, 420), fill=(40, 40, 60))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
