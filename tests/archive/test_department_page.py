"""The departments' web page (/department) in a real headless Chromium over the real service."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from studio_app.archive import admin
from tests.archive.conftest import Archive
from tests.archive.test_api import TIMEOUT, Studio, wire_row
from tests.integration.browser import Chromium, chromium_binary
from tests.integration.obs_process import require_tools

XSS_PROMISE = (
    "<img src=x onerror=\"document.title='pwned'\">一个月内修好村口的路灯<script>x</script>"
)
REPLY = "已派维修队到现场，本周五前换好灯杆。"
RESOLUTION = "路灯已修好，经村委会验收。"
PAGE_TITLE_ZH = "部门督办事项 · 县档案库"


@pytest.fixture
def department(archive: Archive) -> tuple[uuid.UUID, str]:
    department_id, credential = admin.add_department(archive.admin_url, "县交通运输局")
    return department_id, str(credential)


@pytest.fixture
def studio(archive: Archive) -> Studio:
    return Studio.enrol(archive, "青山镇")


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Chromium]:
    require_tools("browser tests need", [] if chromium_binary() else ["chromium"])
    chromium = Chromium(tmp_path / "chromium-profile", width=1366, height=800)
    chromium.start()
    yield chromium
    chromium.stop()


class Page:
    """The department page in the test's Chromium."""

    def __init__(self, browser: Chromium, archive: Archive) -> None:
        self.browser = browser
        self.url = f"{archive.base_url}/department"
        # Whatever the Content-Security-Policy blocks is collected in window.cspViolations.
        browser.call(
            "Page.addScriptToEvaluateOnNewDocument",
            source="window.cspViolations = [];"
            " document.addEventListener('securitypolicyviolation',"
            " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
        )

    def speak(self, language: str) -> None:
        """Make the browser's preferred language ``language`` (``navigator.language``)."""
        agent = self.browser.evaluate("navigator.userAgent")
        self.browser.call(
            "Emulation.setUserAgentOverride", userAgent=agent, acceptLanguage=language
        )

    def open(self) -> None:
        self.browser.open(self.url)
        self.browser.wait_for("document.body.dataset.language !== undefined")

    def js(self, expression: str) -> Any:
        return self.browser.evaluate(expression)

    def text(self, selector: str) -> str:
        return str(self.js(f"document.querySelector({json.dumps(selector)}).textContent"))

    def visible(self, selector: str) -> bool:
        found = f"document.querySelector({json.dumps(selector)})"
        return bool(self.js(f"{found} !== null && {found}.offsetParent !== null"))

    def click(self, selector: str) -> None:
        self.js(f"document.querySelector({json.dumps(selector)}).click()")

    def type_into(self, selector: str, text: str) -> None:
        """Focus a field and insert ``text`` as a paste would."""
        self.js(f"document.querySelector({json.dumps(selector)}).focus()")
        self.browser.call("Input.insertText", text=text)

    def sign_in(self, credential: str) -> None:
        self.type_into("#credential", credential)
        self.click("#sign-in-button")

    def loads(self) -> int:
        return int(self.js("Number(document.body.dataset.loads || 0)"))

    def item(self, follow_up_id: str) -> str:
        return f'.follow-up[data-id="{follow_up_id}"]'

    def act(self, follow_up_id: str, button: str) -> None:
        """Click a button of a follow-up and wait for the list to be loaded again."""
        before = self.loads()
        self.click(f"{self.item(follow_up_id)} {button}")
        self.browser.wait_for(f"Number(document.body.dataset.loads) > {before}")


def follow_ups(archive: Archive, credential: str) -> list[dict[str, Any]]:
    response = httpx.get(
        f"{archive.base_url}/v1/department/follow-ups",
        headers={"Authorization": f"Bearer {credential}"},
        timeout=TIMEOUT,
    )
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()
    return found


def test_a_department_signs_in_replies_and_resolves_in_chinese(
    archive: Archive, studio: Studio, department: tuple[uuid.UUID, str], browser: Chromium
) -> None:
    department_id, credential = department
    lead = wire_row(
        "follow_up",
        studio.studio_id,
        lead_department_id=str(department_id),
        promise=XSS_PROMISE,
        deadline="2024-05-10",
        responsible_person="李主任",
    )
    supported = wire_row(
        "follow_up",
        studio.studio_id,
        lead_department_id=str(uuid.uuid4()),
        supporting_department_ids=[str(department_id)],
        promise="协助排查学校门口的积水",
        deadline="2999-01-01",
    )
    assigned = wire_row(
        "follow_up_event",
        studio.studio_id,
        follow_up_id=lead["id"],
        kind="status",
        status="assigned",
        text="请尽快处理",
        author="青山镇演播室",
        origin="studio",
        at="2024-05-01T08:00:00+08:00",
    )
    studio.push_ok({"follow_up": [lead, supported], "follow_up_event": [assigned]})

    page = Page(browser, archive)
    page.speak("zh-CN,zh")
    page.open()
    assert page.js("document.title") == PAGE_TITLE_ZH
    assert page.js("document.documentElement.lang") == "zh-CN"
    assert page.visible("#credential") and not page.visible("#board")

    page.sign_in(f"  {credential}\n")  # pasted with the blanks around it
    browser.wait_for("document.body.dataset.view === 'board'")
    browser.wait_for(f"document.querySelector({json.dumps(page.item(lead['id']))}) !== null")
    # The credential is in this tab's sessionStorage only: not in the URL, not for good.
    assert page.js("location.href") == page.url
    assert credential not in page.js("document.documentElement.outerHTML")
    assert page.js("Object.values(sessionStorage)").count(credential) == 1
    assert credential not in json.dumps(page.js("Object.values(localStorage)"))
    assert page.js("document.cookie") == ""

    item = page.item(lead["id"])
    # Shown literally: nothing in the promise ran or became an element.
    assert page.text(f"{item} .promise") == XSS_PROMISE
    assert page.js(f"document.querySelectorAll('{item} .promise *').length") == 0
    assert page.js("document.title") == PAGE_TITLE_ZH
    assert page.text(f"{item} .status-badge") == "已交办"
    assert page.text(f"{item} .role-badge") == "本部门牵头"
    assert page.js(f"document.querySelector('{item}').dataset.overdue") == "true"
    assert page.text(f"{item} .overdue-badge").startswith("已逾期")
    assert "2024" in page.text(f"{item} .deadline")
    assert page.text(f"{item} .responsible") == "李主任"
    assert page.text(f"{item} .studio") == str(studio.studio_id)
    assert page.text(f"{item} .history .event-text") == "请尽快处理"
    other = page.item(supported["id"])
    assert page.text(f"{other} .role-badge") == "本部门配合"
    assert page.js(f"document.querySelector('{other}').dataset.overdue") == "false"
    assert not page.visible(f"{other} .overdue-badge")
    assert page.visible(f"{item} .mark[data-status='in_progress']")
    assert page.visible(f"{item} .mark[data-status='resolved']")

    page.type_into("#person", "王小明")
    page.type_into(f"{item} .reply-text", REPLY)
    page.act(lead["id"], ".add-reply")
    browser.wait_for(f"document.querySelectorAll('{item} .history .event').length === 2")
    assert page.text(f"{item} .item-status") == "已提交。"
    assert page.js(f"document.querySelector('{item} .reply-text').value") == ""

    page.type_into(f"{item} .reply-text", RESOLUTION)
    page.act(lead["id"], ".mark[data-status='resolved']")
    browser.wait_for(f"document.querySelectorAll('{item} .history .event').length === 3")
    assert page.text(f"{item} .status-badge") == "已办结"
    assert page.js(f"document.querySelector('{item}').dataset.overdue") == "false"
    assert not page.visible(f"{item} .mark[data-status='in_progress']")
    assert not page.visible(f"{item} .mark[data-status='resolved']")
    assert page.visible(f"{item} .add-reply")  # replies are still welcome
    texts = page.js(f"[...document.querySelectorAll('{item} .event-text')].map(e => e.textContent)")
    assert texts == ["请尽快处理", REPLY, RESOLUTION]  # oldest first
    assert page.js("location.href") == page.url
    assert page.js("window.cspViolations") == []  # the page needs nothing its policy forbids

    # What the archive now holds, as the department and as the studio see it.
    [shown] = [f for f in follow_ups(archive, credential) if f["id"] == lead["id"]]
    assert shown["status"] == "resolved"
    assert shown["next_statuses"] == []
    assert [(e["kind"], e["status"], e["text"], e["origin"]) for e in shown["events"]] == [
        ("status", "assigned", "请尽快处理", "studio"),
        ("reply", None, REPLY, "department"),
        ("status", "resolved", RESOLUTION, "department"),
    ]
    assert shown["events"][1]["author"] == "县交通运输局 · 王小明"
    pulled = studio.pull_all()["follow_up_event"]
    mine = sorted(
        (e for e in pulled.values() if e["origin"] == "department"), key=lambda e: e["id"]
    )
    assert [(e["follow_up_id"], e["kind"], e["status"], e["text"]) for e in mine] == [
        (lead["id"], "reply", None, REPLY),
        (lead["id"], "status", "resolved", RESOLUTION),
    ]

    # Signing out forgets the credential; the page asks for it again.
    page.click("#sign-out")
    browser.wait_for("document.body.dataset.view === 'sign-in'")
    assert page.js("sessionStorage.length") == 0
    assert page.js("document.querySelectorAll('.follow-up').length") == 0
    page.open()
    assert page.visible("#credential") and not page.visible("#board")


def test_a_wrong_or_revoked_credential_is_refused_with_a_plain_message(
    archive: Archive, studio: Studio, department: tuple[uuid.UUID, str], browser: Chromium
) -> None:
    department_id, credential = department
    follow_up = wire_row("follow_up", studio.studio_id, lead_department_id=str(department_id))
    studio.push_ok({"follow_up": [follow_up]})
    page = Page(browser, archive)
    page.speak("en-US,en")
    page.open()
    assert page.js("document.documentElement.lang") == "en"
    assert page.text("#sign-in-title") == "Sign in"

    # Not a credential at all: said at once, nothing sent.
    page.sign_in("my password")
    browser.wait_for("!document.getElementById('sign-in-error').hidden")
    assert "vsa1." in page.text("#sign-in-error")

    # Well-formed but wrong: the archive refuses it, the page says to ask the county.
    account = admin.Credential.parse(credential).account_id
    wrong = str(admin.Credential(account, "x" * 43))
    page.js("document.getElementById('credential').value = ''")
    page.sign_in(wrong)
    browser.wait_for("document.getElementById('sign-in-error').textContent.includes('county')")
    assert "wrong or has been revoked" in page.text("#sign-in-error")
    assert page.js("document.body.dataset.view") == "sign-in"
    assert page.js("sessionStorage.length") == 0
    assert wrong not in page.js("location.href")
    assert page.js("location.href") == page.url

    # The language switch: the same page in Chinese.
    page.click(".lang[data-lang='zh']")
    assert page.text("#sign-in-title") == "登录"
    assert page.js("document.documentElement.lang") == "zh-CN"
    page.js("document.getElementById('credential').value = ''")
    page.sign_in(credential)
    browser.wait_for("document.body.dataset.view === 'board'")
    assert page.text(f"{page.item(follow_up['id'])} .status-badge") == "已交办"

    # Revoked while signed in: the next refresh signs out and asks for a new credential.
    assert admin.revoke(archive.admin_url, account)
    page.click("#refresh")
    browser.wait_for("document.body.dataset.view === 'sign-in'")
    assert "收回" in page.text("#sign-in-error")
    assert "县档案库" in page.text("#sign-in-error")
    assert page.js("sessionStorage.length") == 0


def test_network_failure_and_refused_transition_are_explained(
    archive: Archive, studio: Studio, department: tuple[uuid.UUID, str], browser: Chromium
) -> None:
    department_id, credential = department
    follow_up = wire_row("follow_up", studio.studio_id, lead_department_id=str(department_id))
    studio.push_ok({"follow_up": [follow_up]})
    page = Page(browser, archive)
    page.speak("zh-CN")
    page.open()
    page.sign_in(credential)
    item = page.item(follow_up["id"])
    browser.wait_for(f"document.querySelector({json.dumps(item)}) !== null")

    # An empty reply is not sent.
    page.click(f"{item} .add-reply")
    assert "文本框" in page.text(f"{item} .item-error")

    # The studio's review moved it on meanwhile: the archive refuses, the page says so.
    published = wire_row(
        "follow_up_event",
        studio.studio_id,
        follow_up_id=follow_up["id"],
        kind="status",
        status="published",
        origin="studio",
    )
    studio.push_ok({"follow_up_event": [published]})
    page.act(follow_up["id"], ".mark[data-status='in_progress']")
    assert "状态已经变了" in page.text(f"{item} .item-error")
    assert page.text(f"{item} .status-badge") == "已公开"
    assert not page.visible(f"{item} .mark[data-status='in_progress']")

    # The archive goes away: the page says the network failed and keeps the draft.
    page.type_into(f"{item} .reply-text", "网络断了也不要丢")
    for server in archive.servers:
        server.stop()
    page.click(f"{item} .add-reply")
    browser.wait_for(f"document.querySelector('{item} .item-error').textContent.includes('网络')")
    assert page.js(f"document.querySelector('{item} .reply-text').value") == "网络断了也不要丢"
    assert page.js("document.body.dataset.view") == "board"
    assert page.js("sessionStorage.length") > 0


@pytest.mark.parametrize("width", [375, 1366])
def test_the_page_fits_a_phone_and_an_office_screen(
    archive: Archive,
    studio: Studio,
    department: tuple[uuid.UUID, str],
    browser: Chromium,
    width: int,
) -> None:
    department_id, credential = department
    long_promise = "维修" * 300 + "x" * 200  # a long line without spaces must wrap too
    follow_up = wire_row(
        "follow_up",
        studio.studio_id,
        lead_department_id=str(department_id),
        promise=long_promise,
    )
    studio.push_ok({"follow_up": [follow_up]})
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        width=width,
        height=800,
        deviceScaleFactor=1,
        mobile=width < 600,
    )
    page = Page(browser, archive)
    page.speak("zh-CN")
    page.open()
    page.sign_in(credential)
    browser.wait_for(f"document.querySelector('{page.item(follow_up['id'])}') !== null")
    assert page.js("document.documentElement.scrollWidth") <= width
    # Large enough to read.
    promise = f"document.querySelector('{page.item(follow_up['id'])} .promise')"
    size = page.js(f"getComputedStyle({promise}).fontSize")
    assert float(size.removesuffix("px")) >= 18
    # Every field has a label.
    unlabelled = page.js(
        "[...document.querySelectorAll('input, textarea')]"
        ".filter(e => e.labels.length === 0).map(e => e.id || e.className)"
    )
    assert unlabelled == []


def test_the_page_is_served_with_strict_security_headers(archive: Archive) -> None:
    expected = {
        "/department": "text/html",
        "/department/app.js": "text/javascript",
        "/department/app.css": "text/css",
    }
    for path, media_type in expected.items():
        response = httpx.get(archive.base_url + path, timeout=TIMEOUT)
        assert response.status_code == 200, path
        headers = response.headers
        assert headers["content-type"].startswith(media_type)
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["cache-control"] == "no-store"
    page = httpx.get(archive.base_url + "/department", timeout=TIMEOUT).text
    assert "<script>" not in page and "<style" not in page and " style=" not in page
    assert "http://" not in page and "https://" not in page  # nothing from elsewhere
    # The root leads there; the API's description does not list the page.
    root = httpx.get(archive.base_url + "/", timeout=TIMEOUT)
    assert root.status_code == 303 and root.headers["location"] == "/department"
    schema = httpx.get(archive.base_url + "/openapi.json", timeout=TIMEOUT).json()
    assert not any(path.startswith("/department") for path in schema["paths"])
    assert "/" not in schema["paths"]
