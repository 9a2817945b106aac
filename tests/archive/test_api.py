"""The archive's HTTP API against the real service and PostgreSQL: auth, validation, limits."""

from __future__ import annotations

import concurrent.futures
import itertools
import json
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import psycopg
import pytest

from studio_app.archive import admin
from studio_app.domain.ids import uuid7
from studio_app.domain.sync import (
    COUNTY_STUDIO_ID,
    MAX_BODY_BYTES,
    MAX_PUSH_ROWS,
    MAX_TEXT,
    PROTOCOL_VERSION,
    TABLES_BY_NAME,
    WIRE_TABLES,
    ColumnType,
)
from tests.archive.conftest import Archive

TIMEOUT = 30.0
_HLC = itertools.count((1_715_000_000_000 << 16) + 1)
#: What a database error message looks like; no response may contain any of these.
DATABASE_WORDS = ("violates", "row-level", "policy", "duplicate key", "ERROR", "DETAIL", "psycopg")

_DEFAULTS: dict[ColumnType, Any] = {
    ColumnType.INT: 3,
    ColumnType.BOOL: False,
    ColumnType.TEXT: "乡村道路维修",
    ColumnType.DATETIME: "2024-05-01T08:00:00+08:00",
    ColumnType.DATE: "2024-05-10",
    ColumnType.JSON: [],
}


def next_hlc() -> int:
    """A fresh, increasing hybrid logical clock value."""
    return next(_HLC)


def wire_row(table: str, owner: uuid.UUID | str, /, **values: Any) -> dict[str, Any]:
    """A complete, valid wire row of ``table`` owned by studio ``owner``; ``values`` override."""
    row: dict[str, Any] = {}
    for column in TABLES_BY_NAME[table].columns:
        if column.nullable:
            row[column.name] = None
        elif column.type is ColumnType.UUID:
            row[column.name] = str(uuid7())
        else:
            row[column.name] = _DEFAULTS[column.type]
    row.update(id=str(uuid7()), studio_id=str(owner), hlc=next_hlc(), deleted=False)
    if table == "studio":
        row["id"] = str(owner)
    row.update(values)
    return row


def one_of_each(studio_id: uuid.UUID, text: str) -> dict[str, list[dict[str, Any]]]:
    """One row in every synced table, every text column saying ``text``."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for wire in WIRE_TABLES:
        texts = {c.name: text for c in wire.columns if c.type is ColumnType.TEXT}
        rows[wire.name] = [wire_row(wire.name, studio_id, **texts)]
    return rows


@dataclass
class Studio:
    """A studio talking to the archive over HTTP, as the desktop app does."""

    base_url: str
    credential: str
    studio_id: uuid.UUID = field(default_factory=uuid7)
    device_id: uuid.UUID = field(default_factory=uuid7)

    @classmethod
    def enrol(cls, archive: Archive, name: str, *, hello: bool = True) -> Studio:
        studio = cls(archive.base_url, str(admin.add_studio(archive.admin_url, name)))
        if hello:
            response = studio.hello()
            assert response.status_code == 200, response.text
        return studio

    @property
    def account_id(self) -> uuid.UUID:
        return admin.Credential.parse(self.credential).account_id

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.credential}"}

    def hello(self, base_url: str | None = None, **body: Any) -> httpx.Response:
        payload = {
            "protocol": PROTOCOL_VERSION,
            "studio_id": str(self.studio_id),
            "device_id": str(self.device_id),
            "app_version": "test",
            **body,
        }
        return httpx.post(
            f"{base_url or self.base_url}/v1/sync/hello",
            json=payload,
            headers=self.headers,
            timeout=TIMEOUT,
        )

    def push_body(self, rows: dict[str, list[dict[str, Any]]], **body: Any) -> dict[str, Any]:
        return {
            "protocol": PROTOCOL_VERSION,
            "device_id": str(self.device_id),
            "request_id": str(uuid7()),
            "rows": rows,
            **body,
        }

    def push(
        self, rows: dict[str, list[dict[str, Any]]], base_url: str | None = None, **body: Any
    ) -> httpx.Response:
        return httpx.post(
            f"{base_url or self.base_url}/v1/sync/push",
            json=self.push_body(rows, **body),
            headers=self.headers,
            timeout=TIMEOUT,
        )

    def push_ok(self, rows: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
        response = self.push(rows)
        assert response.status_code == 200, response.text
        results: list[dict[str, Any]] = response.json()["results"]
        assert {r["outcome"] for r in results} == {"applied"}, results
        return results

    def pull(self, cursor: str = "0:0", base_url: str | None = None) -> httpx.Response:
        return httpx.get(
            f"{base_url or self.base_url}/v1/sync/pull",
            params={"cursor": cursor},
            headers=self.headers,
            timeout=TIMEOUT,
        )

    def pull_all(self, base_url: str | None = None) -> dict[str, dict[str, dict[str, Any]]]:
        """Every row the archive serves this studio: table -> id -> row."""
        found: dict[str, dict[str, dict[str, Any]]] = {}
        cursor = "0:0"
        while True:
            response = self.pull(cursor, base_url)
            assert response.status_code == 200, response.text
            page = response.json()
            for item in page["rows"]:
                found.setdefault(item["table"], {})[item["row"]["id"]] = item["row"]
            cursor = page["cursor"]
            if page["complete"]:
                return found


def central(archive: Archive) -> dict[str, dict[str, dict[str, Any]]]:
    """Every row of every synced table, as the superuser sees it (txid and all)."""
    found: dict[str, dict[str, dict[str, Any]]] = {}
    with psycopg.connect(archive.admin_url) as conn:
        for wire in WIRE_TABLES:
            rows = conn.execute(f"SELECT id::text, to_jsonb(t) FROM archive.{wire.name} t")
            found[wire.name] = {row_id: row for row_id, row in rows}
    return found


def count_rows(archive: Archive) -> dict[str, int]:
    return {table: len(rows) for table, rows in central(archive).items()}


def accounts(archive: Archive) -> dict[uuid.UUID, tuple[Any, ...]]:
    with psycopg.connect(archive.admin_url) as conn:
        rows = conn.execute(
            "SELECT id, studio_id, last_seen_at, revoked_at FROM archive.account"
        ).fetchall()
        clients = conn.execute("SELECT count(*) FROM archive.sync_client").fetchone()
    return {row[0]: (*row[1:], clients) for row in rows}


def error_of(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """Assert ``response`` is the error ``code`` with ``status``; return its body."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["error"] == code, body
    assert body["request_id"] and body["request_id"] == response.headers["x-request-id"]
    assert body["message"]
    return body


def assert_no_leak(text: str, *secrets: str) -> None:
    for word in (*DATABASE_WORDS, *secrets):
        assert word not in text, f"{word!r} leaked in {text!r}"


@pytest.fixture
def studio_a(archive: Archive) -> Studio:
    return Studio.enrol(archive, "青山镇")


@pytest.fixture
def studio_b(archive: Archive) -> Studio:
    return Studio.enrol(archive, "绿水村")


@pytest.fixture
def department(archive: Archive) -> Iterator[tuple[uuid.UUID, str]]:
    department_id, credential = admin.add_department(archive.admin_url, "县交通运输局")
    yield department_id, str(credential)


# ---------------------------------------------------------------------- credentials
def test_missing_garbled_and_unknown_credentials_are_unauthorized(
    archive: Archive, studio_a: Studio
) -> None:
    body = {
        "protocol": PROTOCOL_VERSION,
        "studio_id": str(studio_a.studio_id),
        "device_id": str(studio_a.device_id),
    }
    secret = admin.Credential.parse(studio_a.credential).secret
    wrong_secret = f"vsa1.{studio_a.account_id.hex}.{secret[:-2]}xx"
    unknown = str(admin.Credential(uuid7(), secret))
    headers: list[dict[str, str]] = [
        {},
        {"Authorization": ""},
        {"Authorization": "Bearer"},
        {"Authorization": f"Basic {studio_a.credential}"},
        {"Authorization": studio_a.credential},
        {"Authorization": "Bearer garbage"},
        {"Authorization": "Bearer vsa1.not-hex.secret"},
        {"Authorization": f"Bearer vsa2.{studio_a.account_id.hex}.{secret}"},
        {"Authorization": f"Bearer vsa1.{studio_a.account_id.hex}."},
        {"Authorization": f"Bearer {wrong_secret}"},
        {"Authorization": f"Bearer {unknown}"},
    ]
    before = accounts(archive)
    messages: dict[str, set[str]] = {}
    for header in headers:
        for method, path, kwargs in (
            ("POST", "/v1/sync/hello", {"json": body}),
            ("POST", "/v1/sync/push", {"json": studio_a.push_body({})}),
            ("GET", "/v1/sync/pull", {}),
            ("GET", "/v1/department/follow-ups", {}),
        ):
            response = httpx.request(
                method, archive.base_url + path, headers=header, timeout=TIMEOUT, **kwargs
            )
            message = error_of(response, 401, "unauthorized")["message"]
            messages.setdefault(header.get("Authorization", ""), set()).add(message)
            assert_no_leak(response.text, secret)
    # An unknown account and a wrong secret answer alike: no oracle for account ids.
    assert messages[f"Bearer {wrong_secret}"] == messages[f"Bearer {unknown}"]
    assert len(messages[f"Bearer {unknown}"]) == 1
    assert accounts(archive) == before  # not even "last seen" moved


def test_revoked_credential_is_refused_and_writes_nothing(
    archive: Archive, studio_a: Studio
) -> None:
    studio_a.push_ok({"question": [wire_row("question", studio_a.studio_id)]})
    assert admin.revoke(archive.admin_url, studio_a.account_id)
    before_rows, before_accounts = central(archive), accounts(archive)

    error_of(studio_a.hello(), 401, "revoked")
    rows = {"question": [wire_row("question", studio_a.studio_id)]}
    error_of(studio_a.push(rows), 401, "revoked")
    error_of(studio_a.pull(), 401, "revoked")

    assert central(archive) == before_rows
    assert accounts(archive) == before_accounts
    assert not admin.revoke(archive.admin_url, studio_a.account_id)  # already revoked


def test_studio_and_department_credentials_keep_to_their_endpoints(
    archive: Archive, studio_a: Studio, department: tuple[uuid.UUID, str]
) -> None:
    department_id, department_credential = department
    follow_up = wire_row("follow_up", studio_a.studio_id, lead_department_id=str(department_id))
    studio_a.push_ok({"follow_up": [follow_up]})
    before = central(archive)

    studio_headers = studio_a.headers
    response = httpx.get(
        f"{archive.base_url}/v1/department/follow-ups", headers=studio_headers, timeout=TIMEOUT
    )
    error_of(response, 403, "forbidden")
    response = httpx.post(
        f"{archive.base_url}/v1/department/follow-ups/{follow_up['id']}/events",
        json={"kind": "reply", "text": "已派人处理"},
        headers=studio_headers,
        timeout=TIMEOUT,
    )
    error_of(response, 403, "forbidden")

    dept = Studio(archive.base_url, department_credential, studio_a.studio_id)
    error_of(dept.hello(), 403, "forbidden")
    error_of(dept.push({"question": [wire_row("question", studio_a.studio_id)]}), 403, "forbidden")
    error_of(dept.pull(), 403, "forbidden")
    assert central(archive) == before

    # The department itself may read and answer its follow-up.
    response = httpx.get(
        f"{archive.base_url}/v1/department/follow-ups", headers=dept.headers, timeout=TIMEOUT
    )
    assert response.status_code == 200, response.text
    assert [f["id"] for f in response.json()] == [follow_up["id"]]


def test_a_studio_cannot_write_into_another_studios_follow_up_history(
    archive: Archive, studio_a: Studio, studio_b: Studio, department: tuple[uuid.UUID, str]
) -> None:
    department_id, credential = department
    follow_up = wire_row("follow_up", studio_b.studio_id, lead_department_id=str(department_id))
    studio_b.push_ok({"follow_up": [follow_up]})
    forged = wire_row(
        "follow_up_event",
        studio_a.studio_id,
        follow_up_id=follow_up["id"],
        kind="status",
        status="resolved",
        origin="department",
        text="已解决（伪造）",
    )
    studio_a.push({"follow_up_event": [forged]})
    headers = {"Authorization": f"Bearer {credential}"}
    response = httpx.get(
        f"{archive.base_url}/v1/department/follow-ups", headers=headers, timeout=TIMEOUT
    )
    assert response.status_code == 200, response.text
    [shown] = response.json()
    assert shown["id"] == follow_up["id"]
    assert (shown["status"], shown["events"]) == ("assigned", [])
    # The department's own transitions follow the true history.
    response = httpx.post(
        f"{archive.base_url}/v1/department/follow-ups/{follow_up['id']}/events",
        json={"kind": "status", "status": "in_progress"},
        headers=headers,
        timeout=TIMEOUT,
    )
    assert response.status_code == 201, response.text
    events = studio_b.pull_all()["follow_up_event"]
    assert forged["id"] not in events
    assert [e["status"] for e in events.values()] == ["in_progress"]


def test_department_event_with_nul_or_surrogate_text_is_refused(
    archive: Archive, studio_a: Studio, department: tuple[uuid.UUID, str]
) -> None:
    department_id, credential = department
    follow_up = wire_row("follow_up", studio_a.studio_id, lead_department_id=str(department_id))
    studio_a.push_ok({"follow_up": [follow_up]})
    before = central(archive)
    url = f"{archive.base_url}/v1/department/follow-ups/{follow_up['id']}/events"
    headers = {"Authorization": f"Bearer {credential}", "Content-Type": "application/json"}
    for content in (
        json.dumps({"kind": "reply", "text": "已处理\u0000"}),
        json.dumps({"kind": "reply", "text": "ok", "person": "张\u0000三"}),
        '{"kind": "reply", "text": "ok \\ud800"}',
    ):
        response = httpx.post(url, content=content, headers=headers, timeout=TIMEOUT)
        assert response.status_code == 422, response.text
        assert_no_leak(response.text)
    assert central(archive) == before


# ---------------------------------------------------------------------- hello
def test_wrong_protocol_is_a_conflict(archive: Archive, studio_a: Studio) -> None:
    error_of(studio_a.hello(protocol=PROTOCOL_VERSION + 1), 409, "protocol")
    row = wire_row("question", studio_a.studio_id)
    error_of(studio_a.push({"question": [row]}, protocol=0), 409, "protocol")
    assert central(archive)["question"] == {}


def test_hello_binds_the_studio_at_first_use(archive: Archive) -> None:
    studio = Studio.enrol(archive, "青山镇", hello=False)
    assert accounts(archive)[studio.account_id][0] is None
    # Before hello nothing can be pushed or pulled.
    error_of(studio.push({}), 409, "hello_first")
    error_of(studio.pull(), 409, "hello_first")

    error_of(studio.hello(studio_id=str(COUNTY_STUDIO_ID)), 409, "wrong_studio")
    response = studio.hello()
    assert response.status_code == 200, response.text
    assert response.json()["studio_id"] == str(studio.studio_id)
    assert response.json()["protocol"] == PROTOCOL_VERSION
    assert accounts(archive)[studio.account_id][0] == studio.studio_id
    assert studio.hello().status_code == 200  # again: same studio, fine

    body = error_of(studio.hello(studio_id=str(uuid7())), 409, "wrong_studio")
    assert str(studio.studio_id) not in body["message"]
    assert accounts(archive)[studio.account_id][0] == studio.studio_id


def test_a_second_credential_cannot_claim_a_bound_studio(
    archive: Archive, studio_a: Studio
) -> None:
    intruder = Studio.enrol(archive, "冒名", hello=False)
    intruder.studio_id = studio_a.studio_id
    error_of(intruder.hello(), 409, "wrong_studio")
    assert accounts(archive)[intruder.account_id][0] is None
    error_of(intruder.pull(), 409, "hello_first")
    # The county may enrol a second device of the same studio explicitly.
    device = Studio(
        archive.base_url,
        str(admin.add_studio(archive.admin_url, "青山镇 2", studio_a.studio_id)),
        studio_a.studio_id,
    )
    assert device.hello().status_code == 200


# ---------------------------------------------------------------------- push: ownership
def test_push_of_another_studios_row_is_not_yours(
    archive: Archive, studio_a: Studio, studio_b: Studio
) -> None:
    rows = {
        "question": [wire_row("question", studio_b.studio_id)],
        "studio": [wire_row("studio", studio_b.studio_id)],
        "department": [wire_row("department", COUNTY_STUDIO_ID)],
        "follow_up_event": [wire_row("follow_up_event", studio_b.studio_id)],
    }
    # A studio row must be the caller's own studio, even with the caller's studio_id.
    rows["studio"].append(wire_row("studio", studio_a.studio_id, id=str(studio_b.studio_id)))
    response = studio_a.push(rows)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert len(results) == 5
    assert {(r["outcome"], r["reason"]) for r in results} == {("rejected", "not_yours")}
    assert count_rows(archive) == {w.name: 0 for w in WIRE_TABLES}


@pytest.mark.parametrize("table", ["question", "follow_up_event"])
@pytest.mark.parametrize("newer", [True, False])
def test_push_colliding_with_another_studios_id_is_a_conflict(
    archive: Archive, studio_a: Studio, studio_b: Studio, table: str, newer: bool
) -> None:
    secret_text = "绿水村的秘密 13800000000"
    extra = {"author": "李四"} if table == "follow_up_event" else {"asker": "李四"}
    theirs = wire_row(table, studio_b.studio_id, text=secret_text, **extra)
    studio_b.push_ok({table: [theirs]})
    before = central(archive)

    hlc = theirs["hlc"] + 1000 if newer else theirs["hlc"] - 1000
    collision = wire_row(table, studio_a.studio_id, id=theirs["id"], hlc=hlc, text="偷看")
    mine = wire_row(table, studio_a.studio_id)
    response = studio_a.push({table: [collision, mine]})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [(r["id"], r["outcome"], r["reason"]) for r in results] == [
        (theirs["id"], "rejected", "conflict"),
        (mine["id"], "applied", None),
    ]
    assert results[0]["server_hlc"] is None  # not even B's version leaks
    assert_no_leak(response.text, secret_text, "李四", str(studio_b.studio_id), str(theirs["hlc"]))

    after = central(archive)
    assert after[table][theirs["id"]] == before[table][theirs["id"]]
    assert set(after[table]) == {theirs["id"], mine["id"]}
    # B still reads its row as it was; A never sees it.
    assert studio_b.pull_all()[table][theirs["id"]]["text"] == secret_text
    assert theirs["id"] not in studio_a.pull_all().get(table, {})
    assert_no_leak(archive.servers[0].log_text(), secret_text)


# ---------------------------------------------------------------------- push: bad input
def test_malformed_requests_are_4xx_and_write_nothing(archive: Archive, studio_a: Studio) -> None:
    url = f"{archive.base_url}/v1/sync/push"
    headers = {**studio_a.headers, "Content-Type": "application/json"}
    good = studio_a.push_body({"question": [wire_row("question", studio_a.studio_id)]})
    bodies: list[str | bytes] = [
        b"",
        b"{",
        b"\xff\xfe garbage",
        b"null",
        b"[]",
        b'"push"',
        json.dumps({**good, "protocol": "one"}),
        json.dumps({**good, "protocol": 1.5}),
        json.dumps({**good, "device_id": "not-a-uuid"}),
        json.dumps({**good, "request_id": None}),
        json.dumps({**good, "rows": []}),
        json.dumps({**good, "rows": {"question": "x"}}),
        json.dumps({**good, "rows": {"question": [1, 2]}}),
        json.dumps({**good, "rows": {"no_such_table": []}}),
        json.dumps({**good, "rows": {"account": [{}]}}),
        json.dumps({**good, "surplus": True}),
        json.dumps({k: v for k, v in good.items() if k != "device_id"}),
        json.dumps(good)[:-1],
        "[" * 100_000,
        '{"a": ' + "1" * 5000 + "}",
    ]
    for content in bodies:
        response = httpx.post(url, content=content, headers=headers, timeout=TIMEOUT)
        assert 400 <= response.status_code < 500, (content[:80], response.text)
        body = response.json()
        assert body["request_id"] == response.headers["x-request-id"]
        assert_no_leak(response.text)
    # Hello too: a NUL or a lone surrogate must be refused, not crash the database call.
    hello = {
        "protocol": PROTOCOL_VERSION,
        "studio_id": str(studio_a.studio_id),
        "device_id": str(uuid7()),
    }
    for content in (
        json.dumps({**hello, "app_version": "1.0\u0000"}),
        json.dumps({**hello, "app_version": "x" * 51}),
        json.dumps({**hello, "studio_id": 5}),
        json.dumps({**hello, "app_version": "1.0"})[:-1] + ', "app_version": "\\udc80"}',
    ):
        response = httpx.post(
            f"{archive.base_url}/v1/sync/hello", content=content, headers=headers, timeout=TIMEOUT
        )
        assert response.status_code == 422, (content, response.text)
    assert count_rows(archive) == {w.name: 0 for w in WIRE_TABLES}
    with psycopg.connect(archive.admin_url) as conn:
        assert conn.execute("SELECT count(*) FROM archive.sync_client").fetchone() == (1,)


def _bad_rows(studio_id: uuid.UUID) -> list[tuple[str, dict[str, Any]]]:
    def q(**values: Any) -> tuple[str, dict[str, Any]]:
        return "question", wire_row("question", studio_id, **values)

    missing = wire_row("question", studio_id)
    del missing["asker"]
    no_id = wire_row("question", studio_id)
    del no_id["id"]
    return [
        ("question", missing),
        ("question", no_id),
        q(surplus="x"),
        q(txid="1"),
        q(server_seq=1),
        q(text="a\u0000b"),
        q(asker="\u0000"),
        q(text="x" * (MAX_TEXT + 1)),
        q(hlc=0),
        q(hlc=-5),
        q(hlc="123"),
        q(hlc=1.5),
        q(hlc=True),
        q(hlc=2**63),
        q(hlc=None),
        q(id="not-a-uuid"),
        q(id=None),
        q(id=12),
        q(studio_id="nope"),
        q(session_id="urn:uuid:12345678-1234-5678-1234-567812345678"),
        q(deleted="false"),
        q(deleted=0),
        q(ask_count="1"),
        q(ask_count=2**63),
        q(sensitive_override=None),
        q(received_at="2024-05-01T08:00:00"),  # no offset
        q(received_at="2024-05-01T08:00:00+23:00"),  # an offset PostgreSQL refuses
        q(received_at="yesterday"),
        q(received_at=1714550400),
        q(merged_into=""),
        q(text=["list"]),
        q(text={"a": 1}),
        (
            "follow_up",
            wire_row("follow_up", studio_id, supporting_department_ids=["\u0000"]),
        ),
        ("follow_up", wire_row("follow_up", studio_id, deadline="2024-02-30")),
        ("follow_up", wire_row("follow_up", studio_id, supporting_department_ids=None)),
        ("audit_entry", wire_row("audit_entry", studio_id, before={"k": "a\u0000"})),
        ("audit_entry", wire_row("audit_entry", studio_id, after={"\u0000": 1})),
    ]


def test_invalid_rows_are_rejected_one_by_one_and_write_nothing(
    archive: Archive, studio_a: Studio
) -> None:
    bad = _bad_rows(studio_a.studio_id)
    for table, row in bad:
        response = studio_a.push({table: [row]})
        assert response.status_code == 200, (row, response.text)
        results = response.json()["results"]
        assert [(r["outcome"], r["reason"]) for r in results] == [("rejected", "invalid")], row
        assert_no_leak(response.text)
    assert count_rows(archive) == {w.name: 0 for w in WIRE_TABLES}

    # All together, between good rows: the good ones are stored, the bad ones alone refused.
    good = [wire_row("question", studio_a.studio_id) for _ in range(2)]
    rows: dict[str, list[dict[str, Any]]] = {"question": [good[0]]}
    for table, row in bad:
        rows.setdefault(table, []).append(row)
    rows["question"].append(good[1])
    response = studio_a.push(rows)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    applied = [r["id"] for r in results if r["outcome"] == "applied"]
    assert applied == [good[0]["id"], good[1]["id"]]
    assert sum(r["reason"] == "invalid" for r in results) == len(bad)
    stored = central(archive)
    assert set(stored["question"]) == set(applied)
    assert sum(len(v) for v in stored.values()) == 2


def test_a_row_twice_in_one_push_keeps_the_first(archive: Archive, studio_a: Studio) -> None:
    first = wire_row("question", studio_a.studio_id, text="第一")
    second = {**first, "hlc": first["hlc"] + 1, "text": "第二"}
    response = studio_a.push({"question": [first, second]})
    assert [r["outcome"] for r in response.json()["results"]] == ["applied", "rejected"]
    assert central(archive)["question"][first["id"]]["text"] == "第一"


# ---------------------------------------------------------------------- limits
def test_oversized_body_is_413(archive: Archive, studio_a: Studio) -> None:
    big = json.dumps(
        studio_a.push_body(
            {"question": [wire_row("question", studio_a.studio_id, text="x" * (17 << 20))]}
        )
    ).encode()
    assert len(big) > MAX_BODY_BYTES
    try:
        response = httpx.post(
            f"{archive.base_url}/v1/sync/push",
            content=big,
            headers={**studio_a.headers, "Content-Type": "application/json"},
            timeout=TIMEOUT,
        )
    except httpx.TransportError:
        pass  # the server may close before reading all of it; then check it was not stored
    else:
        error_of(response, 413, "too_large")

    # A Content-Length alone is enough to be refused, before any body is read.
    # (Lengths the HTTP layer itself cannot parse are refused there, with 400.)
    for length, statuses in ((MAX_BODY_BYTES + 1, ("413",)), (10**30, ("400", "413"))):
        head = _raw_request(
            archive.base_url,
            f"POST /v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {studio_a.credential}\r\nContent-Length: {length}\r\n\r\n",
        )
        assert head.split(" ")[1] in statuses, head

    # No Content-Length (chunked): the limit must not be dodged.
    def chunks() -> Iterator[bytes]:
        for start in range(0, len(big), 1 << 20):
            yield big[start : start + (1 << 20)]

    try:
        response = httpx.post(
            f"{archive.base_url}/v1/sync/push",
            content=chunks(),
            headers={**studio_a.headers, "Content-Type": "application/json"},
            timeout=TIMEOUT,
        )
    except httpx.TransportError:
        pass
    else:
        assert response.status_code in (411, 413), response.text
    assert count_rows(archive) == {w.name: 0 for w in WIRE_TABLES}
    assert studio_a.hello().status_code == 200  # the service is still fine


def _raw_request(base_url: str, text: str) -> str:
    """Send ``text`` as is over a socket; return what comes back before the server closes."""
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=TIMEOUT) as conn:
        conn.sendall(text.encode())
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = conn.recv(65536)
            if not chunk:
                break
            received += chunk
    return received.decode("latin-1")


def test_too_many_rows_is_413(archive: Archive, studio_a: Studio) -> None:
    row = wire_row("question", studio_a.studio_id)
    rows = [{**row, "id": str(uuid7())} for _ in range(MAX_PUSH_ROWS + 1)]
    error_of(studio_a.push({"question": rows}), 413, "too_large")
    split = {"question": rows[:3000], "answer": rows[3000:]}
    error_of(studio_a.push(split), 413, "too_large")
    assert count_rows(archive) == {w.name: 0 for w in WIRE_TABLES}
    # Exactly the limit is fine.
    results = studio_a.push_ok({"question": rows[:MAX_PUSH_ROWS]})
    assert len(results) == MAX_PUSH_ROWS


# ---------------------------------------------------------------------- push semantics
def test_duplicate_delivery_is_idempotent(archive: Archive, studio_a: Studio) -> None:
    rows = one_of_each(studio_a.studio_id, "重复送达")
    body = studio_a.push_body(rows)
    answers = []
    for _ in range(2):
        response = httpx.post(
            f"{archive.base_url}/v1/sync/push",
            json=body,
            headers=studio_a.headers,
            timeout=TIMEOUT,
        )
        assert response.status_code == 200, response.text
        answers.append(response.json()["results"])
    assert answers[0] == answers[1]
    assert {r["outcome"] for r in answers[0]} == {"applied"}
    assert len(answers[0]) == len(WIRE_TABLES)
    assert count_rows(archive) == {w.name: 1 for w in WIRE_TABLES}


def test_stale_push_reports_the_server_version(archive: Archive, studio_a: Studio) -> None:
    newer = wire_row("question", studio_a.studio_id, text="新版本")
    studio_a.push_ok({"question": [newer]})
    older = {**newer, "hlc": newer["hlc"] - 7, "text": "旧版本"}
    response = studio_a.push({"question": [older]})
    assert response.json()["results"] == [
        {
            "table": "question",
            "id": newer["id"],
            "hlc": older["hlc"],
            "outcome": "stale",
            "reason": None,
            "server_hlc": newer["hlc"],
        }
    ]
    stored = central(archive)["question"][newer["id"]]
    assert (stored["hlc"], stored["text"]) == (newer["hlc"], "新版本")
    # A newer version replaces it; the same version again is applied without change.
    newest = {**newer, "hlc": newer["hlc"] + 1, "text": "最新"}
    studio_a.push_ok({"question": [newest]})
    studio_a.push_ok({"question": [newest]})
    assert central(archive)["question"][newer["id"]]["text"] == "最新"


def test_pull_serves_own_rows_and_county_departments_only(
    archive: Archive, studio_a: Studio, studio_b: Studio, department: tuple[uuid.UUID, str]
) -> None:
    mine = one_of_each(studio_a.studio_id, "青山")
    studio_a.push_ok(mine)
    studio_b.push_ok(one_of_each(studio_b.studio_id, "绿水"))
    pulled = studio_a.pull_all()
    owners = {row["studio_id"] for rows in pulled.values() for row in rows.values()}
    assert owners == {str(studio_a.studio_id), str(COUNTY_STUDIO_ID)}
    for table, rows in mine.items():
        assert set(pulled[table]) >= {r["id"] for r in rows}
    assert str(department[0]) in pulled["department"]
    assert "绿水" not in json.dumps(pulled, ensure_ascii=False)


# ---------------------------------------------------------------------- request ids, health
def test_errors_carry_a_request_id(archive: Archive, studio_a: Studio) -> None:
    response = httpx.get(f"{archive.base_url}/v1/sync/pull", timeout=TIMEOUT)
    body = error_of(response, 401, "unauthorized")
    assert len(body["request_id"]) >= 8
    given = "client-request-0001"
    response = httpx.get(
        f"{archive.base_url}/v1/sync/pull",
        params={"cursor": "bad"},
        headers={**studio_a.headers, "X-Request-Id": given},
        timeout=TIMEOUT,
    )
    assert error_of(response, 422, "invalid_request")["request_id"] == given
    for unfit in ("short", "has space in it", "x" * 65, "semi;colon-12345"):
        response = httpx.get(
            f"{archive.base_url}/v1/sync/pull",
            headers={"X-Request-Id": unfit},
            timeout=TIMEOUT,
        )
        assert error_of(response, 401, "unauthorized")["request_id"] != unfit
    response = httpx.get(f"{archive.base_url}/no/such/route", timeout=TIMEOUT)
    assert response.status_code == 404
    assert response.json()["request_id"] == response.headers["x-request-id"]
    assert studio_a.pull().headers["x-request-id"]


def test_health_and_metrics(archive: Archive, studio_a: Studio) -> None:
    response = httpx.get(f"{archive.base_url}/health", timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    studio_a.push_ok({"question": [wire_row("question", studio_a.studio_id)]})
    studio_a.push({"question": [wire_row("question", uuid7())]})
    httpx.get(f"{archive.base_url}/v1/sync/pull", timeout=TIMEOUT)
    for _ in range(3):  # a different id each time: one series for the route, not three
        httpx.post(
            f"{archive.base_url}/v1/department/follow-ups/{uuid7()}/events",
            json={"kind": "reply", "text": "x"},
            timeout=TIMEOUT,
        )
        httpx.get(f"{archive.base_url}/probe/{uuid7()}", timeout=TIMEOUT)
    text = httpx.get(f"{archive.base_url}/metrics", timeout=TIMEOUT).text
    assert 'archive_requests_total{route="/v1/sync/push",status="200"} 2' in text
    assert 'archive_requests_total{route="/v1/sync/pull",status="401"} 1' in text
    assert 'archive_requests_total{route="/v1/sync/hello",status="200"} 1' in text
    events = "/v1/department/follow-ups/{follow_up_id}/events"
    assert f'archive_requests_total{{route="{events}",status="401"}} 3' in text
    assert 'archive_requests_total{route="unmatched",status="404"} 3' in text
    assert "probe" not in text
    assert 'archive_rows_total{outcome="applied"} 1' in text
    assert 'archive_rows_total{outcome="rejected"} 1' in text
    assert "archive_uptime_seconds" in text


# ---------------------------------------------------------------------- several instances
def test_two_instances_share_the_archive(
    archive: Archive, studio_a: Studio, studio_b: Studio
) -> None:
    second = archive.start_server().base_url
    first = archive.base_url
    rows = one_of_each(studio_a.studio_id, "两个实例")
    response = studio_a.push(rows, base_url=first)
    assert response.status_code == 200
    via_first, via_second = studio_a.pull_all(first), studio_a.pull_all(second)
    assert via_first == via_second
    assert set(via_second["question"]) == {rows["question"][0]["id"]}

    # 20 concurrent pushes, split over both instances, from two studios.
    def push(index: int) -> list[dict[str, Any]]:
        studio = (studio_a, studio_b)[index % 2]
        row = wire_row("question", studio.studio_id, text=f"并发 {index}")
        response = studio.push({"question": [row]}, base_url=(first, second)[index // 2 % 2])
        assert response.status_code == 200, response.text
        results: list[dict[str, Any]] = response.json()["results"]
        return results

    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = [r for results in pool.map(push, range(20)) for r in results]
    assert [r["outcome"] for r in outcomes] == ["applied"] * 20
    questions = central(archive)["question"]
    assert len(questions) == 21
    assert {q["studio_id"] for q in questions.values()} == {
        str(studio_a.studio_id),
        str(studio_b.studio_id),
    }

    # Versions of one row racing over both instances: the highest wins, none is lost.
    row = wire_row("question", studio_a.studio_id)
    versions = [{**row, "hlc": row["hlc"] + i, "text": f"版本 {i}"} for i in range(12)]

    def push_version(index: int) -> str:
        response = studio_a.push(
            {"question": [versions[index]]}, base_url=(first, second)[index % 2]
        )
        assert response.status_code == 200, response.text
        outcome: str = response.json()["results"][0]["outcome"]
        return outcome

    with concurrent.futures.ThreadPoolExecutor(max_workers=12) as pool:
        raced = list(pool.map(push_version, range(12)))
    assert set(raced) <= {"applied", "stale"}
    assert central(archive)["question"][row["id"]]["text"] == "版本 11"
    assert studio_a.pull_all(second)["question"] == studio_a.pull_all(first)["question"]


def test_logs_are_json_lines_with_request_ids_and_no_secrets(
    archive: Archive, studio_a: Studio, studio_b: Studio
) -> None:
    ids = []
    for response in (
        studio_a.push({"question": [wire_row("question", studio_a.studio_id)]}),
        studio_b.pull(),
        httpx.post(
            f"{archive.base_url}/v1/sync/hello",
            json={},
            headers={"Authorization": f"Bearer {studio_a.credential}x"},
            timeout=TIMEOUT,
        ),
    ):
        ids.append(response.headers["x-request-id"])
    revoked = Studio.enrol(archive, "已撤销")
    admin.revoke(archive.admin_url, revoked.account_id)
    ids.append(revoked.hello().headers["x-request-id"])
    text = archive.servers[0].log_text()
    records = []
    for line in text.splitlines():
        if line.startswith("{"):
            records.append(json.loads(line))
    requests = [r for r in records if r["msg"] == "request"]
    assert {r["request_id"] for r in requests} >= set(ids)
    for record in requests:
        assert record["request_id"] and record["route"] and record["status"]
    for studio in (studio_a, studio_b, revoked):
        secret = admin.Credential.parse(studio.credential).secret
        assert secret not in text
        assert secret[:16] not in text
    assert "Bearer" not in text
