"""The benchmark runner works end to end: it measures, prints and writes JSON.

Only the shape of the output is checked, never a speed: timings belong in the benchmark's
table, not in a test that a slow CI machine could fail.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

STORAGE_FIGURES = {
    "storage.single_commit.repo",
    "storage.single_commit.repo_latency",
    "storage.single_commit.raw_sqlite",
    "storage.single_commit.raw_sqlite_latency",
    "storage.single_commit.repo_vs_raw",
    "storage.batch_500.repo",
    "storage.list_10k.repo",
}


@pytest.mark.slow
def test_quick_storage_benchmark_writes_its_figures(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench", "--quick", "--only", "storage", "--json", str(out)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for name in STORAGE_FIGURES:
        assert name in result.stdout  # the table was printed

    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["quick"] is True
    figures = {f["name"]: f for f in document["figures"]}
    assert set(figures) == STORAGE_FIGURES
    for name, figure in figures.items():
        assert figure["n"] > 0, name
        for key in ("median", "min", "max", "p95", "p99"):
            value = figure[key]
            assert isinstance(value, int | float), (name, key)
            assert math.isfinite(value), (name, key)
            assert value > 0, (name, key)
        assert figure["min"] <= figure["median"] <= figure["max"], name
        assert figure["target"] is None, name  # storage has no targets, only a note
