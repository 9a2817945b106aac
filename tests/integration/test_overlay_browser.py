"""The browser-source overlay and the LAN form in a real headless Chromium, fed by the server."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import threading
from collections.abc import Coroutine, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtGui import QImage

from studio_app.domain.overlay import ComingUp, LowerThird, OverlayState, QuestionCard
from studio_app.domain.questions import Channel, QuestionDraft
from studio_app.services.web import WebServer
from tests.integration.browser import Chromium, chromium_binary
from tests.integration.obs_process import require_tools

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
XSS_TEXT = (
    "<script>document.title='pwned'</script>村口路灯坏了"
    "<img src=x onerror=\"document.title='pwned'\">"
)
TITLE = "Village Studio overlay"
T = TypeVar("T")


class ServerThread:
    """The web server on an asyncio loop of its own thread, so the test can drive a browser.

    (The app runs it on the GUI thread's qasync loop; here the test thread blocks on DevTools.)
    """

    def __init__(self, **kwargs: Any) -> None:
        self.drafts: list[QuestionDraft] = []
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self.server = WebServer(RESOURCES, on_submit=self._on_submit, **kwargs)

    async def _on_submit(self, draft: QuestionDraft) -> None:
        self.drafts.append(draft)

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        future: Future[T] = asyncio.run_coroutine_threadsafe(coro, self.loop)
        return future.result(15)

    def publish(self, state: OverlayState) -> None:
        async def publish() -> None:
            self.server.publish_state(state)

        self.run(publish())

    def close(self) -> None:
        if self.server.running:
            self.run(self.server.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Chromium]:
    require_tools("browser tests need", [] if chromium_binary() else ["chromium"])
    chromium = Chromium(tmp_path / "chromium-profile")
    chromium.start()
    yield chromium
    chromium.stop()


@pytest.fixture
def web() -> Iterator[ServerThread]:
    thread = ServerThread()
    thread.run(thread.server.start(lan=True, lan_host="127.0.0.1"))
    yield thread
    thread.close()


def keep_screenshot(path: Path) -> None:
    """Copy a screenshot to ``STUDIO_SCREENSHOT_DIR`` (to look at it), if set."""
    folder = os.environ.get("STUDIO_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(folder) / path.name)


def question(text: str, **kwargs: Any) -> OverlayState:
    card = QuestionCard(
        text=text,
        asker=kwargs.pop("asker", "张**"),
        source=kwargs.pop("source", "热线电话 · 市政设施"),
        ask_count_text=kwargs.pop("ask_count_text", "3 位居民问到"),
        heading="居民提问",
    )
    return OverlayState(question=card, question_visible=True, **kwargs)


def text_of(selector: str) -> str:
    return f"document.querySelector({json.dumps(selector)}).textContent"


def open_overlay(browser: Chromium, web: ServerThread) -> None:
    browser.open(web.server.overlay_url)
    browser.wait_for("document.body.dataset.connection === 'open'")
    assert browser.evaluate("document.title") == TITLE


# ---------------------------------------------------------------- overlay
def test_question_text_is_shown_literally_and_nothing_in_it_runs(
    browser: Chromium, web: ServerThread
) -> None:
    open_overlay(browser, web)
    web.publish(question(XSS_TEXT))

    browser.wait_for(f"{text_of('#question .text')} === {json.dumps(XSS_TEXT)}")
    assert browser.evaluate("document.getElementById('question').hidden") is False
    assert browser.evaluate("document.getElementById('question').dataset.visible") == "true"
    assert browser.evaluate("document.querySelectorAll('#stage script, #stage img').length") == 0
    assert browser.evaluate(text_of("#question .asker")) == "张**"
    assert browser.evaluate(text_of("#question .ask-count")) == "3 位居民问到"
    # The onerror handler would have fired by now if the <img> had been created.
    browser.wait_for("getComputedStyle(document.getElementById('question')).opacity === '1'")
    assert browser.evaluate("document.title") == TITLE

    # A page that connects later (OBS refreshing the source) gets the state at once.
    open_overlay(browser, web)
    browser.wait_for(f"{text_of('#question .text')} === {json.dumps(XSS_TEXT)}")
    assert browser.evaluate("document.title") == TITLE


def test_a_new_state_updates_the_page_and_hiding_removes_the_panel(
    browser: Chromium, web: ServerThread
) -> None:
    open_overlay(browser, web)
    web.publish(question("村口的路灯什么时候修？"))
    browser.wait_for(f"{text_of('#question .text')} === '村口的路灯什么时候修？'")

    lower = LowerThird(name="王建国", title="副镇长", department="镇人民政府", agenda_title="答疑")
    coming = ComingUp(heading="即将回答", items=("医保报销", "停车位", "供暖", "第四个"))
    web.publish(
        question(
            "幼儿园什么时候开学？",
            lower_third=lower,
            lower_third_visible=True,
            coming_up=coming,
            coming_up_visible=True,
        )
    )
    browser.wait_for(f"{text_of('#question .text')} === '幼儿园什么时候开学？'")
    browser.wait_for(f"{text_of('#lower_third .name')} === '王建国'")
    assert browser.evaluate(text_of("#lower_third .agenda")) == "答疑"
    items = "[...document.querySelectorAll('#coming_up li')].map(li => li.textContent)"
    assert browser.evaluate(items) == ["医保报销", "停车位", "供暖"]  # theme: at most 3

    web.publish(
        OverlayState(
            question=question("幼儿园什么时候开学？").question,
            question_visible=False,
            lower_third=lower,
            lower_third_visible=True,
        )
    )
    browser.wait_for("document.getElementById('question').hidden === true")
    browser.wait_for("document.getElementById('coming_up').hidden === true")
    assert browser.evaluate("document.getElementById('lower_third').hidden") is False

    web.publish(OverlayState())
    browser.wait_for("document.getElementById('lower_third').hidden === true")


def test_the_page_reconnects_when_the_app_restarts(browser: Chromium, web: ServerThread) -> None:
    open_overlay(browser, web)
    web.publish(question("重启之前"))
    browser.wait_for(f"{text_of('#question .text')} === '重启之前'")
    port = web.server.port

    web.run(web.server.stop())
    browser.wait_for("document.body.dataset.connection === 'retrying'")
    assert browser.evaluate(text_of("#question .text")) == "重启之前"  # stays on air meanwhile

    restarted = WebServer(RESOURCES)
    web.server = restarted
    web.run(restarted.start(port=port))
    web.publish(question("重启之后"))
    browser.wait_for(f"{text_of('#question .text')} === '重启之后'", timeout=20)
    assert browser.evaluate("document.body.dataset.connection") == "open"


def test_the_theme_places_and_colours_the_elements(browser: Chromium, tmp_path: Path) -> None:
    theme = json.loads((RESOURCES / "overlays" / "default" / "theme.json").read_text("utf-8"))
    theme["colors"]["panel"] = "#102030C0"
    theme["boxes"]["question"] = {"x": 100, "y": 100, "width": 700, "height": 400}
    theme_file = tmp_path / "theme.json"
    theme_file.write_text(json.dumps(theme), encoding="utf-8")
    web = ServerThread(theme_file=theme_file)
    try:
        web.run(web.server.start())
        open_overlay(browser, web)
        web.publish(question("路灯"))
        browser.wait_for(f"{text_of('#question .text')} === '路灯'")
        browser.wait_for("getComputedStyle(document.getElementById('question')).opacity === '1'")
        box = browser.evaluate(
            "(() => { const r = document.getElementById('question').getBoundingClientRect();"
            " return [r.left, r.top, r.width]; })()"
        )
        assert box == [100, 100, 700]  # upper half: grows down from the box's top
        background = "getComputedStyle(document.querySelector('#question .panel')).backgroundColor"
        assert browser.evaluate(background) == "rgba(16, 32, 48, 0.753)"
    finally:
        web.close()


def test_screenshot_is_transparent_and_readable(
    browser: Chromium, web: ServerThread, tmp_path: Path
) -> None:
    open_overlay(browser, web)
    long_text = (
        "我们村口的路灯已经坏了三个多星期了，晚上老人和孩子出门很不安全，上个月也有人反映过，"
        "请问镇里什么时候能派人来修？另外村西头的排水沟一下雨就堵，能不能一起看看？"
    )
    web.publish(
        question(
            long_text,
            coming_up=ComingUp(
                heading="即将回答",
                items=(
                    "城乡居民医保今年的缴费标准是多少？在哪里交？",
                    "镇卫生院周末有没有医生值班？",
                    "农村危房改造补贴怎么申请，需要准备哪些材料？什么时候能批下来？",
                ),
            ),
            coming_up_visible=True,
            lower_third=LowerThird(
                name="王建国",
                title="副镇长",
                department="青山镇人民政府",
                agenda_title="民生问题答疑",
            ),
            lower_third_visible=True,
        )
    )
    browser.wait_for(f"{text_of('#question .text')} === {json.dumps(long_text)}")
    for element in ("question", "coming_up", "lower_third"):
        browser.wait_for(f"getComputedStyle(document.getElementById('{element}')).opacity === '1'")
    path = tmp_path / "overlay-browser.png"
    image = QImage.fromData(browser.screenshot(path))
    keep_screenshot(path)
    assert (image.width(), image.height()) == (1920, 1080)
    assert image.pixelColor(10, 10).alpha() == 0  # the picture shows through
    assert image.pixelColor(960, 300).alpha() == 0
    panel = image.pixelColor(1400, 1000)  # inside the question panel
    assert panel.alpha() > 200
    # Every element stays inside its theme box.
    boxes = json.loads((RESOURCES / "overlays" / "default" / "theme.json").read_text("utf-8"))
    for element, box in boxes["boxes"].items():
        rect = browser.evaluate(
            f"(() => {{ const r = document.getElementById('{element}').getBoundingClientRect();"
            " return [r.left, r.top, r.right, r.bottom]; })()"
        )
        assert rect[0] >= box["x"] - 0.5 and rect[1] >= box["y"] - 0.5, (element, rect)
        assert rect[2] <= box["x"] + box["width"] + 0.5, (element, rect)
        assert rect[3] <= box["y"] + box["height"] + 0.5, (element, rect)


def test_a_very_long_question_is_cut_to_its_box(browser: Chromium, web: ServerThread) -> None:
    open_overlay(browser, web)
    web.publish(question("很长的问题" * 400))
    browser.wait_for("document.querySelector('#question .text').textContent.length === 2000")
    browser.wait_for("getComputedStyle(document.getElementById('question')).opacity === '1'")
    bottom = "document.getElementById('question').getBoundingClientRect()"
    rect = browser.evaluate(f"(() => {{ const r = {bottom}; return [r.top, r.bottom]; }})()")
    assert rect[0] >= 546 - 0.5 and rect[1] <= 546 + 480 + 0.5, rect
    assert browser.evaluate(
        "document.querySelector('#question .text').classList.contains('clamped')"
    )


# ---------------------------------------------------------------- the LAN form
def test_the_form_files_a_question_from_the_browser(
    browser: Chromium, web: ServerThread, tmp_path: Path
) -> None:
    browser.call("Network.enable")
    browser.call(
        "Network.setUserAgentOverride",
        userAgent="Mozilla/5.0 (Linux; Android 13) Mobile",
        acceptLanguage="en-US,en;q=0.9",
    )
    browser.open(web.server.submit_url)
    assert browser.evaluate("document.documentElement.lang") == "en"
    assert browser.evaluate(text_of("button")) == "Send to the moderator"
    browser.evaluate(
        f"""(() => {{
            document.querySelector('[name=text]').value = {json.dumps(XSS_TEXT)};
            document.querySelector('[name=asker]').value = '李四';
            document.querySelector('[name=phone]').value = '13900001111';
            document.querySelector('[name=channel]').value = 'online';
            document.querySelector('[name=category]').value = '交通';
            document.querySelector('button[type=submit]').click();
        }})()"""
    )
    browser.wait_for("location.search.includes('sent=1') && document.readyState === 'complete'")
    assert "moderator's list" in browser.evaluate(text_of(".notice.ok"))
    assert browser.evaluate("document.title") != "pwned"
    # Ready for the next call, from the same channel.
    assert browser.evaluate("document.querySelector('[name=text]').value") == ""
    assert browser.evaluate("document.querySelector('[name=channel]').value") == "online"
    path = tmp_path / "submit-form.png"
    browser.screenshot(path, transparent=False)
    keep_screenshot(path)

    assert len(web.drafts) == 1
    draft = web.drafts[0]
    assert draft.text == XSS_TEXT
    assert (draft.asker, draft.phone, draft.category) == ("李四", "13900001111", "交通")
    assert draft.channel is Channel.ONLINE

    # An empty question is refused in the page itself (required field), and by the server.
    browser.evaluate("document.querySelector('button[type=submit]').click()")
    assert len(web.drafts) == 1
