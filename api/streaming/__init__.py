"""`/streaming`: the Amazon Prime Video, Disney+, Hulu and Netflix catalogues (views
`api.streaming_longest_movie`, `streaming_score_counts`, `streaming_platform_counts`,
`streaming_top_actors`, `streaming_country_counts`, `streaming_rating_counts`,
`streaming_title_details`, `streaming_title_by_title`).

The catalogues' text is lower-case, so answers are too. Arguments are matched on their key
(api.lookup.name_key: any case, accents optional). Platforms go by their usual names
(`amazon`, `prime`, `amazon prime`, `prime video`; `disney`, `disney+`, `disney plus`; `hulu`;
`netflix`); a platform, duration type or content type outside those is a 400 listing them.
When valid arguments select no title or actor the answer is a 404 `NoMatch` saying why, never
a null; a count of 0 is an answer.
"""
