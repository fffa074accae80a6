"""The model gate: a new build's models must not be worse than the live build's.

The publish gate (warehouse/publish.py) refuses a build that would lose data; this one refuses
a build whose served models measure worse than those serving now. Both read figures the build
wrote itself: `audit.model_metrics` (dbt: the user model on the fixed protocol, the similar
lists on what is published). Before the swap, each gated figure of the new build is compared
with the live build's; a regression beyond its tolerance refuses the build (the caller deletes
the new file, so the live warehouse stays byte-identical), unless `--accept-regression` is
given, which the new build records (verdict `accepted`).

Gated figures and their tolerances (the other figures are recorded, not gated):

| model | metric | better | refused when |
|---|---|---|---|
| user_recommendations | ndcg_at_10 | higher | down more than GATE_MAX_NDCG_DROP (2 %) relative |
| user_recommendations | rmse | lower | up more than GATE_MAX_RMSE_RISE (0.005) |
| similar_movies | collection_recall_at_10 | higher | down more than 2 % relative |
| similar_movies | colike_hit_rate_at_10 | higher | down more than 2 % relative |
| similar_movies, streaming_similar_titles | title_only_rate_at_10 | lower | up > 0.5 point |

Why these: nDCG@10 and RMSE are the user model's two headline figures (its ranking and its
rating predictions); their tolerances sit inside one standard error of nDCG@10 on this test
set (about 5 % relative) so noise passes and a real loss does not. The similar lists are
deterministic, so their tolerances only absorb a catalogue that changed. A figure the live
build lacks (a first build, an older build) is `no baseline`; one the new build lacks
(`--skip-recommenders`) is `not measured`: neither refuses.

Every comparison is written to `audit.model_gate` of the new build.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from warehouse.publish import BuildRefused


@dataclass(frozen=True)
class Rule:
    model: str
    metric: str
    higher_is_better: bool
    tolerance: float
    relative: bool

    def regression(self, live: float, new: float) -> float:
        """How much worse `new` is than `live`, in the rule's unit (negative: better)."""
        worse = live - new if self.higher_is_better else new - live
        if self.relative:
            return worse / abs(live) if live else 0.0
        return worse

    def describe(self) -> str:
        direction = "down" if self.higher_is_better else "up"
        amount = f"{self.tolerance:.1%} relative" if self.relative else f"{self.tolerance:g}"
        return f"{direction} more than {amount}"


def rules(max_ndcg_drop: float, max_rmse_rise: float) -> list[Rule]:
    return [
        Rule("user_recommendations", "ndcg_at_10", True, max_ndcg_drop, relative=True),
        Rule("user_recommendations", "rmse", False, max_rmse_rise, relative=False),
        Rule("similar_movies", "collection_recall_at_10", True, 0.02, relative=True),
        Rule("similar_movies", "colike_hit_rate_at_10", True, 0.02, relative=True),
        Rule("similar_movies", "title_only_rate_at_10", False, 0.005, relative=False),
        Rule("streaming_similar_titles", "title_only_rate_at_10", False, 0.005, relative=False),
    ]


@dataclass(frozen=True)
class Comparison:
    model: str
    metric: str
    live_value: float | None
    new_value: float | None
    regression: float | None
    tolerance: float
    verdict: str  # pass | refuse | accepted | no baseline | not measured


CREATE_MODEL_GATE = """
create or replace table new.audit.model_gate (
    build_id varchar not null,
    live_build_id varchar,
    model varchar not null,
    metric varchar not null,
    live_value double,
    new_value double,
    regression double,
    tolerance double,
    verdict varchar not null
)
"""

METRICS = "select model, metric, value from {db}.audit.model_metrics"


def _figures(con: duckdb.DuckDBPyConnection, db: str) -> dict[tuple[str, str], float]:
    has_table = con.execute(
        "select count(*) from duckdb_tables() where database_name = ? and schema_name = 'audit'"
        " and table_name = 'model_metrics'",
        [db],
    ).fetchone()[0]
    if not has_table:
        return {}
    return {(m, k): v for m, k, v in con.execute(METRICS.format(db=db)).fetchall()}


def compare(
    live: dict[tuple[str, str], float], new: dict[tuple[str, str], float], gated: list[Rule]
) -> list[Comparison]:
    """Each gated figure of the new build against the live one's."""
    comparisons = []
    for rule in gated:
        key = (rule.model, rule.metric)
        live_value, new_value = live.get(key), new.get(key)
        if new_value is None:
            verdict, regression = "not measured", None
        elif live_value is None:
            verdict, regression = "no baseline", None
        else:
            regression = rule.regression(live_value, new_value)
            verdict = "refuse" if regression > rule.tolerance + 1e-12 else "pass"
        comparisons.append(
            Comparison(
                rule.model, rule.metric, live_value, new_value, regression, rule.tolerance, verdict
            )
        )
    return comparisons


def model_gate(
    new_file: Path,
    live_file: Path | None,
    *,
    max_ndcg_drop: float,
    max_rmse_rise: float,
    accept_regression: bool,
) -> list[Comparison]:
    """Compare the new build's models with the live build's, record it in the new build and
    raise BuildRefused (one paragraph) on a regression unless `accept_regression`."""
    gated = rules(max_ndcg_drop, max_rmse_rise)
    con = duckdb.connect()
    try:
        con.execute(f"attach '{_quoted(new_file)}' as new")
        live: dict[tuple[str, str], float] = {}
        if live_file is not None:
            con.execute(f"attach '{_quoted(live_file)}' as live (read_only)")
            live = _figures(con, "live")
        comparisons = compare(live, _figures(con, "new"), gated)
        refused = [c for c in comparisons if c.verdict == "refuse"]
        if refused and accept_regression:
            comparisons = [
                replace(c, verdict="accepted") if c.verdict == "refuse" else c for c in comparisons
            ]
        con.execute("create schema if not exists new.audit")
        con.execute(CREATE_MODEL_GATE)
        con.executemany(
            "insert into new.audit.model_gate values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    new_file.stem,
                    live_file.stem if live_file is not None else None,
                    c.model,
                    c.metric,
                    c.live_value,
                    c.new_value,
                    c.regression,
                    c.tolerance,
                    c.verdict,
                ]
                for c in comparisons
            ],
        )
    finally:
        con.close()
    if refused and not accept_regression:
        raise BuildRefused(refusal(refused, gated, live_file))
    return comparisons


def refusal(refused: list[Comparison], gated: list[Rule], live_file: Path | None) -> str:
    """The one paragraph a refused build prints."""
    rule_of = {(r.model, r.metric): r for r in gated}
    parts = [
        f"{c.model} {c.metric} {c.live_value:.4f} -> {c.new_value:.4f} "
        f"({rule_of[(c.model, c.metric)].describe()} is refused)"
        for c in refused
    ]
    live = live_file.name if live_file is not None else "the live build"
    return (
        f"The model gate refused the new build: its models measure worse than those of {live} "
        f"on the fixed evaluation: {'; '.join(parts)}. A model that got worse is not published; "
        "if the change is intended (new data that is genuinely harder, a deliberate trade-off), "
        "rebuild with --accept-regression, which the build records in audit.model_gate"
    )


#: The figures the stage's line shows (its label, the figure).
HEADLINE = (
    ("nDCG@10", ("user_recommendations", "ndcg_at_10")),
    ("RMSE", ("user_recommendations", "rmse")),
)


def gate_summary(comparisons: list[Comparison]) -> str:
    """The stage's result in a few words: the headline figures, then the verdicts."""
    if not comparisons:
        return "no models"
    verdicts: dict[str, int] = {}
    for c in comparisons:
        verdicts[c.verdict] = verdicts.get(c.verdict, 0) + 1
    new = {(c.model, c.metric): c.new_value for c in comparisons}
    figures = [f"{label} {new[key]:.4f}" for label, key in HEADLINE if new.get(key) is not None]
    counts = ", ".join(f"{n} {v}" for v, n in verdicts.items())
    return "; ".join([*figures, counts])


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
