"""Recommenders over the warehouse, pure numpy / scipy / scikit-learn on arrays and frames.

- `datasets`: ratings from a DuckDB connection or a DataFrame, the protocol's temporal split;
- `users`: user models with one fit / predict / recommend interface, and the served
  watch-and-like model's user step (fold-in) and explanations;
- `evaluation`: the fixed offline protocol for user models and its metrics;
- `features`, `similar`: similar films (content features);
- `python -m recommender <command>`: the offline evaluations (`evaluate-users`, ...).

Nothing here opens HTTP or decides file paths: callers pass connections, frames and paths.
"""
