"""Run the benchmarks and print their figures: ``python -m tests.bench [--quick] ...``.

Run from the repository root. Progress goes to stderr; the table and notes to stdout.
The exit code is 0 whether targets PASS or MISS (timings are reported, never asserted);
it is 1 if a benchmark could not measure.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from tests.bench.figures import BenchmarkError, Figure, render_notes, render_table

#: Benchmark name (for ``--only``) -> module with ``run(quick: bool) -> list[Figure]``.
BENCHMARKS: dict[str, str] = {
    "startup": "tests.bench.bench_startup",
    "storage": "tests.bench.bench_storage",
    "obs": "tests.bench.bench_obs",
    "questions_text": "tests.bench.bench_questions_text",
    "questions": "tests.bench.bench_questions",
    "overlay": "tests.bench.bench_overlay",
    "record": "tests.bench.bench_record",
    "followups": "tests.bench.bench_followups",
    "export": "tests.bench.bench_export",
    "sync": "tests.bench.bench_sync",
}


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``python -m tests.bench``."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench", description="Village Studio benchmarks."
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer repetitions (a smoke test, not figures)"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write figures as JSON")
    parser.add_argument(
        "--only", choices=sorted(BENCHMARKS), metavar="NAME", help="run one benchmark: %(choices)s"
    )
    return parser


def environment() -> dict[str, str | int | None]:
    """What the figures were measured on."""
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "sqlite": sqlite3.sqlite_version,
    }


def run_benchmark(name: str, quick: bool) -> list[Figure]:
    """Import and run one benchmark module."""
    module = importlib.import_module(BENCHMARKS[name])
    run: Callable[[bool], list[Figure]] = module.run
    return run(quick)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the selected benchmarks, print the table, optionally write JSON."""
    options = build_parser().parse_args(argv)
    names = [options.only] if options.only else list(BENCHMARKS)
    figures: list[Figure] = []
    seconds: dict[str, float] = {}
    for name in names:
        print(f"[bench] {name}{' (quick)' if options.quick else ''} ...", file=sys.stderr)
        started = time.perf_counter()
        try:
            figures += run_benchmark(name, options.quick)
        except BenchmarkError as error:
            print(f"[bench] {name} failed: {error}", file=sys.stderr)
            return 1
        seconds[name] = time.perf_counter() - started
        print(f"[bench] {name} done in {seconds[name]:.1f} s", file=sys.stderr)

    env = environment()
    mode = "quick (smoke test: too few repetitions to quote)" if options.quick else "full"
    print(
        f"Village Studio benchmarks, {mode}: Python {env['python']}, SQLite {env['sqlite']}, "
        f"{env['platform']}, {env['cpus']} CPUs"
    )
    print("median and spread over n samples, warm-up runs discarded; targets judged on median")
    print()
    print(render_table(figures))
    notes = render_notes(figures)
    if notes:
        print()
        print("Notes:")
        print(notes)

    if options.json is not None:
        document = {
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "quick": options.quick,
            "environment": env,
            "seconds": seconds,
            "figures": [f.to_json() for f in figures],
        }
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
