-- One row per raw catalogue record, typed, lower-cased ("sin excepciones"), with the
-- misplaced durations repaired: where `duration` is empty and `rating` holds a duration
-- (`74 min`, `2 Seasons`), the value moves to duration and the rating becomes `g`.
with

source as (

    select * from {{ ref('base_streaming__titles') }}

),

flagged as (

    select
        *,
        coalesce(
            duration is null and regexp_full_match(trim(rating), '\d+ (min|[Ss]easons?)'),
            false
        ) as duration_in_rating
    from source

),

repaired as (

    select
        *,
        case when duration_in_rating then trim(rating) else trim(duration) end as duration_text,
        case when duration_in_rating then null else rating end as rating_text
    from flagged

),

renamed as (

    select
        platform,
        record_number,
        id_prefix || lower(trim(show_id)) as title_id,
        lower(trim(show_id)) as show_id,
        lower(trim(type)) as type,
        lower(trim(title)) as title,
        lower(trim(director)) as director,
        lower(trim("cast")) as cast_text,
        {{ split_list('"cast"') }} as cast_members,
        lower(trim(country)) as country_text,
        {{ split_list('country') }} as countries,
        try_strptime(trim(date_added), '%B %d, %Y')::date as date_added,
        date_added as raw_date_added,
        try_cast(trim(release_year) as integer) as release_year,
        coalesce(lower(trim(rating_text)), 'g') as rating,
        try_cast(regexp_extract(duration_text, '^(\d+) ', 1) as integer) as duration_int,
        case
            when regexp_full_match(duration_text, '\d+ min') then 'min'
            when regexp_full_match(duration_text, '\d+ [Ss]easons?') then 'season'
        end as duration_type,
        duration_text as raw_duration,
        duration_in_rating as duration_repaired,
        rating as raw_rating,
        lower(trim(listed_in)) as listed_in,
        {{ split_list('listed_in') }} as genres,
        lower(trim(description)) as description,
        to_json(struct_pack(
            show_id, type, title, director, "cast", country, date_added, release_year, rating,
            duration, listed_in, description
        )) as raw_record
    from repaired

)

select * from renamed
