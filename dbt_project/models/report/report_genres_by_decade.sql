-- Films of each genre per decade of release, and their share of the decade's films (a film
-- has several genres, so a decade's shares add up to more than 1). Every genre is listed for
-- every decade that has films (0 when none); decade_share says how much of the catalogue the
-- decade holds, so a reader can leave out decades too small for shares to mean much.
with

films as (

    select
        movie_id,
        release_year // 10 * 10 as decade
    from {{ ref('movies') }}
    where release_year is not null

),

decades as (

    select
        decade,
        count(*) as decade_films
    from films
    group by decade

),

genre_films as (

    select
        films.decade,
        movie_genres.genre_id,
        count(*) as films
    from films
    inner join {{ ref('movie_genres') }} as movie_genres on films.movie_id = movie_genres.movie_id
    group by films.decade, movie_genres.genre_id

)

select
    decades.decade,
    genres.genre_id,
    genres.name as genre,
    coalesce(genre_films.films, 0) as films,
    decades.decade_films,
    decades.decade_films / sum(decades.decade_films) over (partition by genres.genre_id)
        as decade_share,
    coalesce(genre_films.films, 0) / decades.decade_films as share
from decades
cross join {{ ref('genres') }} as genres
left join genre_films
    on decades.decade = genre_films.decade and genres.genre_id = genre_films.genre_id
