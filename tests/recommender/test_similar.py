"""The similar-items engine on small hand-made items, and its evaluation metrics."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from recommender.features import list_matrix, movie_features, text_matrix
from recommender.models.similar import MOVIE_WEIGHTS, best_k, neighbours_frame, top_k
from recommender.similar_evaluation import coliking, group_recovery


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
