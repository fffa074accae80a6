-- api.film_suggestions and api.streaming_title_suggestions: the columns the similar routes
-- filter on are the suggested item's own, recomputed here from the marts (a film's genres
-- and the platforms of the streaming titles linked to it; a title's platform, release year
-- and listed_in genres), and a row without a suggestion has none. Returns the rows that differ.
with

film_genres as (

    select
        movie_id,
        list(genre_id order by genre_id) as genre_ids
    from {{ ref('movie_genres') }}
    group by movie_id

),

film_platforms as (

    select
        title_movies.movie_id,
        list(distinct titles.platform order by titles.platform) as platforms
    from {{ ref('streaming_title_movies') }} as title_movies
    inner join {{ ref('streaming_titles') }} as titles
        on title_movies.title_id = titles.title_id
    group by title_movies.movie_id

),

title_genres as (

    select
        title_id,
        list(genre order by genre) as genres
    from {{ ref('streaming_title_genres') }}
    group by title_id

),

films as (

    select
        'film' as kind,
        suggestions.movie_id::varchar as item,
        suggestions.rank
    from {{ ref('film_suggestions') }} as suggestions
    left join {{ ref('movies') }} as movies on suggestions.similar_movie_id = movies.movie_id
    left join film_genres on suggestions.similar_movie_id = film_genres.movie_id
    left join film_platforms on suggestions.similar_movie_id = film_platforms.movie_id
    where
        case
            when suggestions.rank is null
                then
                    suggestions.similar_genre_ids is not null
                    or suggestions.similar_platforms is not null
            else
                suggestions.similar_genre_ids
                is distinct from coalesce(film_genres.genre_ids, []::integer[])
                or suggestions.similar_platforms
                is distinct from coalesce(film_platforms.platforms, []::varchar[])
                or suggestions.similar_release_year is distinct from movies.release_year
        end

),

titles as (

    select
        'title' as kind,
        suggestions.title_id as item,
        suggestions.rank
    from {{ ref('streaming_title_suggestions') }} as suggestions
    left join {{ ref('streaming_titles') }} as streaming_titles
        on suggestions.similar_title_id = streaming_titles.title_id
    left join title_genres on suggestions.similar_title_id = title_genres.title_id
    where
        case
            when suggestions.rank is null then suggestions.similar_genres is not null
            else
                suggestions.similar_genres
                is distinct from coalesce(title_genres.genres, []::varchar[])
                or suggestions.similar_platform is distinct from streaming_titles.platform
                or suggestions.similar_release_year
                is distinct from streaming_titles.release_year
        end

)

select * from films
union all
select * from titles
