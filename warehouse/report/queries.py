"""The report's only contact with the warehouse: constant SELECTs on the `report.*` views.

The views (dbt_project/models/report/) hold every join and aggregate, so a figure can be
checked against its SQL in one hop; this module only picks columns, orders rows and passes
the few tunable numbers (how many countries, which decades) as parameters, never as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

Row = dict[str, Any]

STATEMENTS: dict[str, str] = {
    "build_info": """
        select build_started_at, build_finished_at, dbt_version, duckdb_version,
               raw_rows_read, raw_rows_rejected, movies, streaming_titles
        from report.report_build_info""",
    "releases_per_year": """
        select release_year, films from report.report_releases_per_year
        order by release_year""",
    "releases_per_month": """
        select month, month_en, films, first_day_films from report.report_releases_per_month
        order by month""",
    "releases_per_weekday": """
        select weekday, weekday_en, films from report.report_releases_per_weekday
        order by weekday""",
    "money_histogram": """
        select bin_index, bin_low, bin_high, films from report.report_money_histogram
        where measure = $measure
        order by bin_index""",
    "money_summary": """
        select measure, films, known_films, p25, median, p75, max_value
        from report.report_money_summary
        where measure = $measure""",
    "money_anomalies": """
        select movie_id, title, release_year, budget, revenue, "return"
        from report.report_money_anomalies
        where anomaly = $anomaly
        order by "return" desc, title, movie_id""",
    "runtime_histogram": """
        select bin_low, open_ended, films from report.report_runtime_histogram
        order by bin_low""",
    "runtime_summary": """
        select films, known_films, zero_films, missing_films, p25, median, p75,
               over_300_films, max_runtime
        from report.report_runtime_summary""",
    "vote_density": """
        select vote_count_bin, vote_count_low, vote_count_high, vote_average_bin, films
        from report.report_vote_density
        order by vote_count_bin, vote_average_bin""",
    "votes_by_count": """
        select bucket, vote_count_range, films, mean_vote_average, p10_vote_average,
               median_vote_average, p90_vote_average, extreme_films
        from report.report_votes_by_count
        order by bucket""",
    "genres_by_decade": """
        select decade, genre, films, decade_films, decade_share, share
        from report.report_genres_by_decade
        where decade_share >= $min_decade_share
        order by decade, genre""",
    "top_countries": """
        select country_rank, country_code, country, films, share
        from report.report_top_countries
        where country_rank <= $limit
        order by country_rank""",
    "country_count": "select count(*) as countries from report.report_top_countries",
    "top_languages": """
        select language_rank, language_code, language, films, share
        from report.report_top_languages
        where language_rank <= $limit
        order by language_rank""",
    "language_count": "select count(*) as languages from report.report_top_languages",
    "correlations": """
        select measure_x, measure_y, films, pearson, spearman from report.report_correlations
        order by measure_x, measure_y""",
    "rejected_rows": """
        select source, reason, rejected_rows from report.report_rejected_rows
        order by rejected_rows desc, source, reason""",
    "source_files": """
        select source, source_file, rows_read, rows_kept, rows_rejected, repaired_rows
        from report.report_source_files
        order by source""",
    "null_counts": """
        select table_name, column_name, table_rows, null_rows, null_share
        from report.report_null_counts
        order by table_name, null_share desc, column_name""",
    "duplicates": """
        select duplicate_check, source, duplicate_rows, duplicate_keys, handling
        from report.report_duplicates
        order by duplicate_check, source""",
    "streaming_types": """
        select platform, type, titles from report.report_streaming_types
        order by platform, type""",
    "streaming_ratings": """
        select platform, rating, titles, share, rating_rank from report.report_streaming_ratings
        where rating_rank <= $limit
        order by platform, rating_rank""",
    "streaming_durations": """
        select platform, bin_low, open_ended, titles from report.report_streaming_durations
        where duration_type = $duration_type
        order by platform, bin_low""",
    "streaming_duration_summary": """
        select platform, titles, titles_in_minutes, median_minutes, p90_minutes,
               titles_in_seasons, one_season_titles, missing_duration
        from report.report_streaming_duration_summary
        order by platform""",
    "streaming_year_added": """
        select platform, year_added, titles from report.report_streaming_year_added
        order by platform, year_added nulls first""",
}

REPORT_VIEWS_SQL = """
    select count(*) from information_schema.tables
    where table_schema = 'report' and table_name = 'report_build_info'
"""


class ReportViewsMissing(RuntimeError):
    """The warehouse predates the report views (built before they existed)."""


class ReportQueries:
    """A read-only connection to one build file and the named statements above."""

    def __init__(self, build_file: Path) -> None:
        self.con = duckdb.connect(str(build_file), read_only=True)
        if self.con.execute(REPORT_VIEWS_SQL).fetchone() != (1,):
            self.con.close()
            raise ReportViewsMissing(
                f"{build_file} has no report views (schema `report`); rebuild it with "
                "`python -m warehouse build`"
            )

    def rows(self, name: str, **params: Any) -> list[Row]:
        cursor = self.con.execute(STATEMENTS[name], params or None)
        columns = [column[0] for column in cursor.description]
        return [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]

    def one(self, name: str, **params: Any) -> Row | None:
        rows = self.rows(name, **params)
        return rows[0] if rows else None

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> ReportQueries:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
