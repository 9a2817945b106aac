"""The pull cursor against out-of-order commits and page boundaries, through the real API.

Rows are written straight into the archive by the superuser with the studio's id, as the
service's push transactions would: the ``stamp`` trigger gives them their transaction id and
sequence number either way. SYNC_DESIGN.md explains why a sequence cursor loses rows here.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import httpx
import psycopg
import pytest

from studio_app.archive import admin
from studio_app.domain.ids import uuid7
from studio_app.domain.sync import PullCursor
from tests.archive.conftest import Archive

PulledRows = list[tuple[str, uuid.UUID]]


def _hlc() -> int:
    return int(time.time() * 1000) << 16


def _insert_session(conn: psycopg.Connection[Any], studio_id: uuid.UUID, title: str) -> uuid.UUID:
    row_id = uuid7()
    conn.execute(
        "INSERT INTO archive.broadcast_session (id, studio_id, hlc, deleted, title,"
        " scheduled_start, planned_minutes, location, description, status, created_at,"
        " updated_at, rehearsal, started_at, ended_at) VALUES (%s, %s, %s, false, %s, NULL, 60,"
        " '', '', 'planned', now(), now(), false, NULL, NULL)",
        (row_id, studio_id, _hlc(), title),
    )
    return row_id


def _insert_guest(
    conn: psycopg.Connection[Any], studio_id: uuid.UUID, session_id: uuid.UUID, name: str
) -> uuid.UUID:
    row_id = uuid7()
    conn.execute(
        "INSERT INTO archive.guest (id, studio_id, hlc, deleted, session_id, position, name,"
        " title, department) VALUES (%s, %s, %s, false, %s, 0, %s, '', '')",
        (row_id, studio_id, _hlc(), session_id, name),
    )
    return row_id


def _txid(conn: psycopg.Connection[Any]) -> int:
    row = conn.execute("SELECT pg_current_xact_id()::text").fetchone()
    assert row is not None
    return int(row[0])


class Puller:
    """A studio pulling through the archive's HTTP API with its credential."""

    def __init__(self, archive: Archive) -> None:
        self.studio_id = uuid7()
        credential = admin.add_studio(archive.admin_url, "青山镇", studio_id=self.studio_id)
        self.client = httpx.Client(
            base_url=archive.base_url,
            headers={"Authorization": f"Bearer {credential}"},
            timeout=30,
        )

    def page(self, cursor: str, limit: int) -> dict[str, Any]:
        response = self.client.get("/v1/sync/pull", params={"cursor": cursor, "limit": limit})
        assert response.status_code == 200, response.text
        page: dict[str, Any] = response.json()
        return page

    def pull(self, cursor: str, limit: int = 2000) -> tuple[PulledRows, str, int]:
        """Every page from ``cursor`` until complete: (rows, next cursor, pages)."""
        rows: PulledRows = []
        pages = 0
        while True:
            page = self.page(cursor, limit)
            pages += 1
            assert len(page["rows"]) <= limit
            rows.extend((item["table"], uuid.UUID(item["row"]["id"])) for item in page["rows"])
            assert PullCursor.parse(page["cursor"]).txid >= PullCursor.parse(cursor).txid
            cursor = page["cursor"]
            if page["complete"]:
                return rows, cursor, pages
            assert page["rows"], "an incomplete page must carry rows"
            assert pages < 100

    def close(self) -> None:
        self.client.close()


@pytest.fixture
def puller(archive: Archive) -> Any:
    found = Puller(archive)
    yield found
    found.close()


@pytest.mark.parametrize("limit", [2000, 1])
def test_a_transaction_committing_late_is_not_skipped(
    archive: Archive, puller: Puller, limit: int
) -> None:
    studio_id = puller.studio_id
    with psycopg.connect(archive.admin_url) as setup:
        before = _insert_session(setup, studio_id, "早已提交")
    rows, cursor, _ = puller.pull("0:0", limit)
    assert rows == [("broadcast_session", before)]

    t1 = psycopg.connect(archive.admin_url)
    t2 = psycopg.connect(archive.admin_url)
    try:
        f1 = _insert_session(t1, studio_id, "F1：先开始，后提交")
        t1_txid = _txid(t1)
        f2 = _insert_session(t2, studio_id, "F2：后开始，先提交")
        f2_guest = _insert_guest(t2, studio_id, f2, "王建国")
        assert _txid(t2) > t1_txid
        t2.commit()

        # T1 is still open: whatever this pull returns, its cursor must not pass F1.
        first, cursor, _ = puller.pull(cursor, limit)
        assert ("broadcast_session", f1) not in first  # not committed: invisible anyway
        assert PullCursor.parse(cursor).txid <= t1_txid, (cursor, t1_txid)
        # The design serves only transactions older than every open one: F2 waits for F1.
        assert first == []

        t1.commit()
        second, cursor, _ = puller.pull(cursor, limit)
    finally:
        t1.close()
        t2.close()

    seen = first + second
    assert ("broadcast_session", f1) in seen, "F1 was skipped"
    assert ("broadcast_session", f2) in seen
    assert ("guest", f2_guest) in seen
    assert len(seen) == len(set(seen)) == 3
    # Commit order of the transactions' ids: T1's rows first, though T2 committed first.
    assert second == [("broadcast_session", f1), ("broadcast_session", f2), ("guest", f2_guest)]
    # And nothing more comes after that.
    assert puller.pull(cursor, limit)[0] == []


def test_the_open_transaction_with_the_later_id_is_not_skipped_either(
    archive: Archive, puller: Puller
) -> None:
    """T1 takes its transaction id first and commits; T2, later, stays open past a pull."""
    studio_id = puller.studio_id
    t1 = psycopg.connect(archive.admin_url)
    t2 = psycopg.connect(archive.admin_url)
    try:
        f1 = _insert_session(t1, studio_id, "F1")
        f2 = _insert_session(t2, studio_id, "F2")
        t1.commit()
        first, cursor, _ = puller.pull("0:0")
        assert first == [("broadcast_session", f1)]
        t2.commit()
        second, cursor, _ = puller.pull(cursor)
    finally:
        t1.close()
        t2.close()
    assert second == [("broadcast_session", f2)]
    assert puller.pull(cursor)[0] == []


def test_pages_return_every_row_exactly_once_in_commit_order(
    archive: Archive, puller: Puller
) -> None:
    studio_id = puller.studio_id
    expected: PulledRows = []
    with psycopg.connect(archive.admin_url) as conn:
        # Three rows in one transaction across two tables: a page ends inside it.
        session = _insert_session(conn, studio_id, "第五期")
        expected.append(("broadcast_session", session))
        expected.append(("guest", _insert_guest(conn, studio_id, session, "王建国")))
        expected.append(("guest", _insert_guest(conn, studio_id, session, "李芳")))
        conn.commit()
        for title in ("第六期", "第七期"):
            expected.append(("broadcast_session", _insert_session(conn, studio_id, title)))
            conn.commit()
    # Another studio's rows are in between, and never served to this one.
    with psycopg.connect(archive.admin_url) as conn:
        _insert_session(conn, uuid7(), "邻镇")

    rows, cursor, pages = puller.pull("0:0", limit=2)
    assert rows == expected
    assert len(rows) == len(set(rows)) == 5
    assert pages == 3
    assert puller.pull(cursor, limit=2) == ([], cursor, 1)

    # Page by page, the cursor of every page resumes exactly after its last row.
    seen: PulledRows = []
    cursor = "0:0"
    for _ in range(10):
        page = puller.page(cursor, 2)
        seen.extend((i["table"], uuid.UUID(i["row"]["id"])) for i in page["rows"])
        cursor = page["cursor"]
        if page["complete"]:
            break
    assert seen == expected


def test_rows_on_both_sides_of_a_decimal_digit_boundary_of_transaction_ids_all_come_back(
    archive: Archive, puller: Puller
) -> None:
    """Transaction ids are numbers: 999 sorts before 1000 (a text sort lost rows here)."""
    studio_id = puller.studio_id
    expected: PulledRows = []
    with psycopg.connect(archive.admin_url, autocommit=True) as conn:
        current = _txid(conn)
        boundary = 10 ** len(str(current))  # the next power of ten
        if boundary - current > 20_000:  # keep the test quick on a long-lived cluster
            pytest.skip(f"transaction id {current} is far from a power of ten")
        while _txid(conn) < boundary - 3:
            pass
    with psycopg.connect(archive.admin_url) as conn:
        for n in range(6):  # one transaction each: ids boundary-2 … boundary+3
            session = _insert_session(conn, studio_id, f"第{n}期")
            expected.append(("broadcast_session", session))
            expected.append(("guest", _insert_guest(conn, studio_id, session, "王建国")))
            conn.commit()
    for limit in (2000, 3, 1):
        rows, _, _ = puller.pull("0:0", limit)
        assert rows == expected, limit
