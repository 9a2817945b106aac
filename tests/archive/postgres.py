"""A throwaway PostgreSQL cluster for tests: temp dir, loopback port, root-safe via runuser."""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
from psycopg import sql

#: Points at a PostgreSQL ``bin`` directory (with ``initdb`` and ``pg_ctl``) to use instead.
PG_BIN_ENV = "STUDIO_PG_BIN"
#: The OS user that runs the cluster when the tests run as root (Debian's package creates it).
PG_OS_USER = "postgres"
#: The cluster's superuser role; with ``--auth=trust`` it needs no password.
SUPERUSER = "postgres"
HOST = "127.0.0.1"

_REQUIRED_TOOLS = ("initdb", "pg_ctl")
_COMMAND_TIMEOUT = 60.0
_PORT_ATTEMPTS = 3
_SERVER_SETTINGS = {
    # Durability is pointless for a throwaway cluster and costs time.
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
}


def _has_tools(directory: Path) -> bool:
    return all(os.access(directory / tool, os.X_OK) for tool in _REQUIRED_TOOLS)


def _version_key(directory: Path) -> tuple[int, ...]:
    # /usr/lib/postgresql/<version>/bin: "15" -> (15,), "9.6" -> (9, 6).
    return tuple(int(part) for part in re.findall(r"\d+", directory.parent.name))


def find_pg_bin() -> Path | None:
    """The directory with PostgreSQL's server programs (``initdb``, ``pg_ctl``), or None.

    ``$STUDIO_PG_BIN`` wins (a RuntimeError if it lacks the programs: an explicit setting
    must not turn into a silent skip); then the newest ``/usr/lib/postgresql/*/bin`` (Debian);
    then ``pg_config --bindir``.
    """
    override = os.environ.get(PG_BIN_ENV)
    if override:
        directory = Path(override)
        if not _has_tools(directory):
            raise RuntimeError(f"{PG_BIN_ENV}={override} has no executable initdb and pg_ctl")
        return directory
    candidates = [d for d in Path("/usr/lib/postgresql").glob("*/bin") if _has_tools(d)]
    if candidates:
        return max(candidates, key=_version_key)
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=True
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None
        if out and _has_tools(Path(out)):
            return Path(out)
    return None


def _free_port() -> int:
    """A loopback TCP port nothing is bound to right now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _clean_env() -> dict[str, str]:
    # PGDATA, PGPORT, PGHOST... from the developer's shell must not steer the tools.
    return {k: v for k, v in os.environ.items() if not k.startswith("PG")}


@dataclass(frozen=True)
class PgDatabase:
    """A database of the test cluster, as the ``pg_database`` fixture hands it out.

    Attributes:
        url: A superuser URL for this database.
        name: The database's name.
        role_prefix: Name every role the test creates ``<role_prefix>_something``: roles are
            cluster-wide, so this keeps tests apart, and the fixture drops those roles after
            the test.
        cluster: The cluster it lives in.
    """

    url: str
    name: str
    role_prefix: str
    cluster: PostgresCluster

    def url_as(self, role: str, password: str | None = None) -> str:
        """A URL for this database, logged in as ``role`` (trust auth ignores ``password``)."""
        return self.cluster.url(self.name, user=role, password=password)


class PostgresCluster:
    """A private PostgreSQL cluster in ``base_dir``, listening on 127.0.0.1 only.

    Authentication is ``trust``: any role may log in without a password. Roles are
    cluster-wide, unlike tables: tests sharing one cluster must give their roles a prefix of
    their own (the ``pg_database`` fixture hands one out) or they will collide.

    When the process runs as root, ``initdb`` and ``pg_ctl`` (which refuse root) run as the
    ``postgres`` OS user through ``runuser``, and ``base_dir`` is handed to that user; every
    parent directory of ``base_dir`` must then be searchable by it (``/tmp`` is, pytest's
    ``/tmp/pytest-of-root`` is not).
    """

    def __init__(self, bin_dir: Path, base_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.base_dir = base_dir
        self.data_dir = base_dir / "data"
        self.socket_dir = base_dir
        self._port = 0
        self._running = False
        self._as_postgres = os.geteuid() == 0

    # ------------------------------------------------------------------ life cycle

    @classmethod
    def start(cls, base_dir: Path, bin_dir: Path | None = None) -> PostgresCluster:
        """Create (initdb) and start a fresh cluster in the existing, empty ``base_dir``.

        Raises:
            RuntimeError: No PostgreSQL found, or initdb or the server failed (with the tail
                of the server log). A postmaster that got started is stopped first.
        """
        bin_dir = bin_dir or find_pg_bin()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL server programs (initdb, pg_ctl) not found")
        cluster = cls(bin_dir, Path(base_dir).resolve())
        cluster._prepare_base_dir()
        cluster._initdb()
        for attempt in range(1, _PORT_ATTEMPTS + 1):
            try:
                cluster._start_server(_free_port())
                return cluster
            except RuntimeError as error:
                # Another process may have taken the port between probe and bind: try another.
                if "could not bind" not in str(error) or attempt == _PORT_ATTEMPTS:
                    raise
        raise AssertionError("unreachable")

    def stop(self) -> None:
        """Stop the server (fast shutdown); kill the postmaster if pg_ctl fails. Idempotent."""
        if not self._running:
            return
        self._running = False
        result = self._run_tool(
            "pg_ctl", "stop", "-D", str(self.data_dir), "-m", "fast", "-w", "-t", "30", check=False
        )
        if result.returncode != 0 or self._postmaster_pid() is not None:
            self._kill_postmaster()

    def restart(self) -> None:
        """Stop and start the server again on the same port; the data stays."""
        port = self._port
        self.stop()
        self._start_server(port)

    # ------------------------------------------------------------------ addresses

    @property
    def host(self) -> str:
        """The loopback address the server listens on."""
        return HOST

    @property
    def port(self) -> int:
        """The server's TCP port."""
        return self._port

    @property
    def log_path(self) -> Path:
        """The server log (pg_ctl ``-l``)."""
        return self.base_dir / "server.log"

    @property
    def running(self) -> bool:
        """Whether the server was started and not stopped since."""
        return self._running

    def url(
        self, dbname: str = "postgres", user: str = SUPERUSER, password: str | None = None
    ) -> str:
        """A ``postgresql://`` URL for ``dbname`` on this cluster, logged in as ``user``."""
        auth = quote(user, safe="")
        if password is not None:
            auth += ":" + quote(password, safe="")
        return f"postgresql://{auth}@{HOST}:{self._port}/{quote(dbname, safe='')}"

    def superuser_url(self, dbname: str = "postgres") -> str:
        """A URL for ``dbname`` logged in as the superuser ``postgres``."""
        return self.url(dbname)

    # ------------------------------------------------------------------ databases

    def create_database(self, name: str) -> str:
        """Create the database ``name`` (UTF-8); return its superuser URL."""
        with psycopg.connect(self.superuser_url(), autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.superuser_url(name)

    def drop_database(self, name: str) -> None:
        """Drop the database ``name`` if it exists, closing any connections to it."""
        with psycopg.connect(self.superuser_url(), autocommit=True, connect_timeout=10) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    # ------------------------------------------------------------------ internals

    def _prepare_base_dir(self) -> None:
        if not self.base_dir.is_dir():
            raise RuntimeError(f"{self.base_dir} is not a directory")
        if not self._as_postgres:
            return
        try:
            user = pwd.getpwnam(PG_OS_USER)
        except KeyError:
            raise RuntimeError(
                f"running as root needs an OS user {PG_OS_USER!r} to run initdb and the server "
                "(Debian's postgresql package creates it)"
            ) from None
        os.chown(self.base_dir, user.pw_uid, user.pw_gid)
        os.chmod(self.base_dir, 0o700)
        probe = subprocess.run(
            ["runuser", "-u", PG_OS_USER, "--", "test", "-w", str(self.base_dir)],
            capture_output=True,
            timeout=_COMMAND_TIMEOUT,
        )
        if probe.returncode != 0:
            raise RuntimeError(
                f"the {PG_OS_USER!r} OS user cannot write {self.base_dir}: is every parent "
                "directory searchable by it? (use a directory under /tmp)"
            )

    def _command(self, tool: str, *args: str) -> list[str]:
        command = [str(self.bin_dir / tool), *args]
        if self._as_postgres:
            command = ["runuser", "-u", PG_OS_USER, "--", *command]
        return command

    def _run_tool(
        self, tool: str, *args: str, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            self._command(tool, *args),
            cwd=self.base_dir,  # root's cwd may be unreadable for the postgres user
            env=_clean_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=_COMMAND_TIMEOUT,
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{tool} {' '.join(args[:1])} failed (exit {result.returncode}):\n"
                f"{result.stdout}{result.stderr}"
            )
        return result

    def _initdb(self) -> None:
        common = ["-D", str(self.data_dir), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8"]
        common += ["--no-sync", "--no-instructions"]
        result = self._run_tool("initdb", *common, "--locale=C.UTF-8", check=False)
        if result.returncode != 0:
            # No C.UTF-8 locale (old glibc, musl): C works with any encoding.
            shutil.rmtree(self.data_dir, ignore_errors=True)
            first_output = result.stdout + result.stderr
            result = self._run_tool("initdb", *common, "--locale=C", check=False)
            if result.returncode != 0:
                raise RuntimeError(
                    f"initdb failed (exit {result.returncode}):\n{first_output}\n"
                    f"{result.stdout}{result.stderr}"
                )

    def _start_server(self, port: int) -> None:
        settings = {
            "listen_addresses": HOST,
            "port": str(port),
            "unix_socket_directories": str(self.socket_dir),
            **_SERVER_SETTINGS,
        }
        # pg_ctl hands -o to /bin/sh: quote each value.
        options = " ".join(f"-c {shlex.quote(f'{k}={v}')}" for k, v in settings.items())
        self._port = port
        log_start = self.log_path.stat().st_size if self.log_path.exists() else 0
        self._running = True  # from here on a postmaster may exist: stop() must act
        try:
            result = self._run_tool(
                "pg_ctl", "start", "-D", str(self.data_dir), "-l", str(self.log_path),
                "-w", "-t", "30", "-o", options,
                check=False,
            )  # fmt: skip
            if result.returncode != 0:
                raise RuntimeError(
                    f"PostgreSQL did not start (pg_ctl exit {result.returncode}):\n"
                    f"{result.stdout}{result.stderr}\n"
                    f"--- tail of {self.log_path}:\n{self._log_tail(log_start)}"
                )
            with psycopg.connect(self.superuser_url(), connect_timeout=10) as conn:
                conn.execute("SELECT 1")
        except BaseException:
            self.stop()
            raise

    def _log_tail(self, start: int = 0, lines: int = 30) -> str:
        try:
            with self.log_path.open("rb") as log:
                log.seek(start)
                text = log.read().decode("utf-8", "replace")
        except OSError as error:
            return f"(no log: {error})"
        return "\n".join(text.splitlines()[-lines:])

    def _postmaster_pid(self) -> int | None:
        try:
            first_line = (self.data_dir / "postmaster.pid").read_text().split("\n", 1)[0]
            pid = int(first_line.strip())
        except (OSError, ValueError):
            return None
        try:
            # A stale pid file must not make us kill an unrelated process.
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return None
        return pid if b"postgres" in cmdline else None

    def _kill_postmaster(self) -> None:
        pid = self._postmaster_pid()
        if pid is None:
            return
        for sig, wait in ((signal.SIGINT, 10.0), (signal.SIGKILL, 5.0)):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                if not _alive(pid):
                    return
                time.sleep(0.05)


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    # A zombie (state Z) has exited; it waits only for its parent to reap it.
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"
