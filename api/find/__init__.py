"""`/find/{external_id}`: the film an IMDb id (`tt0114709`) or a MovieLens id (`1`) names
(`api.movie_by_external_id`, from links.csv), answered as `/movies/{movie_id}` answers it."""
