-- The registry's record of this build's model versions, declared here so that
-- api.model_versions can read it, and filled by the build after both gates passed
-- (warehouse/registry.py: one MLflow run per build, a new version of each registered model).
-- Empty in a build that has not been registered (the fixture tests' `dbt build` alone).
select
    null::varchar as build_id,
    null::varchar as registered_model,
    null::varchar as version,
    null::varchar[] as covers,
    null::varchar as mlflow_run_id,
    null::timestamptz as trained_at,
    null::varchar as parameters,
    null::varchar as training_data
where false
