"""Content-Security-Policy (django-csp): scripts from this site only. No template carries an inline script,
an on…= handler, a javascript: URL or a <style> block or style attribute (test_access_matrix checks that
every page of every role carries the header)."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# rendered to PDF by WeasyPrint or sent as email, never served to a browser under the policy
NOT_SERVED = ("documents/pdf/", "core/email/")


def _served_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        relative = path.relative_to(TEMPLATES).as_posix()
        if not relative.startswith(NOT_SERVED):
            yield relative, path.read_text(encoding="utf-8")


def test_no_template_has_inline_scripts_handlers_or_styles():
    found = []
    for name, text in _served_templates():
        for tag in re.findall(r"<script\b[^>]*>", text, flags=re.I):
            if "src=" not in tag:
                found.append(f"{name}: inline {tag}")
        if re.search(r"\son[a-z]+\s*=", text, flags=re.I):
            found.append(f"{name}: on…= handler")
        if re.search(r"javascript:", text, flags=re.I):
            found.append(f"{name}: javascript: URL")
        if re.search(r"<style\b|\sstyle\s*=", text, flags=re.I):
            found.append(f"{name}: <style> or style attribute")
    assert not found, "\n".join(found)


def test_json_script_data_blocks_are_not_scripts(client, world):
    """json_script's <script type="application/json"> is data the policy does not run; it is the one
    <script> without src a page may carry (the dashboard's chart data)."""
    client.force_login(world.org_city)
    html = client.get(reverse("dashboard:index")).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_policy_allows_scripts_from_this_site_only(client, db):
    response = client.get(reverse("login"))
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in directives["default-src"] and "unsafe-eval" not in policy
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
