"""One self-contained HTML page: inline CSS, PNGs as base64 data URIs, no script, no link to
anything outside the file. A Content-Security-Policy meta tag makes the "no network" promise
checkable: a browser refuses any request the page would make."""

from __future__ import annotations

import base64
import struct
from datetime import UTC, datetime
from html import escape

from warehouse.report.content import BuildStamp, Figure, Report, Section, Table

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2933;
       margin: 0; background: #f5f7fa; }
header, main, footer { max-width: 960px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 26px; margin: 0 0 8px; }
h2 { font-size: 21px; margin: 40px 0 4px; border-bottom: 2px solid #d9e2ec; }
.stamp { color: #52606d; margin: 4px 0; }
nav ol { columns: 3; padding-left: 20px; }
.intro { color: #52606d; margin-top: 4px; }
figure { background: #fff; margin: 20px 0; padding: 12px; border-radius: 6px;
         box-shadow: 0 1px 3px rgba(0, 0, 0, .08); }
figure img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption .title { font-weight: 600; }
.takeaway { margin: 6px 0 0; }
.table { background: #fff; margin: 20px 0; padding: 12px; border-radius: 6px;
         box-shadow: 0 1px 3px rgba(0, 0, 0, .08); }
.scroll { max-height: 26em; overflow: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
caption { text-align: left; font-weight: 600; padding-bottom: 6px; }
th, td { padding: 3px 8px; border-bottom: 1px solid #e4e7eb; text-align: left;
         vertical-align: top; }
th { position: sticky; top: 0; background: #f0f4f8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.empty { color: #7b8794; font-style: italic; }
code { background: #e4e7eb; padding: 0 4px; border-radius: 3px; }
footer { color: #7b8794; padding-bottom: 32px; margin-top: 40px; }
"""


def _when(value: object) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.strftime("%Y-%m-%d %H:%M:%S UTC")
    return "unknown" if value is None else str(value)


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR), so the page reserves the space."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def _figure(figure: Figure) -> str:
    width, height = _png_size(figure.png)
    data = base64.b64encode(figure.png).decode("ascii")
    return (
        f'<figure id="fig-{escape(figure.key)}">'
        f'<img src="data:image/png;base64,{data}" width="{width}" height="{height}" '
        f'alt="{escape(figure.alt)}">'
        f'<figcaption><span class="title">{escape(figure.title)}</span>'
        f'<p class="takeaway">{escape(figure.takeaway)}</p></figcaption></figure>'
    )


def _table(table: Table) -> str:
    numeric = table.numeric or (False,) * len(table.columns)
    head = "".join(
        f"<th{' class=num' if num else ''}>{escape(column)}</th>"
        for column, num in zip(table.columns, numeric, strict=True)
    )
    if table.cells:
        body = "".join(
            "<tr>"
            + "".join(
                f"<td{' class=num' if num else ''}>{escape(cell)}</td>"
                for cell, num in zip(row, numeric, strict=True)
            )
            + "</tr>"
            for row in table.cells
        )
    else:
        body = f'<tr><td class="empty" colspan="{len(table.columns)}">none in this build</td></tr>'
    note = f'<p class="intro">{escape(table.note)}</p>' if table.note else ""
    return (
        f'<div class="table" id="table-{escape(table.key)}"><div class="scroll"><table>'
        f"<caption>{escape(table.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table></div>{note}</div>"
    )


def _section(section: Section) -> str:
    parts = [
        f'<section id="{escape(section.key)}"><h2>{escape(section.title)}</h2>',
        f'<p class="intro">{escape(section.intro)}</p>',
        *(_figure(f) for f in section.figures),
        *(_table(t) for t in section.tables),
        "</section>",
    ]
    return "\n".join(parts)


def _stamp(stamp: BuildStamp) -> str:
    return (
        f'<p class="stamp" id="build">Build <code>{escape(stamp.build_file)}</code>, built '
        f"{escape(_when(stamp.build_started_at))} to {escape(_when(stamp.build_finished_at))} "
        f"with dbt {escape(stamp.dbt_version)} and DuckDB {escape(stamp.duckdb_version)}: "
        f"{stamp.movies:,} films, {stamp.streaming_titles:,} streaming titles.</p>"
        f'<p class="stamp" id="generated">Report generated {escape(_when(stamp.generated_at))}'
        " by <code>python -m warehouse report</code>; every figure and sentence is computed "
        "from the <code>report.*</code> views of that build.</p>"
    )


def render(report: Report) -> str:
    nav = "".join(
        f'<li><a href="#{escape(s.key)}">{escape(s.title)}</a></li>' for s in report.sections
    )
    body = "\n".join(_section(s) for s in report.sections)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The open movie warehouse: EDA report</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>The open movie warehouse: exploratory data analysis</h1>
{_stamp(report.stamp)}
<nav><ol>{nav}</ol></nav>
</header>
<main>
{body}
</main>
<footer>Queries: <code>dbt_project/models/report/</code>; plots and sentences:
<code>warehouse/report/</code>.</footer>
</body>
</html>
"""
