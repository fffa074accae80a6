"""Is the build file being served the one the build wrote? Its SHA-256 against the sidecar.

The build records the hex SHA-256 of each build file in `<build file>.sha256`, written just
before the swap (older builds have none: nothing to compare, the check is skipped). DuckDB
checks a block's checksum only when a query reads that block, so a file damaged on disk
(a flipped byte in the middle) may answer `/health` and most routes and fail others with a
500; hashing the whole file finds it at once.

Hashing 300 MB takes about a second, so `Warehouse` runs `verify_checksum` in a background
thread after each attach (never at start-up nor inside a request; hashlib and file reads
release the GIL) and keeps the verdict on the build's handle for `/health`.
"""

from __future__ import annotations

import hashlib
import logging
import os

log = logging.getLogger("api.integrity")

#: Verdicts. `PENDING` until the hash is done; `UNRECORDED`: no sidecar (an older build).
PENDING = "pending"
VERIFIED = "verified"
UNRECORDED = "unrecorded"
MISMATCH = "mismatch"
UNREADABLE = "unreadable"
#: The verdicts /health reports as degraded.
FAILED = frozenset((MISMATCH, UNREADABLE))

SIDECAR_SUFFIX = ".sha256"
_CHUNK = 1 << 20


def sidecar_path(build_file: str) -> str:
    return build_file + SIDECAR_SUFFIX


def recorded_sha256(build_file: str) -> str | None:
    """The digest the build recorded (`sha256sum` style `<hex> [name]` accepted), None when
    there is no sidecar; "" when the sidecar holds no digest (a damaged record)."""
    try:
        with open(sidecar_path(build_file), encoding="ascii", errors="replace") as sidecar:
            words = sidecar.read(256).split()
    except FileNotFoundError:
        return None
    except OSError:
        return ""
    digest = words[0].lower() if words else ""
    if len(digest) != 64 or any(ch not in "0123456789abcdef" for ch in digest):
        return ""
    return digest


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def verify_checksum(build_file: str) -> str:
    """The verdict on `build_file`: VERIFIED, UNRECORDED, MISMATCH or UNREADABLE."""
    expected = recorded_sha256(build_file)
    if expected is None:
        return UNRECORDED
    if not expected:
        log.error("%s: the sidecar holds no SHA-256", os.path.basename(build_file))
        return MISMATCH
    try:
        actual = file_sha256(build_file)
    except OSError as exc:
        log.error("%s cannot be read: %s", os.path.basename(build_file), exc)
        return UNREADABLE
    if actual != expected:
        log.error("%s does not match its recorded SHA-256", os.path.basename(build_file))
        return MISMATCH
    return VERIFIED
