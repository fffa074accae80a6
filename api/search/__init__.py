"""Search: films, people, companies and collections by words, typos and all."""
