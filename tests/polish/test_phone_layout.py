"""Phone layout (390×844, checked with Chromium screenshots): buttons keep their words on one line and
wide tables scroll sideways inside .table-responsive instead of squeezing each column to one character."""

import re

from django.contrib.staticfiles import finders
from django.urls import reverse

from core.models import Notification


def test_the_go_to_it_button_stays_on_one_line(client, world):
    Notification.objects.create(user=world.cadre_user, title="季度工作汇报将到期", url="/")
    client.force_login(world.cadre_user)
    html = client.get(reverse("notifications:list")).content.decode()
    button = re.search(r"<button[^>]*>去办理</button>", html).group(0)
    assert "text-nowrap" in button


def test_wide_tables_scroll_sideways_on_a_phone():
    css = open(finders.find("css/app.css"), encoding="utf-8").read()
    phone = css[css.index("@media (max-width: 576px)") :]
    assert re.search(r"\.table-responsive > \.table > .*min-width", phone)


def test_the_attendance_and_hand_off_tables_are_responsive():
    for template, testid in (
        ("templates/secondment/posting_leave.html", "attendance"),
        ("templates/documents/transfer.html", "transfers"),
    ):
        text = open(template, encoding="utf-8").read()
        assert re.search(rf'<div class="table-responsive"><table [^>]*data-testid="{testid}"', text)
