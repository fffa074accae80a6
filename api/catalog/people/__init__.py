"""`/actors` and `/directors`: success measured by return (`api.actor_success`,
`api.director_success`, `api.director_films`); `/people/{person_id}`: a person's cast and
crew credits (`api.person_details`), where every `person_id` the API answers leads.

People are TMDB person ids; a name answers for the person with the most films among those
sharing its key (the views' `name_rank` = 1) and lists the others as `alternatives`."""
