"""What a benchmark ran on, printed with every figure: a figure without its machine is noise."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def machine() -> str:
    """CPU model, cores, memory, OS, Python, DuckDB and the load average right now."""
    import duckdb

    cpu = "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}; {os.cpu_count()} cores; {mem_gib:.1f} GiB; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}; "
        f"duckdb {duckdb.__version__}; load avg {load_average()}"
    )
