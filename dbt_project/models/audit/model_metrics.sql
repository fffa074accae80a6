-- Figures of this build's models, one row per (model, metric), tagged with the build's id:
-- what the model gate compares with the live build's before the swap, what the registry logs
-- and what GET /models shows.
-- * user_recommendations: the served user model on the fixed protocol (ml_user_model_evaluation).
-- * similar_movies / streaming_similar_titles on the proxies of evaluate-similar
--   (ml_similar_evaluation: collection recovery with names off, co-liking, same director).
-- * similar_movies / streaming_similar_titles, on what the build publishes: the share of
--   title-only neighbours (issue 15): top-10 suggestions of the 1,000 most-voted films
--   (highest-scored streaming titles) that share a title word (lower case, 3+ letters, not a
--   stop word of en/fr/es/de/it) with the item but no collection, no keyword and no cast or
--   crew person (recommender/similar_evaluation.py computes the same figure); and, for films,
--   collection recall@10: of those 1,000 films in a collection with other members, the share
--   of min(10, other members) found in the top 10.
with

stop_words as (

    select distinct word from {{ ref('title_stop_words') }}

),

film_words as (

    select distinct
        movie_id,
        unnest(regexp_extract_all(lower(title), '\p{L}{3,}')) as word
    from {{ ref('movies') }}

),

film_people as (

    select
        movie_id,
        person_id
    from {{ ref('movie_cast') }}
    union
    select
        movie_id,
        person_id
    from {{ ref('movie_crew') }}

),

top_films as (

    select movie_id
    from {{ ref('movies') }}
    order by coalesce(vote_count, 0) desc, movie_id
    limit 1000

),

film_pairs as (

    select
        similar_movies.movie_id,
        similar_movies.similar_movie_id,
        similar_movies.same_collection
    from {{ ref('similar_movies') }} as similar_movies
    inner join top_films on similar_movies.movie_id = top_films.movie_id
    where similar_movies.rank <= 10

),

film_collections as (

    select
        top_films.movie_id,
        count(*) as mates
    from top_films
    inner join {{ ref('movies') }} as films on top_films.movie_id = films.movie_id
    inner join {{ ref('movies') }} as mates
        on films.collection_id = mates.collection_id and films.movie_id != mates.movie_id
    group by top_films.movie_id

),

collection_recall as (

    select
        film_collections.movie_id,
        count(film_pairs.similar_movie_id) / least(film_collections.mates, 10) as recall
    from film_collections
    left join film_pairs
        on
            film_collections.movie_id = film_pairs.movie_id
            and film_pairs.same_collection
    group by film_collections.movie_id, film_collections.mates

),

film_flags as (

    select
        exists (
            select 1
            from film_words as mine
            inner join film_words as theirs
                on mine.word = theirs.word and theirs.movie_id = film_pairs.similar_movie_id
            where
                mine.movie_id = film_pairs.movie_id
                and mine.word not in (select stop_words.word from stop_words)
        )
        and not film_pairs.same_collection
        and not exists (
            select 1
            from {{ ref('movie_keywords') }} as mine
            inner join {{ ref('movie_keywords') }} as theirs
                on
                    mine.keyword_id = theirs.keyword_id
                    and theirs.movie_id = film_pairs.similar_movie_id
            where mine.movie_id = film_pairs.movie_id
        )
        and not exists (
            select 1
            from film_people as mine
            inner join film_people as theirs
                on
                    mine.person_id = theirs.person_id
                    and theirs.movie_id = film_pairs.similar_movie_id
            where mine.movie_id = film_pairs.movie_id
        ) as title_only
    from film_pairs

),

title_words as (

    select distinct
        title_id,
        unnest(regexp_extract_all(lower(title), '\p{L}{3,}')) as word
    from {{ ref('ml_streaming_title_features') }}

),

title_people as (

    select
        title_id,
        unnest(list_concat(actors, directors)) as person
    from {{ ref('ml_streaming_title_features') }}

),

top_titles as (

    select title_id
    from {{ ref('ml_streaming_title_features') }}
    order by coalesce(score, 0) desc, title_id
    limit 1000

),

title_pairs as (

    select
        streaming_similar_titles.title_id,
        streaming_similar_titles.similar_title_id
    from {{ ref('streaming_similar_titles') }} as streaming_similar_titles
    inner join top_titles on streaming_similar_titles.title_id = top_titles.title_id
    where streaming_similar_titles.rank <= 10

),

title_flags as (

    select
        exists (
            select 1
            from title_words as mine
            inner join title_words as theirs
                on mine.word = theirs.word and theirs.title_id = title_pairs.similar_title_id
            where
                mine.title_id = title_pairs.title_id
                and mine.word not in (select stop_words.word from stop_words)
        )
        and not exists (
            select 1
            from title_people as mine
            inner join title_people as theirs
                on mine.person = theirs.person and theirs.title_id = title_pairs.similar_title_id
            where mine.title_id = title_pairs.title_id
        ) as title_only
    from title_pairs

),

metrics as (

    select
        'similar_movies' as model,
        'title_only_rate_at_10' as metric,
        coalesce(avg(title_only::integer), 0)::double as value,
        count(*) as measured_on
    from film_flags
    union all
    select
        'similar_movies' as model,
        'collection_recall_at_10' as metric,
        coalesce(avg(recall), 0)::double as value,
        count(*) as measured_on
    from collection_recall
    union all
    select
        'streaming_similar_titles' as model,
        'title_only_rate_at_10' as metric,
        coalesce(avg(title_only::integer), 0)::double as value,
        count(*) as measured_on
    from title_flags
    union all
    select
        model,
        metric,
        value,
        measured_on
    from {{ ref('ml_user_model_evaluation') }}
    union all
    select
        model,
        metric,
        value,
        measured_on
    from {{ ref('ml_similar_evaluation') }}

)

select
    '{{ var("build_id") }}' as build_id,
    model,
    metric,
    value,
    measured_on::bigint as measured_on
from metrics
