"""The local web server: overlay event stream, LAN question form, and a strict HTTP parser."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Coroutine, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from studio_app.domain.overlay import OverlayState, QuestionCard
from studio_app.domain.questions import Channel, QuestionDraft
from studio_app.services.web import DEFAULT_LABELS, Limits, WebServer, lan_address, qr_png
from studio_app.services.web.network import host_is_local, is_loopback
from studio_app.services.web.submission import choose_form_language

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
XSS = "<script>document.title='pwned'</script>村口路灯坏了<img src=x onerror=\"alert(1)\">"


class Recorder:
    """The app's ``on_submit``: keeps every draft it is given."""

    def __init__(self, error: Exception | None = None) -> None:
        self.drafts: list[QuestionDraft] = []
        self.error = error

    async def __call__(self, draft: QuestionDraft) -> None:
        await asyncio.sleep(0)
        if self.error is not None:
            raise self.error
        self.drafts.append(draft)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def run(coro: Coroutine[Any, Any, None]) -> None:
    asyncio.run(asyncio.wait_for(coro, 30))


@contextlib.asynccontextmanager
async def serving(
    recorder: Recorder | None = None, *, lan: bool = True, **kwargs: Any
) -> AsyncIterator[WebServer]:
    server = WebServer(RESOURCES, on_submit=recorder or Recorder(), **kwargs)
    await server.start(lan=lan, lan_host="127.0.0.1")
    try:
        yield server
    finally:
        await server.stop()


async def exchange(port: int, data: bytes, timeout: float = 5.0) -> bytes:
    """Send raw bytes, read the answer until the server closes the connection."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(data)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()


def status(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


def headers(response: bytes) -> dict[str, str]:
    head = response.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
    return {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in head)}


def body(response: bytes) -> bytes:
    return response.split(b"\r\n\r\n", 1)[1]


def get(path: str, *extra: str) -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", *extra, "", ""]
    return "\r\n".join(lines).encode()


def post(path: str, payload: bytes, content_type: str, *extra: str) -> bytes:
    lines = [
        f"POST {path} HTTP/1.1",
        "Host: 127.0.0.1",
        f"Content-Type: {content_type}",
        f"Content-Length: {len(payload)}",
        *extra,
        "",
        "",
    ]
    return "\r\n".join(lines).encode() + payload


def form(values: Mapping[str, str]) -> bytes:
    return urlencode(values).encode()


# ---------------------------------------------------------------- submission
def test_submit_with_the_token_files_the_draft() -> None:
    async def main() -> None:
        recorder = Recorder()
        async with serving(recorder) as server:
            values = {
                "token": server.token,
                "text": "  村口路灯坏了三天了，什么时候修？\r\n谢谢  ",
                "asker": "张三",
                "phone": "１３８ 0000 0000",
                "channel": "hotline",
                "category": "路灯",
            }
            response = await exchange(
                server.port, post("/submit", form(values), "application/x-www-form-urlencoded")
            )
            assert status(response) == 303, response
            location = headers(response)["location"]
            assert location == f"/submit?token={quote(server.token)}&sent=1&channel=hotline"

            page = await exchange(server.port, get(location, "Accept-Language: en"))
            assert status(page) == 200
            assert DEFAULT_LABELS["sent"].replace("'", "&#x27;").encode() in body(page)

        assert len(recorder.drafts) == 1
        draft = recorder.drafts[0]
        assert draft.text == "村口路灯坏了三天了，什么时候修？\n谢谢"
        assert (draft.asker, draft.phone, draft.category) == ("张三", "13800000000", "路灯")
        assert draft.channel is Channel.HOTLINE
        assert draft.received_at is not None

    run(main())


def test_submit_json_with_token_in_body_or_query() -> None:
    async def main() -> None:
        recorder = Recorder()
        async with serving(recorder) as server:
            payload = json.dumps({"token": server.token, "text": XSS, "channel": "in_room"})
            response = await exchange(
                server.port, post("/submit", payload.encode(), "application/json")
            )
            assert status(response) == 201, response
            assert json.loads(body(response))["ok"] is True

            payload = json.dumps({"text": "第二个问题"})
            response = await exchange(
                server.port,
                post(f"/submit?token={server.token}", payload.encode(), "application/json"),
            )
            assert status(response) == 201, response
        assert [d.text for d in recorder.drafts] == [XSS, "第二个问题"]
        assert recorder.drafts[0].channel is Channel.IN_ROOM

    run(main())


@pytest.mark.parametrize("token", ["", "wrong", "x" * 32, "令牌"])
def test_a_wrong_or_missing_token_is_refused_and_nothing_is_filed(token: str) -> None:
    async def main() -> None:
        recorder = Recorder()
        async with serving(recorder) as server:
            values = {"text": "问题"} | ({"token": token} if token else {})
            response = await exchange(
                server.port,
                post("/submit", form(values), "application/x-www-form-urlencoded"),
            )
            assert status(response) == 403
            assert b"no longer valid" in body(response)
            response = await exchange(
                server.port, post("/submit", json.dumps(values).encode(), "application/json")
            )
            assert status(response) == 403
            assert json.loads(body(response))["error"] == "error_token"
            page = await exchange(server.port, get(f"/submit?token={quote(token)}"))
            assert status(page) == 403
        assert recorder.drafts == []

    run(main())


def test_a_new_token_stops_the_old_link() -> None:
    async def main() -> None:
        recorder = Recorder()
        async with serving(recorder) as server:
            old = server.token
            new = server.rotate_token()
            assert new != old and new == server.token
            assert new in server.submit_url
            refused = await exchange(
                server.port,
                post(
                    "/submit",
                    form({"token": old, "text": "问"}),
                    "application/x-www-form-urlencoded",
                ),
            )
            assert status(refused) == 403
            assert status(await exchange(server.port, get(f"/submit?token={old}"))) == 403
            assert status(await exchange(server.port, get(f"/submit?token={new}"))) == 200
        assert recorder.drafts == []

    run(main())


def test_the_form_page_is_escaped_translated_and_not_cached() -> None:
    def labels(language: str) -> Mapping[str, str]:
        return {"submit": "发送给主持人", "title": "向演播室提问"} if language == "zh_CN" else {}

    async def main() -> None:
        async with serving(labels=labels) as server:
            zh = await exchange(
                server.port,
                get(f"/submit?token={server.token}", "Accept-Language: zh-CN,zh;q=0.9,en;q=0.8"),
            )
            en = await exchange(
                server.port,
                get(f"/submit?token={server.token}", "Accept-Language: en-US,en;q=0.9,zh;q=0.5"),
            )
            for response in (zh, en):
                assert status(response) == 200
                assert headers(response)["content-type"] == "text/html; charset=utf-8"
                assert headers(response)["cache-control"] == "no-store"
                assert headers(response)["referrer-policy"] == "no-referrer"
                assert "script-src" not in headers(response)["content-security-policy"]
            assert "发送给主持人" in body(zh).decode()
            assert 'lang="zh-CN"' in body(zh).decode()
            assert "Send to the moderator" in body(en).decode()
            assert 'lang="en"' in body(en).decode()

            # A refused submission shows the form again with what was typed, escaped.
            values = {"token": server.token, "text": XSS, "asker": "a" * 51}
            refused = await exchange(
                server.port, post("/submit", form(values), "application/x-www-form-urlencoded")
            )
            assert status(refused) == 422
            page = body(refused).decode()
            assert "<script>" not in page and "<img" not in page
            assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
            assert "a" * 51 in page

    run(main())


@pytest.mark.parametrize(
    ("values", "error"),
    [
        ({"text": "   "}, "error_required"),
        ({}, "error_required"),
        ({"text": "问" * 4001}, "error_too_long"),
        ({"text": "问", "channel": "pigeon"}, "error_invalid"),
        ({"text": "问", "category": "c" * 51}, "error_invalid"),
        ({"text": "问", "phone": "call me maybe"}, "error_phone"),
    ],
)
def test_invalid_submissions_are_refused(values: dict[str, str], error: str) -> None:
    async def main() -> None:
        recorder = Recorder()
        async with serving(recorder) as server:
            payload = json.dumps({"token": server.token, **values}).encode()
            response = await exchange(server.port, post("/submit", payload, "application/json"))
            assert status(response) == 422
            assert json.loads(body(response))["error"] == error
        assert recorder.drafts == []

    run(main())


def test_the_longest_question_fits_the_body_limit() -> None:
    async def main() -> None:
        recorder = Recorder()
        async with serving(recorder) as server:
            values = {"token": server.token, "text": "问" * 4000, "asker": "名" * 50}
            response = await exchange(
                server.port, post("/submit", form(values), "application/x-www-form-urlencoded")
            )
            assert status(response) == 303
        assert len(recorder.drafts[0].text) == 4000

    run(main())


def test_a_failing_callback_answers_500_and_keeps_the_text() -> None:
    async def main() -> None:
        async with serving(Recorder(OSError("disk full"))) as server:
            values = {"token": server.token, "text": "路灯"}
            response = await exchange(
                server.port, post("/submit", form(values), "application/x-www-form-urlencoded")
            )
            assert status(response) == 500
            assert "路灯" in body(response).decode()
            assert "could not save" in body(response).decode()

    run(main())


def test_an_oversized_body_is_refused_with_413() -> None:
    async def main() -> None:
        recorder = Recorder()
        async with serving(recorder) as server:
            # Declared too large: refused before anything is read.
            head = (
                b"POST /submit HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: 70000\r\n\r\n"
            )
            response = await exchange(server.port, head)
            assert status(response) == 413
            # Actually sent: the client still gets the answer, not a reset connection.
            payload = form({"token": server.token, "text": "问" * 9000})
            assert len(payload) > 64 * 1024
            response = await exchange(
                server.port, post("/submit", payload, "application/x-www-form-urlencoded")
            )
            assert status(response) == 413
            assert "too long to send" in body(response).decode()
        assert recorder.drafts == []

    run(main())


def test_submissions_are_rate_limited_per_client() -> None:
    async def main() -> None:
        clock = FakeClock()
        recorder = Recorder()
        async with serving(recorder, limits=Limits(requests_per_minute=3), clock=clock) as server:
            request = post(
                "/submit",
                json.dumps({"token": server.token, "text": "问"}).encode(),
                "application/json",
            )
            codes = [status(await exchange(server.port, request)) for _ in range(4)]
            assert codes == [201, 201, 201, 429]
            limited = await exchange(server.port, request)
            assert int(headers(limited)["retry-after"]) > 0
            assert json.loads(body(limited))["error"] == "error_rate"
            clock.now += 20  # one request's worth of refill
            assert status(await exchange(server.port, request)) == 201
        assert len(recorder.drafts) == 4

    run(main())


def test_the_form_is_off_unless_lan_intake_is_on() -> None:
    async def main() -> None:
        recorder = Recorder()
        async with serving(recorder, lan=False) as server:
            assert not server.lan_enabled
            request = post(
                "/submit",
                json.dumps({"token": server.token, "text": "问"}).encode(),
                "application/json",
            )
            assert status(await exchange(server.port, request)) == 404
            await server.set_lan(True, lan_host="127.0.0.1")
            assert server.lan_enabled and not server.lan_reachable
            assert status(await exchange(server.port, request)) == 201
            await server.set_lan(False)
            assert status(await exchange(server.port, request)) == 404
        assert len(recorder.drafts) == 1
        assert WebServer(RESOURCES).submit_url.startswith("http://127.0.0.1:0/submit?token=")

    run(main())


# ---------------------------------------------------------------- the HTTP parser
@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GARBAGE\r\n\r\n",
        b"GET /overlay\r\n\r\n",
        b"GET  /overlay HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET overlay HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"get /overlay HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET /overlay HTTX/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET /overlay HTTP/1.1\r\n\r\n",  # no Host
        b"GET /\xe6\x9d\x91 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET /overlay HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n",
        b"GET /overlay HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: 1\r\n folded\r\n\r\n",
        b"GET /overlay HTTP/1.1\r\nHost: 127.0.0.1\r\nNoColon\r\n\r\n",
        b"GET /overlay HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\x01b\r\n\r\n",
        b"POST /submit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n",
        b"POST /submit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n",
        b"POST /submit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\n"
        b"Content-Length: 4\r\n\r\nabcd",
        b"GET /submit?token=%ff HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    ],
)
def test_malformed_requests_get_400(request_bytes: bytes) -> None:
    async def main() -> None:
        async with serving() as server:
            response = await exchange(server.port, request_bytes)
            assert status(response) == 400, response

    run(main())


@pytest.mark.parametrize(
    ("request_bytes", "expected"),
    [
        (b"GET /overlay HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n", 505),
        (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 414),
        (b"GET /overlay HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: " + b"a" * 5000 + b"\r\n\r\n", 431),
        (
            b"GET /overlay HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + b"".join(b"X-%d: %s\r\n" % (i, b"v" * 1000) for i in range(20))
            + b"\r\n",
            431,
        ),
        (
            b"POST /submit HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"0\r\n\r\n",
            501,
        ),
    ],
)
def test_oversized_or_unsupported_requests(request_bytes: bytes, expected: int) -> None:
    async def main() -> None:
        async with serving() as server:
            assert status(await exchange(server.port, request_bytes)) == expected

    run(main())


def test_a_client_that_closes_at_once_is_harmless() -> None:
    async def main() -> None:
        async with serving() as server:
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            writer.write_eof()
            assert await asyncio.wait_for(reader.read(), 5) == b""
            writer.close()
            response = await exchange(server.port, get("/overlay/state.json"))
            assert status(response) == 200

    run(main())


def test_a_slow_request_head_times_out() -> None:
    async def main() -> None:
        limits = Limits(head_timeout=0.3, body_timeout=0.3)
        async with serving(limits=limits) as server:
            loop = asyncio.get_running_loop()
            started = loop.time()
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            writer.write(b"GET /overlay HTTP/1.1\r\nHost: 127.")
            await writer.drain()
            # A slow-loris client keeps dribbling bytes; the deadline is for the whole head.
            for _ in range(3):
                await asyncio.sleep(0.1)
                writer.write(b"0")
            response = await asyncio.wait_for(reader.read(), 5)
            writer.close()
            assert status(response) == 408
            assert loop.time() - started < 2

            # A body that never arrives completely.
            head = (
                b"POST /submit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n"
                b"Content-Type: application/json\r\n\r\n{"
            )
            assert status(await exchange(server.port, head)) == 408

    run(main())


@pytest.mark.parametrize(
    "path",
    [
        "/overlay/../../../../etc/passwd",
        "/overlay/%2e%2e/%2e%2e/pyproject.toml",
        "/overlay/..%2f..%2fpyproject.toml",
        "/overlay/overlay.js/../../../pyproject.toml",
        "/overlay//etc/passwd",
        "/overlay/web/overlay.js",
        "/overlays/web/overlay.js",
        "/resources/overlays/default/theme.json",
        "/overlay/default/theme.json",
        "/overlay/theme.json%00.png",
        "/overlay/OVERLAY.JS",
        "/web/submit.html",
        "/submit.html",
        "/../pyproject.toml",
        "/%2e%2e/pyproject.toml",
        "/",
        "/favicon.ico",
    ],
)
def test_only_named_files_are_served(path: str) -> None:
    async def main() -> None:
        async with serving() as server:
            response = await exchange(server.port, get(path))
            assert status(response) == 404, response
            assert b"[project]" not in response and b"root:" not in response

    run(main())


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/overlay", "text/html; charset=utf-8"),
        ("/overlay/", "text/html; charset=utf-8"),
        ("/overlay/overlay.css", "text/css; charset=utf-8"),
        ("/overlay/overlay.js", "text/javascript; charset=utf-8"),
        ("/overlay/theme.json", "application/json; charset=utf-8"),
        ("/overlay/state.json", "application/json; charset=utf-8"),
    ],
)
def test_overlay_files(path: str, content_type: str) -> None:
    async def main() -> None:
        async with serving() as server:
            response = await exchange(server.port, get(path))
            assert status(response) == 200
            assert headers(response)["content-type"] == content_type
            assert headers(response)["cache-control"] == "no-store"
            assert int(headers(response)["content-length"]) == len(body(response))
            head = await exchange(server.port, get(path).replace(b"GET", b"HEAD", 1))
            assert status(head) == 200 and body(head) == b""

    run(main())


def test_the_theme_is_served_from_the_theme_file(tmp_path: Path) -> None:
    theme = tmp_path / "theme.json"
    theme.write_text('{"colors": {"panel": "#00000080"}}', encoding="utf-8")

    async def main() -> None:
        async with serving(theme_file=theme) as server:
            response = await exchange(server.port, get("/overlay/theme.json"))
            assert json.loads(body(response)) == {"colors": {"panel": "#00000080"}}
        async with serving(theme_file=tmp_path / "missing.json") as server:
            assert status(await exchange(server.port, get("/overlay/theme.json"))) == 404

    run(main())


@pytest.mark.parametrize(
    ("request_bytes", "allowed"),
    [
        (b"POST /overlay HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n", "GET, HEAD"),
        (b"HEAD /overlay/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "GET"),
        (b"DELETE /submit HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "GET, HEAD, POST"),
    ],
)
def test_a_wrong_method_gets_405(request_bytes: bytes, allowed: str) -> None:
    async def main() -> None:
        async with serving() as server:
            response = await exchange(server.port, request_bytes)
            assert status(response) == 405
            assert headers(response)["allow"] == allowed

    run(main())


def test_the_overlay_refuses_a_foreign_host_name() -> None:
    # A web page that reaches 127.0.0.1 through DNS rebinding still sends its own host name.
    async def main() -> None:
        async with serving() as server:
            for path in ("/overlay", "/overlay/events", "/overlay/state.json"):
                request = f"GET {path} HTTP/1.1\r\nHost: evil.example:{server.port}\r\n\r\n"
                assert status(await exchange(server.port, request.encode())) == 403
            ok = f"GET /overlay HTTP/1.1\r\nHost: localhost:{server.port}\r\n\r\n"
            assert status(await exchange(server.port, ok.encode())) == 200

    run(main())


def test_the_overlay_is_refused_to_other_computers() -> None:
    address = lan_address()
    if is_loopback(address):
        pytest.skip("this computer has no LAN address")

    async def main() -> None:
        recorder = Recorder()
        server = WebServer(RESOURCES, on_submit=recorder)
        await server.start()
        try:
            await server.set_lan(True)
            assert server.lan_reachable
            assert server.submit_url.startswith(f"http://{address}:")
            port = int(server.submit_url.split(":")[2].split("/")[0])
            reader, writer = await asyncio.open_connection(address, port)
            writer.write(f"GET /overlay HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            response = await asyncio.wait_for(reader.read(), 5)
            writer.close()
            assert status(response) == 403
            reader, writer = await asyncio.open_connection(address, port)
            writer.write(get(f"/submit?token={server.token}"))
            assert status(await asyncio.wait_for(reader.read(), 5)) == 200
            writer.close()
        finally:
            await server.stop()

    run(main())


# ---------------------------------------------------------------- the event stream
async def open_events(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(get("/overlay/events", "Accept: text/event-stream"))
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
    return reader, writer, head


async def next_state(reader: asyncio.StreamReader) -> dict[str, Any]:
    while True:
        event = await asyncio.wait_for(reader.readuntil(b"\n\n"), 5)
        data = [line[6:] for line in event.decode().split("\n") if line.startswith("data: ")]
        if data:
            assert len(data) == 1, event
            state: dict[str, Any] = json.loads(data[0])
            return state


def question_state(text: str) -> OverlayState:
    return OverlayState(
        question=QuestionCard(text=text, asker="张**", heading="居民提问"), question_visible=True
    )


def test_events_send_the_current_state_then_each_change() -> None:
    async def main() -> None:
        async with serving() as server:
            first = question_state(XSS + "\n第二行\r\ndata: injected")
            server.publish_state(first)
            reader, writer, head = await open_events(server.port)
            assert head.startswith(b"HTTP/1.1 200 OK\r\n")
            assert b"Content-Type: text/event-stream; charset=utf-8" in head
            assert b"Cache-Control: no-store" in head
            state = await next_state(reader)
            # The text reaches the page exactly as the app has it: JSON, not HTML.
            assert state == first.to_json()
            assert state["question"]["text"] == XSS + "\n第二行\r\ndata: injected"

            server.publish(first.to_json())  # the same state again: not sent
            second = OverlayState(question=first.question, question_visible=False)
            server.publish_state(second)
            assert await next_state(reader) == second.to_json()
            assert (await next_state_or_none(reader)) is None
            writer.close()

    run(main())


async def next_state_or_none(reader: asyncio.StreamReader) -> dict[str, Any] | None:
    try:
        return await asyncio.wait_for(next_state(reader), 0.3)
    except TimeoutError:
        return None


def test_a_new_page_gets_an_empty_state_before_anything_is_published() -> None:
    async def main() -> None:
        async with serving() as server:
            reader, writer, _ = await open_events(server.port)
            assert await next_state(reader) == OverlayState().to_json()
            writer.close()

    run(main())


def test_event_streams_ping_end_and_are_limited() -> None:
    async def main() -> None:
        limits = Limits(ping_interval=0.1, max_event_clients=2)
        async with serving(limits=limits) as server:
            reader, writer, _ = await open_events(server.port)
            await next_state(reader)
            assert await asyncio.wait_for(reader.readuntil(b"\n\n"), 5) == b": ping\n\n"
            _reader2, writer2, _ = await open_events(server.port)
            third = await exchange(server.port, get("/overlay/events"))
            assert status(third) == 503
            # A page that goes away frees its place.
            writer2.close()
            for _ in range(50):
                if len(server._event_clients) == 1:
                    break
                await asyncio.sleep(0.02)
            assert len(server._event_clients) == 1
            await server.stop()
            assert await asyncio.wait_for(reader.read(), 5) is not None  # ends, no hang
            writer.close()
            with pytest.raises(OSError):
                await asyncio.open_connection("127.0.0.1", server.port or 1)

    run(main())


# ---------------------------------------------------------------- on the app's loop
def test_the_server_runs_on_the_qasync_loop(qloop: Any) -> None:
    async def main() -> None:
        recorder = Recorder()
        async with serving(recorder) as server:
            reader, writer, _ = await open_events(server.port)
            await next_state(reader)
            server.publish_state(question_state("路灯"))
            assert (await next_state(reader))["question"]["text"] == "路灯"
            payload = json.dumps({"token": server.token, "text": "问"}).encode()
            response = await exchange(server.port, post("/submit", payload, "application/json"))
            assert status(response) == 201
            writer.close()
        assert len(recorder.drafts) == 1

    qloop.run_until_complete(asyncio.wait_for(main(), 30))


# ---------------------------------------------------------------- helpers
def test_qr_png() -> None:
    png = qr_png("http://192.168.1.20:8765/submit?token=" + "A" * 32)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(qr_png("x", scale=10)) > len(qr_png("x", scale=2))


def test_addresses() -> None:
    address = lan_address()
    assert address.count(".") == 3
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("::ffff:127.0.0.1")
    assert not is_loopback("192.168.1.2") and not is_loopback("") and not is_loopback("x")
    assert (
        host_is_local("127.0.0.1:8765") and host_is_local("localhost") and host_is_local("[::1]:1")
    )
    assert not host_is_local("evil.example:8765") and not host_is_local("192.168.1.2:8765")


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("", "zh_CN"),
        ("zh-CN,zh;q=0.9", "zh_CN"),
        ("zh-TW", "zh_CN"),
        ("en-US,en;q=0.9", "en"),
        ("de-DE,en;q=0.5,zh;q=0.4", "en"),
        ("en;q=0.3,zh;q=0.8", "zh_CN"),
        ("fr", "zh_CN"),
        ("en;q=0,zh", "zh_CN"),
        ("en;q=abc", "zh_CN"),
    ],
)
def test_form_language(header: str, language: str) -> None:
    assert choose_form_language(header) == language


def test_the_web_form_texts_are_marked_for_translation() -> None:
    from studio_app.web_messages import submit_page_labels

    assert submit_page_labels("en") == dict(DEFAULT_LABELS)
    chinese = submit_page_labels("zh_CN")
    assert set(chinese) == set(DEFAULT_LABELS)
    assert all(chinese.values())
