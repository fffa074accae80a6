"""`/releases`: films released per month (`api.films_by_month`) and weekday
(`api.films_by_weekday`). Months and weekdays are accepted as numbers, Spanish names (with or
without accents, any case: `enero`, `Miércoles`, `miercoles`) or English names."""
