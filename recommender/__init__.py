"""Recommenders over the warehouse, pure numpy / scipy / scikit-learn on arrays and frames.

- `datasets`: ratings from a DuckDB connection or a DataFrame, the protocol's temporal split;
- `features`: the content feature blocks of films and streaming titles;
- `models`: one module per model family (user models with one fit / predict / recommend
  interface, the similar-items scoring) and the registry of user models;
- `evaluation`, `similar_evaluation`: the fixed offline protocols and their metrics;
- `serving`: the served model's stored form, fold-in and recommendations, shared by the build
  (dbt Python models) and the API; `text`: the English reasons shown with them;
- `python -m recommender <command>`: the offline evaluations (`evaluate-users`, ...).

Nothing here opens HTTP or decides file paths: callers pass connections, frames and paths.
"""
