"""Initialise Superset under build/bi/ and load the dashboards as code; safe to re-run.

Steps, each one a `superset` command so they stay what Superset's docs describe:
`db upgrade` (metadata schema), `fab create-admin` (a no-op once the user exists), `init`
(roles and permissions, once per Superset version), then the import: bi/dashboards/
templated with this machine's warehouse path, `import-directory -o` (database, datasets,
charts, dashboard, matched by uuid and updated in place, so re-running never duplicates),
and bi.relink.

    python -m bi.provision [--import-only]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

from bi.settings import BI_HOME, admin_password, admin_username, superset_env
from bi.templating import render_import_dir

SUPERSET = [str(Path(sys.executable).parent / "superset")]
INIT_STAMP = BI_HOME / ".initialised"


def run(step: str, args: list[str], check_output_for: str | None = None) -> str:
    started = time.monotonic()
    result = subprocess.run(args, env=superset_env(), capture_output=True, text=True)
    output = result.stdout + result.stderr
    failed = result.returncode != 0 or (check_output_for and check_output_for in output)
    if failed:
        sys.stderr.write(output[-6000:])
        raise SystemExit(f"bi: {step} failed (exit {result.returncode})")
    print(f"bi: {step}: {time.monotonic() - started:.1f} s")
    return output


def initialise() -> None:
    run("superset db upgrade", [*SUPERSET, "db", "upgrade"])
    password, generated = admin_password(create=True)
    output = run(
        "superset fab create-admin",
        [
            *SUPERSET,
            "fab",
            "create-admin",
            "--username",
            admin_username(),
            "--password",
            password,
            "--firstname",
            "Warehouse",
            "--lastname",
            "Admin",
            "--email",
            "admin@localhost",
        ],
    )
    if generated:
        if "already exists" in output:  # the kept password file was removed: replace it
            run(
                "superset fab reset-password",
                [
                    *SUPERSET,
                    "fab",
                    "reset-password",
                    "--username",
                    admin_username(),
                    "--password",
                    password,
                ],
            )
        print(
            f"bi: Superset admin user '{admin_username()}', password: {password}\n"
            f"    (printed once; kept owner-only in {BI_HOME / 'admin_password'})"
        )
    superset_version = version("apache-superset")
    if not INIT_STAMP.exists() or INIT_STAMP.read_text().strip() != superset_version:
        run("superset init", [*SUPERSET, "init"])
        INIT_STAMP.write_text(superset_version + "\n")


def import_dashboards() -> None:
    import_dir = render_import_dir()
    # import-directory logs validation errors and still exits 0: look for its message.
    run(
        "superset import-directory -o",
        [*SUPERSET, "import-directory", "-o", str(import_dir)],
        check_output_for="An error occurred",
    )
    output = run("relink query_context", [sys.executable, "-m", "bi.relink"])
    print("bi: " + next(line for line in output.splitlines() if "relinked" in line))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--import-only",
        action="store_true",
        help="only re-import bi/dashboards (Superset already initialised)",
    )
    args = parser.parse_args()
    if not args.import_only:
        initialise()
    import_dashboards()


if __name__ == "__main__":
    main()
