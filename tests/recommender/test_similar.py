"""The similar-items engine on small hand-made items, and its evaluation metrics."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from recommender.features import (
    franchise_keys,
    list_matrix,
    movie_features,
    ratings_block,
    same_work_keys,
    text_matrix,
    without_own_title,
)
from recommender.models.similar import MOVIE_WEIGHTS, best_k, neighbours_frame, top_k
from recommender.similar_evaluation import (
    TitleEvidence,
    coliking,
    group_recovery,
    title_only_rate,
    title_words,
)


def films(overviews: list[str] | None = None) -> pd.DataFrame:
    """Eight films: two pairs share a director / keywords, the rest are unrelated."""
    rows = [
        # movie_id, title, genres, keywords, directors, cast, companies, collection, lang, year
        (1, "Alpha", [18], [100], [7], [70], [1], None, "en", 1990),
        (2, "Beta", [18], [100], [7], [71], [2], None, "en", 1991),
        (3, "Gamma", [35], [200], [8], [72], [3], 9, "fr", 2005),
        (4, "Delta", [35], [200], [9], [73], [4], 9, "fr", 2006),
        (5, "Epsilon", [27], [300], [10], [74], [5], None, "ja", 1970),
        (6, "Zeta", [99], [400], [11], [75], [6], None, "de", 1950),
        (7, "Eta", [16], [500], [12], [76], [7], None, "es", 2015),
        (8, "Theta", [10752], [600], [13], [77], [8], None, "it", 1980),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "movie_id",
            "title",
            "genre_ids",
            "keyword_ids",
            "director_ids",
            "cast_ids",
            "company_ids",
            "collection_id",
            "original_language",
            "release_year",
        ],
    )
    frame["vote_count"] = 10.0
    frame["popularity"] = 1.0
    frame["overview_text"] = overviews or [""] * len(frame)
    return frame


def test_list_matrix_rows_are_unit_or_empty():
    matrix = list_matrix([[1, 2], [2], [], None, [3, 3]])
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    assert np.allclose(norms, [1, 1, 0, 0, 1])
    assert list_matrix([[], None]) is None


def test_list_matrix_drops_values_on_too_many_items():
    lists = [[0, i] for i in range(1, 201)]  # value 0 is on all 200 items
    assert list_matrix(lists).shape[1] == 201
    assert list_matrix(lists, max_df=0.1).shape[1] == 200
    assert list_matrix(lists[:40], max_df=0.1).shape[1] == 41  # too few items to prune


def test_text_block_absent_when_every_text_is_empty():
    assert text_matrix(["", None, "  "]) is None
    assert text_matrix(["a heist in venice", "a heist in paris", "dogs"]) is not None


def test_neighbours_exclude_self_are_sorted_and_chunking_does_not_matter():
    features = movie_features(films())
    neighbours, scores = top_k(features, MOVIE_WEIGHTS, k=5)
    assert neighbours.shape == (8, 5)
    assert all(i not in row for i, row in enumerate(neighbours))
    assert np.all(np.diff(scores, axis=1) <= 0)
    assert ((scores >= 0) & (scores <= 1)).all()
    again, again_scores = top_k(features, MOVIE_WEIGHTS, k=5, chunk=3)
    assert (again == neighbours).all() and np.allclose(again_scores, scores)
    assert features.ids[neighbours[0, 0]] == 2  # same director, genre, keyword, decade
    assert features.ids[neighbours[2, 0]] == 4  # same collection, genre, keyword


def test_overview_text_is_used_when_present():
    """The shared copy has no overviews; Kaggle's original has them for every film. Two
    otherwise unrelated films whose overviews share rare words become neighbours."""
    plain = movie_features(films())
    assert "text" not in plain.blocks
    overviews = [
        "",
        "",
        "",
        "",
        "a submarine crew hunts a whale in arctic ice",
        "",
        "an arctic whale and a submarine crew",
        "",
    ]
    with_text = movie_features(films(overviews))
    assert "text" in with_text.blocks
    neighbours, _ = top_k(with_text, MOVIE_WEIGHTS, k=3)
    epsilon = list(with_text.ids).index(5)
    assert with_text.ids[neighbours[epsilon, 0]] == 7
    baseline, _ = top_k(plain, MOVIE_WEIGHTS, k=3)
    assert plain.ids[baseline[epsilon, 0]] != 7


def test_best_k_matches_a_full_sort_with_ties_by_position():
    rng = np.random.default_rng(7)
    scores = np.round(rng.random((40, 1000)), 2)  # many ties
    scores[np.arange(40), np.arange(40)] = -np.inf
    found, values = best_k(scores, 20, groups=32)
    for row in range(40):
        expected = sorted(range(1000), key=lambda c: (-scores[row, c], c))[:20]
        assert found[row].tolist() == expected
        assert values[row].tolist() == scores[row, expected].tolist()


def test_neighbours_frame_is_long_and_ranked():
    features = movie_features(films())
    neighbours, scores = top_k(features, MOVIE_WEIGHTS, k=3)
    frame = neighbours_frame(features, neighbours, scores, "movie_id", "similar_movie_id")
    assert len(frame) == 24
    assert frame.groupby("movie_id")["rank"].apply(list).map(lambda r: r == [1, 2, 3]).all()


def test_group_recovery_by_hand():
    group_of = np.array([0, 0, 0, 1, 1, -1])
    rows = np.array([0, 3])
    neighbours = np.array([[5, 1, 4, 2, 3] + [5] * 5, [0, 1, 2, 5, 4] + [5] * 5])
    result = group_recovery(neighbours, rows, group_of)
    # item 0: mates {1, 2}: both in top-5 and top-10, first at rank 2; item 3: mate {4} at 5
    assert result["recall_at_5"] == pytest.approx((1.0 + 1.0) / 2)
    assert result["mrr"] == pytest.approx((1 / 2 + 1 / 5) / 2)


def test_coliking_by_hand():
    truth = {0: {1, 2, 3}, 1: {9}}
    neighbours = np.array([[3, 7, 8] + [6] * 7, [0, 2, 3] + [4] * 7])
    result = coliking(neighbours, np.array([0, 1]), truth)
    assert result["hit_rate_at_10"] == pytest.approx(0.5)
    assert result["overlap_at_10"] == pytest.approx((1 / 3 + 0) / 2)


def test_franchise_keys_link_marked_sequels_and_never_a_shared_common_word():
    titles = [
        "Toy Story",
        "Toy Story 2",
        "Toy Story 3",
        "The Godfather",
        "The Godfather: Part II",
        "Apocalypse Now",
        "The Spectacular Now",
        "Hamlet",
        "Hamlet",
        "Star Wars: Episode IV - A New Hope",
        "Star Wars: The Force Awakens",
        "Rocky IV",
        "Rocky",
        None,
    ]
    keys = franchise_keys(titles)
    assert keys[0] == keys[1] == keys[2] >= 0
    assert keys[3] == keys[4] >= 0 and keys[3] != keys[0]
    assert keys[5] == keys[6] == -1  # "Now" is a word, not a series
    assert keys[7] == keys[8] == -1  # remakes of the same name, no sequel marker
    assert keys[9] == keys[10] >= 0
    assert keys[11] == keys[12] >= 0
    assert keys[13] == -1


def test_a_stem_on_too_many_titles_is_a_phrase_not_a_series():
    titles = [f"Love: story {i}" for i in range(40)] + ["Love"]
    assert (franchise_keys(titles) == -1).all()


def test_ratings_block_puts_films_liked_by_the_same_people_together():
    rng = np.random.default_rng(3)
    ids = np.arange(1, 7)
    rows = []
    for user in range(60):
        fans_of_first = user % 2 == 0
        for movie in ids[:5]:
            liked = (movie <= 2) == fans_of_first  # films 1, 2 vs 3, 4, 5 by taste
            rows.append((user, movie, 4.5 if liked else 1.5 + rng.random()))
    rows.append((0, 6, 5.0))  # one rating: no behavioural evidence
    ratings = pd.DataFrame(rows, columns=["user_id", "movie_id", "rating"])
    block = ratings_block(ids, ratings, factors=4)
    assert block.shape[0] == 6
    assert np.allclose(np.linalg.norm(block[:5], axis=1), 1.0)
    assert not block[5].any()
    similarity = block @ block.T
    assert similarity[0, 1] > 0.9 and similarity[2, 3] > 0.9
    assert similarity[0, 2] < 0
    assert ratings_block(ids, None) is None


def test_ratings_block_changes_the_neighbours_of_films_with_ratings_only():
    ratings = pd.DataFrame(
        [(u, m, 5.0 if m in (5, 8) else 1.0) for u in range(20) for m in (1, 5, 8)]
        + [(u, m, 1.0 if m in (5, 8) else 5.0) for u in range(20, 40) for m in (1, 5, 8)],
        columns=["user_id", "movie_id", "rating"],
    )
    features = movie_features(films(), ratings)
    assert "ratings" in features.blocks
    neighbours, _ = top_k(features, {**MOVIE_WEIGHTS, "ratings": 4.0}, k=3)
    epsilon = list(features.ids).index(5)
    assert features.ids[neighbours[epsilon, 0]] == 8


def test_title_only_rate_by_hand():
    evidence = TitleEvidence(
        words=title_words(["Apocalypse Now", "The Spectacular Now", "Now and Forever", "Heat"]),
        collection=np.array([-1, -1, -1, -1]),
        keywords=[frozenset(), frozenset(), frozenset({7}), frozenset({7})],
        people=[frozenset({1}), frozenset({2}), frozenset({1}), frozenset()],
    )
    assert evidence.words[2] == frozenset({"now", "forever"})  # "and" is a stop word
    # film 0: neighbour 1 shares only "now" (title-only); 2 shares "now" and a person; 3 none
    neighbours = np.array([[1, 2, 3]])
    assert title_only_rate(neighbours, np.array([0]), evidence, k=3) == pytest.approx(1 / 3)


def synthetic_catalogue(n: int, seed: int = 11) -> pd.DataFrame:
    """A catalogue of n films with the structure of the real one: clustered genres and
    keywords, a few directors and actors per cluster, collections of 2-4 films."""
    rng = np.random.default_rng(seed)
    cluster = rng.integers(0, n // 40, n)
    rows = []
    for i in range(n):
        c = int(cluster[i])
        rows.append(
            (
                i + 1,
                f"Film {i}",
                sorted({c % 19, int(rng.integers(0, 19))}),
                sorted({c * 10 + int(rng.integers(0, 10)) for _ in range(4)}),
                [c * 3 + int(rng.integers(0, 3))],
                sorted({c * 8 + int(rng.integers(0, 8)) for _ in range(3)}),
                [int(rng.integers(0, 300))],
                (i // 3) if i % 7 == 0 else None,
                ["en", "fr", "es", "ja"][c % 4],
                1950 + (c * 7 + int(rng.integers(0, 5))) % 70,
            )
        )
    frame = films().iloc[:0].drop(columns=["vote_count", "popularity", "overview_text"])
    frame = pd.DataFrame(rows, columns=frame.columns)
    frame["vote_count"] = rng.pareto(1.2, n) * 10
    frame["popularity"] = 1.0
    frame["overview_text"] = ""
    return frame


def test_candidate_top_k_finds_what_the_exact_model_finds():
    """The candidate path (HNSW + capped postings, then the exact formula) against every
    pair scored: the same scores where it finds the same neighbour, recall of the top 20
    at least 0.95 (bench/similar_recall.py measures it on the real catalogue)."""
    features = movie_features(synthetic_catalogue(3000))
    exact, exact_scores = top_k(features, MOVIE_WEIGHTS, k=20, exact=True)
    found, scores = top_k(features, MOVIE_WEIGHTS, k=20, exact=False)
    assert found.shape == exact.shape
    assert np.all(np.diff(scores, axis=1) <= 1e-12)
    assert all(i not in row for i, row in enumerate(found))
    recall = np.mean([len(set(a) & set(b)) / 20 for a, b in zip(found, exact, strict=True)])
    assert recall >= 0.95
    # a found neighbour has exactly the all-pairs score
    for row in range(0, 3000, 97):
        exact_of = dict(zip(exact[row], exact_scores[row], strict=True))
        for item, score in zip(found[row], scores[row], strict=True):
            if item in exact_of:
                assert score == pytest.approx(exact_of[item], abs=1e-5)


def test_same_work_is_a_whole_title_and_year_on_a_few_catalogues():
    titles = pd.Series(["21", "21 ", "21", "21", "Heat", "Heat", "The Office", None] + ["Home"] * 5)
    years = pd.Series([2008, 2008, 2008, 1990, 1995, 2010, 2005, 2008] + [2020] * 5)
    keys = same_work_keys(titles, years)
    assert keys[0] == keys[1] == keys[2] >= 0  # one film on three platforms
    assert keys[3] == -1  # another "21"
    assert keys[4] == keys[5] == -1  # remakes: another year
    assert keys[6] == keys[7] == -1
    assert (keys[8:] == -1).all()  # on more catalogues than exist: a common title


def test_a_description_loses_its_own_titles_words():
    cleaned = without_own_title(
        ["Yoga Hosers", "Heat", None], ["Two yoga-loving clerks fight", "A heist in LA", "x"]
    )
    assert cleaned == ["Two loving clerks fight", "A heist in LA", "x"]
