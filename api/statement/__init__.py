"""The bootcamp statement's routes, in Spanish, for its clients.

A presenter over the domain services: each route answers with the same data as its resource
route (it calls the same service function: no SQL lives here) plus the statement's sentence
in `mensaje`. Where a title names several films, the most popular answers and the others are
listed in `otras_coincidencias`.

- `messages`: the sentences, pure functions of the domain answers;
- `service`: the domain answers turned into the statement's (`*Respuesta` Structs);
- `schemas`, `examples`, `controller`: its bodies, OpenAPI examples and thin handlers.
"""
