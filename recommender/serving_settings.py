"""What the API needs to know of the served user model without loading it: the settings'
names, the stored film columns, how many films the build lists per user.

Apart from recommender/serving.py (which re-exports them) so the API imports these names at
start-up without numpy, scipy, pandas and pyarrow (0.45 s of a worker's start-up); the API
imports recommender.serving itself only when it first folds in a new user.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recommender.models.watch_and_like import WatchAndLike

#: Films recommended per MovieLens user by the build (the API serves up to this many).
TOP_K = 50


@dataclass(frozen=True)
class ServingSettings:
    """Everything a user step and the combined score need besides the films' factors."""

    global_mean: float
    rating_reg_bias: float
    rating_reg_factors: float
    rating_reg_factors_per_rating: float
    implicit_regularization: float
    implicit_reg_per_rating: float
    implicit_alpha: float
    implicit_power: float
    like_threshold: float
    like_steepness: float

    @classmethod
    def of(cls, model: WatchAndLike) -> ServingSettings:
        """The settings of a model; `global_mean` is None until it is fitted (a build without
        ratings still stores the hyper-parameters)."""
        implicit, explicit = model.implicit, model.explicit
        return cls(
            global_mean=getattr(explicit, "mean_", None),  # type: ignore[arg-type]
            rating_reg_bias=explicit.reg_bias,
            rating_reg_factors=explicit.reg_factors,
            rating_reg_factors_per_rating=explicit.reg_factors_per_rating,
            implicit_regularization=implicit.regularization,
            implicit_reg_per_rating=implicit.reg_per_rating,
            implicit_alpha=implicit.alpha,
            implicit_power=implicit.power,
            like_threshold=model.threshold,
            like_steepness=model.steepness,
        )

    @classmethod
    def from_mapping(cls, row: Mapping[str, Any]) -> ServingSettings:
        """From a stored row (a dict, a pandas row) holding at least `SETTINGS_COLUMNS`."""
        return cls(**{name: float(row[name]) for name in SETTINGS_COLUMNS})


#: The settings' names, in the order of `api.user_model_settings`' columns.
SETTINGS_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(ServingSettings))

#: The stored columns of each film of the model (`movie_factors` + its title, or
#: `api.user_model_films`), in the order `ServedModel.from_rows` reads them.
FILM_COLUMNS = (
    "movielens_id", "movie_id", "title", "ratings", "rating_bias", "rating_factors",
    "implicit_factors",
)  # fmt: skip
