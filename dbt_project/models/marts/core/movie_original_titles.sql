-- One row per film: its title in its original language. The statement's `movies` drops
-- `original_title`; search needs it (`la vita e bella` finds *Life Is Beautiful*).
select
    movie_id,
    original_title
from {{ ref('int_movies_validated') }}
where rejection_reason is null
