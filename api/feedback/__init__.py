"""`/users/{user_id}/ratings`: ratings posted by users of the product (issue 16), the only
thing the API ever writes.

- `POST` stores a request's ratings in the feedback store (`warehouse.feedback_store`, SQLite
  in WAL mode, `synchronous=FULL`), all or nothing, and answers 202 once the transaction is
  committed: the next build trains on them.
- `GET` lists a user's ratings, oldest first, each saying whether the live build holds it
  (`feedback_id <= ` the watermark the build records in `api.feedback_snapshot`).

Both need `Authorization: Bearer <token>` with one of the configured tokens
(`FEEDBACK_TOKENS`, `FEEDBACK_TOKENS_FILE`); none configured answers 503 "feedback disabled".
The warehouse stays read-only: the films are checked against the live build, the ratings go
to the store's own file.
"""
