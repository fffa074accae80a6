-- One row per film with its nested lists in TMDB's order, built once for every model that
-- shows or compares them (api.movie_details, ml_movie_features): genres, production
-- companies, countries, spoken languages, keywords, directors, and the whole cast in billing
-- order (`cast_order`, then list position; entries without a person are left out).
with

genres as (

    select
        movie_genres.movie_id,
        list(
            { 'genre_id': genres.genre_id, 'name': genres.name }
            order by movie_genres.genre_order
        ) as genres
    from {{ ref('movie_genres') }} as movie_genres
    inner join {{ ref('genres') }} as genres on movie_genres.genre_id = genres.genre_id
    group by movie_genres.movie_id

),

companies as (

    select
        movie_companies.movie_id,
        list(
            { 'company_id': companies.company_id, 'name': companies.name }
            order by movie_companies.company_order
        ) as companies
    from {{ ref('movie_companies') }} as movie_companies
    inner join {{ ref('companies') }} as companies
        on movie_companies.company_id = companies.company_id
    group by movie_companies.movie_id

),

countries as (

    select
        movie_countries.movie_id,
        list(
            { 'country_code': countries.country_code, 'name': countries.name }
            order by movie_countries.country_order
        ) as countries
    from {{ ref('movie_countries') }} as movie_countries
    inner join {{ ref('countries') }} as countries
        on movie_countries.country_code = countries.country_code
    group by movie_countries.movie_id

),

spoken_languages as (

    select
        movie_spoken_languages.movie_id,
        list(
            {
                'language_code': languages.language_code,
                'name': coalesce(languages.language_en, languages.native_name)
            }
            order by movie_spoken_languages.language_order
        ) as spoken_languages
    from {{ ref('movie_spoken_languages') }} as movie_spoken_languages
    inner join {{ ref('languages') }} as languages
        on movie_spoken_languages.language_code = languages.language_code
    group by movie_spoken_languages.movie_id

),

directors as (

    select
        directors.movie_id,
        list(
            { 'person_id': people.person_id, 'name': people.name }
            order by directors.crew_position
        ) as directors
    from {{ ref('directors') }} as directors
    inner join {{ ref('people') }} as people on directors.person_id = people.person_id
    group by directors.movie_id

),

keywords as (

    select
        movie_keywords.movie_id,
        list(
            { 'keyword_id': keywords.keyword_id, 'name': keywords.name }
            order by movie_keywords.keyword_order
        ) as keywords
    from {{ ref('movie_keywords') }} as movie_keywords
    inner join {{ ref('keywords') }} as keywords
        on movie_keywords.keyword_id = keywords.keyword_id
    group by movie_keywords.movie_id

),

billed_cast as (

    select
        movie_cast.movie_id,
        list(
            {
                'person_id': movie_cast.person_id,
                'name': people.name,
                'character': movie_cast."character"
            }
            order by movie_cast.cast_order asc nulls last, movie_cast.cast_position asc
        ) as billed_cast
    from {{ ref('movie_cast') }} as movie_cast
    inner join {{ ref('people') }} as people on movie_cast.person_id = people.person_id
    group by movie_cast.movie_id

)

select
    movies.movie_id,
    coalesce(genres.genres, []) as genres,
    coalesce(companies.companies, []) as companies,
    coalesce(countries.countries, []) as countries,
    coalesce(spoken_languages.spoken_languages, []) as spoken_languages,
    coalesce(keywords.keywords, []) as keywords,
    coalesce(directors.directors, []) as directors,
    coalesce(billed_cast.billed_cast, []) as billed_cast
from {{ ref('movies') }} as movies
left join genres on movies.movie_id = genres.movie_id
left join companies on movies.movie_id = companies.movie_id
left join countries on movies.movie_id = countries.movie_id
left join spoken_languages on movies.movie_id = spoken_languages.movie_id
left join keywords on movies.movie_id = keywords.movie_id
left join directors on movies.movie_id = directors.movie_id
left join billed_cast on movies.movie_id = billed_cast.movie_id
