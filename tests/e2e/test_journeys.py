"""Every role's day in a real browser (issue 16), each at 1366×900 and 390×844: the pages' own forms,
under the Content-Security-Policy, with no console errors, no 5xx and no request leaving this machine
(the `journey` fixture checks these after each test). Records are found by role and state, or made
through the services, by tests/e2e/scenes.py."""

import re
import zipfile
from datetime import date
from io import BytesIO

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

# The forms helper of issue 16 moves a form's errors next to their fields (crispy's invalid-feedback).
# Until that is on main the message may still be a banner: set True to require it next to the field.
FIELD_ERRORS_NEXT_TO_FIELD = True
# …and irreversible actions (定稿) ask for a confirmation (data-confirm): set True once that is on main.
FINALIZE_ASKS_FIRST = True


def _open(page, summary: str) -> None:
    """Open a <details> block by its summary text, when it is closed."""
    details = page.locator("details", has=page.locator("summary", has_text=summary)).first
    if details.get_attribute("open") is None:
        details.locator("summary").first.click()


def _field(form, label: str):
    return form.get_by_label(re.compile(rf"^\s*{re.escape(label)}"))


def test_cadre_files_a_quarterly_report(journey, scene):
    page = journey.page
    report = scene("report")
    journey.login("cadre")
    csp = page.request.get("/").headers.get("content-security-policy", "")
    assert "script-src" in csp, "the pages are served under a Content-Security-Policy"
    journey.shot("home")

    page.goto(report["url"])
    expect(page.get_by_text(report["period"]).first).to_be_visible()
    form = page.locator("form", has=page.get_by_role("button", name="提交"))
    main_work = "牵头推进柳溪村高标准农田项目，完成土地平整三百亩。"
    _field(form, "主要工作").fill(main_work)
    _field(form, "取得成效").fill("项目按期完成第一阶段。")
    _field(form, "下步打算").fill("")
    journey.shot("filled-without-next-plans")
    journey.submit(form, "^提交$")

    # refused: a precise Chinese message naming the missing part, and nothing typed is lost
    expect(page.get_by_text(re.compile("下步打算")).first).to_be_visible()
    expect(page.get_by_text(re.compile("提交前请填写|请填写")).first).to_be_visible()
    form = page.locator("form", has=page.get_by_role("button", name="提交"))
    expect(_field(form, "主要工作")).to_have_value(main_work)
    expect(_field(form, "取得成效")).to_have_value("项目按期完成第一阶段。")
    if FIELD_ERRORS_NEXT_TO_FIELD:
        expect(form.locator(".invalid-feedback", has_text="下步打算").first).to_be_visible()
    journey.shot("field-error")

    _field(form, "下步打算").fill("推进项目二期，做好冬季防火。")
    journey.submit(form, "^提交$")
    expect(page.get_by_text("汇报已提交").first).to_be_visible()
    expect(page.get_by_text("待审阅").first).to_be_visible()


def test_receiving_unit_confirms_arrival_and_enters_evaluation(journey, scene):
    page = journey.page
    arrival = scene("arrival")
    appraisal = scene("appraisal", step="receiving", user="receive", role="receive_contact")
    journey.login("receive")
    journey.shot("home")

    page.goto(f"/secondment/postings/{arrival['posting']}/")
    expect(page.get_by_text("待到岗").first).to_be_visible()
    _open(page, "确认到岗")
    form = page.locator("form[action*='confirm_arrival']")
    form.locator("input[type=date]").fill(date.today().isoformat())
    journey.shot("confirm-arrival")
    journey.submit(form, "确认到岗")
    expect(page.locator("main")).to_contain_text("在岗")
    expect(page.locator("main")).to_contain_text("确认到岗（待到岗 → 在岗）")

    page.goto(f"/assessments/postings/{appraisal['posting']}/")
    form = page.locator("form[action*='step/receiving']")
    if not form.is_visible():
        _open(page, "填写")
    for name, text in {
        "intro": "该同志挂职期间分管农业农村工作，联系两个村。",
        "strengths": "工作主动，善于协调。",
        "shortcomings": "基层经验尚需积累。",
        "hopes": "希望继续扎根基层。",
        "main_work": "牵头推进高标准农田项目。",
    }.items():
        form.locator(f"textarea[name$='-{name}']").fill(text)
    scores = form.locator("input[type=number]")
    for i in range(scores.count()):
        scores.nth(i).fill(str(88 + i))
    journey.shot("evaluation-filled")
    journey.submit(form, "保存")
    expect(page.locator("main")).to_contain_text(re.compile(r"接收单位评价\s*已完成"))


def test_dispatching_unit_nominates_and_gives_opinion(journey, scene):
    page = journey.page
    nomination = scene("nomination")
    appraisal = scene("appraisal", step="dispatch", user="dispatch", role="dispatch_contact")
    journey.login("dispatch")
    journey.shot("home")

    page.goto(f"/secondment/batches/{nomination['batch']}/")
    journey.shot("batch")
    page.goto(f"/secondment/batches/{nomination['batch']}/nominate/")
    form = page.locator("main form").first
    cadre = form.locator("select[name=cadre]")
    option = cadre.locator("option", has_text=nomination["cadre"]).first
    cadre.select_option(value=option.get_attribute("value"))
    form.locator("select[name=method]").select_option(label="组织推荐")
    form.locator("textarea[name=reason]").fill("政治素质好，熟悉农业农村工作，符合本批次条件。")
    journey.shot("nominate")
    journey.submit(form, "推荐")
    expect(page.locator("main")).to_contain_text(nomination["cadre"])
    expect(page.locator("main")).to_contain_text("已推荐")

    page.goto(f"/assessments/postings/{appraisal['posting']}/")
    form = page.locator("form[action*='step/dispatch']")
    if not form.is_visible():
        _open(page, "填写")
    form.locator("textarea").fill("同意接收单位的评价意见，该同志回原单位后将安排到重要岗位。")
    journey.shot("opinion")
    journey.submit(form)
    expect(page.locator("main")).to_contain_text(re.compile(r"派出单位意见\s*已完成"))


def test_org_staff_extend_finalize_and_print(journey, scene):
    page = journey.page
    extension = scene("extension")
    appraisal = scene("appraisal", step="finalize", user="org_city", role="org_staff")
    journey.login("org_city")
    journey.shot("home")

    # extend: the receiving unit asked, the dispatching unit consented; the org department decides
    page.goto(f"/secondment/postings/{extension['posting']}/")
    form = page.locator("form[action*='/decide/']")
    if not form.is_visible():
        _open(page, "延期")
    form.locator("select[name=approve]").select_option("1")
    form.locator("textarea[name=reason]").fill("经部务会研究，同意延期。")
    journey.shot("extension-decide")
    journey.submit(form)
    expect(page.locator("main")).to_contain_text("同意延期")
    expect(page.locator("main")).not_to_contain_text(f"至{extension['end']}）")

    # finalize (irreversible: it may ask for a confirmation, which the fixture accepts)
    page.goto(f"/assessments/postings/{appraisal['posting']}/")
    journey.shot("before-finalize")
    form = page.locator("form[action*='/finalize/']")
    journey.submit(form)
    expect(page.locator("main")).to_contain_text("已定稿")
    if FINALIZE_ASKS_FIRST:
        assert any("定稿" in message for message in journey.dialogs), journey.dialogs

    pdf_link = page.locator(f"a[href$='/appraisals/{appraisal['appraisal']}/form.pdf']").first
    href = pdf_link.get_attribute("href")
    context = page.context
    with context.expect_event("response", lambda r: r.url.endswith(href)) as opened, context.expect_page() as tab:
        pdf_link.click()  # it opens in a new tab, in Chromium's PDF viewer
    assert opened.value.status == 200
    assert opened.value.headers["content-type"] == "application/pdf"
    tab.value.close()
    body = page.request.get(href).body()  # the same file, as the session downloads it
    assert body.startswith(b"%PDF"), "the appraisal form downloads as a PDF"

    # batch print: a Celery job the worker runs; the page polls until it is done
    page.goto(f"/secondment/batches/{appraisal['batch']}/")
    journey.shot("batch")
    page.get_by_role("button", name="批量打印鉴定表").click()
    page.wait_for_url(re.compile(r"/documents/jobs/\d+/"))
    journey.shot("print-started")
    download_link = page.locator("#download")
    expect(download_link).to_be_visible(timeout=120_000)
    expect(page.locator("#status")).to_contain_text("完成")
    journey.shot("print-done")
    response = page.request.get(download_link.get_attribute("href"))
    assert response.status == 200
    with zipfile.ZipFile(BytesIO(response.body())) as archive:
        assert any(name.endswith(".pdf") for name in archive.namelist())
