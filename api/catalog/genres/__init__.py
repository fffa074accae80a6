"""`/genres`: every TMDB genre with its films (`api.films_by_genre`), most films first: a
plain array, paged (api.paging)."""
