"""Fuzzing the running archive service: never a 5xx, never a row it should not have written.

The service's own OpenAPI description drives schemathesis (positive and negative cases of
every operation); a second, hand-made hypothesis strategy sends well-formed pushes with
typed but hostile cell values, which the OpenAPI schema (rows are free-form objects) cannot
describe. Both run as ordinary ``@given`` functions inside one test each, so they share the
test's ``archive`` fixture (a schemathesis ``@schema.parametrize()`` test would need the
schema at import time, before the service exists). Runs are derandomized: reproducible in CI.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import psycopg
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import APIOperation, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok

from studio_app.archive import admin
from studio_app.domain.sync import (
    COUNTY_STUDIO_ID,
    PROTOCOL_VERSION,
    TABLES_BY_NAME,
    WIRE_TABLES,
    Column,
    ColumnType,
)
from tests.archive.conftest import Archive
from tests.archive.test_api import TIMEOUT, Studio, one_of_each, wire_row

#: Cases per operation and mode; more for the valid bodies, where the deep paths are.
EXAMPLES = 30
BODY_EXAMPLES = 150
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # a failure is reported as found, unshrunk
    suppress_health_check=list(HealthCheck),
)


class World:
    """A fuzzing studio, a victim studio with rows everywhere, a department with a follow-up."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.fuzzer = Studio.enrol(archive, "青山镇")
        self.victim = Studio.enrol(archive, "绿水村")
        self.department_id, credential = admin.add_department(archive.admin_url, "县交通运输局")
        self.department_headers = {"Authorization": f"Bearer {credential}"}
        rows = one_of_each(self.victim.studio_id, "绿水村的数据")
        rows["follow_up"][0]["lead_department_id"] = str(self.department_id)
        rows["follow_up_event"][0]["follow_up_id"] = rows["follow_up"][0]["id"]
        self.victim.push_ok(rows)
        self.victim_ids = {table: [r["id"] for r in rs] for table, rs in rows.items()}
        self.before = self.snapshot()

    def snapshot(self) -> dict[str, Any]:
        """Everything the fuzzer must not change: others' rows and every account."""
        with psycopg.connect(self.archive.admin_url) as conn:
            rows = {
                wire.name: conn.execute(
                    f"SELECT to_jsonb(t) FROM archive.{wire.name} t"
                    " WHERE studio_id <> %s ORDER BY id",
                    (self.fuzzer.studio_id,),
                ).fetchall()
                for wire in WIRE_TABLES
            }
            rows["account"] = conn.execute(
                "SELECT id, kind, name, db_role, secret_hash, studio_id, revoked_at"
                " FROM archive.account ORDER BY id"
            ).fetchall()
            rows["account_department"] = conn.execute(
                "SELECT * FROM archive.account_department ORDER BY 1, 2"
            ).fetchall()
        return rows

    def check_nothing_foreign_written(self) -> None:
        assert self.snapshot() == self.before
        allowed = {str(self.fuzzer.studio_id), str(self.victim.studio_id), str(COUNTY_STUDIO_ID)}
        with psycopg.connect(self.archive.admin_url) as conn:
            for wire in WIRE_TABLES:
                owners = {
                    str(r[0])
                    for r in conn.execute(f"SELECT DISTINCT studio_id FROM archive.{wire.name}")
                }
                assert owners <= allowed, wire.name
            # The fuzzer's studio row, if any, is its own studio.
            studio_rows = conn.execute(
                "SELECT id FROM archive.studio WHERE studio_id = %s", (self.fuzzer.studio_id,)
            ).fetchall()
            assert studio_rows in ([], [(self.fuzzer.studio_id,)])
        # The victim and the department still read exactly their data.
        pulled = self.victim.pull_all()
        for table, row_ids in self.victim_ids.items():
            assert set(row_ids) <= set(pulled[table])
        owners = {r["studio_id"] for rs in pulled.values() for r in rs.values()}
        assert owners <= {str(self.victim.studio_id), str(COUNTY_STUDIO_ID)}
        response = httpx.get(
            f"{self.archive.base_url}/v1/department/follow-ups",
            headers=self.department_headers,
            timeout=TIMEOUT,
        )
        assert response.status_code == 200
        shown = response.json()
        assert [f["id"] for f in shown] == self.victim_ids["follow_up"]
        assert [e["id"] for e in shown[0]["events"]] == self.victim_ids["follow_up_event"]


def _steer(world: World, path: str, case: Any, steer: bool) -> Any:
    """Get half the positive cases past the protocol and studio checks, to reach deeper."""
    if steer and isinstance(case.body, dict):
        if "protocol" in case.body:
            case.body["protocol"] = PROTOCOL_VERSION
        if path == "/v1/sync/hello":
            case.body["studio_id"] = str(world.fuzzer.studio_id)
    return case


def _fuzz(
    world: World, operation: APIOperation[Any, Any, Any, Any], mode: GenerationMode
) -> set[int]:
    """Send generated cases of ``operation`` as the fuzzing studio; return the statuses seen."""
    cases: st.SearchStrategy[Any] = operation.as_strategy(generation_mode=mode)
    if mode is GenerationMode.POSITIVE:

        def steer(pair: tuple[Any, bool]) -> Any:
            return _steer(world, operation.path, *pair)

        cases = st.tuples(cases, st.booleans()).map(steer)
    deep = mode is GenerationMode.POSITIVE and bool(operation.body)
    statuses: set[int] = set()

    @settings(FUZZ_SETTINGS, max_examples=BODY_EXAMPLES if deep else EXAMPLES)
    @given(case=cases)
    def fuzz(case: Any) -> None:
        response = case.call(
            base_url=world.archive.base_url, headers=world.fuzzer.headers, timeout=TIMEOUT
        )
        statuses.add(response.status_code)
        case.validate_response(response, checks=[not_a_server_error])

    fuzz()
    return statuses


def test_schemathesis_finds_no_server_error_and_no_foreign_write(archive: Archive) -> None:
    world = World(archive)
    schema = schemathesis.openapi.from_url(f"{archive.base_url}/openapi.json", timeout=TIMEOUT)
    operations: list[APIOperation[Any, Any, Any, Any]] = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        operations.append(result.ok())
    paths = {(op.method.upper(), op.path) for op in operations}
    assert {
        ("POST", "/v1/sync/hello"),
        ("POST", "/v1/sync/push"),
        ("GET", "/v1/sync/pull"),
        ("GET", "/v1/department/follow-ups"),
        ("POST", "/v1/department/follow-ups/{follow_up_id}/events"),
    } <= paths
    statuses: dict[str, set[int]] = {}
    for operation in operations:
        label = f"{operation.method.upper()} {operation.path}"
        has_inputs = bool(operation.body) or any(True for _ in operation.iter_parameters())
        statuses[label] = _fuzz(world, operation, GenerationMode.POSITIVE)
        if has_inputs:  # an operation without inputs has no invalid request to make
            statuses[label] |= _fuzz(world, operation, GenerationMode.NEGATIVE)
    # The fuzzing got somewhere: pushes were answered per row, not only refused wholesale.
    assert 200 in statuses["POST /v1/sync/push"], statuses
    assert 200 in statuses["POST /v1/sync/hello"], statuses
    assert all(s < 500 for found in statuses.values() for s in found), statuses
    world.check_nothing_foreign_written()
    assert "Traceback" not in archive.servers[0].log_text()


# ---------------------------------------------------------------------- typed pushes
_TEXT = st.text(max_size=20) | st.sampled_from(["", "\x00", "a\x00", "\ud800", "村" * 5])
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=8,
)
_WHEN = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)).flatmap(
    lambda moment: st.integers(-24 * 60 + 1, 24 * 60 - 1).map(
        lambda minutes: moment.replace(tzinfo=timezone(timedelta(minutes=minutes))).isoformat()
    )
)
_VALUES: dict[ColumnType, st.SearchStrategy[Any]] = {
    ColumnType.UUID: st.uuids().map(str)
    | st.uuids().map(lambda u: "{" + str(u).upper() + "}")
    | st.uuids().map(lambda u: u.urn)
    | st.uuids().map(lambda u: u.hex),
    ColumnType.INT: st.integers(-(2**63), 2**63 - 1) | st.integers(2**63, 2**70),
    ColumnType.BOOL: st.booleans(),
    ColumnType.TEXT: _TEXT,
    ColumnType.DATETIME: _WHEN | st.datetimes().map(datetime.isoformat),
    ColumnType.DATE: st.dates().map(lambda d: d.isoformat()) | st.just("2024-W01-1"),
    ColumnType.JSON: _JSON,
}
_ANYTHING: st.SearchStrategy[Any] = (
    st.none() | st.booleans() | st.integers() | st.floats() | _TEXT | st.just([])
)


def _cell(column: Column) -> st.SearchStrategy[Any]:
    typed = _VALUES[column.type]
    if column.nullable:
        typed = typed | st.none()
    return st.one_of(typed, typed, typed, _ANYTHING)


@st.composite
def _push_rows(draw: st.DrawFn, world: World) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {}
    for _ in range(draw(st.integers(1, 6))):
        table = draw(st.sampled_from([w.name for w in WIRE_TABLES]))
        wire = TABLES_BY_NAME[table]
        row = wire_row(table, world.fuzzer.studio_id)
        for column in wire.columns[2:]:  # keep id and studio_id sane by default
            if draw(st.integers(0, 3)) == 0:
                row[column.name] = draw(_cell(column))
        if draw(st.integers(0, 7)) == 0:  # a column missing
            del row[draw(st.sampled_from(wire.column_names))]
        owner = draw(
            st.sampled_from(
                [world.fuzzer.studio_id] * 6
                + [world.victim.studio_id, COUNTY_STUDIO_ID, uuid.UUID(int=1)]
            )
        )
        row["studio_id"] = str(owner)
        if table == "studio":
            row["id"] = str(owner)
        elif draw(st.integers(0, 4)) == 0:  # collide with the victim's row of that table
            row["id"] = world.victim_ids[table][0]
        if draw(st.integers(0, 9)) == 0:
            row[draw(_TEXT)] = draw(_ANYTHING)
        rows.setdefault(table, []).append(row)
    return rows


def test_typed_row_fuzzing_stores_only_the_callers_valid_rows(archive: Archive) -> None:
    world = World(archive)
    outcomes: set[tuple[str, str | None]] = set()

    @settings(FUZZ_SETTINGS, max_examples=80)
    @given(rows=_push_rows(world))
    def fuzz(rows: dict[str, list[dict[str, Any]]]) -> None:
        # Not httpx's json=: it refuses NaN and lone surrogates, which JSON can still carry.
        response = httpx.post(
            f"{archive.base_url}/v1/sync/push",
            content=json.dumps(world.fuzzer.push_body(rows)),
            headers={**world.fuzzer.headers, "Content-Type": "application/json"},
            timeout=TIMEOUT,
        )
        assert response.status_code == 200, response.text
        results = response.json()["results"]
        assert len(results) == sum(len(r) for r in rows.values())
        with psycopg.connect(archive.admin_url) as conn:
            for result in results:
                outcomes.add((result["outcome"], result["reason"]))
                if result["outcome"] != "applied":
                    continue
                stored = conn.execute(
                    f"SELECT studio_id, hlc FROM archive.{result['table']} WHERE id = %s",
                    (result["id"],),
                ).fetchone()
                assert stored is not None, result
                assert stored[0] == world.fuzzer.studio_id, result
                assert stored[1] >= result["hlc"], result

    fuzz()
    assert {("applied", None), ("rejected", "invalid"), ("rejected", "not_yours")} <= outcomes
    assert ("rejected", "conflict") in outcomes
    world.check_nothing_foreign_written()
    assert "Traceback" not in archive.servers[0].log_text()
