"""`python -m recommender <command>`: offline evaluations of the recommenders.

Commands (one `register_*` function each, adding an argparse subcommand whose `run` takes the
parsed arguments and returns the exit code; add a command by appending its function to
`COMMANDS`):

    evaluate-users [--warehouse PATH] [--json PATH] [--models NAME ...]
        The fixed protocol of issue 7 for every user model: prints the table, optionally
        writes {model: {rmse, mae, precision_at_10, recall_at_10, ndcg_at_10, coverage,
        fit_seconds}} as JSON.
    evaluate-users --search [--warehouse PATH] [--json PATH] [--no-mlflow]
        The hyper-parameter search of the served model on the validation split carved from
        train (recommender/tuning.py); every trial is logged to MLflow (experiment
        `user-model-tuning`, one nested run per trial) unless --no-mlflow.
    evaluate-similar [--warehouse PATH] [--json PATH] [--search]
        Issue 6: the similar-movies model and the streaming one against three baselines.

The warehouse is a built DuckDB file, opened read-only; by default the live one of the
project's settings (`warehouse.settings`: env WAREHOUSE_PATH, else build/warehouse.duckdb
under the repository), so this command reads the file the build wrote and the API serves.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from warehouse.settings import get_settings


def warehouse_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--warehouse",
        type=Path,
        default=get_settings().warehouse_path,
        help="built warehouse to read (default: env WAREHOUSE_PATH, else %(default)s)",
    )


def connect(path: Path):
    import duckdb

    if not path.exists():
        raise SystemExit(f"no warehouse at {path}: build it first (python -m warehouse build)")
    return duckdb.connect(str(path), read_only=True)


# -- evaluate-users ----------------------------------------------------------------------------


def run_search(args: argparse.Namespace) -> int:
    from recommender.datasets import load_ratings
    from recommender.tuning import search, served_settings

    with connect(args.warehouse) as con:
        data = load_ratings(con)
    log = None if args.no_mlflow else _TrialLog(get_settings())

    def report(trial) -> None:
        settings = ", ".join(f"{k}={v}" for k, v in trial.parameters.items())
        print(f"  {trial.stage}: {settings}: {trial.metric} {trial.value:.4f}", flush=True)
        if log is not None:
            log.trial(trial)

    result = search(data, report)
    served = served_settings()
    print(
        f"\nvalidation split of train: fit {result.fit_ratings:,}, "
        f"validation {result.validation_ratings:,} ratings\n"
    )
    print("| parameter | chosen now | served |")
    print("|---|---:|---:|")
    for name, value in result.chosen.items():
        mark = "" if served[name] == value else " (differs)"
        print(f"| {name} | {value} | {served[name]}{mark} |")
    if log is not None:
        log.finish(result.chosen, served)
        print(f"\nlogged {len(result.trials)} trials to MLflow run {log.parent_id}")
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "chosen": result.chosen,
                    "served": served,
                    "trials": [vars(t) for t in result.trials],
                },
                indent=2,
            )
            + "\n"
        )
        print(f"written {args.json}")
    return 0


class _TrialLog:
    """Every trial of a search as a nested MLflow run of one parent run (the search)."""

    EXPERIMENT = "user-model-tuning"

    def __init__(self, settings) -> None:
        import logging

        from mlflow import MlflowClient

        logging.getLogger("mlflow").setLevel(logging.WARNING)
        logging.getLogger("alembic").setLevel(logging.WARNING)
        uri = settings.resolved_mlflow_tracking_uri()
        self.client = MlflowClient(tracking_uri=uri)
        experiment = self.client.get_experiment_by_name(self.EXPERIMENT)
        self.experiment_id = (
            experiment.experiment_id
            if experiment is not None
            else self.client.create_experiment(self.EXPERIMENT)
        )
        self.parent_id = self.client.create_run(
            self.experiment_id, run_name="search", tags={"kind": "search"}
        ).info.run_id

    def trial(self, trial) -> None:
        from mlflow.entities import Metric, Param

        run = self.client.create_run(
            self.experiment_id,
            run_name=f"{trial.stage}",
            tags={"mlflow.parentRunId": self.parent_id, "stage": trial.stage},
        )
        stamp = int(time.time() * 1000)
        self.client.log_batch(
            run.info.run_id,
            metrics=[
                Metric(f"validation_{trial.metric}", trial.value, stamp, 0),
                Metric("seconds", trial.seconds, stamp, 0),
            ],
            params=[Param(k, str(v)) for k, v in trial.parameters.items()],
        )
        self.client.set_terminated(run.info.run_id)

    def finish(self, chosen: dict, served: dict) -> None:
        from mlflow.entities import Param

        self.client.log_batch(
            self.parent_id, params=[Param(f"chosen.{k}", str(v)) for k, v in chosen.items()]
        )
        self.client.set_tag(
            self.parent_id, "reproduces_served", str(all(served[k] == v for k, v in chosen.items()))
        )
        self.client.set_terminated(self.parent_id)


def run_evaluate_users(args: argparse.Namespace) -> int:
    if args.search:
        return run_search(args)
    from recommender.datasets import load_ratings, temporal_split
    from recommender.evaluation import evaluate_models, format_table
    from recommender.models import MODELS

    unknown = [name for name in args.models or [] if name not in MODELS]
    if unknown:
        print(f"unknown model(s): {', '.join(unknown)}; known: {', '.join(MODELS)}")
        return 2
    names = args.models or list(MODELS)
    with connect(args.warehouse) as con:
        data = load_ratings(con)
    train, test = temporal_split(data)
    print(
        f"{len(data):,} ratings, {data.n_users:,} users, {data.n_items:,} films; "
        f"train {len(train):,}, test {len(test):,} ({len(set(test.user_ids.tolist())):,} users)",
        flush=True,
    )

    def progress(name, result) -> None:
        print(f"  {name}: fitted in {result.fit_seconds:.2f} s", file=sys.stderr, flush=True)

    results = evaluate_models(data, [(name, MODELS[name]) for name in names], progress)
    print(format_table(results))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {name: result.as_dict() for name, result in results.items()}
        args.json.write_text(json.dumps(payload, indent=2) + "\n")
        print(f"written {args.json}")
    return 0


def register_evaluate_users(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "evaluate-users",
        help="the fixed offline protocol for every user model (issue 7)",
        description="Per-user temporal split (last 20 %% of each user's ratings are test); "
        "RMSE / MAE of rating predictions, Precision / Recall / nDCG@10 and coverage of "
        "top-10 lists.",
    )
    warehouse_argument(parser)
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument(
        "--models", nargs="+", metavar="NAME", help="only these models (default: all)"
    )
    parser.add_argument(
        "--search",
        action="store_true",
        help="instead: the hyper-parameter search of the served model on the validation "
        "split carved from train (about 5 min), each trial logged to MLflow",
    )
    parser.add_argument(
        "--no-mlflow", action="store_true", help="with --search: do not log the trials"
    )
    parser.set_defaults(run=run_evaluate_users)


# -- evaluate-similar --------------------------------------------------------------------------


def run_evaluate_similar(args: argparse.Namespace) -> int:
    from recommender.similar_evaluation import run_evaluate_similar as evaluate

    with connect(args.warehouse) as con:
        result = evaluate(con, search=args.search)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")
        print(f"written {args.json}")
    return 0


def register_evaluate_similar(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "evaluate-similar",
        help="collection recovery, co-liking and same-director recovery (issue 6)",
        description="The similar-items model against random, most-popular-in-genre and "
        "TF-IDF(genres + title) baselines, on films with an odd id.",
    )
    warehouse_argument(parser)
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument(
        "--search",
        action="store_true",
        help="first search the movie weights on the films with an even id",
    )
    parser.set_defaults(run=run_evaluate_similar)


#: One function per subcommand; each adds its parser with `set_defaults(run=...)`.
COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    register_evaluate_users,
    register_evaluate_similar,
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m recommender", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in COMMANDS:
        register(commands)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
