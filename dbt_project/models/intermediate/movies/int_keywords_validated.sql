-- Every raw keywords record with the reason it is rejected (NULL when its keywords are kept).
{{ reject_by_movie_id('stg_movies__keywords', 'orphan_keyword') }}
