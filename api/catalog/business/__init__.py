"""`/franchises` and `/companies`: films and revenue of a collection (`api.franchise_success`,
by name with or without the trailing "Collection": `Toy Story Collection`, `toy story`) and
of a production company (`api.company_success`)."""
