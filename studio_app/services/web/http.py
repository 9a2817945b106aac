"""A deliberately small HTTP/1.1 server side: strict request parsing with limits, plain responses.

Only what the app's two pages need: one request per connection (``Connection: close``), no
chunked request bodies, no keep-alive. Anything unusual is refused with a 4xx status rather
than interpreted, so a hostile client on the office network cannot confuse the parser.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, unquote

#: RFC 9110 token characters (method and header names).
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_METHOD = re.compile(r"[A-Z]{1,16}")
_VERSION = re.compile(r"HTTP/(\d)\.(\d)")
#: Control characters a header value or a request target may not contain (tab is allowed).
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")

#: Headers sent with every response: nothing is cached (the state and the token change), the
#: page's address (it carries the token) is never sent on as a referrer, no MIME sniffing.
BASE_HEADERS: tuple[tuple[str, str], ...] = (
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
)


@dataclass(frozen=True, slots=True)
class Limits:
    """Sizes and times a client gets before it is cut off.

    Attributes:
        max_line: Longest request line or header line, in bytes.
        max_head: Longest request head (request line and all headers), in bytes.
        max_headers: Most header lines.
        max_body: Largest request body, in bytes.
        head_timeout: Seconds for the whole request head to arrive (slow-loris guard).
        body_timeout: Seconds for the body to arrive once the head is in.
        write_timeout: Seconds a client may take to accept a response chunk.
        max_connections: Open connections at once, all clients together.
        max_connections_per_client: Open connections at once from one non-loopback address.
        max_event_clients: Open overlay event streams at once.
        ping_interval: Seconds between keep-alive comments on an event stream.
        requests_per_minute: Requests one client may make to the submission page per minute
            (loopback overlay requests are not counted).
    """

    max_line: int = 4096
    max_head: int = 16 * 1024
    max_headers: int = 64
    max_body: int = 64 * 1024
    head_timeout: float = 10.0
    body_timeout: float = 10.0
    write_timeout: float = 10.0
    max_connections: int = 64
    max_connections_per_client: int = 8
    max_event_clients: int = 16
    ping_interval: float = 15.0
    requests_per_minute: int = 30


class HttpError(Exception):
    """A request the server refuses with ``status`` (answered, then the connection closes)."""

    def __init__(self, status: int, detail: str = "", headers: tuple[tuple[str, str], ...] = ()):
        super().__init__(detail or HTTPStatus(status).phrase)
        self.status = status
        self.detail = detail or HTTPStatus(status).phrase
        self.headers = headers


@dataclass(frozen=True, slots=True)
class Request:
    """One parsed request.

    Attributes:
        method: Upper-case method (``GET``).
        path: The percent-decoded path, without the query.
        query: Query parameters, first value of each.
        headers: Header values by lower-case name (repeated headers joined with ``", "``).
        body: The request body (empty without ``Content-Length``).
        peer: The client's IP address.
    """

    method: str
    path: str
    query: Mapping[str, str]
    headers: Mapping[str, str]
    body: bytes = b""
    peer: str = ""

    def header(self, name: str) -> str:
        """A header's value, ``""`` when absent."""
        return self.headers.get(name.lower(), "")

    @property
    def media_type(self) -> str:
        """The body's media type without parameters, lower case (``application/json``)."""
        return self.header("content-type").split(";", 1)[0].strip().lower()

    def wants_json(self) -> bool:
        """Whether the client sent JSON or asks for JSON rather than a page."""
        if self.media_type == "application/json":
            return True
        accept = self.header("accept").lower()
        return "application/json" in accept and "text/html" not in accept


@dataclass(frozen=True, slots=True)
class Response:
    """A complete response; :meth:`encode` adds the length and the common headers."""

    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = field(default=())

    def encode(self, *, head_only: bool = False) -> bytes:
        """The bytes to send (``head_only``: headers for a HEAD request, no body)."""
        lines = [f"HTTP/1.1 {self.status} {HTTPStatus(self.status).phrase}"]
        if self.body or self.status not in (204, 304):
            lines.append(f"Content-Type: {self.content_type}")
        lines.append(f"Content-Length: {len(self.body)}")
        lines.extend(f"{name}: {value}" for name, value in (*BASE_HEADERS, *self.headers))
        lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        return head if head_only else head + self.body


def text_response(status: int, text: str = "", **kwargs: Any) -> Response:
    """A plain-text response (``text`` defaults to the status phrase)."""
    body = (text or HTTPStatus(status).phrase).encode("utf-8") + b"\n"
    return Response(status, body, "text/plain; charset=utf-8", **kwargs)


def json_response(status: int, value: Any, **kwargs: Any) -> Response:
    """A JSON response (UTF-8, not ASCII-escaped)."""
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(status, body, "application/json; charset=utf-8", **kwargs)


def html_response(status: int, page: str, **kwargs: Any) -> Response:
    """An HTML page response."""
    return Response(status, page.encode("utf-8"), "text/html; charset=utf-8", **kwargs)


async def _read_line(reader: asyncio.StreamReader, first: bool) -> bytes:
    # The reader's own limit (``start_server(limit=...)``) bounds one line.
    try:
        return await reader.readuntil(b"\n")
    except asyncio.LimitOverrunError as error:
        raise HttpError(414 if first else 431) from error
    except asyncio.IncompleteReadError as error:
        if first and not error.partial:
            raise EOFError from error
        raise HttpError(400, "incomplete request") from error


async def read_head(
    reader: asyncio.StreamReader, limits: Limits
) -> tuple[str, str, dict[str, str]]:
    """Read and check the request line and headers: ``(method, target, headers)``.

    Raises:
        EOFError: The client closed the connection before sending anything.
        HttpError: The head is malformed (400), too long (414, 431) or of another HTTP
            version (505).
    """
    raw = await _read_line(reader, first=True)
    total = len(raw)
    try:
        request_line = raw.rstrip(b"\r\n").decode("ascii")
    except UnicodeDecodeError as error:
        raise HttpError(400, "request line is not ASCII") from error
    parts = request_line.split(" ")
    if len(parts) != 3:
        raise HttpError(400, "malformed request line")
    method, target, version = parts
    if not _METHOD.fullmatch(method):
        raise HttpError(400, "malformed method")
    if not target.startswith("/") or _CONTROL.search(target):
        raise HttpError(400, "malformed request target")
    matched = _VERSION.fullmatch(version)
    if matched is None:
        raise HttpError(400, "malformed HTTP version")
    if matched.group(1) != "1":
        raise HttpError(505)

    headers: dict[str, str] = {}
    count = 0
    while True:
        raw = await _read_line(reader, first=False)
        total += len(raw)
        if total > limits.max_head:
            raise HttpError(431)
        line = raw.rstrip(b"\r\n")
        if not line:
            break
        count += 1
        if count > limits.max_headers:
            raise HttpError(431)
        text = line.decode("latin-1")
        name, colon, value = text.partition(":")
        # No obsolete line folding, no space before the colon (a smuggling classic).
        if not colon or not _TOKEN.fullmatch(name):
            raise HttpError(400, "malformed header")
        value = value.strip(" \t")
        if _CONTROL.search(value):
            raise HttpError(400, "malformed header value")
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    if version == "HTTP/1.1" and "host" not in headers:
        raise HttpError(400, "missing Host header")
    return method, target, headers


def content_length(headers: Mapping[str, str], limits: Limits) -> int:
    """The declared body length (0 without one), checked against the limit.

    Raises:
        HttpError: 501 for ``Transfer-Encoding`` (not supported), 400 for a malformed or
            conflicting length, 413 when the body would be larger than allowed.
    """
    if "transfer-encoding" in headers:
        raise HttpError(501, "Transfer-Encoding is not supported")
    raw = headers.get("content-length")
    if raw is None:
        return 0
    values = {value.strip() for value in raw.split(",")}
    if len(values) != 1:
        raise HttpError(400, "conflicting Content-Length")
    value = values.pop()
    if not value.isascii() or not value.isdigit() or len(value) > 12:
        raise HttpError(400, "malformed Content-Length")
    length = int(value)
    if length > limits.max_body:
        raise HttpError(413)
    return length


def split_target(target: str) -> tuple[str, dict[str, str]]:
    """The decoded path and the query parameters (first value each) of a request target.

    Raises:
        HttpError: 400 when the query is not valid UTF-8 or has too many fields.
    """
    path, _, query = target.partition("?")
    path = path.partition("#")[0]
    try:
        decoded = unquote(path, errors="strict")
        fields = parse_qs(query, keep_blank_values=True, errors="strict", max_num_fields=32)
    except (UnicodeDecodeError, ValueError) as error:
        raise HttpError(400, "malformed query") from error
    return decoded, {name: values[0] for name, values in fields.items()}
