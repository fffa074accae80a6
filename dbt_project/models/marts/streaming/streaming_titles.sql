-- One row per streaming title of the four catalogues, every text field lower-case, with its
-- mean user score.
with

titles as (

    select * from {{ ref('int_streaming_titles_validated') }}
    where rejection_reason is null

),

scores as (

    select
        title_id,
        score
    from {{ ref('int_streaming_scores_validated') }}
    where rejection_reason is null

)

select
    titles.title_id,
    titles.platform,
    titles.show_id,
    titles.type,
    titles.title,
    titles.director,
    titles.cast_text as "cast",
    titles.country_text as country,
    titles.date_added,
    titles.release_year,
    titles.rating,
    titles.duration_int,
    titles.duration_type,
    titles.listed_in,
    titles.description,
    scores.score
from titles
left join scores on titles.title_id = scores.title_id
