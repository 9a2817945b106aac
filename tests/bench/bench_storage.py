"""Committed question inserts through the repository layer, on a real SQLite file.

Every part uses a fresh data folder in the temp directory, opened with ``Store.open`` (so
the pragmas are the app's: WAL, ``synchronous=FULL``, i.e. every commit fsyncs the WAL), and
one session the questions belong to. Question objects are built with ``Question.create``
before the clock starts, so the figures are storage only.

(a) One transaction per question, ``with store.write() as uow: uow.questions.add(q)``: the
    app's pattern (one commit per edit). Inserts/s per block of commits, and the latency of
    each commit.
(b) Batched: transactions of 500 questions. Rows/s per transaction.
(c) The same as (a) on a raw ``sqlite3`` connection to a database with the same schema and
    the same pragmas, running the same statements per transaction (``BEGIN IMMEDIATE``,
    ``PRAGMA defer_foreign_keys=ON``, one ``INSERT`` of every column, ``COMMIT``). Blocks of
    (a) and (c) alternate so that disk drift hits both alike; their per-block time ratio is
    the repository/ORM overhead.
(d) ``uow.questions.list_for_session`` of a session with 10 000 questions (the table also
    holds the rows of (b)), in a read transaction.

No targets: the requirement is "far above typing speed", one commit per keystroke at ~10/s.
"""

from __future__ import annotations

import gc
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from studio_app.domain.ids import HybridLogicalClock, utc_now
from studio_app.domain.questions import Channel, Question
from studio_app.domain.sessions import BroadcastSession
from studio_app.storage.engine import PRAGMAS
from studio_app.storage.store import Store
from tests.bench.figures import BenchmarkError, Figure

SINGLE_COMMITS = 2000
QUICK_SINGLE_COMMITS = 300
#: Commits per throughput sample of (a) and (c).
BLOCK = 100
QUICK_BLOCK = 50
WARMUP_COMMITS = 20
BATCH_ROWS = 20_000
QUICK_BATCH_ROWS = 5_000
BATCH_SIZE = 500
LIST_ROWS = 10_000
LIST_RUNS = 5
QUICK_LIST_RUNS = 3
WARMUP_LISTS = 1
TYPING_COMMITS_PER_S = 10.0

_COLUMNS = (
    "id",
    "studio_id",
    "session_id",
    "text",
    "display_text",
    "asker",
    "phone",
    "channel",
    "category",
    "received_at",
    "state",
    "rejection_reason",
    "rejection_note",
    "merged_into",
    "ask_count",
    "queue_position",
    "updated_at",
    "hlc",
    "deleted",
    "dirty",
)
RAW_INSERT = (
    f"INSERT INTO question ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
)
_TEXTS = (
    "村东头的路灯坏了两个月了，什么时候能修好？",
    "今年的玉米种植补贴每亩多少钱，什么时候发放到户？",
    "农村医保缴费标准是多少，可以在手机上交吗？",
    "村里的垃圾清运车能不能每天来一次？夏天味道很大。",
    "危房改造的申请条件是什么，需要准备哪些材料？",
)
_CHANNELS = tuple(Channel)

Row = tuple[str | int | None, ...]


def make_questions(
    studio_id: uuid.UUID, session_id: uuid.UUID, count: int, start: int = 0
) -> list[Question]:
    """``count`` realistic questions of one session, numbered from ``start``."""
    return [
        Question.create(
            studio_id,
            session_id,
            f"{_TEXTS[i % len(_TEXTS)]}（第{i}条）",
            asker=f"居民{i}",
            channel=_CHANNELS[i % len(_CHANNELS)],
        )
        for i in range(start, start + count)
    ]


def open_store_with_session(data_dir: Path) -> tuple[Store, uuid.UUID]:
    """Open a new store in ``data_dir`` and create the session the questions go to."""
    store = Store.open(data_dir)
    session = BroadcastSession.create(store.studio_id, "基准测试 村民议事直播")
    with store.write() as uow:
        uow.sessions.save(session)
    return store, session.id


def _sqlite_time(value: datetime) -> str:
    """A datetime as SQLAlchemy stores it in SQLite (naive UTC, microseconds)."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def raw_row(question: Question, clock: HybridLogicalClock) -> Row:
    """The values the repository writes for a new question, in ``_COLUMNS`` order."""
    return (
        question.id.hex,
        question.studio_id.hex,
        question.session_id.hex,
        question.text,
        question.display_text,
        question.asker,
        question.phone,
        question.channel.value,
        question.category,
        _sqlite_time(question.received_at),
        question.state.value,
        question.rejection_reason.value if question.rejection_reason else None,
        question.rejection_note,
        question.merged_into.hex if question.merged_into else None,
        question.ask_count,
        question.queue_position,
        _sqlite_time(utc_now()),
        clock.now(),
        0,
        1,
    )


def raw_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the store's pragmas and manual transactions."""
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        connection.execute(pragma)
    mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    synchronous = connection.execute("PRAGMA synchronous").fetchone()[0]
    if (mode, synchronous) != ("wal", 2):
        raise BenchmarkError(f"raw connection is journal_mode={mode}, synchronous={synchronous}")
    return connection


def repo_commits(store: Store, questions: Sequence[Question]) -> list[float]:
    """Insert each question in its own write transaction; return each commit's seconds."""
    latencies: list[float] = []
    for question in questions:
        started = time.perf_counter()
        with store.write() as uow:
            uow.questions.add(question)
        latencies.append(time.perf_counter() - started)
    return latencies


def raw_commits(
    connection: sqlite3.Connection, clock: HybridLogicalClock, questions: Sequence[Question]
) -> list[float]:
    """The same as :func:`repo_commits` with hand-written SQL; return each commit's seconds."""
    latencies: list[float] = []
    for question in questions:
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("PRAGMA defer_foreign_keys=ON")
        connection.execute(RAW_INSERT, raw_row(question, clock))
        connection.execute("COMMIT")
        latencies.append(time.perf_counter() - started)
    return latencies


def batched_inserts(store: Store, questions: Sequence[Question], size: int) -> list[float]:
    """Insert in transactions of ``size``; return each transaction's seconds."""
    durations: list[float] = []
    for first in range(0, len(questions), size):
        chunk = questions[first : first + size]
        started = time.perf_counter()
        with store.write() as uow:
            for question in chunk:
                uow.questions.add(question)
        durations.append(time.perf_counter() - started)
    return durations


def _single_commit_figures(root: Path, quick: bool) -> list[Figure]:
    """Parts (a) and (c), interleaved block by block."""
    commits = QUICK_SINGLE_COMMITS if quick else SINGLE_COMMITS
    block = QUICK_BLOCK if quick else BLOCK
    store, session_id = open_store_with_session(root / "single-repo")
    try:
        raw_store, raw_session_id = open_store_with_session(root / "single-raw")
        raw_store.close()  # same schema and session, written by raw SQL from here on
        raw_path = raw_store.path
        clock = HybridLogicalClock()
        connection = raw_connection(raw_path)
        try:
            total = WARMUP_COMMITS + commits
            repo_questions = make_questions(store.studio_id, session_id, total)
            raw_questions = make_questions(raw_store.studio_id, raw_session_id, total)
            repo_commits(store, repo_questions[:WARMUP_COMMITS])
            raw_commits(connection, clock, raw_questions[:WARMUP_COMMITS])
            repo_latency: list[float] = []
            raw_latency: list[float] = []
            repo_rates: list[float] = []
            raw_rates: list[float] = []
            ratios: list[float] = []
            gc.collect()
            for first in range(WARMUP_COMMITS, total, block):
                repo_block = repo_questions[first : first + block]
                raw_block = raw_questions[first : first + block]
                started = time.perf_counter()
                repo_latency += repo_commits(store, repo_block)
                repo_seconds = time.perf_counter() - started
                started = time.perf_counter()
                raw_latency += raw_commits(connection, clock, raw_block)
                raw_seconds = time.perf_counter() - started
                repo_rates.append(len(repo_block) / repo_seconds)
                raw_rates.append(len(raw_block) / raw_seconds)
                ratios.append(repo_seconds / raw_seconds)
        finally:
            connection.close()
    finally:
        store.close()
    _check_count(raw_path.parent, raw_session_id, WARMUP_COMMITS + commits)

    repo_ms = [s * 1000 for s in repo_latency]
    raw_ms = [s * 1000 for s in raw_latency]
    repo = Figure.of("storage.single_commit.repo", "inserts/s", repo_rates, spread="minmax")
    overhead_ms = Figure.of("", "ms", repo_ms).median - Figure.of("", "ms", raw_ms).median
    pragmas = ", ".join(p.removeprefix("PRAGMA ") for p in PRAGMAS[:2])
    return [
        Figure.of(
            repo.name,
            repo.unit,
            repo.samples,
            spread="minmax",
            note=(
                f"{commits} questions, one transaction each ({pragmas}), rate per block of "
                f"{block} commits. Requirement: far above typing speed, one commit per "
                f"keystroke at ~{TYPING_COMMITS_PER_S:.0f}/s: the median is "
                f"{repo.median / TYPING_COMMITS_PER_S:,.0f}x that"
            ),
            commits=commits,
            block=block,
        ),
        Figure.of(
            "storage.single_commit.repo_latency",
            "ms",
            repo_ms,
            spread="p99",
            note="one `with store.write()` block: BEGIN IMMEDIATE, flush, COMMIT with fsync",
        ),
        Figure.of(
            "storage.single_commit.raw_sqlite",
            "inserts/s",
            raw_rates,
            spread="minmax",
            note="raw sqlite3, same schema, pragmas and statements per transaction",
            commits=commits,
            block=block,
        ),
        Figure.of("storage.single_commit.raw_sqlite_latency", "ms", raw_ms, spread="p99"),
        Figure.of(
            "storage.single_commit.repo_vs_raw",
            "x",
            ratios,
            spread="minmax",
            note=(
                "repository time / raw sqlite3 time per pair of adjacent blocks; medians "
                f"differ by {overhead_ms:.2f} ms per commit"
            ),
        ),
    ]


def _batch_and_list_figures(root: Path, quick: bool) -> list[Figure]:
    """Parts (b) and (d), on one database."""
    rows = QUICK_BATCH_ROWS if quick else BATCH_ROWS
    list_runs = QUICK_LIST_RUNS if quick else LIST_RUNS
    store, session_id = open_store_with_session(root / "batched")
    try:
        questions = make_questions(store.studio_id, session_id, BATCH_SIZE + rows)
        batched_inserts(store, questions[:BATCH_SIZE], BATCH_SIZE)  # warm-up
        gc.collect()
        durations = batched_inserts(store, questions[BATCH_SIZE:], BATCH_SIZE)
        del questions

        listed = BroadcastSession.create(store.studio_id, "一万条提问的节目")
        with store.write() as uow:
            uow.sessions.save(listed)
        batched_inserts(store, make_questions(store.studio_id, listed.id, LIST_ROWS), BATCH_SIZE)
        list_ms: list[float] = []
        gc.collect()
        for index in range(WARMUP_LISTS + list_runs):
            started = time.perf_counter()
            with store.read() as uow:
                found = uow.questions.list_for_session(listed.id)
            elapsed = time.perf_counter() - started
            if len(found) != LIST_ROWS:
                raise BenchmarkError(f"listed {len(found)} questions, expected {LIST_ROWS}")
            del found
            if index >= WARMUP_LISTS:
                list_ms.append(elapsed * 1000)
    finally:
        store.close()
    return [
        Figure.of(
            "storage.batch_500.repo",
            "rows/s",
            (BATCH_SIZE / s for s in durations),
            spread="minmax",
            note=f"{rows} questions in transactions of {BATCH_SIZE}, rate per transaction",
            rows=rows,
            batch=BATCH_SIZE,
        ),
        Figure.of(
            "storage.list_10k.repo",
            "ms",
            list_ms,
            spread="minmax",
            note=(
                f"list_for_session of {LIST_ROWS} questions (read transaction, rows to domain "
                f"objects); the table holds {BATCH_SIZE + rows + LIST_ROWS} questions"
            ),
            rows=LIST_ROWS,
        ),
    ]


def _check_count(data_dir: Path, session_id: uuid.UUID, expected: int) -> None:
    """Read the raw-SQL rows back through the store: they must be valid questions."""
    store = Store.open(data_dir)
    try:
        with store.read() as uow:
            found = uow.questions.list_for_session(session_id)
    finally:
        store.close()
    if len(found) != expected:
        raise BenchmarkError(f"raw insert wrote {len(found)} questions, expected {expected}")


def run(quick: bool) -> list[Figure]:
    """Measure (a) to (d); each part in its own fresh data folder."""
    with tempfile.TemporaryDirectory(prefix="studio-bench-storage-") as tmp:
        root = Path(tmp)
        return [*_single_commit_figures(root, quick), *_batch_and_list_figures(root, quick)]
