"""Similar films and similar streaming titles (views `api.film_suggestions`,
`api.streaming_title_suggestions` over the precomputed `similar_movies` and
`streaming_similar_titles`: the dbt var `similar_depth` of them per item, best first, with
the reasons and the columns the routes' filters test).

A build made with `--skip-recommenders` has neither view; these routes then answer 503
`NotBuilt` instead of failing.
"""
