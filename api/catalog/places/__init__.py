"""`/countries` and `/languages`: distinct films produced per country
(`api.films_by_country`, by ISO 3166-1 code, the dataset's name, the English or the Spanish
name: `US`, `United States of America`, `Estados Unidos`) and films per original language
(`api.films_by_language`, by ISO 639-1 code, English, Spanish or native name: `en`,
`English`, `inglés`, `Français`); `/countries` and `/languages` list them all, most films
first (a plain array, paged: api.paging)."""
