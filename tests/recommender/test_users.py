"""The user models' common interface and the serving math, on small synthetic data."""

from __future__ import annotations

import numpy as np
import pytest

from recommender.datasets import Ratings
from recommender.models import (
    EASE,
    MODELS,
    BiasedMF,
    Biases,
    GlobalMean,
    ImplicitALS,
    ItemKNN,
    MostPopular,
    WatchAndLike,
    top_k,
)
from recommender.serving import FilmSide, ServingSettings, recommend_films, user_step
from recommender.text import reason_text


@pytest.fixture(scope="module")
def toy() -> Ratings:
    """60 users in two taste groups over 40 items (even / odd ids): each user rates 9 films of
    their group (around 4 stars) and 3 of the other (around 2). Deterministic."""
    rng = np.random.default_rng(7)
    users, items, ratings = [], [], []
    for user in range(60):
        group = user % 2
        own = rng.choice(np.arange(group, 40, 2), size=9, replace=False)
        other = rng.choice(np.arange(1 - group, 40, 2), size=3, replace=False)
        for item, mean in [*((i, 4.2) for i in own), *((i, 2.2) for i in other)]:
            users.append(1000 + user)
            items.append(500 + int(item))
            ratings.append(float(np.clip(np.round((mean + rng.normal(0, 0.6)) * 2) / 2, 0.5, 5)))
    return Ratings.from_arrays(users, items, ratings, np.arange(len(users)))


def small(name):
    model = MODELS[name]()
    for component in (model, getattr(model, "implicit", None), getattr(model, "explicit", None)):
        if component is not None and hasattr(component, "factors"):
            component.factors = 4
    if isinstance(model, ImplicitALS | WatchAndLike):
        (model.implicit if isinstance(model, WatchAndLike) else model).regularization = 1.0
    return model


@pytest.mark.parametrize("name", list(MODELS))
def test_interface(toy, name):
    model = small(name).fit(toy)
    users = toy.users[:5]
    if model.predicts_ratings:
        predicted = model.predict(users, toy.items[:5])
        assert predicted.shape == (5,) and np.isfinite(predicted).all()
        # unknown users and items fall back, never fail
        assert np.isfinite(model.predict([1, 1000], [500, 1])).all()
    if model.ranks:
        items, scores = model.recommend(users, k=7)
        assert items.shape == scores.shape == (5, 7)
        for user, row in zip(users, items, strict=True):
            rated = set(toy.item_ids[toy.user_ids == user].tolist())
            assert not rated & set(row.tolist())
            assert set(row.tolist()) <= set(toy.items.tolist())
        assert (np.diff(scores, axis=1) <= 1e-12).all()
        # an unknown user gets the most rated items
        assert model.recommend([1], k=3)[0].shape == (1, 3)


@pytest.mark.parametrize("name", ["biased MF (ALS)", "implicit MF (iALS)"])
def test_fits_are_deterministic(toy, name):
    first = small(name).fit(toy).recommend(toy.users, k=5)
    second = small(name).fit(toy).recommend(toy.users, k=5)
    assert np.array_equal(first[0], second[0]) and np.allclose(first[1], second[1])


def test_short_lists_are_padded():
    data = Ratings.from_arrays([1, 1, 2], [10, 20, 10], [4.0, 4.0, 3.0])
    items, scores = MostPopular().fit(data).recommend([1, 2], k=3)
    assert items.tolist() == [[-1, -1, -1], [20, -1, -1]]
    assert np.isnan(scores[0]).all()


def test_top_k_breaks_ties_by_index():
    scores = np.array([[1.0, 3.0, 3.0, 2.0, 3.0]])
    assert top_k(scores, 3).tolist() == [[1, 2, 4]]
    assert top_k(scores, 2).tolist() == [[1, 2]]


def test_global_mean_and_biases_by_hand():
    # user 1 rates 5, 4; user 2 rates 1: mean 10/3
    data = Ratings.from_arrays([1, 1, 2], [10, 20, 10], [5.0, 4.0, 1.0])
    assert GlobalMean().fit(data).predict([1], [10])[0] == pytest.approx(10 / 3)
    # without regularisation and enough iterations, biases reproduce the ratings they explain
    model = Biases(reg_user=0.0, reg_item=0.0, iterations=200).fit(data)
    assert model.predict([1, 1, 2], [10, 20, 10]) == pytest.approx([5.0, 4.0, 1.0], abs=1e-6)


def test_biased_mf_fold_in_reproduces_training_users(toy):
    model = BiasedMF(factors=4).fit(toy)
    user = toy.users[3]
    mine = toy.user_ids == user
    bias, factors = model.fold_in(toy.item_ids[mine], toy.ratings[mine])
    row = toy.lookup([user], "user")[0]
    assert bias == pytest.approx(model.user_bias_[row], abs=1e-10)
    assert factors == pytest.approx(model.user_factors_[row], abs=1e-10)


def test_implicit_fold_in_reproduces_training_users(toy):
    model = ImplicitALS(factors=4, regularization=1.0).fit(toy)
    user = toy.users[5]
    mine = toy.user_ids == user
    folded = model.fold_in(toy.item_ids[mine], toy.ratings[mine])
    row = toy.lookup([user], "user")[0]
    assert folded == pytest.approx(model.user_factors_[row], abs=1e-10)


def test_user_step_and_explanations(toy):
    model = WatchAndLike(ImplicitALS(factors=4, regularization=1.0), BiasedMF(factors=4))
    model.fit(toy)
    settings, films = ServingSettings.of(model), FilmSide.of(model)
    user_id = toy.users[0]
    row = toy.lookup([user_id], "user")[0]
    matrix = toy.matrix
    rated = matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]]
    given = matrix.data[matrix.indptr[row] : matrix.indptr[row + 1]]
    user = user_step(settings, films, rated, given)
    # the same user step as training's last one, for both parts
    assert user.implicit_factors == pytest.approx(model.implicit.user_factors_[row], abs=1e-10)
    assert user.rating_factors == pytest.approx(model.explicit.user_factors_[row], abs=1e-10)
    # scores equal the fitted model's
    assert user.scores(settings, films) == pytest.approx(model._scores(np.array([row]))[0])
    # contributions of the rated films add up to each implicit score
    targets = np.arange(len(films))
    contributions = user.explain(films, targets)
    assert contributions.sum(axis=1) == pytest.approx(user.implicit_scores(films)[targets])
    # recommendations: same order as the model's, rated films excluded, reasons are rated films
    recommendations = recommend_films(settings, films, user, np.ones(len(films), bool), 5)
    items, _ = model.recommend([user_id], k=5)
    assert [toy.items[r.film] for r in recommendations] == items[0].tolist()
    for rec in recommendations:
        assert rec.film not in set(rated.tolist())
        assert set(rec.because) <= set(rated.tolist()) and len(rec.because) <= 3
    # liked films come first among the reasons
    liked = {int(f) for f, r in zip(rated, given, strict=True) if r >= settings.like_threshold}
    for rec in recommendations:
        flags = [f in liked for f in rec.because]
        assert flags == sorted(flags, reverse=True)


def test_candidates_and_nameable_masks(toy):
    model = WatchAndLike(ImplicitALS(factors=4, regularization=1.0), BiasedMF(factors=4))
    model.fit(toy)
    settings, films = ServingSettings.of(model), FilmSide.of(model)
    user = user_step(settings, films, np.array([0, 1, 2]), np.array([5.0, 4.0, 4.5]))
    candidates = np.zeros(len(films), bool)
    candidates[[1, 5, 6, 7]] = True  # 1 is rated: never recommended
    nameable = np.ones(len(films), bool)
    nameable[0] = False
    recs = recommend_films(settings, films, user, candidates, 10, nameable=nameable)
    assert sorted(r.film for r in recs) == [5, 6, 7]
    assert all(0 not in r.because for r in recs)


def test_reason_text():
    assert reason_text([("Heat", 5.0)]) == "Because you rated Heat (5.0)"
    assert reason_text([("Heat", 5.0), ("Casino", 4.5), ("Up", 4.0)]) == (
        "Because you rated Heat (5.0), Casino (4.5) and Up (4.0)"
    )
    assert reason_text([]).startswith("Popular")


def test_ranking_baselines_find_the_taste_group(toy):
    for model in (EASE(l2=100.0), ItemKNN(neighbours=10), small("implicit MF (iALS)")):
        items, _ = model.fit(toy).recommend(toy.users[:10], k=5)
        in_group = [
            (item - 500) % 2 == (user - 1000) % 2
            for user, row in zip(toy.users[:10], items, strict=True)
            for item in row
        ]
        assert np.mean(in_group) >= 0.75, model.name
