"""Cut the bundled sample (data/sample/) out of the full raw files.

The sample has the same layout as the raw directory (movies/ and streaming/, same file names)
and every record in it is copied byte for byte from the raw file: the csv module is used only
to find where each record starts and ends, so quoting, line ends, Python-repr escapes and the
corrupt rows survive unchanged. The selection is deterministic (no randomness):

movies: the ``top`` films with the most votes (ties: smaller id first), plus the dirt the ETL
must survive: the rows whose id is not an integer and the row just before each, every row of a
duplicated id, the first ``empty_dates`` rows with an empty release_date, the rows with a
backslash escape in them, Pixar films and John Lasseter's films as director, and 12 Angry Men.
credits/keywords: every row (duplicates included) of the selected ids. links/links_small: the
rows of the selected ids, plus the first few rows with an empty tmdbId or a tmdbId that is not
in movies. ratings_small: whole users in file order, restricted to the sampled links' movieIds
(plus movieIds missing from links.csv), until the next user would pass ``max_ratings`` rows.
streaming: per platform, up to 10 rows of each kind of dirt (duration in the rating column,
date_added with a leading space, a field with a newline, a cast name twice), then movies whose
title matches a sampled film, then file order, up to ``titles`` rows; title_scores: the rows of
those titles.

    python -m warehouse.sample --raw ../shared/data --out data/sample --check
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

csv.field_size_limit(sys.maxsize)

MOVIE_FILES = [
    "movies_dataset.csv",
    "credits.csv",
    "keywords.csv",
    "links.csv",
    "links_small.csv",
    "ratings_small.csv",
]
PLATFORMS = {
    "amazon_prime_titles.csv": "a",
    "disney_plus_titles.csv": "d",
    "hulu_titles.csv": "h",
    "netflix_titles.csv": "n",
}
EXTRA_FILMS = {"389"}  # 12 Angry Men
LASSETER_DIRECTOR = "'id': 7879, 'job': 'Director'"
PIXAR = "'Pixar Animation Studios'"
INT_RE = re.compile(r"^[0-9]+$")
DURATION_RE = re.compile(r"^\d+ (min|Seasons?)$")

Record = tuple[list[str], str]  # (parsed fields, raw text of the record incl. its line end)


def read_records(path: Path) -> tuple[str, list[Record]]:
    """Header text and every record of a CSV file, each with its exact raw text."""
    with open(path, encoding="utf-8", errors="surrogateescape", newline="") as fh:
        consumed: list[str] = []

        def lines() -> Iterator[str]:
            for line in fh:
                consumed.append(line)
                yield line

        records: list[Record] = []
        for row in csv.reader(lines()):
            records.append((row, "".join(consumed)))
            consumed.clear()
    if not records:
        raise ValueError(f"{path} is empty")
    return records[0][1], records[1:]


def write_records(path: Path, header: str, records: list[Record]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", errors="surrogateescape", newline="") as fh:
        fh.write(header)
        for _, raw in records:
            fh.write(raw)


def _float(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return -1.0


def select_movies(
    movies: list[Record], credits: list[Record], top: int, empty_dates: int
) -> tuple[set[str], set[int]]:
    """Ids to keep (as written in the file) and record indexes kept regardless of id."""
    numeric = [(row, i) for i, (row, _) in enumerate(movies) if INT_RE.match(row[5])]

    ranked = sorted(numeric, key=lambda ri: (-_float(ri[0][23]), int(ri[0][5])))
    ids: set[str] = set()
    for row, _ in ranked:
        if len(ids) >= top:
            break
        ids.add(row[5])

    extra_idx: set[int] = set()
    # corrupt column-shifted rows (id is a date) and the empty-title row before each
    for i, (row, _) in enumerate(movies):
        if not INT_RE.match(row[5]):
            extra_idx.add(i)
            if i > 0:
                extra_idx.add(i - 1)
                ids.add(movies[i - 1][0][5])
    # every row of a duplicated id
    counts = Counter(row[5] for row, _ in movies)
    ids |= {k for k, n in counts.items() if n > 1}
    # some empty release dates
    empty = [row[5] for row, _ in numeric if row[14] == "" and row[5] not in ids]
    ids |= set(empty[:empty_dates])
    # backslash escapes in the nested columns (\\, \x.., \u...., \t, \')
    ids |= {row[5] for row, i in numeric if "\\" in movies[i][1]}
    # Pixar films, John Lasseter as director, 12 Angry Men
    ids |= {row[5] for row, _ in numeric if PIXAR in row[12]}
    ids |= {row[2] for row, raw in credits if LASSETER_DIRECTOR in row[1]}
    ids |= EXTRA_FILMS
    return ids, extra_idx


def select_streaming(
    records: list[Record], titles: int, film_titles: set[str], dirt_per_kind: int = 10
) -> list[Record]:
    """Dirt rows first (up to ``dirt_per_kind`` of each kind), then movies whose title matches a
    sampled film, then file order, up to ``titles`` rows; output in file order."""

    def repeated_cast(row: list[str]) -> bool:
        cast = [c.strip() for c in row[4].split(",") if c.strip()]
        return len(cast) != len(set(cast))

    kinds = [
        lambda row: bool(DURATION_RE.match(row[8])),  # duration in the rating column
        lambda row: row[6].startswith(" "),  # date_added with a leading space
        lambda row: any("\n" in f or "\r" in f for f in row),  # quoted newline
        repeated_cast,
    ]
    picked: set[int] = set()
    for kind in kinds:
        picked |= set([i for i, (row, _) in enumerate(records) if kind(row)][:dirt_per_kind])
    for i, (row, _) in enumerate(records):
        if len(picked) >= titles:
            break
        if i not in picked and row[1] == "Movie" and row[2].strip().lower() in film_titles:
            picked.add(i)
    for i in range(len(records)):
        if len(picked) >= titles:
            break
        picked.add(i)
    return [records[i] for i in sorted(picked)]


def write_sample(
    raw_dir: Path,
    out_dir: Path,
    top: int = 900,
    max_ratings: int = 10000,
    titles: int = 400,
    empty_dates: int = 10,
) -> dict:
    """Write the sample of ``raw_dir`` into ``out_dir``; return rows written per file."""
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    mdir, sdir = raw_dir / "movies", raw_dir / "streaming"
    counts: dict[str, int] = {}

    def put(rel: str, header: str, records: list[Record]) -> None:
        write_records(out_dir / rel, header, records)
        counts[rel] = len(records)

    # ---- movies, credits, keywords
    m_head, movies = read_records(mdir / "movies_dataset.csv")
    c_head, credits = read_records(mdir / "credits.csv")
    k_head, keywords = read_records(mdir / "keywords.csv")
    ids, extra_idx = select_movies(movies, credits, top, empty_dates)
    put(
        "movies/movies_dataset.csv",
        m_head,
        [r for i, r in enumerate(movies) if r[0][5] in ids or i in extra_idx],
    )
    put("movies/credits.csv", c_head, [r for r in credits if r[0][2] in ids])
    put("movies/keywords.csv", k_head, [r for r in keywords if r[0][0] in ids])
    all_movie_ids = {row[5] for row, _ in movies}
    del credits, keywords

    # ---- links, links_small: selected films + a few rows that map to nothing
    sampled_movie_ids: set[str] = set()
    for name in ["links.csv", "links_small.csv"]:
        head, links = read_records(mdir / name)
        no_tmdb = [i for i, (row, _) in enumerate(links) if row[2] == ""][:5]
        unknown = [i for i, (row, _) in enumerate(links) if row[2] and row[2] not in all_movie_ids][
            :5
        ]
        keep = {i for i, (row, _) in enumerate(links) if row[2] in ids}
        keep |= set(no_tmdb) | set(unknown)
        chosen = [links[i] for i in sorted(keep)]
        sampled_movie_ids |= {row[0] for row, _ in chosen}
        put(f"movies/{name}", head, chosen)
    _, full_links = read_records(mdir / "links.csv")
    in_links = {row[0] for row, _ in full_links}
    del full_links

    # ---- ratings_small: whole users in file order, restricted to the sampled movieIds
    r_head, ratings = read_records(mdir / "ratings_small.csv")
    wanted = sampled_movie_ids | {row[1] for row, _ in ratings if row[1] not in in_links}
    by_user: dict[str, list[Record]] = {}
    for rec in ratings:
        if rec[0][1] in wanted:
            by_user.setdefault(rec[0][0], []).append(rec)
    chosen_ratings: list[Record] = []
    for recs in by_user.values():  # dict keeps file order
        if len(chosen_ratings) + len(recs) > max_ratings:
            break
        chosen_ratings.extend(recs)
    chosen_ratings_set = {id(r) for r in chosen_ratings}
    put("movies/ratings_small.csv", r_head, [r for r in ratings if id(r) in chosen_ratings_set])
    del ratings

    # ---- streaming
    film_titles = {row[20].strip().lower() for row, _ in movies if row[5] in ids and row[20]}
    score_ids: set[str] = set()
    for name, prefix in PLATFORMS.items():
        head, recs = read_records(sdir / name)
        chosen = select_streaming(recs, titles, film_titles)
        score_ids |= {prefix + row[0] for row, _ in chosen}
        put(f"streaming/{name}", head, chosen)
    s_head, scores = read_records(sdir / "title_scores.csv")
    put("streaming/title_scores.csv", s_head, [r for r in scores if r[0][0] in score_ids])
    return counts


def check_sample(raw_dir: Path, out_dir: Path) -> list[str]:
    """Every sample record must be a raw record, in the raw file's order. Returns problems."""
    problems = []
    for rel in [f"movies/{f}" for f in MOVIE_FILES] + [
        f"streaming/{f}" for f in [*PLATFORMS, "title_scores.csv"]
    ]:
        raw_head, raw_recs = read_records(Path(raw_dir) / rel)
        out_head, out_recs = read_records(Path(out_dir) / rel)
        if raw_head != out_head:
            problems.append(f"{rel}: header differs")
        it = iter(raw for _, raw in raw_recs)
        for _, raw in out_recs:
            if not any(raw == r for r in it):
                problems.append(f"{rel}: record not found in order: {raw[:80]!r}")
                break
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Cut data/sample/ out of the full raw files.")
    ap.add_argument("--raw", type=Path, required=True, help="raw directory (movies/, streaming/)")
    ap.add_argument("--out", type=Path, required=True, help="sample directory to write")
    ap.add_argument("--top", type=int, default=900, help="most-voted films to keep")
    ap.add_argument("--max-ratings", type=int, default=10000, help="cap on ratings_small rows")
    ap.add_argument("--titles", type=int, default=400, help="titles per streaming platform")
    ap.add_argument("--empty-dates", type=int, default=10, help="empty release_date rows to add")
    ap.add_argument(
        "--check",
        action="store_true",
        help="afterwards, check every record is a verbatim raw record",
    )
    args = ap.parse_args(argv)
    counts = write_sample(
        args.raw,
        args.out,
        top=args.top,
        max_ratings=args.max_ratings,
        titles=args.titles,
        empty_dates=args.empty_dates,
    )
    for rel, n in counts.items():
        size = (args.out / rel).stat().st_size
        print(f"{rel:40s} {n:7d} rows {size:9d} bytes")
    print(f"{'total':40s} {'':12s} {sum((args.out / r).stat().st_size for r in counts):9d} bytes")
    if args.check:
        problems = check_sample(args.raw, args.out)
        print("\n".join(problems) if problems else "check: every record is verbatim")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
