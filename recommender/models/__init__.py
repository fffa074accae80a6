"""The user models, one module per family (as microsoft/recommenders splits them), and the
registry the evaluation table, the CLI and the build pick them from by name.

- `base`: the `UserModel` interface and the exact top-k every ranking goes through;
- `baselines`: `GlobalMean`, `Biases`, `MostPopular`;
- `knn`: `ItemKNN`; `ease`: `EASE`;
- `mf`: `BiasedMF` and the ALS row solver; `ials`: `ImplicitALS`, its fold-in and explanations;
- `watch_and_like`: `WatchAndLike`, the model the build trains and serves;
- `similar`: content-based similar items (films, streaming titles), not a `UserModel`.
"""

from __future__ import annotations

from recommender.models.base import UserModel, top_k
from recommender.models.baselines import Biases, GlobalMean, MostPopular
from recommender.models.ease import EASE
from recommender.models.ials import ImplicitALS
from recommender.models.knn import ItemKNN
from recommender.models.mf import BiasedMF
from recommender.models.watch_and_like import WatchAndLike

#: Hyper-parameters chosen on the validation split (the protocol's split applied to train);
#: see README "Recommendations for users" for the grid. Keyed by the evaluation table's names.
MODELS: dict[str, type[UserModel]] = {
    "global mean": GlobalMean,
    "user + item biases": Biases,
    "most popular": MostPopular,
    "item-kNN cosine": ItemKNN,
    "EASE (l2 = 500)": EASE,
    "biased MF (ALS)": BiasedMF,
    "implicit MF (iALS)": ImplicitALS,
    "iALS x MF (watch and like)": WatchAndLike,
}

#: The model the build trains and serves (ratings: its MF part; rankings: the product).
SERVED_MODEL = "iALS x MF (watch and like)"


def make_model(name: str) -> UserModel:
    """A model of the evaluation table with its tuned defaults, by name."""
    return MODELS[name]()


__all__ = [
    "EASE",
    "MODELS",
    "SERVED_MODEL",
    "BiasedMF",
    "Biases",
    "GlobalMean",
    "ImplicitALS",
    "ItemKNN",
    "MostPopular",
    "UserModel",
    "WatchAndLike",
    "make_model",
    "top_k",
]
