"""One settings object for every package: read from the environment once, then passed along.

Why one: the live warehouse path, the raw directory and the cache sizes used to be defaulted in
eight places against different bases (the repository root in the build, the current directory
in the API), so `WAREHOUSE_PATH=x python -m warehouse build` and `python -m api` could disagree
about which file is live. Now every command, the API, the recommender CLI and the bench
scripts call `get_settings()` (or `Settings.from_env(...)` in tests) and read the same values.

Paths — the one rule: a path given in the environment or on the command line is taken as the
user wrote it, relative to the current directory (as every shell tool does); the defaults are
absolute, under the repository root (`build/warehouse.duckdb`), so they do not depend on where
a command is started.

| env var | field | default |
|---|---|---|
| `WAREHOUSE_PATH` | `warehouse_path` | `<repo>/build/warehouse.duckdb` (symlink to live build) |
| `RAW_DATA_DIR` | `raw_dir` | `<repo>/../shared/data` if it exists, else `<repo>/data/sample` |
| `API_CACHE_SIZE` | `cache_size` | 8192 query results kept per process (0: off) |
| `API_RESPONSE_CACHE_SIZE` | `response_cache_size` | 8192 whole 2xx answers per process (0: off) |
| `API_WORKER_THREADS` | `worker_threads` | 8 threads running the handlers that may take long |
| `API_POLL_INTERVAL` | `poll_interval` | 0.5 s between checks of the live path |
| `DUCKDB_THREADS` | `duckdb_threads` | 1 thread per query of the API's connection |
| `DUCKDB_MEMORY_LIMIT` | `duckdb_memory_limit` | `256MB` for the API's connection |
| `API_MAX_BODY_BYTES` | `max_body_bytes` | 262144 bytes of request body, else 413 |
| `API_MAX_HEADER_BYTES` | `max_header_bytes` | 16384 bytes of request line + headers, else 431 |
| `API_HEADER_TIMEOUT` | `header_timeout` | 10 s to send a request's headers, else closed |
| `API_MAX_CONNECTIONS` | `max_connections` | 512 open connections; more: 503 and closed |
| `API_MAX_CONCURRENT_REQUESTS` | `max_concurrent_requests` | 256 at once; more: 503 problem |
| `API_RATE_LIMIT` | `rate_limit` | off; `<n>/second` (minute, hour, day) per address: 429 |
| `API_SLOW_PATH_THREADS` | `slow_path_threads` | 2 threads for lookups that miss (suggestions) |
| `API_SHUTDOWN_TIMEOUT` | `shutdown_timeout` | 10 s to finish requests after SIGTERM, then close |
| `API_WORKERS` | `workers` | 1 worker process; `N` ≥ 1, or `auto`: the cores this process may use |
| `API_ACCESS_LOG` | `access_log` | off: `1` writes a JSON line per request (as `--access-log`) |
| `API_LOG_LEVEL` | `log_level` | `info`: the API's and uvicorn's log level |
| `METRICS_DIR` | `metrics_dir` | none; N > 1 workers: a temporary one (api/workers.py) |
| `BUILD_MAX_ROW_DROP` | `max_row_drop` | 0.02: the publish gate refuses 2 % fewer rows |
| `BUILD_MAX_QUARANTINE_RISE` | `max_quarantine_rise` | 0.01: … or 1 point more quarantined |
| `FEEDBACK_PATH` | `feedback_path` | `feedback.sqlite` beside the live warehouse path |
| `FEEDBACK_TOKENS` | `feedback_tokens` | none: comma-separated bearer tokens of POST/GET ratings |
| `FEEDBACK_TOKENS_FILE` | `feedback_tokens` | a file of tokens, one per line (added to the above) |
| `MLFLOW_TRACKING_URI` | `mlflow_tracking_uri` | `sqlite:///<mlflow.sqlite beside the live path>` |
| `GATE_MAX_NDCG_DROP` | `gate_max_ndcg_drop` | 0.02: gate refuses nDCG@10 down > 2 % (relative) |
| `GATE_MAX_RMSE_RISE` | `gate_max_rmse_rise` | 0.005: … or RMSE up by more than 0.005 |

No feedback tokens configured means the feedback routes answer 503 ("feedback disabled"):
they never accept ratings anonymously.

`API_WORKERS=auto` is `len(os.sched_getaffinity(0))`, lowered by a cgroup v2 CPU quota
(`cpu.max`: `quota period` gives ceil(quota / period) cores, `max` none) when one is set
(`available_cores`). `settings_environment` writes settings back as these variables: how
`serve` hands the command line's options to the worker processes it spawns.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_RAW_DIR = REPO_ROOT.parent / "shared" / "data"
SAMPLE_RAW_DIR = REPO_ROOT / "data" / "sample"
DEFAULT_WAREHOUSE_PATH = REPO_ROOT / "build" / "warehouse.duckdb"
#: Where cgroup v2 is mounted: a cgroup's `cpu.max` holds its CPU quota (`<quota> <period>`
#: in microseconds, or `max <period>`: none).
CGROUP_ROOT = Path("/sys/fs/cgroup")
LOG_LEVELS = ("critical", "error", "warning", "info", "debug")


class SettingsError(ValueError):
    """An environment variable holds a value of the wrong kind; the message names it."""


@dataclass(frozen=True)
class Settings:
    warehouse_path: Path = DEFAULT_WAREHOUSE_PATH
    raw_dir: Path | None = None
    cache_size: int = 8192
    response_cache_size: int = 8192
    worker_threads: int = 8
    poll_interval: float = 0.5
    duckdb_threads: int = 1
    duckdb_memory_limit: str = "256MB"
    max_row_drop: float = 0.02
    max_quarantine_rise: float = 0.01
    max_body_bytes: int = 262_144
    max_header_bytes: int = 16_384
    header_timeout: float = 10.0
    max_connections: int = 512
    max_concurrent_requests: int = 256
    rate_limit: str = ""
    slow_path_threads: int = 2
    shutdown_timeout: float = 10.0
    feedback_path: Path | None = None
    feedback_tokens: tuple[str, ...] = field(default=(), repr=False)
    mlflow_tracking_uri: str = ""
    gate_max_ndcg_drop: float = 0.02
    gate_max_rmse_rise: float = 0.005
    workers: int = 1
    access_log: bool = False
    log_level: str = "info"
    metrics_dir: Path | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        defaults = cls()
        return cls(
            warehouse_path=_path(env, "WAREHOUSE_PATH") or defaults.warehouse_path,
            raw_dir=_path(env, "RAW_DATA_DIR"),
            cache_size=_number(env, "API_CACHE_SIZE", int, defaults.cache_size),
            response_cache_size=_number(
                env, "API_RESPONSE_CACHE_SIZE", int, defaults.response_cache_size
            ),
            worker_threads=_number(env, "API_WORKER_THREADS", int, defaults.worker_threads),
            poll_interval=_number(env, "API_POLL_INTERVAL", float, defaults.poll_interval),
            duckdb_threads=_number(env, "DUCKDB_THREADS", int, defaults.duckdb_threads),
            duckdb_memory_limit=env.get("DUCKDB_MEMORY_LIMIT") or defaults.duckdb_memory_limit,
            max_row_drop=_number(env, "BUILD_MAX_ROW_DROP", float, defaults.max_row_drop),
            max_quarantine_rise=_number(
                env, "BUILD_MAX_QUARANTINE_RISE", float, defaults.max_quarantine_rise
            ),
            max_body_bytes=_number(env, "API_MAX_BODY_BYTES", int, defaults.max_body_bytes),
            max_header_bytes=_number(env, "API_MAX_HEADER_BYTES", int, defaults.max_header_bytes),
            header_timeout=_number(env, "API_HEADER_TIMEOUT", float, defaults.header_timeout),
            max_connections=_number(env, "API_MAX_CONNECTIONS", int, defaults.max_connections),
            max_concurrent_requests=_number(
                env, "API_MAX_CONCURRENT_REQUESTS", int, defaults.max_concurrent_requests
            ),
            rate_limit=_rate_limit(env, "API_RATE_LIMIT"),
            slow_path_threads=_number(
                env, "API_SLOW_PATH_THREADS", int, defaults.slow_path_threads
            ),
            shutdown_timeout=_number(env, "API_SHUTDOWN_TIMEOUT", float, defaults.shutdown_timeout),
            feedback_path=_path(env, "FEEDBACK_PATH"),
            feedback_tokens=_tokens(env),
            mlflow_tracking_uri=env.get("MLFLOW_TRACKING_URI", "").strip(),
            gate_max_ndcg_drop=_number(
                env, "GATE_MAX_NDCG_DROP", float, defaults.gate_max_ndcg_drop
            ),
            gate_max_rmse_rise=_number(
                env, "GATE_MAX_RMSE_RISE", float, defaults.gate_max_rmse_rise
            ),
            workers=_workers(env, "API_WORKERS", defaults.workers),
            access_log=_flag(env, "API_ACCESS_LOG", defaults.access_log),
            log_level=_log_level(env, "API_LOG_LEVEL", defaults.log_level),
            metrics_dir=_path(env, "METRICS_DIR"),
        )

    def resolved_feedback_path(self) -> Path:
        """The feedback store: the configured path, else `feedback.sqlite` beside the live
        warehouse path (not inside `builds/`: it outlives every build)."""
        if self.feedback_path is not None:
            return self.feedback_path
        return self.warehouse_path.expanduser().absolute().parent / "feedback.sqlite"

    def resolved_mlflow_tracking_uri(self) -> str:
        """MLflow's embedded tracking store: the configured URI, else a SQLite file
        `mlflow.sqlite` beside the live warehouse path (no server needed)."""
        if self.mlflow_tracking_uri:
            return self.mlflow_tracking_uri
        return f"sqlite:///{self.warehouse_path.expanduser().absolute().parent / 'mlflow.sqlite'}"

    def resolved_raw_dir(self) -> Path:
        """The raw directory a build reads: the configured one, else the shared data beside
        the repository, else the bundled sample (so a fresh clone always builds)."""
        if self.raw_dir is not None:
            return self.raw_dir
        return SHARED_RAW_DIR if SHARED_RAW_DIR.is_dir() else SAMPLE_RAW_DIR

    def with_overrides(self, **values: object) -> Settings:
        """A copy with the command line's options applied (None means "not given")."""
        given = {name: value for name, value in values.items() if value is not None}
        for name in ("warehouse_path", "raw_dir", "feedback_path", "metrics_dir"):
            if name in given:
                given[name] = Path(given[name])  # type: ignore[arg-type]
        return replace(self, **given)  # type: ignore[arg-type]


@cache
def get_settings() -> Settings:
    """The settings of this process, read from the environment on first use."""
    return Settings.from_env()


#: The variable each field is read from (`feedback_tokens` also reads FEEDBACK_TOKENS_FILE).
ENVIRONMENT = {
    "warehouse_path": "WAREHOUSE_PATH",
    "raw_dir": "RAW_DATA_DIR",
    "cache_size": "API_CACHE_SIZE",
    "response_cache_size": "API_RESPONSE_CACHE_SIZE",
    "worker_threads": "API_WORKER_THREADS",
    "poll_interval": "API_POLL_INTERVAL",
    "duckdb_threads": "DUCKDB_THREADS",
    "duckdb_memory_limit": "DUCKDB_MEMORY_LIMIT",
    "max_row_drop": "BUILD_MAX_ROW_DROP",
    "max_quarantine_rise": "BUILD_MAX_QUARANTINE_RISE",
    "max_body_bytes": "API_MAX_BODY_BYTES",
    "max_header_bytes": "API_MAX_HEADER_BYTES",
    "header_timeout": "API_HEADER_TIMEOUT",
    "max_connections": "API_MAX_CONNECTIONS",
    "max_concurrent_requests": "API_MAX_CONCURRENT_REQUESTS",
    "rate_limit": "API_RATE_LIMIT",
    "slow_path_threads": "API_SLOW_PATH_THREADS",
    "shutdown_timeout": "API_SHUTDOWN_TIMEOUT",
    "feedback_path": "FEEDBACK_PATH",
    "feedback_tokens": "FEEDBACK_TOKENS",
    "mlflow_tracking_uri": "MLFLOW_TRACKING_URI",
    "gate_max_ndcg_drop": "GATE_MAX_NDCG_DROP",
    "gate_max_rmse_rise": "GATE_MAX_RMSE_RISE",
    "workers": "API_WORKERS",
    "access_log": "API_ACCESS_LOG",
    "log_level": "API_LOG_LEVEL",
    "metrics_dir": "METRICS_DIR",
}


def settings_environment(
    settings: Settings, environ: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The variables to set so that `Settings.from_env` reads `settings` back: only those of
    the fields that differ from what `environ` (default: os.environ) gives now. A spawned
    process gets the command line's options this way (api/serve.py), and tokens read from a
    file stay in their file unless they were replaced."""
    now = Settings.from_env(os.environ if environ is None else environ)
    changed: dict[str, str] = {}
    for item in fields(Settings):
        value = getattr(settings, item.name)
        if value == getattr(now, item.name):
            continue
        if item.name == "feedback_tokens":
            changed["FEEDBACK_TOKENS_FILE"] = ""
        changed[ENVIRONMENT[item.name]] = _render(value)
    return changed


def _render(value: object) -> str:
    if value is None:
        return ""  # read back as "not set"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        return ",".join(value)
    return os.fspath(value) if isinstance(value, Path) else str(value)


def cgroup_cpu_limit(cpu_max: str) -> int | None:
    """Whole cores a cgroup v2 `cpu.max` line allows (`150000 100000` -> 2), None for `max`
    (no quota) or a line that is not `<quota> <period>`."""
    parts = cpu_max.split()
    if len(parts) != 2 or parts[0] == "max":
        return None
    try:
        quota, period = int(parts[0]), int(parts[1])
    except ValueError:
        return None
    if quota <= 0 or period <= 0:
        return None
    return max(1, math.ceil(quota / period))


def _cgroup_cpu_max_files(cgroup_root: Path) -> list[Path]:
    """The `cpu.max` files that bound this process: its own cgroup's and each ancestor's (a
    container sees its own cgroup as the root, `0::/`)."""
    try:
        line = next(
            entry
            for entry in Path("/proc/self/cgroup").read_text().splitlines()
            if entry.startswith("0::")
        )
        own = line[3:].strip().strip("/")
    except (OSError, StopIteration):
        own = ""
    files = []
    parts = own.split("/") if own else []
    for depth in range(len(parts), -1, -1):
        files.append(cgroup_root.joinpath(*parts[:depth], "cpu.max"))
    return files


def available_cores(
    affinity: Callable[[], Collection[int]] | None = None,
    cpu_max_files: Callable[[], list[Path]] | None = None,
) -> int:
    """The cores this process may use (`API_WORKERS=auto`): the CPUs of its affinity mask,
    lowered by the tightest cgroup v2 CPU quota over it (`cpu.max`), at least 1.

    Both inputs can be replaced (tests): `affinity` returns the CPU set, `cpu_max_files` the
    `cpu.max` files to read (missing ones are skipped)."""
    if affinity is None:
        if hasattr(os, "sched_getaffinity"):
            cores = len(os.sched_getaffinity(0))
        else:  # not Linux
            cores = os.cpu_count() or 1
    else:
        cores = len(affinity())
    files = _cgroup_cpu_max_files(CGROUP_ROOT) if cpu_max_files is None else cpu_max_files()
    for path in files:
        try:
            limit = cgroup_cpu_limit(path.read_text())
        except OSError:
            continue
        if limit is not None:
            cores = min(cores, limit)
    return max(1, cores)


def parse_workers(value: str) -> int:
    """`API_WORKERS` / `--workers`: an integer >= 1, or `auto` (available_cores). ValueError
    otherwise."""
    text = value.strip().lower()
    if text == "auto":
        return available_cores()
    if not text.isdigit() or int(text) < 1:
        raise ValueError(value)
    return int(text)


def _workers(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        return parse_workers(value)
    except ValueError:
        raise SettingsError(f"{name}={value!r} is not a whole number >= 1 nor auto") from None


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = env.get(name, "").strip().lower()
    if not value:
        return default
    if value in _TRUE or value in _FALSE:
        return value in _TRUE
    raise SettingsError(f"{name}={env[name]!r} is not one of {'/'.join(_TRUE + _FALSE)}")


def _log_level(env: Mapping[str, str], name: str, default: str) -> str:
    value = env.get(name, "").strip().lower()
    if not value:
        return default
    if value not in LOG_LEVELS:
        raise SettingsError(f"{name}={env[name]!r} is not one of {', '.join(LOG_LEVELS)}")
    return value


def _path(env: Mapping[str, str], name: str) -> Path | None:
    value = env.get(name)
    return Path(value).expanduser() if value else None


#: The units of API_RATE_LIMIT (those of Litestar's RateLimitConfig).
RATE_LIMIT_UNITS = ("second", "minute", "hour", "day")


def parse_rate_limit(value: str) -> tuple[str, int] | None:
    """`"600/minute"` as Litestar's `(unit, requests)`; None for "" (off). ValueError else."""
    if not value:
        return None
    count, _, unit = value.partition("/")
    if unit not in RATE_LIMIT_UNITS or not count.isdigit() or int(count) < 1:
        raise ValueError(value)
    return unit, int(count)


def _rate_limit(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "").strip()
    try:
        parse_rate_limit(value)
    except ValueError:
        raise SettingsError(
            f"{name}={value!r} is not <requests>/<{'|'.join(RATE_LIMIT_UNITS)}>"
        ) from None
    return value


def _number(env: Mapping[str, str], name: str, kind: type, default: float) -> float:
    value = env.get(name)
    if value is None or value == "":
        return default
    try:
        return kind(value)
    except ValueError:
        raise SettingsError(f"{name}={value!r} is not a {kind.__name__}") from None


def _tokens(env: Mapping[str, str]) -> tuple[str, ...]:
    """Bearer tokens of the feedback routes: FEEDBACK_TOKENS (comma-separated) and the lines of
    FEEDBACK_TOKENS_FILE (blank lines and `#` comments skipped). A file that cannot be read is
    a settings error, not "no tokens": a typo must not silently disable feedback."""
    tokens = [t.strip() for t in env.get("FEEDBACK_TOKENS", "").split(",")]
    file = env.get("FEEDBACK_TOKENS_FILE", "").strip()
    if file:
        try:
            lines = Path(file).expanduser().read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise SettingsError(f"FEEDBACK_TOKENS_FILE={file!r} cannot be read: {exc}") from None
        tokens += [line.strip() for line in lines if not line.strip().startswith("#")]
    return tuple(dict.fromkeys(t for t in tokens if t))
