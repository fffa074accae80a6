"""`/movies`: films by title (view `api.movie_by_title`) and by id (`api.movie_details`, with
where to watch it)."""
