"""The plain-text part of a reminder email is text, not HTML: `<` and `&` reach the reader as typed, and a
line break in a title (a cadre's name) cannot break the subject header."""

from django.core import mail

from core.channels import EmailChannel
from core.models import Reminder


def _reminder(user, title, body):
    user.email = "someone@example.gov.cn"
    user.save(update_fields=["email"])
    return Reminder.objects.create(
        key=f"t:{title}", recipient=user, kind="test", title=title, body=body, url="/x/?a=1&b=2"
    )


def test_plain_text_part_is_not_html_escaped(world):
    reminder = _reminder(world.cadre_user, "工作汇报 <第1季度> & 附件", '请补充 "A&B" 项 <必填>')
    EmailChannel().send(reminder)
    [email] = mail.outbox
    assert "工作汇报 <第1季度> & 附件" in email.body
    assert '请补充 "A&B" 项 <必填>' in email.body
    assert "/x/?a=1&b=2" in email.body
    assert "&lt;" not in email.body and "&amp;" not in email.body and "&quot;" not in email.body
    html = email.alternatives[0][0]
    assert "&lt;第1季度&gt;" in html  # the HTML part stays escaped


def test_line_break_in_title_does_not_break_the_subject(world):
    reminder = _reminder(world.cadre_user, "张\n三 的汇报", "")
    EmailChannel().send(reminder)
    [email] = mail.outbox
    assert email.subject == "【挂职通】张 三 的汇报"
