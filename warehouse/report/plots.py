"""Matplotlib drawings, as PNG bytes, from plain sequences (never from SQL or query rows).

Figures are made with `matplotlib.figure.Figure` on the Agg canvas, not pyplot: no global
state, nothing to close, no display needed. Every function copes with empty input by drawing
a labelled "no data" panel, so a tiny or partial build still gives a complete report.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Callable, Mapping, Sequence

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

WIDTH, HEIGHT, DPI = 8.0, 3.6, 100
COLOR, ACCENT, MUTED = "#2f6f9f", "#d1495b", "#9aa5b1"
PLATFORM_COLORS = {
    "amazon": "#00a8e1",
    "disney": "#113ccf",
    "hulu": "#1ce783",
    "netflix": "#e50914",
}


def _plain_text(draw: Callable[..., bytes]) -> Callable[..., bytes]:
    """Labels hold dollar amounts ("$1 to $100"): turn off mathtext, which would read text
    between two dollar signs as a formula (log axes get plain tick labels, `_short`)."""

    @functools.wraps(draw)
    def wrapper(*args, **kwargs) -> bytes:
        with matplotlib.rc_context({"text.parse_math": False}):
            return draw(*args, **kwargs)

    return wrapper


def _figure(rows: int = 1, cols: int = 1, height: float = HEIGHT, width: float = WIDTH):
    fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(rows, cols, squeeze=False)
    for ax in axes.flat:
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8)
    return fig, axes


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _short(value: float) -> str:
    """A tick label without mathtext: 1, 100, 10k, 2.5M, 1B, 0.001."""
    for unit, size in (("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if value >= size:
            return f"{value / size:g}{unit}"
    return f"{value:g}"


def _no_data(ax, message: str = "no data in this build") -> None:
    ax.text(
        0.5,
        0.5,
        message,
        ha="center",
        va="center",
        color=MUTED,
        fontsize=12,
        transform=ax.transAxes,
    )
    ax.set_xticks([])
    ax.set_yticks([])


@_plain_text
def series(
    xs: Sequence[float], ys: Sequence[float], *, title: str, xlabel: str, ylabel: str
) -> bytes:
    """A filled line (films per year)."""
    fig, axes = _figure()
    ax = axes[0][0]
    ax.set_title(title, fontsize=10)
    if not xs:
        _no_data(ax)
        return _png(fig)
    ax.plot(xs, ys, color=COLOR, linewidth=1.2)
    ax.fill_between(xs, ys, color=COLOR, alpha=0.2)
    ax.set_xlabel(xlabel, fontsize=9)
    ax.set_ylabel(ylabel, fontsize=9)
    ax.set_ylim(bottom=0)
    return _png(fig)


@_plain_text
def bars(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    ylabel: str,
    part: Sequence[float] | None = None,
    part_label: str = "",
    horizontal: bool = False,
    value_format: str = "{:,.0f}",
    value_labels: Sequence[str] | None = None,
) -> bytes:
    """Bars with their values written on them; `part` overlays a highlighted sub-count
    (films dated on the 1st of the month). Horizontal bars list the first label on top."""
    height = max(HEIGHT, 0.28 * len(labels) + 1.0) if horizontal else HEIGHT
    fig, axes = _figure(height=height)
    ax = axes[0][0]
    ax.set_title(title, fontsize=10)
    if not labels:
        _no_data(ax)
        return _png(fig)
    positions = range(len(labels))
    if horizontal:
        drawn = ax.barh(positions, values, color=COLOR)
        ax.set_yticks(list(positions), labels, fontsize=8)
        ax.invert_yaxis()
        ax.set_xlabel(ylabel, fontsize=9)
    else:
        drawn = ax.bar(positions, values, color=COLOR, label="all" if part else None)
        ax.set_xticks(
            list(positions),
            labels,
            fontsize=8,
            rotation=30 if len(labels) > 8 else 0,
            ha="right" if len(labels) > 8 else "center",
        )
        ax.set_ylabel(ylabel, fontsize=9)
        if part is not None:
            ax.bar(positions, part, color=ACCENT, label=part_label)
            ax.legend(fontsize=8, frameon=False)
    if value_labels is None:
        value_labels = [value_format.format(v) for v in values]
    ax.bar_label(drawn, labels=list(value_labels), fontsize=7, padding=2)
    if horizontal:
        ax.margins(x=0.16)
    else:
        ax.margins(x=0.02, y=0.12)
    return _png(fig)


@_plain_text
def log_histogram(
    lows: Sequence[float],
    highs: Sequence[float],
    counts: Sequence[int],
    *,
    title: str,
    xlabel: str,
    flag: tuple[float, float, str] | None = None,
    guide: tuple[float, str] | None = None,
    prefix: str = "",
    suffix: str = "",
    log_counts: bool = False,
) -> bytes:
    """Counts of bins given by their edges, on a log x axis labelled `prefix` 10k `suffix`
    per decade; `flag` = (low, high, label) shades a suspicious range, `guide` = (x, label)
    draws a dashed line (the median). `log_counts` puts the counts on a log scale too, so
    bins of one or two films stay visible beside bins of a thousand."""
    fig, axes = _figure()
    ax = axes[0][0]
    ax.set_title(title, fontsize=10)
    if not counts:
        _no_data(ax)
        return _png(fig)
    widths = [high - low for low, high in zip(lows, highs, strict=True)]
    ax.bar(lows, counts, width=widths, align="edge", color=COLOR, edgecolor="white", linewidth=0.3)
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(LogLocator(base=10, numticks=12))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{prefix}{_short(x)}{suffix}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    if log_counts:
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: _short(y)))
        ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(xlabel, fontsize=9)
    ax.set_ylabel("films" + (" (log scale)" if log_counts else ""), fontsize=9)
    if flag is not None:
        ax.axvspan(flag[0], flag[1], color=ACCENT, alpha=0.15, label=flag[2])
        ax.legend(fontsize=8, frameon=False, loc="upper left")
    if guide is not None and guide[0] > 0:
        ax.axvline(guide[0], color="black", linestyle="--", linewidth=0.8)
        ax.annotate(
            guide[1],
            (guide[0], max(counts)),
            fontsize=8,
            xytext=(4, -10),
            textcoords="offset points",
        )
    return _png(fig)


@_plain_text
def histogram(
    lows: Sequence[float],
    counts: Sequence[int],
    *,
    width: float,
    title: str,
    xlabel: str,
    ylabel: str = "films",
    last_label: str | None = None,
    guide: tuple[float, str] | None = None,
) -> bytes:
    """Counts of equal-width bins given by their lower edge; the last bin may be open-ended
    (`last_label`, e.g. "300+")."""
    fig, axes = _figure()
    ax = axes[0][0]
    ax.set_title(title, fontsize=10)
    if not counts:
        _no_data(ax)
        return _png(fig)
    colors = [COLOR] * len(counts)
    if last_label is not None:
        colors[-1] = ACCENT
    ax.bar(lows, counts, width=width, align="edge", color=colors, edgecolor="white", linewidth=0.3)
    if last_label is not None:
        ax.annotate(
            last_label,
            (lows[-1] + width / 2, counts[-1]),
            ha="center",
            fontsize=8,
            color=ACCENT,
            xytext=(0, 3),
            textcoords="offset points",
        )
    if guide is not None:
        ax.axvline(guide[0], color="black", linestyle="--", linewidth=0.8)
        ax.annotate(
            guide[1],
            (guide[0], max(counts)),
            fontsize=8,
            xytext=(4, -10),
            textcoords="offset points",
        )
    ax.set_xlabel(xlabel, fontsize=9)
    ax.set_ylabel(ylabel, fontsize=9)
    return _png(fig)


@_plain_text
def heatmap(
    values: Sequence[Sequence[float | None]],
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    *,
    title: str,
    colorbar: str,
    log_color: bool = False,
    annotate: str | None = None,
    diverging: bool = False,
    xlabel: str = "",
    ylabel: str = "",
    height: float = HEIGHT,
) -> bytes:
    """A matrix as coloured cells (None = blank). `annotate` formats the value in each cell,
    `diverging` centres the colours on 0 (correlations), `log_color` scales them by log."""
    fig, axes = _figure(height=height)
    ax = axes[0][0]
    ax.set_title(title, fontsize=10)
    present = [v for row in values for v in row if v is not None and not math.isnan(v)]
    if not present:
        _no_data(ax)
        return _png(fig)
    grid = [[math.nan if v is None else v for v in row] for row in values]
    if diverging:
        image = ax.imshow(grid, cmap="RdBu_r", vmin=-1, vmax=1, aspect="auto")
    elif log_color and min(present) > 0:
        image = ax.imshow(
            grid,
            cmap="viridis",
            aspect="auto",
            norm=LogNorm(vmin=min(present), vmax=max(max(present), 1.01)),
        )
    else:
        image = ax.imshow(grid, cmap="viridis", aspect="auto")
    ax.set_xticks(
        range(len(col_labels)),
        col_labels,
        fontsize=7,
        rotation=45 if len(col_labels) > 6 else 0,
        ha="right" if len(col_labels) > 6 else "center",
    )
    ax.set_yticks(range(len(row_labels)), row_labels, fontsize=7)
    ax.set_xlabel(xlabel, fontsize=9)
    ax.set_ylabel(ylabel, fontsize=9)
    ax.spines[["left", "bottom"]].set_visible(False)
    if annotate is not None:
        for i, row in enumerate(values):
            for j, v in enumerate(row):
                if v is not None and not math.isnan(v):
                    ax.text(
                        j,
                        i,
                        annotate.format(v),
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="white" if diverging and abs(v) > 0.55 else "black",
                    )
    fig.colorbar(image, ax=ax, label=colorbar, shrink=0.85)
    return _png(fig)


@_plain_text
def grouped_bars(
    groups: Sequence[str], series_values: Mapping[str, Sequence[float]], *, title: str, ylabel: str
) -> bytes:
    """One cluster of bars per group (platform), one bar per series (type)."""
    fig, axes = _figure()
    ax = axes[0][0]
    ax.set_title(title, fontsize=10)
    if not groups or not series_values:
        _no_data(ax)
        return _png(fig)
    width = 0.8 / len(series_values)
    palette = [COLOR, ACCENT, MUTED, "#edae49", "#66a182"]
    for k, (name, values) in enumerate(series_values.items()):
        positions = [i + (k - (len(series_values) - 1) / 2) * width for i in range(len(groups))]
        drawn = ax.bar(positions, values, width=width, label=name, color=palette[k % len(palette)])
        ax.bar_label(drawn, labels=[f"{v:,.0f}" for v in values], fontsize=7, padding=2)
    ax.set_xticks(range(len(groups)), groups, fontsize=9)
    ax.set_ylabel(ylabel, fontsize=9)
    ax.legend(fontsize=8, frameon=False)
    ax.margins(y=0.12)
    return _png(fig)


@_plain_text
def panels_of_bars(
    panels: Mapping[str, tuple[Sequence[str], Sequence[float]]],
    *,
    title: str,
    xlabel: str,
    value_format: str = "{:.0%}",
) -> bytes:
    """Small multiples: one horizontal bar chart per panel (platform), two per row."""
    cols = 2
    rows = max(1, math.ceil(len(panels) / cols))
    fig, axes = _figure(rows, cols, height=2.4 * rows + 0.6)
    fig.suptitle(title, fontsize=10)
    if not panels:
        _no_data(axes[0][0])
    for ax, (name, (labels, values)) in zip(axes.flat, panels.items(), strict=False):
        ax.set_title(name, fontsize=9, color=PLATFORM_COLORS.get(name, "black"))
        if not labels:
            _no_data(ax)
            continue
        drawn = ax.barh(range(len(labels)), values, color=PLATFORM_COLORS.get(name, COLOR))
        ax.set_yticks(range(len(labels)), labels, fontsize=7)
        ax.invert_yaxis()
        ax.bar_label(drawn, labels=[value_format.format(v) for v in values], fontsize=7, padding=2)
        ax.margins(x=0.18)
        ax.set_xlabel(xlabel, fontsize=8)
    for ax in list(axes.flat)[len(panels) :]:
        if panels:
            ax.set_visible(False)
    return _png(fig)


Points = Mapping[str, tuple[Sequence[float], Sequence[float]]]


@_plain_text
def lines(
    panels: Sequence[tuple[str, str, Points, float | None]], *, title: str, ylabel: str
) -> bytes:
    """Side-by-side axes, one per (axes title, x label, series, bin width) panel; one line
    per series (platform), coloured by platform. With a bin width, x values are lower bin
    edges and the counts are drawn as steps closed at the last bin's upper edge."""
    fig, axes = _figure(1, max(1, len(panels)))
    fig.suptitle(title, fontsize=10)
    if not panels:
        _no_data(axes[0][0])
    for ax, (axes_title, xlabel, points, width) in zip(axes[0], panels, strict=False):
        ax.set_title(axes_title, fontsize=9)
        drawn = [name for name, (xs, _) in points.items() if xs]
        if not drawn:
            _no_data(ax)
            continue
        for name in drawn:
            xs, ys = points[name]
            style = {"color": PLATFORM_COLORS.get(name), "label": name, "linewidth": 1.3}
            if width is not None:
                ax.step([*xs, xs[-1] + width], [*ys, ys[-1]], where="post", **style)
            else:
                ax.plot(xs, ys, marker="o", markersize=3, **style)
        ax.set_xlabel(xlabel, fontsize=9)
        ax.set_ylabel(ylabel, fontsize=9)
        ax.set_ylim(bottom=0)
        ax.legend(fontsize=7, frameon=False)
    return _png(fig)
