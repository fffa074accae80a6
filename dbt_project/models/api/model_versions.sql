-- The live build's model card, one row per (registered model, metric): GET /models.
with

versions as (

    select
        build_id,
        registered_model,
        version,
        unnest(covers) as model,
        mlflow_run_id,
        trained_at,
        parameters,
        training_data
    from {{ ref('model_registry') }}

),

metrics as (

    select
        model,
        metric,
        value,
        measured_on
    from {{ ref('model_metrics') }}

)

select
    versions.build_id,
    versions.registered_model,
    versions.version,
    versions.mlflow_run_id,
    versions.trained_at,
    versions.parameters,
    versions.training_data,
    metrics.model,
    metrics.metric,
    metrics.value,
    metrics.measured_on
from versions
inner join metrics on versions.model = metrics.model
