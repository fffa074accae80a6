-- The raw records of the four platform catalogues as text, one table, each record numbered in
-- its own file's order and tagged with its platform and the `title_id` prefix title_scores uses.
with

amazon as (

    select
        'amazon' as platform,
        'a' as id_prefix,
        row_number() over () as record_number,
        *
    from {{ source('streaming', 'amazon_prime_titles') }}

),

disney as (

    select
        'disney' as platform,
        'd' as id_prefix,
        row_number() over () as record_number,
        *
    from {{ source('streaming', 'disney_plus_titles') }}

),

hulu as (

    select
        'hulu' as platform,
        'h' as id_prefix,
        row_number() over () as record_number,
        *
    from {{ source('streaming', 'hulu_titles') }}

),

netflix as (

    select
        'netflix' as platform,
        'n' as id_prefix,
        row_number() over () as record_number,
        *
    from {{ source('streaming', 'netflix_titles') }}

)

select * from amazon
union all by name
select * from disney
union all by name
select * from hulu
union all by name
select * from netflix
