{#- The quarantine rule every keyed raw file shares: the CTE `checked` holds each record with
    `check_failure` (the first failed check, NULL when it passes) and `record_number`; the
    first matching reason wins, then of the valid records of one `key` the first in file order
    is kept (`duplicate_id` for the others), then, when `known` names a boolean column of
    `checked`, a valid record whose parent is missing gets `orphan_reason`. Emits the final
    CTE and select of the model, which end with `rejection_reason`. No ref inside: the model
    names its inputs. -#}
{% macro keep_first_valid(checked, key, known=none, orphan_reason=none) -%}
ranked as (

    select
        *,
        row_number() over (
            partition by {{ key }}, check_failure is null order by record_number
        ) as occurrence
    from {{ checked }}

)

select
    * exclude (check_failure, occurrence{% if known %}, {{ known }}{% endif %}),
    case
        when check_failure is not null then check_failure
        when occurrence > 1 then 'duplicate_id'
        {%- if known %}
        when not {{ known }} then '{{ orphan_reason }}'
        {%- endif %}
    end as rejection_reason
from ranked
{%- endmacro %}
