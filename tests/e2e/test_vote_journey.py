"""民主测评（扫码） in a real browser (issue 20): the org department opens a phone vote on the 考核鉴定 tab
and prints the 测评码 slips; voters on phones (390×844, each its own browser context: no account, no
shared cookie) scan a slip's QR code — the link read off the PDF by zxing-cpp, as a camera would — or
type its code at /v/, choose and submit, and see the confirmation; a used code is refused with its
message; the organizer closes the vote and the tallies fill the appraisal's 民主测评 step, the 2/3 rule
first refusing a meeting where half took part, then, reopened with a reason, counting it.

The organizer's side runs at desktop and phone widths (the `viewport` parameter); the voters are always
phones. Screenshots under var/e2e/org_staff_runs_a_phone_vote/<viewport>/ (voters: voter-*.png)."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.documents.pdf_layout import page_lines, read_qr_codes
from tests.e2e.conftest import VIEWPORTS, Watch

pytestmark = pytest.mark.e2e

EXPECTED = 6
CODE = re.compile(r"\b([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})\b")
SHANGHAI = ZoneInfo("Asia/Shanghai")  # the server's TIME_ZONE: datetime-local values are read in it


def _open(page, summary: str) -> None:
    details = page.locator("details", has=page.locator("summary", has_text=summary)).first
    if details.get_attribute("open") is None:
        details.locator("summary").first.click()


def _local(dt: datetime) -> str:
    return dt.astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M")


class Voters:
    """Phones: a fresh browser context each, 390×844, touch; their screenshots beside the journey's."""

    def __init__(self, browser, base_url: str, journey):
        self.browser, self.base_url, self.journey = browser, base_url, journey
        self.watches: list[Watch] = []

    def phone(self):
        context = self.browser.new_context(
            viewport=VIEWPORTS["phone"],
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale="zh-CN",
            base_url=self.base_url,
        )
        page = context.new_page()
        self.watches.append(Watch(page))
        return page

    def shot(self, page, name: str) -> None:
        page.screenshot(path=str(self.journey.dir / f"voter-{name}.png"), full_page=True)

    def vote(self, url: str, choice: str, cadre: str, shots: str = "") -> None:
        """Open the QR link, choose, submit, see the confirmation."""
        page = self.phone()
        page.goto(url)
        expect(page.get_by_test_id("vote-cadre")).to_contain_text(cadre)
        page.locator("label.vote-card", has_text=re.compile(rf"^\s*{re.escape(choice)}")).first.tap()
        if shots:
            self.shot(page, f"{shots}-ballot")
        page.get_by_test_id("vote-submit").tap()
        page.wait_for_load_state()
        expect(page.get_by_test_id("vote-message")).to_contain_text("投票成功")
        if shots:
            self.shot(page, f"{shots}-done")
        page.context.close()

    def type_code(self, code: str, choice: str, cadre: str) -> None:
        """No camera: the code typed at /v/ as printed, in small letters."""
        page = self.phone()
        page.goto("/v/")
        page.locator("input[name=code]").fill(code.lower())
        self.shot(page, "typed-enter")
        page.locator("[data-testid=code-form] button[type=submit]").tap()
        page.wait_for_load_state()
        expect(page.get_by_test_id("vote-cadre")).to_contain_text(cadre)
        page.locator("label.vote-card", has_text=re.compile(rf"^\s*{re.escape(choice)}")).first.tap()
        page.get_by_test_id("vote-submit").tap()
        page.wait_for_load_state()
        expect(page.get_by_test_id("vote-message")).to_contain_text("投票成功")
        page.context.close()

    def reuse(self, url: str) -> None:
        page = self.phone()
        page.goto(url)
        message = page.get_by_test_id("vote-message")
        expect(message).to_contain_text("该测评码已经投过票")
        expect(page.get_by_test_id("ballot-form")).to_have_count(0)
        self.shot(page, "reused")
        page.context.close()

    def assert_clean(self) -> None:
        for watch in self.watches:
            watch.assert_clean()


def test_org_staff_runs_a_phone_vote(journey, scene, browser, base_url):
    page = journey.page
    appraisal = scene("appraisal", step="democratic", user="org_city", role="org_staff")
    cadre = appraisal["cadre"]
    journey.login("org_city")
    tab = f"/assessments/postings/{appraisal['posting']}/"
    page.goto(tab)

    # open a vote: 应到 6, from now for two hours
    form = page.get_by_test_id("vote-open-form")
    if not form.is_visible():
        _open(page, "发起扫码测评")
    now = datetime.now(tz=SHANGHAI)
    form.locator("input[name=expected]").fill(str(EXPECTED))
    form.locator("input[name=opens_at]").fill(_local(now - timedelta(minutes=5)))
    form.locator("input[name=closes_at]").fill(_local(now + timedelta(hours=2)))
    journey.shot("open-form")
    journey.submit(form)
    expect(page.get_by_test_id("vote-panel")).to_be_visible()
    expect(page.get_by_test_id("vote-count")).to_have_text("0")
    journey.shot("opened")

    # the slips: a PDF for the organizer, the codes and their QR links read off it
    slips = page.get_by_test_id("vote-slips")
    href = slips.get_attribute("href")
    assert href.startswith("/documents/votes/") and href.endswith("/slips.pdf")
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    codes = [m for page_ in page_lines(pdf) for line in page_ for m in CODE.findall(line.text)]
    links = [url for urls in read_qr_codes(pdf) for url in urls]
    assert len(codes) == len(set(codes)) == EXPECTED and len(links) == EXPECTED
    assert all(link.startswith(f"{base_url}/v/") for link in links)
    link_of = {code: next(link for link in links if link.endswith(f"/{code.replace('-', '')}/")) for code in codes}

    voters = Voters(browser, base_url, journey)
    # three phones: two scan, one types its code; half of 应到 take part
    voters.vote(link_of[codes[0]], "优秀", cadre, shots="scan")
    voters.vote(link_of[codes[1]], "称职", cadre)
    voters.type_code(codes[2], "优秀", cadre)
    voters.reuse(link_of[codes[0]])

    page.reload()
    expect(page.get_by_test_id("vote-count")).to_have_text("3")
    journey.shot("three-voted")

    # closed early (a reason is required): the tallies fill the 民主测评 step; 3 of 6 is below 2/3
    _open(page, "提前结束测评")
    close = page.get_by_test_id("vote-close-form")
    close.locator("textarea[name=reason]").fill("会议议程调整，提前结束。")
    journey.submit(close)
    numbers = page.get_by_test_id("appraisal-numbers")
    expect(numbers).to_contain_text("参与率50%低于规定的67%，测评结果无效，请重新组织测评。")
    expect(page.get_by_test_id("vote-result")).to_contain_text("应到6人，实到3人，未参加3人")
    journey.shot("closed-below-two-thirds")

    # reopened with a reason; two more vote; closed again: 5 of 6 counts
    _open(page, "重新开放测评")
    reopen = page.get_by_test_id("vote-reopen-form")
    reopen.locator("input[name=closes_at]").fill(_local(datetime.now(tz=SHANGHAI) + timedelta(hours=1)))
    reopen.locator("textarea[name=reason]").fill("部分人员迟到，重新开放。")
    journey.submit(reopen)
    expect(page.get_by_test_id("vote-phase")).to_have_text("投票中")
    voters.vote(link_of[codes[3]], "优秀", cadre)
    voters.vote(link_of[codes[4]], "不了解", cadre)
    voters.reuse(link_of[codes[3]])
    page.reload()
    expect(page.get_by_test_id("vote-count")).to_have_text("5")
    _open(page, "提前结束测评")
    close = page.get_by_test_id("vote-close-form")
    close.locator("textarea[name=reason]").fill("应到人员已全部投票。")
    journey.submit(close)
    numbers = page.get_by_test_id("appraisal-numbers")
    expect(numbers).not_to_contain_text("无效")
    expect(numbers).to_contain_text("参与率 0.83")
    expect(numbers).to_contain_text("测评得分 95.00")  # 优秀 ×3 (100), 称职 ×1 (80); 不了解 left out
    expect(page.get_by_test_id("vote-result")).to_contain_text("应到6人，实到5人，未参加1人")
    expect(page.get_by_test_id("vote-slips")).to_have_count(0)  # a closed vote's codes are not printed
    assert page.request.get(href).status == 404
    journey.shot("closed-counted")
    voters.assert_clean()
