"""What every benchmark shares: a result row, timing by median, query capture, EXPLAIN."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import connection

T = TypeVar("T")


@dataclass
class Row:
    """One line of the results table; ``met`` is None where the issue sets no target."""

    benchmark: str
    case: str
    result: str
    queries: int | None = None
    target: str = ""
    met: bool | None = None
    # How far a missed target is off, and the likely reason.
    miss: str = ""
    # The slowest query's plan, for a target that was missed.
    plan: str = ""

    def print(self) -> None:
        print("| " + " | ".join(self.cells()) + " |", flush=True)

    def cells(self) -> list[str]:
        met = {True: "yes", False: "**no**", None: "—"}[self.met]
        queries = "" if self.queries is None else str(self.queries)
        return [self.benchmark, self.case, self.result, queries, self.target or "—", met]


HEADER = ("benchmark", "case", "result", "queries", "target", "met")


def median_seconds(function: Callable[[], Any], *, runs: int, warm_up: int = 1) -> float:
    """The median wall time of ``runs`` calls, after ``warm_up`` calls that are not counted."""
    for _ in range(warm_up):
        function()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


@dataclass(frozen=True)
class Query:
    sql: str
    params: Any
    seconds: float


def captured(function: Callable[[], T]) -> tuple[T, list[Query]]:
    """The function's result and every query it ran, however many (Django's own log keeps 9,000)."""
    queries: list[Query] = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append(Query(sql, params, time.perf_counter() - started))

    with connection.execute_wrapper(record):
        value = function()
    return value, queries


def seconds_text(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def against_target(seconds: float, limit: float, reason: str) -> tuple[bool, str]:
    """Whether ``seconds`` is within ``limit``; if not, by how much, and why."""
    if seconds < limit:
        return True, ""
    return False, f"{seconds_text(seconds - limit)} over ({seconds / limit:.1f}× the target). {reason}"


def slowest_plan(queries: list[Query]) -> str:
    """EXPLAIN of the slowest captured query: ANALYZE on PostgreSQL, QUERY PLAN on SQLite."""
    selects = [query for query in queries if query.sql.lstrip().upper().startswith("SELECT")]
    if not selects:
        return ""
    slowest = max(selects, key=lambda query: query.seconds)
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + slowest.sql, slowest.params)
        lines = [" ".join(str(cell) for cell in row) for row in cursor.fetchall()]
    return f"-- {slowest.seconds * 1000:.1f} ms\n{slowest.sql}\n-- {slowest.params}\n\n" + "\n".join(lines)
