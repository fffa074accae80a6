{#- The lookup key of a name: lower-cased code point by code point, accents (every combining
    mark) stripped, every run of whitespace (ASCII and Unicode separators, e.g. no-break space)
    collapsed to one space, and trimmed. `  PEDRO  Almodóvar ` -> `pedro almodovar`.
    api/lookup.py applies the same rule to request input; tests/api/test_name_key.py checks
    that both agree on every assigned code point and on tricky strings. -#}
{% macro name_key(column) -%}
trim(regexp_replace(
    strip_accents(lower({{ column }})),
    '[\t\n\x{0b}\x{0c}\r \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]+',
    ' ',
    'g'
))
{%- endmacro %}
