"""The one sentence under each plot, computed from the rows the plot draws.

No number in a sentence is typed by hand: each comes from the query results, formatted by
the helpers below (the tests recompute some of them straight from the marts). A sentence
that would need data the build lacks says so instead of failing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

Row = dict[str, Any]

# Typographic characters, named (ruff's RUF001 flags them inside literals as look-alikes).
TIMES = "\u00d7"  # multiplication sign, for returns and ratios: 2.06x
RHO = "\u03c1"  # Spearman's rho
DASH = "\u2013"  # en dash, for pairs: budget - revenue


# -- formatting ------------------------------------------------------------------------------


def count(n: int | float) -> str:
    return f"{int(n):,}"


def pct(share: float | None) -> str:
    return "n/a" if share is None else f"{share * 100:.1f} %"


def money(value: float | None) -> str:
    if value is None:
        return "n/a"
    if value >= 1e9:
        return f"${value / 1e9:.2f}B"
    if value >= 1e6:
        return f"${value / 1e6:.1f}M"
    return f"${value:,.0f}"


def dollars(value: int | float | None) -> str:
    return "" if value is None else f"${value:,.0f}"


def times(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.0f}{TIMES}" if value >= 1000 else f"{value:.2f}{TIMES}"


def number(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{value:,.{digits}f}"


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{count(n)} {word if n == 1 else (words or word + 's')}"


def verb(n: int, singular: str, plural_form: str) -> str:
    """The verb that agrees with a count: verb(1, "is", "are")."""
    return singular if n == 1 else plural_form


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


# -- releases --------------------------------------------------------------------------------


def releases_per_year(rows: Sequence[Row]) -> str:
    total = sum(r["films"] for r in rows)
    if not total:
        return "No film in this build has a release year."
    peak = max(rows, key=lambda r: (r["films"], -r["release_year"]))
    since_2000 = sum(r["films"] for r in rows if r["release_year"] >= 2000)
    first, last = rows[0], rows[-1]
    return (
        f"Releases peak in {peak['release_year']} with {plural(peak['films'], 'film')}; "
        f"{pct(since_2000 / total)} of the {plural(total, 'film')} came out in 2000 or "
        f"later, and the years run from {first['release_year']} to {last['release_year']} "
        f"({plural(last['films'], 'film')} in {last['release_year']})."
    )


def releases_per_month(rows: Sequence[Row]) -> str:
    total = sum(r["films"] for r in rows)
    if not total:
        return "No film in this build has a release date."
    busiest = max(rows, key=lambda r: (r["films"], -r["month"]))
    quietest = min(rows, key=lambda r: (r["films"], r["month"]))
    others = [r for r in rows if r is not busiest]
    other_films = sum(r["films"] for r in others)
    other_first = sum(r["first_day_films"] for r in others)
    sentence = (
        f"{busiest['month_en'].title()} is the busiest month ({plural(busiest['films'], 'film')}"
        f", {pct(busiest['films'] / total)}), and {count(busiest['first_day_films'])} of them "
        f"({pct(_share(busiest['first_day_films'], busiest['films']))}) are dated on the 1st"
    )
    if other_films:
        sentence += f", against {pct(other_first / other_films)} in the other months"
    return sentence + (
        f"; {quietest['month_en'].title()} is the quietest ({plural(quietest['films'], 'film')})."
    )


def releases_per_weekday(rows: Sequence[Row]) -> str:
    total = sum(r["films"] for r in rows)
    if not total:
        return "No film in this build has a release date."
    most = max(rows, key=lambda r: (r["films"], -r["weekday"]))
    least = min(rows, key=lambda r: (r["films"], r["weekday"]))
    return (
        f"{most['weekday_en'].title()} is the most common release day "
        f"({plural(most['films'], 'film')}, {pct(most['films'] / total)}); "
        f"{least['weekday_en'].title()} the least ({plural(least['films'], 'film')}, "
        f"{pct(least['films'] / total)})."
    )


# -- money -----------------------------------------------------------------------------------


def amount_distribution(summary: Row | None, under_100: int, what: str) -> str:
    """Budget or revenue: how many films know it, its median, and the $1-$100 amounts."""
    if summary is None or not summary["known_films"]:
        return f"No film in this build has a {what} (0 means unknown)."
    sentence = (
        f"{count(summary['known_films'])} of {plural(summary['films'], 'film')} "
        f"({pct(summary['known_films'] / summary['films'])}) have a {what} (0 means unknown); "
        f"the median known {what} is {money(summary['median'])}"
    )
    if under_100:
        return sentence + (
            f", and {plural(under_100, what)} of $1 to $100 {verb(under_100, 'sits', 'sit')} "
            "far to the left: amounts written in millions or typos, listed below."
        )
    return sentence + f", and no {what} is between $1 and $100."


def return_distribution(summary: Row | None, over_1000: Sequence[Row]) -> str:
    if summary is None or not summary["known_films"]:
        return "No film in this build has both a budget and a revenue."
    sentence = (
        f"Over the {plural(summary['known_films'], 'film')} with both a budget and a revenue, "
        f"the median return is {times(summary['median'])} (middle half "
        f"{times(summary['p25'])} to {times(summary['p75'])})"
    )
    if not over_1000:
        return sentence + f"; no film returns more than 1,000{TIMES}."
    tiny_budget = sum(1 for r in over_1000 if r["budget"] <= 100)
    return sentence + (
        f"; {plural(len(over_1000), 'film')} {verb(len(over_1000), 'returns', 'return')} "
        f"more than 1,000{TIMES}, "
        f"{count(tiny_budget)} of them with a budget of $100 or less."
    )


# -- runtime and votes -----------------------------------------------------------------------


def runtime(summary: Row | None) -> str:
    if summary is None or not summary["known_films"]:
        return "No film in this build has a runtime above 0."
    return (
        f"The median runtime is {number(summary['median'], 0)} min (middle half "
        f"{number(summary['p25'], 0)} to {number(summary['p75'], 0)}); "
        f"{plural(summary['zero_films'], 'film')} "
        f"{verb(summary['zero_films'], 'has', 'have')} a runtime of 0 and "
        f"{count(summary['missing_films'])} none (unknown, left out), and "
        f"{count(summary['over_300_films'])} {verb(summary['over_300_films'], 'runs', 'run')} "
        "300 min or more "
        f"(the longest {count(summary['max_runtime'])} min)."
    )


def votes(buckets: Sequence[Row]) -> str:
    voted = [b for b in buckets if b["bucket"] > 0 and b["films"]]
    unvoted = next((b["films"] for b in buckets if b["bucket"] == 0), 0)
    if not voted:
        return "No film in this build has a vote."
    few, many = voted[0], voted[-1]
    sentence = (
        f"Films with {few['vote_count_range']} votes average "
        f"{number(few['mean_vote_average'], 2)} (10th to 90th percentile "
        f"{number(few['p10_vote_average'])} to {number(few['p90_vote_average'])}, "
        f"{count(few['extreme_films'])} at exactly 0 or 10)"
    )
    if many is not few:
        sentence += (
            f", films with {many['vote_count_range']} votes "
            f"{number(many['mean_vote_average'], 2)} ({number(many['p10_vote_average'])} "
            f"to {number(many['p90_vote_average'])})"
        )
    return sentence + (
        f"; {plural(unvoted, 'film')} {verb(unvoted, 'has', 'have')} no vote at all (average 0)."
    )


# -- genres, countries, languages ------------------------------------------------------------


def genres_by_decade(rows: Sequence[Row], min_decade_share: float) -> str:
    decades = sorted({r["decade"] for r in rows})
    if not decades:
        return "No film of this build has a genre and a release year."
    leaders: dict[str, int] = {}
    for decade in decades:
        in_decade = [r for r in rows if r["decade"] == decade]
        top = max(in_decade, key=lambda r: (r["films"], r["genre"]))
        leaders[top["genre"]] = leaders.get(top["genre"], 0) + 1
    leader, led = max(leaders.items(), key=lambda item: (item[1], item[0]))
    sentence = (
        f"{leader} is the most common genre in {led} of the {plural(len(decades), 'decade')} "
        f"holding {pct(min_decade_share)} of the films or more"
    )
    if len(decades) < 2:
        return sentence + "."
    first, last = decades[0], decades[-1]
    share = {(r["decade"], r["genre"]): r["share"] for r in rows}
    genres = sorted({r["genre"] for r in rows})
    grew = max(genres, key=lambda g: (share[(last, g)] - share[(first, g)], g))
    return sentence + (
        f"; {grew} grew the most, from {pct(share[(first, grew)])} of the films of the "
        f"{first}s to {pct(share[(last, grew)])} in the {last}s."
    )


def top_places(rows: Sequence[Row], total_places: int, *, noun: str, nouns: str, role: str) -> str:
    """Countries (role: "a production country of") or languages ("the original language of")."""
    if not rows:
        return f"No film in this build has a {noun}."
    first = rows[0]
    sentence = (
        f"{first[noun]} is {role} {pct(first['share'])} of the films "
        f"({plural(first['films'], 'film')})"
    )
    if len(rows) > 1:
        second = rows[1]
        sentence += (
            f", {number(first['films'] / second['films'])}{TIMES} the next, {second[noun]} "
            f"({count(second['films'])})"
        )
    return sentence + (
        f"; {plural(total_places, noun, nouns)} {verb(total_places, 'appears', 'appear')} in all."
    )


# -- correlations ----------------------------------------------------------------------------


def correlations(rows: Sequence[Row]) -> str:
    known = [r for r in rows if r["spearman"] is not None and not math.isnan(r["spearman"])]
    if not known:
        return "Too few films know two of these measures to correlate them."
    strongest = max(known, key=lambda r: (abs(r["spearman"]), r["measure_x"]))
    sentence = (
        f"The strongest rank correlation is {strongest['measure_x']} with "
        f"{strongest['measure_y']} ({RHO} = {strongest['spearman']:.2f} over "
        f"{plural(strongest['films'], 'film')})"
    )
    money_pair = next(
        (r for r in known if {r["measure_x"], r["measure_y"]} == {"budget", "revenue"}), None
    )
    if money_pair is not None and money_pair is not strongest:
        sentence += (
            f"; budget with revenue {RHO} = {money_pair['spearman']:.2f} over the "
            f"{plural(money_pair['films'], 'film')} that know both"
        )
    measures = sorted({r["measure_x"] for r in known} | {r["measure_y"] for r in known})
    closest = {
        m: max(abs(r["spearman"]) for r in known if m in (r["measure_x"], r["measure_y"]))
        for m in measures
    }
    loner = min(measures, key=lambda m: (closest[m], m))
    return sentence + (
        f"; {loner} is the least related to the others (|{RHO}| ≤ {closest[loner]:.2f})."
    )


# -- data quality ----------------------------------------------------------------------------


def rejected_rows(rows: Sequence[Row], rows_read: int) -> str:
    total = sum(r["rejected_rows"] for r in rows)
    if not total:
        return f"Every one of the {plural(rows_read, 'raw record')} reached a mart."
    top = rows[0]
    return (
        f"{plural(total, 'raw record')} ({pct(_share(total, rows_read))} of the "
        f"{count(rows_read)} read) {verb(total, 'is', 'are')} kept out of the marts, each in "
        "audit.rejected_rows "
        f"with its reason; the largest group is {top['reason']} in {top['source']} "
        f"({count(top['rejected_rows'])})."
    )


def null_counts(rows: Sequence[Row]) -> str:
    if not rows:
        return "The marts have no columns to check."
    empty = [r for r in rows if r["table_rows"] and r["null_rows"] == r["table_rows"]]
    partial = [r for r in rows if 0 < r["null_rows"] < r["table_rows"]]
    parts = []
    if empty:
        names = ", ".join(f"{r['table_name']}.{r['column_name']}" for r in empty)
        parts.append(
            f"{plural(len(empty), 'column')} {verb(len(empty), 'is', 'are')} empty "
            f"in every row ({names})"
        )
    if partial:
        worst = max(partial, key=lambda r: (r["null_share"], r["column_name"]))
        parts.append(
            f"the emptiest partly filled column is {worst['table_name']}.{worst['column_name']} "
            f"({pct(worst['null_share'])} NULL, {count(worst['null_rows'])} rows)"
        )
    filled = len(rows) - len(empty) - len(partial)
    parts.append(f"{plural(filled, 'column')} {verb(filled, 'has', 'have')} no NULL")
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."


# -- streaming -------------------------------------------------------------------------------


def streaming_types(rows: Sequence[Row]) -> str:
    platforms: dict[str, dict[str, int]] = {}
    for r in rows:
        platforms.setdefault(r["platform"], {})[r["type"]] = r["titles"]
    if not platforms:
        return "This build has no streaming titles."
    totals = {p: sum(types.values()) for p, types in platforms.items()}
    largest = max(totals, key=lambda p: (totals[p], p))
    shows = {p: platforms[p].get("tv show", 0) / totals[p] for p in platforms}
    most_shows = max(shows, key=lambda p: (shows[p], p))
    return (
        f"The largest catalogue is {largest}'s ({plural(totals[largest], 'title')}, "
        f"{pct(platforms[largest].get('movie', 0) / totals[largest])} movies); {most_shows} "
        f"has the highest share of TV shows ({pct(shows[most_shows])})."
    )


def streaming_ratings(rows: Sequence[Row]) -> str:
    firsts = [r for r in rows if r["rating_rank"] == 1]
    if not firsts:
        return "This build has no streaming titles."
    listed = ", ".join(f"{r['platform']} {r['rating']} ({pct(r['share'])})" for r in firsts)
    return f"The most common rating on each platform: {listed}."


def streaming_durations(summaries: Sequence[Row]) -> str:
    if not summaries:
        return "This build has no streaming titles."
    medians = [s for s in summaries if s["median_minutes"] is not None]
    parts = []
    if medians:
        parts.append(
            "median movie length: "
            + ", ".join(f"{s['platform']} {number(s['median_minutes'], 0)} min" for s in medians)
        )
    shows = [s for s in summaries if s["titles_in_seasons"]]
    if shows:
        one = {s["platform"]: s["one_season_titles"] / s["titles_in_seasons"] for s in shows}
        high = max(one, key=lambda p: (one[p], p))
        low = min(one, key=lambda p: (one[p], p))
        parts.append(
            f"single-season shows are {pct(one[high])} of TV shows on {high}"
            + (f" and {pct(one[low])} on {low}" if low != high else "")
        )
    missing = [s for s in summaries if s["missing_duration"]]
    if missing:
        parts.append(
            " and ".join(
                f"{s['platform']} has {plural(s['missing_duration'], 'title')} with no duration"
                for s in missing
            )
        )
    if not parts:
        return "No streaming title in this build has a duration."
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."


def streaming_year_added(rows: Sequence[Row]) -> str:
    platforms = sorted({r["platform"] for r in rows})
    if not platforms:
        return "This build has no streaming titles."
    parts = []
    for platform in platforms:
        dated = [r for r in rows if r["platform"] == platform and r["year_added"] is not None]
        total = sum(r["titles"] for r in rows if r["platform"] == platform)
        known = sum(r["titles"] for r in dated)
        if not dated:
            parts.append(f"{platform} none (no title has a date added)")
            continue
        peak = max(dated, key=lambda r: (r["titles"], -r["year_added"]))
        part = f"{platform} {peak['year_added']} ({plural(peak['titles'], 'title')}"
        if known < total / 2:
            part += f"; only {count(known)} of its {count(total)} titles have a date added"
        parts.append(part + ")")
    return "The year each platform added the most titles: " + ", ".join(parts) + "."
