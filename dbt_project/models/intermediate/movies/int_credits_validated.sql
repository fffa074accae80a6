-- Every raw credits record with the reason it is rejected (NULL when its cast and crew are kept).
{{ reject_by_movie_id('stg_movies__credits', 'orphan_credit') }}
