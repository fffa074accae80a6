"""The publish gate: a new build audits itself against the live one before it may replace it.

Write-audit-publish. dbt has written and tested the new build file; before the swap this step
compares it with the live build and refuses to publish (the caller deletes the new file; the
live one is untouched) when it would lose data:

- `source_rows`: a raw source read more than `max_row_drop` (default 2 %) fewer rows;
- `mart_rows`: a table of schema `main` (the marts and the precomputed recommender tables)
  has more than `max_row_drop` fewer rows (`user_recommendations`: fewer users, see
  `COUNT_USERS`). A table the new build does not have is recorded
  as `gone` without refusing: a model that fails is already a failed build, so a missing
  table is the project's own change (a model removed or moved, `--skip-recommenders`);
- `quarantine_share`: the share of a source's rows that went to `audit.rejected_rows` rose by
  more than `max_quarantine_rise` (default 1 percentage point).

The feedback store's snapshot is a source like the raw files (`feedback` in build_summary):
it only grows, so growth never trips a check (a source or table that grows passes; a live
build with an empty store, or none, compares as 0 rows, which any count passes); fewer rows
than the live build read means ratings the API accepted were lost (the store was replaced or
FEEDBACK_PATH points elsewhere), which is refused like a truncated file. Its quarantined share
is not checked: feedback ratings are rejected one at a time (a film the new build dropped, a
bad row), and their share says nothing about a damaged file.

The raw contract (every declared column present, no unexpected one) is checked before dbt
runs (warehouse/raw.py) and recorded here as `raw_contract`. The first build (no live build)
checks the contract only. `--accept-changes` publishes anyway; the build records it in
`audit.build_summary.changes_accepted`.

Every check, with both figures and its verdict, is written to `audit.publish_checks` of the
new build, and `audit.build_summary.build_finished_at` is set to the moment the build passed
the gate (the audit model itself runs before the data tests, so its own clock is early).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

CREATE_PUBLISH_CHECKS = """
create or replace table new.audit.publish_checks (
    build_id varchar not null,
    check_name varchar not null,
    subject varchar not null,
    live_value double,
    new_value double,
    change double,
    threshold double,
    verdict varchar not null
)
"""

SOURCE_FIGURES = """
select source, rows_read::double, rows_rejected::double / nullif(rows_read, 0)
from {db}.audit.build_summary
"""

#: Sources whose quarantined share is not checked (see the module docstring).
NO_QUARANTINE_CHECK = frozenset({"feedback"})

#: Tables of per-user lists, whose users are counted instead of their rows: a rating takes the
#: film off the user's list, so on a small catalogue (fewer unrated films than the list's
#: length) new feedback shortens a list without losing anything; losing users is loss.
COUNT_USERS = frozenset({"user_recommendations"})

MAIN_TABLES = """
select table_name from duckdb_tables()
where database_name = $db and schema_name = 'main'
order by table_name
"""


class BuildRefused(Exception):
    """The new build would lose data against the live one; the message is one paragraph."""


@dataclass(frozen=True)
class Check:
    check_name: str
    subject: str
    live_value: float | None
    new_value: float | None
    change: float | None
    threshold: float | None
    verdict: str  # pass | refuse | accepted (refused, published with --accept-changes) | gone

    def describe(self) -> str:
        if self.check_name == "quarantine_share":
            return (
                f"{self.subject}: {_pct(self.new_value)} of its rows quarantined "
                f"(live {_pct(self.live_value)}, limit +{_pct(self.threshold)} points)"
            )
        kind = "read" if self.check_name == "source_rows" else "has"
        unit = "users" if self.subject in COUNT_USERS else "rows"
        return (
            f"{self.subject} {kind} {self.new_value:,.0f} {unit} (live {self.live_value:,.0f}, "
            f"{self.change:+.1%}, limit -{self.threshold:.0%})"
        )


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _change(live: float, new: float) -> float:
    return (new - live) / live if live else 0.0


def row_checks(con: duckdb.DuckDBPyConnection, max_drop: float) -> list[Check]:
    checks: list[Check] = []
    live_sources = {r[0]: r[1:] for r in con.execute(SOURCE_FIGURES.format(db="live")).fetchall()}
    new_sources = {r[0]: r[1:] for r in con.execute(SOURCE_FIGURES.format(db="new")).fetchall()}
    for source, (new_rows, _) in sorted(new_sources.items()):
        if source not in live_sources:
            continue
        live_rows = live_sources[source][0]
        change = _change(live_rows, new_rows)
        checks.append(
            Check(
                "source_rows",
                source,
                live_rows,
                new_rows,
                change,
                max_drop,
                "refuse" if change < -max_drop else "pass",
            )
        )
    live_tables = [r[0] for r in con.execute(MAIN_TABLES, {"db": "live"}).fetchall()]
    new_tables = {r[0] for r in con.execute(MAIN_TABLES, {"db": "new"}).fetchall()}
    for table in live_tables:
        count = "count(distinct user_id)" if table in COUNT_USERS else "count(*)"
        live_rows = con.execute(f'select {count} from live.main."{table}"').fetchone()[0]
        if table not in new_tables:
            checks.append(Check("mart_rows", table, live_rows, None, None, max_drop, "gone"))
            continue
        new_rows = con.execute(f'select {count} from new.main."{table}"').fetchone()[0]
        change = _change(live_rows, new_rows)
        checks.append(
            Check(
                "mart_rows",
                table,
                live_rows,
                new_rows,
                change,
                max_drop,
                "refuse" if change < -max_drop else "pass",
            )
        )
    return checks


def quarantine_checks(con: duckdb.DuckDBPyConnection, max_rise: float) -> list[Check]:
    live = {r[0]: r[2] for r in con.execute(SOURCE_FIGURES.format(db="live")).fetchall()}
    checks = []
    for source, _rows, share in sorted(con.execute(SOURCE_FIGURES.format(db="new")).fetchall()):
        if source not in live or share is None or live[source] is None:
            continue
        if source in NO_QUARANTINE_CHECK:
            continue
        rise = share - live[source]
        checks.append(
            Check(
                "quarantine_share",
                source,
                live[source],
                share,
                rise,
                max_rise,
                "refuse" if rise > max_rise else "pass",
            )
        )
    return checks


def publish_gate(
    new_file: Path,
    live_file: Path | None,
    contract: dict[str, int],
    *,
    max_row_drop: float,
    max_quarantine_rise: float,
    accept_changes: bool,
) -> list[Check]:
    """Audit `new_file` against `live_file`, record the checks in it, and raise BuildRefused
    when it would lose data and `accept_changes` is not set. `contract`: source -> number of
    declared columns found (the pre-dbt contract check passed for each)."""
    build_id = new_file.stem
    checks = [
        Check("raw_contract", source, None, float(columns), None, None, "pass")
        for source, columns in sorted(contract.items())
    ]
    con = duckdb.connect()
    try:
        con.execute(f"attach '{_quoted(new_file)}' as new")
        if live_file is not None:
            con.execute(f"attach '{_quoted(live_file)}' as live (read_only)")
            checks += row_checks(con, max_row_drop)
            checks += quarantine_checks(con, max_quarantine_rise)
        refused = [c for c in checks if c.verdict == "refuse"]
        if refused and accept_changes:
            checks = [
                replace(c, verdict="accepted") if c.verdict == "refuse" else c for c in checks
            ]
        con.execute(CREATE_PUBLISH_CHECKS)
        con.executemany(
            "insert into new.audit.publish_checks values (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    build_id,
                    c.check_name,
                    c.subject,
                    c.live_value,
                    c.new_value,
                    c.change,
                    c.threshold,
                    c.verdict,
                ]
                for c in checks
            ],
        )
        if refused and not accept_changes:
            raise BuildRefused(_refusal(refused, live_file))
        con.execute("update new.audit.build_summary set build_finished_at = current_timestamp")
    finally:
        con.close()
    return checks


def gate_verdict(checks: Iterable[tuple[str, str]]) -> str:
    """The gate's result in a few words, from (check_name, verdict) pairs: the Check objects
    of a build, or the rows of its audit.publish_checks."""
    checks = list(checks)
    if not checks:
        return "no checks"
    if all(name == "raw_contract" for name, _ in checks):
        return "raw contract passed (first build)"
    verdicts = Counter(verdict for _, verdict in checks)
    if set(verdicts) == {"pass"}:
        return f"{len(checks)} checks passed"
    order = ("pass", "accepted", "gone", "refuse")
    return f"{len(checks)} checks: " + ", ".join(
        f"{verdicts[v]} {v}" for v in order if v in verdicts
    )


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _refusal(refused: list[Check], live_file: Path | None) -> str:
    order = ["source_rows", "quarantine_share", "mart_rows"]
    refused = sorted(refused, key=lambda c: order.index(c.check_name))
    shown = "; ".join(c.describe() for c in refused[:6])
    more = f"; and {len(refused) - 6} more" if len(refused) > 6 else ""
    return (
        f"Refused to publish: against the live build {live_file.name if live_file else ''} "
        f"the new build would lose data: {shown}{more}. A truncated or damaged raw file is the "
        "usual cause; if the change is intended, build again with --accept-changes"
    )
