"""`/collections/{collection_id}`: a collection (franchise) with its films in release order
(`api.collection_details`), where every `collection_id` the API answers leads. Its film
count and total revenue are those `/franchises/{name}` answers."""
