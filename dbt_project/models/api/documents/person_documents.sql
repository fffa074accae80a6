-- The answer of `GET /people/{person_id}` for every person, as JSON text: name, gender and
-- every cast and crew credit, newest film first (api.person_details' order). The build writes
-- these bodies into the build's document store (warehouse/documents.py).
select
    person_id,
    to_json({
        'person_id': person_id,
        'name': name,
        'gender': gender,
        'cast': cast_credits,
        'crew': crew_credits
    })::varchar as document
from {{ ref('person_details') }}
