{#-
  Exact parsing of the Python-repr columns of The Movies Dataset (`[{'id': 18, 'name': 'Drama'}]`,
  `"O'Brien"`, `None`, `\xa0`) in plain DuckDB SQL, with no Python per row.

  Swapping quote characters or replacing `None` globally is wrong: names contain `'`, `"`,
  backslashes and the word `None`. So the text is tokenized into single-quoted strings,
  double-quoted strings and code between them; each string's escapes are decoded to the real
  characters and the string is re-emitted with `to_json`; only code tokens get
  `None`/`True`/`False` rewritten. The result is JSON text that `from_json` turns into typed
  lists of structs. tests/warehouse/test_python_repr.py checks every entry of the real files
  against `ast.literal_eval`.

  A lone quote (an unterminated string) is kept as a token that makes the JSON invalid, so a
  broken value is detected (`json_valid` is false) instead of being silently truncated.
-#}

{#- The value of one Python string literal body (the text between its quotes). -#}
{% macro python_string_body_value(body) -%}
(case when not contains({{ body }}, '\') then {{ body }} else array_to_string(list_transform(
    regexp_extract_all({{ body }}, '\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|\\[0-7]{1,3}|\\\n|\\.|\\|[^\\]+'),
    lambda piece: case
        when piece[1] <> '\' or piece = '\' then piece
        when piece[2] in ('x', 'u', 'U') then chr(('0x' || piece[3:])::integer)
        when piece[2] between '0' and '7' then chr(case length(piece)
            when 2 then piece[2]::integer
            when 3 then piece[2]::integer * 8 + piece[3]::integer
            else piece[2]::integer * 64 + piece[3]::integer * 8 + piece[4]::integer end)
        when piece[2] = chr(10) then ''
        when piece[2] = 'n' then chr(10)
        when piece[2] = 't' then chr(9)
        when piece[2] = 'r' then chr(13)
        when piece[2] = 'a' then chr(7)
        when piece[2] = 'b' then chr(8)
        when piece[2] = 'f' then chr(12)
        when piece[2] = 'v' then chr(11)
        when piece[2] in ('\', '''', '"') then piece[2]
        else piece
    end), '') end)
{%- endmacro %}

{#- JSON text for a Python-repr value; NULL for NULL; invalid JSON when it is not a repr. -#}
{% macro python_repr_to_json(column) -%}
(case when {{ column }} is null then null else array_to_string(list_transform(
    regexp_extract_all({{ column }}, '''(?:[^''\\]|\\.)*''|"(?:[^"\\]|\\.)*"|[^''"]+|[''"]'),
    lambda token: case
        when length(token) = 1 and token in ('''', '"') then '<unterminated string>'
        when token[1] in ('''', '"') then to_json({{ python_string_body_value('token[2:-2]') }})::varchar
        else replace(replace(replace(token, 'None', 'null'), 'True', 'true'), 'False', 'false')
    end), '') end)
{%- endmacro %}

{#- Typed value of a JSON text produced by python_repr_to_json; NULL when it is not valid. -#}
{% macro from_repr_json(json_column, structure) -%}
(case when json_valid({{ json_column }}) then from_json({{ json_column }}, '{{ structure }}') end)
{%- endmacro %}

{#- True when a raw value is present but is not a parseable repr. -#}
{% macro is_unparseable(raw_column, json_column) -%}
({{ raw_column }} is not null and not coalesce(json_valid({{ json_column }}), false))
{%- endmacro %}
