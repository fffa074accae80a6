"""`Allow` of the OPTIONS answers, from the app's routes as they finally stand.

Why: Litestar (2.25) makes a path's OPTIONS handler when the path's first handlers are
registered, and that handler lists the methods known then. A path that gains a method later
(`/users/{user_id}/ratings`: GET here, POST from another handler) kept answering `Allow:
GET, OPTIONS` while it also took POST, which a client (and schemathesis' ST205 check) reads as
"POST is not supported". This `before_send` hook rewrites the header from the app's
`route_handler_method_map`, the methods each path takes once every route is registered.
"""

from __future__ import annotations

from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope


async def true_allow_header(message: Message, scope: Scope) -> None:
    if message["type"] != "http.response.start" or scope.get("method") != "OPTIONS":
        return
    handler = scope.get("route_handler")
    methods: set[str] = set()
    for path in getattr(handler, "paths", ()):
        methods.update(scope["litestar_app"].route_handler_method_map.get(path, {}))
    if methods:
        MutableScopeHeaders.from_message(message)["allow"] = ", ".join(sorted(methods))
