"""The report's sections: for each, the rows it reads, the plots it draws from them and the
sentence each plot supports. One function per section, listed in SECTIONS in page order.

The tunable numbers (how many countries to show, the smallest decade worth a column) are
here, passed to the queries as parameters.
"""

from __future__ import annotations

from collections.abc import Callable

from warehouse.report import plots, takeaways
from warehouse.report.content import Figure, Section, Table
from warehouse.report.queries import ReportQueries, Row
from warehouse.report.takeaways import DASH, RHO, TIMES, count, dollars, number

TOP_PLACES = 15
TOP_RATINGS = 8
MIN_DECADE_SHARE = 0.005  # decades with fewer films give shares of a handful of films
ANOMALIES = {
    "return_over_1000": f"Returns above 1,000{TIMES}",
    "budget_under_100": "Budgets of $1 to $100",
    "revenue_under_100": "Revenues of $1 to $100",
}


def _figure(key: str, title: str, png: bytes, takeaway: str) -> Figure:
    return Figure(key=key, title=title, png=png, takeaway=takeaway, alt=f"{title}. {takeaway}")


def releases(q: ReportQueries) -> Section:
    section = Section(
        "releases",
        "Releases",
        "Films of the movies mart by release date. A date on the 1st of a month is often a "
        "placeholder: TMDB stores a film known only by its year as 1 January.",
    )
    years = q.rows("releases_per_year")
    section.figures.append(
        _figure(
            "releases-year",
            "Films released per year",
            plots.series(
                [r["release_year"] for r in years],
                [r["films"] for r in years],
                title="Films released per year",
                xlabel="release year",
                ylabel="films",
            ),
            takeaways.releases_per_year(years),
        )
    )
    months = q.rows("releases_per_month")
    section.figures.append(
        _figure(
            "releases-month",
            "Films released per month",
            plots.bars(
                [r["month_en"][:3].title() for r in months],
                [r["films"] for r in months],
                part=[r["first_day_films"] for r in months],
                part_label="dated on the 1st of the month",
                title="Films released per calendar month, all years",
                ylabel="films",
            ),
            takeaways.releases_per_month(months),
        )
    )
    weekdays = q.rows("releases_per_weekday")
    section.figures.append(
        _figure(
            "releases-weekday",
            "Films released per weekday",
            plots.bars(
                [r["weekday_en"][:3].title() for r in weekdays],
                [r["films"] for r in weekdays],
                title="Films released per weekday, all years",
                ylabel="films",
            ),
            takeaways.releases_per_weekday(weekdays),
        )
    )
    return section


def _anomaly_table(key: str, caption: str, rows: list[Row]) -> Table:
    return Table(
        key=key,
        caption=f"{caption}: {takeaways.plural(len(rows), 'film')}",
        columns=("title", "year", "budget", "revenue", "return"),
        cells=tuple(
            (
                r["title"],
                str(r["release_year"]),
                dollars(r["budget"]),
                dollars(r["revenue"]),
                takeaways.times(r["return"]) if r["return"] else "0",
            )
            for r in rows
        ),
        numeric=(False, True, True, True, True),
    )


def money(q: ReportQueries) -> Section:
    section = Section(
        "money",
        "Budget, revenue and return",
        "Known amounts only (the statement writes an unknown budget or revenue as 0), on log "
        "scales where money spreads evenly; return = revenue / budget. The shaded band holds "
        "amounts of $1 to $100, which no feature film costs or earns.",
    )
    anomalies = {name: q.rows("money_anomalies", anomaly=name) for name in ANOMALIES}
    for measure, under_100 in (("budget", "budget_under_100"), ("revenue", "revenue_under_100")):
        bins = q.rows("money_histogram", measure=measure)
        summary = q.one("money_summary", measure=measure)
        median = summary["median"] if summary else None
        section.figures.append(
            _figure(
                measure,
                f"{measure.title()} distribution",
                plots.log_histogram(
                    [r["bin_low"] for r in bins],
                    [r["bin_high"] for r in bins],
                    [r["films"] for r in bins],
                    title=f"Known {measure}s (log scale)",
                    xlabel=f"{measure} (US$)",
                    flag=(1, 100, "$1 to $100"),
                    prefix="$",
                    guide=(median, f"median {takeaways.money(median)}") if median else None,
                ),
                takeaways.amount_distribution(summary, len(anomalies[under_100]), measure),
            )
        )
    bins = q.rows("money_histogram", measure="return")
    summary = q.one("money_summary", measure="return")
    median = summary["median"] if summary else None
    section.figures.append(
        _figure(
            "return",
            "Return distribution",
            plots.log_histogram(
                [r["bin_low"] for r in bins],
                [r["bin_high"] for r in bins],
                [r["films"] for r in bins],
                title="Return = revenue / budget (log scale)",
                xlabel=f"return ({TIMES})",
                suffix=TIMES,
                log_counts=True,
                flag=(1000, max([1001] + [r["bin_high"] for r in bins]), f"above 1,000{TIMES}"),
                guide=(median, f"median {takeaways.times(median)}") if median else None,
            ),
            takeaways.return_distribution(summary, anomalies["return_over_1000"]),
        )
    )
    for name, caption in ANOMALIES.items():
        section.tables.append(
            _anomaly_table(f"anomalies-{name.replace('_', '-')}", caption, anomalies[name])
        )
    return section


def runtime(q: ReportQueries) -> Section:
    section = Section("runtime", "Runtime", "Runtime in minutes; 0 and empty mean unknown.")
    bins = q.rows("runtime_histogram")
    summary = q.one("runtime_summary")
    open_ended = bool(bins) and bins[-1]["open_ended"]
    section.figures.append(
        _figure(
            "runtime",
            "Runtime distribution",
            plots.histogram(
                [r["bin_low"] for r in bins],
                [r["films"] for r in bins],
                width=10,
                title="Films per 10-minute runtime bin (runtime > 0)",
                xlabel="runtime (min)",
                last_label="300+" if open_ended else None,
                guide=(summary["median"], f"median {number(summary['median'], 0)} min")
                if summary and summary["median"]
                else None,
            ),
            takeaways.runtime(summary),
        )
    )
    return section


def votes(q: ReportQueries) -> Section:
    section = Section(
        "votes",
        "Vote average and vote count",
        "TMDB's mean vote (0-10) against the number of votes behind it.",
    )
    cells = q.rows("vote_density")
    buckets = q.rows("votes_by_count")
    count_bins = sorted({r["vote_count_bin"] for r in cells})
    average_bins = sorted({r["vote_average_bin"] for r in cells}, reverse=True)
    films = {(r["vote_average_bin"], r["vote_count_bin"]): r["films"] for r in cells}
    lows = {r["vote_count_bin"]: r["vote_count_low"] for r in cells}
    section.figures.append(
        _figure(
            "votes",
            "Vote average against vote count",
            plots.heatmap(
                [[films.get((a, c)) for c in count_bins] for a in average_bins],
                [f"{a:.1f}" for a in average_bins],
                [f"{lows[c]:,.0f}" for c in count_bins],
                title="Films per (vote count, vote average) cell, films with at least one vote",
                colorbar="films (log colour)",
                log_color=True,
                xlabel="vote count (lower edge of a quarter-decade bin)",
                ylabel="vote average (half-point bin)",
                height=4.6,
            ),
            takeaways.votes(buckets),
        )
    )
    section.tables.append(
        Table(
            key="votes-by-count",
            caption="Vote average by number of votes",
            columns=("votes", "films", "mean", "10th pct", "median", "90th pct", "exactly 0 or 10"),
            cells=tuple(
                (
                    b["vote_count_range"],
                    count(b["films"]),
                    number(b["mean_vote_average"], 2),
                    number(b["p10_vote_average"]),
                    number(b["median_vote_average"]),
                    number(b["p90_vote_average"]),
                    count(b["extreme_films"]),
                )
                for b in buckets
            ),
            numeric=(False, True, True, True, True, True, True),
        )
    )
    return section


def genres(q: ReportQueries) -> Section:
    section = Section(
        "genres",
        "Genres over the decades",
        "Share of each decade's films in each genre (a film has several genres, so a column "
        f"adds up to more than 100 %); decades holding at least {MIN_DECADE_SHARE:.1%} of the "
        "films.",
    )
    rows = q.rows("genres_by_decade", min_decade_share=MIN_DECADE_SHARE)
    decades = sorted({r["decade"] for r in rows})
    names = sorted(
        {r["genre"] for r in rows}, key=lambda g: -sum(r["films"] for r in rows if r["genre"] == g)
    )
    share = {(r["genre"], r["decade"]): r["share"] for r in rows}
    section.figures.append(
        _figure(
            "genres",
            "Genres by decade",
            plots.heatmap(
                [[share.get((g, d)) for d in decades] for g in names],
                names,
                [f"{d}s" for d in decades],
                title="Share of the decade's films per genre",
                colorbar="share of the decade's films",
                annotate="{:.0%}",
                height=5.6,
            ),
            takeaways.genres_by_decade(rows, MIN_DECADE_SHARE),
        )
    )
    return section


def places(q: ReportQueries) -> Section:
    section = Section(
        "countries-languages",
        "Countries and languages",
        f"The {TOP_PLACES} production countries and original languages with "
        "the most films; a film made in several countries counts for each.",
    )
    countries = q.rows("top_countries", limit=TOP_PLACES)
    total = q.one("country_count")
    section.figures.append(
        _figure(
            "countries",
            "Top production countries",
            plots.bars(
                [r["country"] for r in countries],
                [r["films"] for r in countries],
                title=f"Top {TOP_PLACES} production countries",
                ylabel="films",
                horizontal=True,
            ),
            takeaways.top_places(
                countries,
                total["countries"] if total else 0,
                noun="country",
                nouns="countries",
                role="a production country of",
            ),
        )
    )
    languages = q.rows("top_languages", limit=TOP_PLACES)
    total = q.one("language_count")
    section.figures.append(
        _figure(
            "languages",
            "Top original languages",
            plots.bars(
                [r["language"] for r in languages],
                [r["films"] for r in languages],
                title=f"Top {TOP_PLACES} original languages",
                ylabel="films",
                horizontal=True,
            ),
            takeaways.top_places(
                languages,
                total["languages"] if total else 0,
                noun="language",
                nouns="languages",
                role="the original language of",
            ),
        )
    )
    return section


MEASURES = ("popularity", "vote_count", "vote_average", "budget", "revenue")


def correlations(q: ReportQueries) -> Section:
    section = Section(
        "correlations",
        "Correlations",
        "Spearman's rank correlation (below the diagonal) and Pearson's (above) of each pair, "
        "over the films that know both values; a budget or revenue of 0 counts as unknown.",
    )
    rows = q.rows("correlations")
    order = {m: i for i, m in enumerate(MEASURES)}
    matrix = [
        [
            1.0 if a == b else _pair(rows, a, b, "pearson" if order[a] < order[b] else "spearman")
            for b in MEASURES
        ]
        for a in MEASURES
    ]
    section.figures.append(
        _figure(
            "correlations",
            "Correlation matrix",
            plots.heatmap(
                matrix,
                list(MEASURES),
                list(MEASURES),
                title=f"Spearman {RHO} (lower left) and Pearson r (upper right)",
                colorbar="correlation",
                annotate="{:.2f}",
                diverging=True,
                height=4.4,
            ),
            takeaways.correlations(rows),
        )
    )
    section.tables.append(
        Table(
            key="correlation-pairs",
            caption="Correlations by pair",
            columns=("pair", "films", "Pearson r", f"Spearman {RHO}"),
            cells=tuple(
                (
                    f"{r['measure_x']} {DASH} {r['measure_y']}",
                    count(r["films"]),
                    number(r["pearson"], 3) if r["pearson"] is not None else "n/a",
                    number(r["spearman"], 3) if r["spearman"] is not None else "n/a",
                )
                for r in rows
            ),
            numeric=(False, True, True, True),
        )
    )
    return section


def _pair(rows: list[Row], a: str, b: str, column: str) -> float | None:
    for r in rows:
        if {r["measure_x"], r["measure_y"]} == {a, b}:
            return r[column]
    return None


def data_quality(q: ReportQueries) -> Section:
    section = Section(
        "data-quality",
        "Data quality",
        "What the build kept out, left empty or found twice. Every raw record is either in a "
        "mart or in audit.rejected_rows with its reason.",
    )
    rejected = q.rows("rejected_rows")
    files = q.rows("source_files")
    rows_read = sum(f["rows_read"] for f in files)
    section.figures.append(
        _figure(
            "rejected",
            "Rejected rows by reason",
            plots.bars(
                [f"{r['source']}: {r['reason']}" for r in rejected],
                [r["rejected_rows"] for r in rejected],
                title="Rejected raw records",
                ylabel="records",
                horizontal=True,
            ),
            takeaways.rejected_rows(rejected, rows_read),
        )
    )
    nulls = q.rows("null_counts")
    with_nulls = [r for r in nulls if r["null_rows"]]
    section.figures.append(
        _figure(
            "nulls",
            "NULLs per column",
            plots.bars(
                [f"{r['table_name']}.{r['column_name']}" for r in with_nulls],
                [r["null_share"] for r in with_nulls],
                value_labels=[f"{r['null_share']:.1%} ({r['null_rows']:,})" for r in with_nulls],
                title="Share of NULL values per column of movies and streaming_titles "
                "(columns with any)",
                ylabel="share of rows",
                horizontal=True,
            ),
            takeaways.null_counts(nulls),
        )
    )
    section.tables.append(
        Table(
            key="source-files",
            caption="Raw files: records read, kept, rejected and repaired",
            columns=("source", "file", "read", "kept", "rejected", "repaired"),
            cells=tuple(
                (
                    f["source"],
                    f["source_file"],
                    count(f["rows_read"]),
                    count(f["rows_kept"]),
                    count(f["rows_rejected"]),
                    count(f["repaired_rows"]),
                )
                for f in files
            ),
            numeric=(False, False, True, True, True, True),
        )
    )
    duplicates = q.rows("duplicates")
    section.tables.append(
        Table(
            key="duplicates",
            caption="Duplicates",
            columns=("check", "source", "rows", "keys", "handling"),
            cells=tuple(
                (
                    d["duplicate_check"],
                    d["source"],
                    count(d["duplicate_rows"]),
                    count(d["duplicate_keys"]),
                    d["handling"],
                )
                for d in duplicates
            ),
            numeric=(False, False, True, True, False),
        )
    )
    return section


def streaming(q: ReportQueries) -> Section:
    section = Section(
        "streaming",
        "Streaming catalogues",
        "The Amazon Prime Video, Disney+, Hulu and Netflix catalogues.",
    )
    types = q.rows("streaming_types")
    platforms = sorted({r["platform"] for r in types})
    kinds = sorted({r["type"] for r in types})
    titles = {(r["platform"], r["type"]): r["titles"] for r in types}
    section.figures.append(
        _figure(
            "streaming-types",
            "Titles per platform and type",
            plots.grouped_bars(
                platforms,
                {k: [titles.get((p, k), 0) for p in platforms] for k in kinds},
                title="Titles per platform and type",
                ylabel="titles",
            ),
            takeaways.streaming_types(types),
        )
    )
    ratings = q.rows("streaming_ratings", limit=TOP_RATINGS)
    section.figures.append(
        _figure(
            "streaming-ratings",
            "Ratings per platform",
            plots.panels_of_bars(
                {
                    p: (
                        [r["rating"] for r in ratings if r["platform"] == p],
                        [r["share"] for r in ratings if r["platform"] == p],
                    )
                    for p in platforms
                },
                title=f"The {TOP_RATINGS} most common maturity ratings per platform",
                xlabel="share of the platform's titles",
            ),
            takeaways.streaming_ratings(ratings),
        )
    )
    minutes = q.rows("streaming_durations", duration_type="min")
    seasons = q.rows("streaming_durations", duration_type="season")
    summaries = q.rows("streaming_duration_summary")

    def points(rows: list[Row]) -> dict:
        return {
            p: (
                [r["bin_low"] for r in rows if r["platform"] == p],
                [r["titles"] for r in rows if r["platform"] == p],
            )
            for p in platforms
        }

    section.figures.append(
        _figure(
            "streaming-durations",
            "Durations per platform",
            plots.lines(
                [
                    ("Movies", "minutes (10-minute bins, last = 200+)", points(minutes), 10),
                    ("TV shows", "seasons (last = 10+)", points(seasons), 1),
                ],
                title="Durations per platform",
                ylabel="titles",
            ),
            takeaways.streaming_durations(summaries),
        )
    )
    added = q.rows("streaming_year_added")
    dated = [r for r in added if r["year_added"] is not None]
    section.figures.append(
        _figure(
            "streaming-year-added",
            "Titles added per year",
            plots.lines(
                [
                    (
                        "",
                        "year added",
                        {
                            p: (
                                [r["year_added"] for r in dated if r["platform"] == p],
                                [r["titles"] for r in dated if r["platform"] == p],
                            )
                            for p in platforms
                        },
                        None,
                    )
                ],
                title="Titles added to each catalogue per year (titles with a date added)",
                ylabel="titles",
            ),
            takeaways.streaming_year_added(added),
        )
    )
    return section


SECTIONS: list[Callable[[ReportQueries], Section]] = [
    releases,
    money,
    runtime,
    votes,
    genres,
    places,
    correlations,
    data_quality,
    streaming,
]
