"""Archive sync at county scale: a studio's first push, one edit, and 20 studios at once.

The benchmark starts its own PostgreSQL cluster (``tests/archive/postgres.py``), migrates the
archive schema, enrols the studios and runs real ``studio-archive serve`` processes
(``tests/archive/service.py``). Each studio is a real SQLite store seeded through the
repositories (a few big transactions) and synced by the real ``SyncService`` over HTTP, in a
fresh process of its own, so that its peak memory and CPU are its own and 20 studios are not
serialised by one interpreter's GIL:

* initial: a store of 200 shows (20 000 questions, 6 000 answers, 2 000 follow-ups, 3 000
  events, guests, agenda) synced from scratch: ``SyncService.sync()`` wall time (push, then
  the pull that brings every row back), HTTP requests, rows/s, peak RSS above the RSS before,
  and the CPU seconds of the studio, the service and PostgreSQL during it;
* restore: a fresh store on a second device of the same studio pulls the whole record. The
  app has no "restore from the archive" flow yet: the benchmark enrols the device with
  ``admin.add_studio(studio_id=...)`` and writes the studio id into the fresh store's
  settings before its first sync (emulated, labelled so in the notes). The cluster's
  transaction ids are first advanced so that the initial push crosses 1 000, as a real
  archive's history crosses powers of ten; rows the second device never receives are
  counted (``sync.restore.rows_missing``);
* incremental: one question edited, then ``sync()`` (median of 5);
* concurrent: 20 enrolled studios of 5 shows × 50 questions each sync at the same instant,
  against one service instance and then against two (half the studios each). This machine
  runs the archive too: the studios run at nice 10 so that the archive gets the CPU first.

The archive side's CPU (service processes, PostgreSQL, the whole machine) and the mean time a
request spent inside the service (its /metrics) are sampled from the moment the studios start
syncing until every first sync is done. A ``sync()`` that raises is counted and tried once
more (``sync.failed_syncs``).

Targets (a county archive serving township studios over ordinary lines): the first sync of a
whole record < 60 s and < 300 MB; "Sync now" after an edit < 1 s; 20 studios all done < 30 s;
no row lost, no sync failed. Set ``VS_BENCH_SYNC_PROFILE=DIR`` to also write cProfile files
of the studio's initial sync (every thread) and of each service instance, and PostgreSQL's
costliest statements (pg_stat_statements), into DIR.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg

from studio_app.domain.sync import PULL_PAGE, PUSH_CHUNK
from tests.bench.figures import BenchmarkError, Figure, Target

REPO_ROOT = Path(__file__).resolve().parents[2]
PROFILE_ENV = "VS_BENCH_SYNC_PROFILE"


@dataclass(frozen=True)
class Size:
    """The shape of one seeded studio."""

    sessions: int
    questions: int  # per session
    answered: int  # per session
    follow_ups: int  # per session


FULL = Size(sessions=200, questions=100, answered=30, follow_ups=10)
SMALL = Size(sessions=5, questions=50, answered=10, follow_ups=2)
QUICK = Size(sessions=3, questions=20, answered=6, follow_ups=2)
QUICK_SMALL = Size(sessions=1, questions=10, answered=3, follow_ups=1)
STUDIOS = 20
QUICK_STUDIOS = 2
INCREMENTAL_RUNS = 5
#: Connections per service instance (the ``serve`` default).
POOL_SIZE = 10
#: Niceness of the concurrent studios' processes (the archive and PostgreSQL keep 0).
CLIENT_NICE = 10

INITIAL_TARGET = Target(
    60, requirement="a studio's first sync of its whole record (200 shows) within a minute"
)
MEMORY_TARGET = Target(300, requirement="sync runs on a township office PC beside the app")
INCREMENTAL_TARGET = Target(1000, requirement="'Sync now' after an edit feels immediate")
MISSING_TARGET = Target(0.5, requirement="a pull brings every row: none may be lost")
FAILURE_TARGET = Target(0.5, requirement="a sync on a healthy network and archive succeeds")
CONCURRENT_TARGET = Target(
    30, requirement="20 studios syncing at once (e.g. after a county-wide outage) done in 30 s"
)

DEPARTMENTS = ("交通办", "农业农村办", "民政办", "卫健办", "住建办")
QUESTION_TEXTS = (
    ("村口的路灯坏了一个多月了，什么时候能修好？", "基础设施", "hotline"),
    ("今年的水稻补贴什么时候发放？标准是多少？", "农业补贴", "social"),
    ("村里的老年食堂能不能增加送餐服务？", "养老服务", "live_comment"),
    ("镇上到县城的公交车能不能加一班早车？", "交通出行", "in_room"),
    ("垃圾分类的积分兑换点在哪里？", "环境卫生", "online"),
    ("危房改造的申请条件是什么？", "住房保障", "other"),
)
ASKERS = ("张三丰", "李四", "王小红", "", "赵大海", "刘洋", "陈静", "")


# ---------------------------------------------------------------------- seeding
@functools.cache
def _template(root: Path) -> Path:
    """An empty store file at the newest schema in ``root`` (migrating one costs ~0.3 s)."""
    from studio_app.storage import migrate
    from studio_app.storage.store import DATABASE_NAME

    folder = root / "template"
    folder.mkdir(parents=True, exist_ok=True)
    migrate.upgrade(folder / DATABASE_NAME, folder / "backups")
    return folder / DATABASE_NAME


def _from_template(data_dir: Path) -> None:
    """Start ``data_dir`` from a migrated template: Store.open then only adds the studio."""
    data_dir.mkdir(parents=True, exist_ok=True)
    template = _template(data_dir.resolve().parent)
    for path in template.parent.glob(template.name + "*"):  # the database and any WAL
        shutil.copyfile(path, data_dir / path.name)


def seed_store(data_dir: Path, name: str, size: Size, studio_id: uuid.UUID | None = None) -> dict:
    """Create a store in ``data_dir`` and fill it; return its studio id, counts, a question id.

    Rows go through the repositories in three transactions (plans, questions, the rest), as
    an import would write them. With ``studio_id`` nothing is seeded: the fresh store takes
    that studio's id (a second device about to pull the studio's record).
    """
    from studio_app.domain.followups import (
        EventOrigin,
        FollowUp,
        FollowUpStatus,
        reply,
        status_change,
    )
    from studio_app.domain.organisation import Department
    from studio_app.domain.questions import Answer, Channel, Question, QuestionState
    from studio_app.domain.sessions import AgendaItem, BroadcastSession, Guest, SessionStatus
    from studio_app.storage.store import LOCAL_STUDIO_KEY, Store

    _from_template(data_dir)
    store = Store.open(data_dir, default_studio_name=name)
    try:
        if studio_id is not None:
            with store.write() as uow:
                uow.settings.set(LOCAL_STUDIO_KEY, str(studio_id))
            return {"studio_id": str(studio_id), "rows": 0, "question_id": ""}
        studio = store.studio_id
        departments = [Department.create(d) for d in DEPARTMENTS]
        first = datetime(2024, 6, 1, 11, 30, tzinfo=UTC)
        shows = []
        for n in range(size.sessions):
            start = first + timedelta(days=3 * n)
            guests = (
                Guest.create("王建国", "镇长", "镇人民政府"),
                Guest.create("李芳", "主任", "交通办"),
                Guest.create("陈明", "站长", "农技站"),
            )
            show = replace(
                BroadcastSession.create(studio, f"第{n + 1}期 村民问答", start),
                planned_minutes=60,
                location="青山镇政务直播间",
                description="本期围绕道路、补贴和养老服务答复村民关切。",
                guests=guests,
                agenda=(
                    AgendaItem.create("开场介绍", 5, speaker_id=guests[0].id),
                    AgendaItem.create("村民提问与回应", 50, speaker_id=guests[1].id),
                    AgendaItem.create("总结与承诺", 5, speaker_id=guests[0].id),
                ),
            )
            shows.append(show)
        with store.write() as uow:
            for department in departments:
                uow.departments.add(department, studio)
            for show in shows:
                uow.sessions.save(show)
                assert show.scheduled_start is not None
                uow.sessions.save_lifecycle(
                    replace(
                        show,
                        status=SessionStatus.ENDED,
                        started_at=show.scheduled_start,
                        ended_at=show.scheduled_start + timedelta(hours=1),
                    )
                )
        questions: list[Question] = []
        answered: list[tuple[Question, int]] = []
        for n, show in enumerate(shows):
            assert show.scheduled_start is not None
            for k in range(size.questions):
                text, category, channel = QUESTION_TEXTS[k % len(QUESTION_TEXTS)]
                question = Question.create(
                    studio,
                    show.id,
                    f"{text}（第{n + 1}期第{k + 1}条）",
                    asker=ASKERS[k % len(ASKERS)],
                    phone="13812345678" if k % 2 == 0 else "",
                    channel=Channel(channel),
                    category=category,
                    received_at=show.scheduled_start - timedelta(hours=2, seconds=-30 * k),
                )
                state = (
                    QuestionState.ANSWERED
                    if k < size.answered
                    else (QuestionState.APPROVED if k % 2 else QuestionState.NEW)
                )
                question = replace(question, state=state)
                questions.append(question)
                if k < size.answered:
                    answered.append((question, n))
        with store.write() as uow:
            uow.questions.add_many(questions)
        summary = "相关部门将在本月内安排人员现场查看并答复（第{}期）。"
        answers = [
            Answer.create(q, summary.format(n + 1), "李芳", "主任", "交通办") for q, n in answered
        ]
        follow_ups: list[FollowUp] = []
        events = []
        by_show: dict[int, list[Question]] = {}
        for question, n in answered:
            by_show.setdefault(n, []).append(question)
        for n, show in enumerate(shows):
            assert show.scheduled_start is not None
            ended = show.scheduled_start + timedelta(hours=1)
            for k, question in enumerate(by_show.get(n, [])[: size.follow_ups]):
                follow_up = FollowUp.create(
                    studio,
                    show.id,
                    f"两周内完成整改并向村民反馈（第{n + 1}期承诺{k + 1}）",
                    departments[k % len(departments)].id,
                    question_id=question.id,
                    supporting_department_ids=[departments[(k + 1) % len(departments)].id],
                    responsible_person="周科长",
                    deadline=(ended + timedelta(days=14)).date(),
                    resident_contact="13812345678",
                    today=ended.date(),
                )
                follow_up = replace(follow_up, created_at=ended)
                follow_ups.append(follow_up)
                events.append(
                    status_change(
                        follow_up,
                        [],
                        FollowUpStatus.IN_PROGRESS,
                        "小刘",
                        origin=EventOrigin.DEPARTMENT,
                        at=ended + timedelta(days=2),
                    )
                )
                if k % 2 == 0:
                    events.append(
                        reply(
                            follow_up,
                            "小刘",
                            "已派人现场查看，正在采购材料",
                            EventOrigin.DEPARTMENT,
                            at=ended + timedelta(days=5),
                        )
                    )
        with store.write() as uow:
            uow.answers.add_many(answers)
            for follow_up in follow_ups:
                uow.follow_ups.add(follow_up)
            for event in events:
                uow.follow_ups.append_event(event)
        with store.read() as uow:
            pending = uow.sync.pending_count(studio)
        return {
            "studio_id": str(studio),
            "rows": pending,
            "questions": len(questions),
            "answers": len(answers),
            "follow_ups": len(follow_ups),
            "events": len(events),
            "question_id": str(questions[-1].id),
        }
    finally:
        store.close()


# ---------------------------------------------------------------------- the studio process
def _rss_mb() -> float:
    import resource

    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _report(report: Any) -> dict[str, Any]:
    return {
        "pushed": report.pushed,
        "pulled": report.pulled,
        "stale": report.stale,
        "rejected": report.rejected,
        "requests": report.requests,
        "report_seconds": report.seconds,
    }


class _Phases:
    """Listens to the service's status: when each phase began (perf_counter)."""

    def __init__(self) -> None:
        self.first: dict[str, float] = {}

    def __call__(self, status: Any) -> None:
        if status.progress is not None:
            self.first.setdefault(str(status.progress.phase.value), time.perf_counter())

    def spans(self, started: float, ended: float) -> dict[str, float]:
        """Seconds spent from each phase's start to the next's (or the end)."""
        marks = sorted(self.first.items(), key=lambda item: item[1])
        out: dict[str, float] = {}
        for index, (name, at) in enumerate(marks):
            until = marks[index + 1][1] if index + 1 < len(marks) else ended
            out[name] = until - at
        if marks:
            out = {"start": marks[0][1] - started, **out}
        return out


class _ThreadProfiles:
    """cProfile in the loop's thread and in the service's database and network threads."""

    def __init__(self, executors: list[Any]) -> None:
        import cProfile

        self._executors = executors
        self.profiles = [cProfile.Profile() for _ in range(len(executors) + 1)]

    def start(self) -> None:
        for executor, profile in zip(self._executors, self.profiles[1:], strict=True):
            executor.submit(profile.enable).result()
        self.profiles[0].enable()

    def stop(self, path: Path) -> None:
        import pstats

        self.profiles[0].disable()
        for executor, profile in zip(self._executors, self.profiles[1:], strict=True):
            executor.submit(profile.disable).result()
        stats = pstats.Stats(self.profiles[0])
        for profile in self.profiles[1:]:
            stats.add(profile)
        stats.dump_stats(str(path))


def _child(spec: dict[str, Any]) -> None:
    """One studio's process: sync as ``spec`` says and print the figures as JSON."""
    import asyncio

    # The first sync would import httpx: a one-off, not what is measured.
    import httpx  # noqa: F401

    from studio_app.services.credentials import ARCHIVE_CREDENTIAL_ENV
    from studio_app.services.database import Database
    from studio_app.services.sync.service import SyncService
    from studio_app.settings import AppSettings, save_settings

    data_dir = Path(spec["data_dir"])
    save_settings(data_dir, AppSettings(archive_url=spec["url"]))

    async def main() -> dict[str, Any]:
        db = Database()
        await db.open(data_dir, "bench")
        service = SyncService(
            db, data_dir, _NoSecrets(), environ={ARCHIVE_CREDENTIAL_ENV: spec["credential"]}
        )
        phases = _Phases()
        service.add_listener(phases)
        failures: list[str] = []
        out: dict[str, Any] = {"failures": failures}
        try:
            if spec["mode"] == "concurrent":
                # This machine also runs the archive: let it have the CPU first, as on a
                # server of its own, while the 20 "PCs" share what is left.
                os.nice(CLIENT_NICE)
            # The parent samples the archive's CPU between "go" and "synced".
            print("ready", flush=True)
            sys.stdin.readline()
            profile_dir = spec.get("profile_dir")
            profiles = None
            if profile_dir:
                # Start the network thread, so that it can be profiled from the first call.
                service._net.submit(lambda: None).result()
                profiles = _ThreadProfiles([db._executor, service._net])
                profiles.start()
            rss_before, cpu_before = _rss_mb(), _cpu_s()
            at_start = time.monotonic()
            started = time.perf_counter()
            report = await _sync_counting(service, failures)
            ended = time.perf_counter()
            at_end = time.monotonic()
            cpu, peak = _cpu_s() - cpu_before, _peak_mb() - rss_before
            if profiles is not None:
                profiles.stop(Path(profile_dir) / f"studio-{spec['mode']}.prof")
            print("synced", flush=True)
            sys.stdin.readline()
            out.update(_report(report))
            out.update(
                seconds=ended - started,
                start=at_start,
                end=at_end,
                cpu=cpu,
                rss_before_mb=rss_before,
                peak_mb=peak,
                phases=phases.spans(started, ended),
                pending_after=service.status.pending,
            )
            incremental: list[dict[str, Any]] = []
            for run in range(spec.get("incremental", 0)):
                question_id = uuid.UUID(spec["question_id"])

                def edit(store: Any, run: int = run, question_id: uuid.UUID = question_id) -> None:
                    with store.write() as uow:
                        question = uow.questions.get(question_id)
                        uow.questions.update(replace(question, category=f"改{run}"))

                await db.run(edit)
                phases.first.clear()
                started = time.perf_counter()
                report = await _sync_counting(service, failures)
                ended = time.perf_counter()
                incremental.append(
                    {
                        "seconds": ended - started,
                        "phases": phases.spans(started, ended),
                        **_report(report),
                    }
                )
            out["incremental"] = incremental
        finally:
            service.close()
            db.close()
        return out

    print(json.dumps(asyncio.run(main())), flush=True)


async def _sync_counting(service: Any, failures: list[str]) -> Any:
    """``service.sync()``; a failed sync is noted and tried once more, as "Sync now" would be."""
    from studio_app.services.sync.status import SyncError

    try:
        return await service.sync()
    except SyncError as error:
        failures.append(f"{error.problem.value}: {error.detail}")
    return await service.sync()


class _NoSecrets:
    """No keyring: the credential comes from the environment mapping."""

    def get(self, key: str) -> str | None:
        return None

    def set(self, key: str, secret: str) -> None:
        raise RuntimeError("not in the benchmark")

    def delete(self, key: str) -> None:
        pass


def _child_command(spec: dict[str, Any]) -> list[str]:
    return [sys.executable, "-m", "tests.bench.bench_sync", json.dumps(spec)]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO_ROOT)}


def _run_children(
    specs: list[dict[str, Any]], archive: Archive, timeout: float = 900
) -> tuple[list[dict[str, Any]], Usage]:
    """Start a studio process per spec, let them sync at once; return their figures and what
    the archive side spent from "go" until every first sync was done."""
    children = [
        subprocess.Popen(
            _child_command(spec),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
            cwd=REPO_ROOT,
        )
        for spec in specs
    ]

    def expect(child: subprocess.Popen[str], word: str) -> None:
        assert child.stdout is not None
        if child.stdout.readline().strip() != word:
            child.kill()
            error = child.communicate()[1][-3000:]
            raise BenchmarkError(f"a studio's sync failed:\n{error}{archive.log_tails()}")

    def go() -> None:
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()

    try:
        for child in children:
            expect(child, "ready")
        meter = archive.meter()
        before = meter.sample()
        go()
        for child in children:
            expect(child, "synced")
        usage = meter.sample() - before
        go()
        results = []
        for child in children:
            out, err = child.communicate(timeout=timeout)
            if child.returncode != 0:
                raise BenchmarkError(f"a studio failed:\n{err[-3000:]}{archive.log_tails()}")
            results.append(dict(json.loads(out.strip().splitlines()[-1])))
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    return results, usage


# ---------------------------------------------------------------------- the archive side
def _stat_fields(pid: int) -> list[str]:
    """``/proc/PID/stat`` after the command name (state is [0]); empty if it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _ticks(pid: int, reaped: bool = False) -> int:
    """utime + stime of a process (plus its waited-for children's with ``reaped``)."""
    fields = _stat_fields(pid)
    if not fields:
        return 0
    total = int(fields[11]) + int(fields[12])
    return total + (int(fields[13]) + int(fields[14]) if reaped else 0)


def _machine_busy_ticks() -> int:
    """Clock ticks all CPUs spent busy (neither idle nor waiting for I/O) since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(values) - values[3] - values[4]


@dataclass(frozen=True)
class Usage:
    """What the archive side (and the machine) spent: CPU seconds and per-route service time."""

    service_cpu: float = 0.0
    postgres_cpu: float = 0.0
    machine_busy: float = 0.0
    #: Seconds (monotonic clock) at the sample; the window's length after a subtraction.
    at: float = 0.0
    #: Route -> (requests, seconds inside the service), from its /metrics.
    routes: dict[str, tuple[int, float]] = field(default_factory=dict)

    def __sub__(self, before: Usage) -> Usage:
        routes = {
            route: (count - before.routes.get(route, (0, 0.0))[0],
                    seconds - before.routes.get(route, (0, 0.0))[1])
            for route, (count, seconds) in self.routes.items()
        }  # fmt: skip
        return Usage(
            self.service_cpu - before.service_cpu,
            self.postgres_cpu - before.postgres_cpu,
            self.machine_busy - before.machine_busy,
            self.at - before.at,
            {route: value for route, value in routes.items() if value[0]},
        )

    def service_ms(self, route: str) -> float:
        """Mean time a request of ``route`` spent inside the service (ms), 0 if none."""
        count, seconds = self.routes.get(f"/v1/sync/{route}", (0, 0.0))
        return 1000 * seconds / count if count else 0.0

    def params(self) -> dict[str, float | int | str]:
        """The usage as figure parameters."""
        return {
            "cpu_service_s": round(self.service_cpu, 2),
            "cpu_postgres_s": round(self.postgres_cpu, 2),
            "cpu_machine_busy_s": round(self.machine_busy, 2),
            "window_s": round(self.at, 2),
            **{f"service_ms_{r}": round(self.service_ms(r), 1) for r in ("hello", "push", "pull")},
        }

    def text(self) -> str:
        """A few words for the notes."""
        times = ", ".join(
            f"{r} {self.service_ms(r):.0f} ms"
            for r in ("hello", "push", "pull")
            if self.service_ms(r)
        )
        cpus = os.cpu_count() or 1
        return (
            f"CPU s: service {self.service_cpu:.1f}, PostgreSQL {self.postgres_cpu:.1f} (the "
            f"machine's {cpus} CPUs, every process on it, were busy {self.machine_busy:.0f} of "
            f"{cpus * self.at:.0f} CPU-s); mean time inside the service per request: {times}"
        )


def _route_metrics(base_url: str) -> dict[str, tuple[int, float]]:
    """Requests and seconds per route from a service instance's Prometheus page."""
    import httpx

    counts: dict[str, int] = {}
    seconds: dict[str, float] = {}
    for line in httpx.get(f"{base_url}/metrics", timeout=10).text.splitlines():
        match = _METRIC.match(line)
        if match is None:
            continue
        name, route, value = match.groups()
        if name == "archive_requests_total":
            counts[route] = counts.get(route, 0) + int(float(value))
        else:
            seconds[route] = seconds.get(route, 0.0) + float(value)
    return {route: (count, seconds.get(route, 0.0)) for route, count in counts.items()}


_METRIC = re.compile(
    r'^(archive_requests_total|archive_request_seconds_total)\{route="([^"]*)"[^}]*\} (\S+)$'
)


class UsageMeter:
    """Samples :class:`Usage`: the service processes, PostgreSQL and the whole machine."""

    def __init__(self, postmaster: int, servers: list[Any]) -> None:
        self._postmaster = postmaster
        self._servers = servers
        self._tick = os.sysconf("SC_CLK_TCK")

    def sample(self) -> Usage:
        """The totals so far (subtract two samples for a run's usage)."""
        service = sum(_ticks(s.process.pid) for s in self._servers if s.process)
        postgres = _ticks(self._postmaster, reaped=True)
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                fields = _stat_fields(int(entry.name))
                if fields and int(fields[1]) == self._postmaster:
                    postgres += _ticks(int(entry.name))
        routes: dict[str, tuple[int, float]] = {}
        for server in self._servers:
            for route, (count, seconds) in _route_metrics(server.base_url).items():
                before = routes.get(route, (0, 0.0))
                routes[route] = (before[0] + count, before[1] + seconds)
        return Usage(
            service / self._tick,
            postgres / self._tick,
            _machine_busy_ticks() / self._tick,
            time.monotonic(),
            routes,
        )


class Archive:
    """A PostgreSQL cluster with the archive schema and service instances, for one run."""

    def __init__(self, root: Path, profile_dir: Path | None) -> None:
        self.root = root
        self.profile_dir = profile_dir
        self.cluster: Any = None
        self.servers: list[Any] = []
        self.admin_url = ""
        self.api_url = ""

    def start(self, instances: int) -> None:
        """Start the cluster, migrate, and start ``instances`` service instances."""
        from studio_app.archive import admin
        from tests.archive.postgres import PostgresCluster, find_pg_bin

        bin_dir = find_pg_bin()
        if bin_dir is None:
            raise BenchmarkError("PostgreSQL (initdb, pg_ctl) not found: set STUDIO_PG_BIN")
        # /tmp, not a deeper temp dir: the postgres OS user must reach it when run as root.
        base = Path(tempfile.mkdtemp(prefix="vs-bench-sync-pg-", dir="/tmp"))
        self.root_pg = base
        self.cluster = PostgresCluster.start(base, bin_dir)
        if self.profile_dir is not None:
            self._track_statements()
        self.admin_url = self.cluster.create_database("archive_bench")
        if self.profile_dir is not None:
            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        admin.migrate(self.admin_url, "bench")
        self.api_url = self.cluster.url("archive_bench", user="bench_api")
        self.add_servers(instances)

    def add_servers(self, count: int) -> None:
        """Start ``count`` more service instances (side by side, then wait for each)."""
        from tests.archive.service import _free_port

        started = []
        for _ in range(count):
            server = _server_class()(self.api_url, _free_port())
            if self.profile_dir is not None:
                server.profile = self.profile_dir / f"service-{len(self.servers) + 1}.prof"
            self.servers.append(server)  # stopped by stop() even if it fails to start
            server.spawn()
            started.append(server)
        for server in started:
            server.wait_ready()

    def meter(self) -> UsageMeter:
        """A meter over the running service instances and the cluster."""
        pid_file = self.cluster.data_dir / "postmaster.pid"
        return UsageMeter(int(pid_file.read_text().split("\n", 1)[0]), list(self.servers))

    def advance_txid(self, pushes: int) -> str:
        """Burn transaction ids so that the next ``pushes`` commits cross a power of ten.

        The pull cursor is a transaction id; a real archive's history spans 999 → 1000,
        9 999 → 10 000 and so on, and a full pull must page across such a step.
        """
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            current = int(conn.execute("SELECT txid_current()").fetchone()[0])  # type: ignore[index]
            step = 10 ** len(str(current))
            target = step - max(pushes // 2, 1)
            if target - current > 20_000 or target <= current:
                return f"transaction ids at {current}: no power of ten crossed"
            for _ in range(target - current):
                conn.execute("SELECT txid_current()")
        return f"transaction ids advanced to {target}: the pushes cross {step}"

    def enrol(self, name: str, studio_id: uuid.UUID | None = None) -> str:
        from studio_app.archive import admin

        return str(admin.add_studio(self.admin_url, name, studio_id))

    def _track_statements(self) -> None:
        """Load pg_stat_statements (a restart): the profile then lists the costly SQL."""
        with psycopg.connect(self.cluster.superuser_url(), autocommit=True) as conn:
            conn.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'")
        self.cluster.restart()

    def dump_statements(self, path: Path) -> None:
        """Write the statements that took PostgreSQL the longest (profile mode only)."""
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT calls, total_exec_time, rows, query FROM pg_stat_statements"
                " ORDER BY total_exec_time DESC LIMIT 30"
            ).fetchall()
        lines = [f"{'calls':>7} {'total ms':>10} {'ms/call':>8} {'rows':>8}  query"]
        for calls, total, count, query in rows:
            text = " ".join(str(query).split())[:300]
            lines.append(f"{calls:>7} {total:>10.1f} {total / calls:>8.2f} {count:>8}  {text}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def log_tails(self) -> str:
        """The end of every service instance's log, for an error message."""
        return "".join(
            f"\n--- service {n + 1} log:\n{server.log_text()[-1500:]}"
            for n, server in enumerate(self.servers)
        )

    def stop(self) -> None:
        if self.profile_dir is not None and self.admin_url:
            try:
                self.dump_statements(self.profile_dir / "postgres-statements.txt")
            except psycopg.Error as error:
                print(f"[bench] sync: no statement statistics: {error}", file=sys.stderr)
        for server in self.servers:
            server.stop()
        if self.cluster is not None:
            self.cluster.stop()
            shutil.rmtree(self.root_pg, ignore_errors=True)


@functools.cache
def _server_class() -> type:
    from tests.archive.service import ArchiveServer

    class Server(ArchiveServer):
        """``studio-archive serve`` with the default pool size, optionally under cProfile."""

        profile: Path | None = None

        def launch(self) -> None:
            self.spawn()
            self.wait_ready()

        def spawn(self) -> None:
            handle, name = tempfile.mkstemp(prefix="vs-bench-archive-", suffix=".log")
            os.close(handle)
            self.log_path = Path(name)
            runner = [sys.executable]
            if self.profile is not None:
                runner += ["-m", "cProfile", "-o", str(self.profile)]
            self.process = subprocess.Popen(
                [*runner, "-m", "studio_app.archive", "--database", self.database_url,
                 "serve", "--port", str(self.port), "--pool-size", str(POOL_SIZE),
                 "--log-level", "warning"],
                cwd=REPO_ROOT,
                stdout=subprocess.DEVNULL,
                stderr=open(self.log_path, "wb"),  # noqa: SIM115 - the child owns it
            )  # fmt: skip

        def wait_ready(self) -> None:
            import httpx

            assert self.process is not None
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise BenchmarkError(f"archive service exited:\n{self.log_text()[-3000:]}")
                try:
                    if httpx.get(f"{self.base_url}/health", timeout=1).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                time.sleep(0.05)
            self.stop()
            raise BenchmarkError(f"archive service did not start:\n{self.log_text()[-3000:]}")

        def stop(self, *, kill: bool = False) -> None:
            if self.profile is not None and self.process and self.process.poll() is None:
                # uvicorn re-raises SIGTERM after its shutdown, killing cProfile before it
                # writes; SIGINT ends as KeyboardInterrupt, which lets it write.
                self.process.send_signal(signal.SIGINT)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.process.wait(timeout=30)
            super().stop(kill=kill)
            if self.log_path is not None:
                self.log_path.unlink(missing_ok=True)

    return Server


# ---------------------------------------------------------------------- measurements
def _phase_text(phases: dict[str, float], unit: str = "s") -> str:
    scale = 1000 if unit == "ms" else 1
    return ", ".join(f"{name} {value * scale:.{0 if unit == 'ms' else 1}f} {unit}"
                     for name, value in phases.items() if name != "start")  # fmt: skip


def _initial(
    archive: Archive, root: Path, size: Size, runs: int, failures: list[str]
) -> tuple[list[Figure], dict]:
    print("[bench] sync: seeding the big studio ...", file=sys.stderr)
    started = time.perf_counter()
    data_dir = root / "big"
    seeded = seed_store(data_dir, "青山镇演播室", size)
    print(
        f"[bench] sync: seeded {seeded['rows']} rows in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    credential = archive.enrol("青山镇演播室")
    crossing = archive.advance_txid(-(-seeded["rows"] // PUSH_CHUNK))
    spec: dict[str, Any] = {
        "mode": "initial",
        "data_dir": str(data_dir),
        "url": archive.servers[0].base_url,
        "credential": credential,
        "incremental": runs,
        "question_id": seeded["question_id"],
    }
    if archive.profile_dir is not None:
        spec["profile_dir"] = str(archive.profile_dir)
    print("[bench] sync: initial sync ...", file=sys.stderr)
    [result], usage = _run_children([spec], archive)
    failures += [f"initial: {text}" for text in result["failures"]]
    if result["pending_after"] or result["rejected"] or result["pushed"] != seeded["rows"]:
        raise BenchmarkError(f"initial sync left rows behind: {result} vs {seeded}")
    shape = (
        f"{size.sessions} shows, {seeded['questions']} questions, {seeded['answers']} answers, "
        f"{seeded['follow_ups']} follow-ups, {seeded['events']} events"
    )
    figures = [
        Figure.of(
            "sync.initial.time", "s", [result["seconds"]], "max", INITIAL_TARGET,
            f"{shape}: {result['pushed']} rows pushed, then every one pulled back (already "
            f"held: report.pulled = {result['pulled']}); phases {_phase_text(result['phases'])}"
            f"; {usage.text()}",
            pushed=result["pushed"], pulled=result["pulled"],
            **{f"phase_{k}_s": round(v, 3) for k, v in result["phases"].items()},
            **usage.params(),
        ),
        Figure.of("sync.initial.requests", "requests", [result["requests"]], "max",
                  note=f"one hello, {PUSH_CHUNK}-row pushes, {PULL_PAGE}-row pull pages"),
        Figure.of("sync.initial.push_rows_per_s", "rows/s",
                  [result["pushed"] / result["seconds"]], "max",
                  note="rows pushed over the whole sync() (its pull included)"),
        Figure.of(
            "sync.initial.memory", "MB", [result["peak_mb"]], "max", MEMORY_TARGET,
            "peak RSS of the studio process above its RSS before the sync",
            rss_before_mb=round(result["rss_before_mb"], 1),
        ),
        Figure.of("sync.initial.cpu_studio", "s", [result["cpu"]], "max",
                  note="CPU seconds of the studio process (all threads) during sync()"),
        Figure.of("sync.initial.cpu_service", "s", [usage.service_cpu], "max",
                  note="CPU seconds of the studio-archive serve process"),
        Figure.of("sync.initial.cpu_postgres", "s", [usage.postgres_cpu], "max",
                  note="CPU seconds of PostgreSQL (postmaster, backends, background workers)"),
    ]  # fmt: skip
    if runs:
        incremental = result["incremental"]
        if any(r["pushed"] != 1 for r in incremental):
            raise BenchmarkError(f"an incremental sync did not push one row: {incremental}")
        last = incremental[-1]
        figures.append(
            Figure.of(
                "sync.incremental.time", "ms", [r["seconds"] * 1000 for r in incremental],
                "minmax", INCREMENTAL_TARGET,
                f"one question edited, then sync() on the {seeded['rows']}-row store: "
                f"{last['requests']} requests (hello, push, pull); phases of the last: "
                f"{_phase_text(last['phases'], 'ms')}",
                requests=last["requests"],
            )
        )  # fmt: skip
    return figures, {"studio_id": seeded["studio_id"], "rows": seeded["rows"], "txid": crossing}


def _restore(
    archive: Archive, root: Path, big: dict[str, Any], failures: list[str]
) -> list[Figure]:
    data_dir = root / "restored"
    studio_id = uuid.UUID(big["studio_id"])
    seed_store(data_dir, "青山镇演播室", FULL, studio_id=studio_id)
    credential = archive.enrol("青山镇演播室 (second PC)", studio_id)
    print("[bench] sync: restore (pull-only) ...", file=sys.stderr)
    spec = {
        "mode": "restore",
        "data_dir": str(data_dir),
        "url": archive.servers[0].base_url,
        "credential": credential,
    }
    [result], usage = _run_children([spec], archive)
    failures += [f"restore: {text}" for text in result["failures"]]
    missing = big["rows"] - result["pulled"]
    note = (
        "emulated second device (the app has no restore flow: a fresh store is given the "
        f"studio's id) pulls the whole record, {result['pulled']} rows; phases "
        f"{_phase_text(result['phases'])}; {usage.text()}"
    )
    return [
        Figure.of(
            "sync.restore.time", "s", [result["seconds"]], "max", INITIAL_TARGET, note,
            pulled=result["pulled"], requests=result["requests"],
            cpu_studio_s=round(result["cpu"], 2), **usage.params(),
        ),
        Figure.of("sync.restore.rows_per_s", "rows/s", [result["pulled"] / result["seconds"]],
                  "max"),
        Figure.of("sync.restore.memory", "MB", [result["peak_mb"]], "max", MEMORY_TARGET),
        Figure.of(
            "sync.restore.rows_missing", "rows", [missing], "max", MISSING_TARGET,
            f"rows pushed by the first PC that the second never received ({big['txid']})",
        ),
    ]  # fmt: skip


def _concurrent(
    archive: Archive,
    root: Path,
    label: str,
    studios: int,
    size: Size,
    instances: int,
    failures: list[str],
) -> list[Figure]:
    print(f"[bench] sync: seeding {studios} small studios ({label}) ...", file=sys.stderr)
    if len(archive.servers) < instances:
        archive.add_servers(instances - len(archive.servers))
    specs = []
    expected = 0
    for n in range(studios):
        data_dir = root / f"{label}-{n}"
        seeded = seed_store(data_dir, f"第{n + 1}镇演播室", size)
        expected += seeded["rows"]
        specs.append(
            {
                "mode": "concurrent",
                "data_dir": str(data_dir),
                "url": archive.servers[n % instances].base_url,
                "credential": archive.enrol(f"{label} 第{n + 1}镇演播室"),
            }
        )
    print(f"[bench] sync: {studios} studios syncing at once ({label}) ...", file=sys.stderr)
    results, usage = _run_children(specs, archive, timeout=600)
    failures += [f"{label}: {text}" for r in results for text in r["failures"]]
    pushed = sum(r["pushed"] for r in results)
    if pushed != expected or any(r["pending_after"] or r["rejected"] for r in results):
        raise BenchmarkError(f"the studios pushed {pushed} of {expected} rows")
    wall = max(r["end"] for r in results) - min(r["start"] for r in results)
    requests = sum(r["requests"] for r in results)
    studio_cpu = sum(r["cpu"] for r in results)
    name = f"sync.concurrent_{studios}.{label}"
    shape = f"{studios} studios of {size.sessions} shows × {size.questions} questions"
    servers = "1 service instance" if instances == 1 else f"{instances} service instances"
    return [
        Figure.of(
            f"{name}.all_done", "s", [wall], "max", CONCURRENT_TARGET,
            f"{shape} ({pushed} rows), {servers} (pool {POOL_SIZE} each), on this machine with "
            f"the studios at nice {CLIENT_NICE}: first start to last finish; studios' CPU "
            f"{studio_cpu:.1f} s; {usage.text()}",
            rows=pushed, requests=requests, cpu_studios_s=round(studio_cpu, 2),
            **usage.params(),
        ),
        Figure.of(f"{name}.per_studio", "s", [r["seconds"] for r in results], "p95",
                  note="each studio's sync() wall time; median = p50"),
        Figure.of(f"{name}.push_rows_per_s", "rows/s", [pushed / wall], "max",
                  note="rows pushed by all studios over the wall time"),
        Figure.of(f"{name}.requests_per_s", "req/s", [requests / wall], "max"),
    ]  # fmt: skip


def run(quick: bool) -> list[Figure]:
    """Start PostgreSQL and the service, seed studios, sync them; return the figures."""
    profile = os.environ.get(PROFILE_ENV)
    profile_dir = Path(profile).resolve() if profile else None
    if profile_dir is not None:
        profile_dir.mkdir(parents=True, exist_ok=True)
    size, small = (QUICK, QUICK_SMALL) if quick else (FULL, SMALL)
    studios = QUICK_STUDIOS if quick else STUDIOS
    runs = 2 if quick else INCREMENTAL_RUNS
    figures: list[Figure] = []
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="vs-bench-sync-") as tmp:
        root = Path(tmp)
        archive = Archive(root, profile_dir)
        try:
            print("[bench] sync: starting PostgreSQL and the archive service ...", file=sys.stderr)
            try:
                archive.start(instances=2)
            except RuntimeError as error:
                raise BenchmarkError(str(error)) from error
            found, big = _initial(archive, root, size, runs, failures)
            figures += found
            figures += _restore(archive, root, big, failures)
            figures += _concurrent(archive, root, "1_instance", studios, small, 1, failures)
            figures += _concurrent(archive, root, "2_instances", studios, small, 2, failures)
        finally:
            archive.stop()
    shown = "; ".join(failures[:5]) + (f"; and {len(failures) - 5} more" if failures[5:] else "")
    figures.append(
        Figure.of(
            "sync.failed_syncs", "syncs", [len(failures)], "max", FAILURE_TARGET,
            f"sync() calls that raised (each was tried once more): {shown or 'none'}",
        )
    )  # fmt: skip
    return figures


if __name__ == "__main__":
    _child(json.loads(sys.argv[1]))
