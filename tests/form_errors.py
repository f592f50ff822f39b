"""Reading a page sent back with form errors: the message must sit next to its field (crispy's
`invalid-feedback` inside the field's wrapper), or at the top of the form it belongs to."""

import html as htmllib
import re


def _text(fragment: str) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", "", fragment))


def field_block(page: str, html_name: str) -> str:
    """The crispy wrapper of the field named `html_name` (prefix included): its label, widget and errors."""
    start = page.find(f'id="div_id_{html_name}"')
    assert start != -1, f"no field {html_name} on the page"
    ends = [i for i in (page.find('id="div_id_', start + 1), page.find("</form>", start)) if i != -1]
    return page[start : min(ends)]


def field_error(page: str, html_name: str) -> str:
    """The text of the field's invalid-feedback ('' when none); the widget must be marked is-invalid."""
    block = field_block(page, html_name)
    feedback = re.findall(r'class="invalid-feedback"[^>]*>(.*?)</(?:span|div|p)>', block, flags=re.S)
    if feedback:
        assert "is-invalid" in block, f"{html_name}: message without the widget marked invalid"
    return " ".join(_text(f) for f in feedback).strip()


def form_html(page: str, action: str) -> str:
    """The <form> posting to `action`."""
    start = page.find(f'action="{action}"')
    assert start != -1, f"no form posting to {action}"
    start = page.rfind("<form", 0, start)
    return page[start : page.find("</form>", start)]


def form_errors_on_top(page: str, action: str) -> str:
    """The non-field errors shown at the top of the form posting to `action`."""
    form = form_html(page, action)
    return " ".join(_text(b) for b in re.findall(r'class="alert[^"]*alert-danger[^"]*"[^>]*>(.*?)</div>', form, re.S))
