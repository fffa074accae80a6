-- One row: the settings of the trained user model and how it was trained. The columns are
-- the fields of the stored struct (recommender.serving: ServingSettings and Training), so
-- they are named once, in Python.
with

fitted as (

    select settings from {{ ref('ml_user_model_fitted') }}
    where part = 'model'

)

select unnest(settings)
from fitted
