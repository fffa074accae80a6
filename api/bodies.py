"""Request bodies: decoding that answers 400, never 500, whatever the client sends.

msgspec decodes JSON recursively; a body nested a few thousand levels deep
(`[[[[...]]]]`, 200 kB) exhausts the interpreter's recursion limit and raised
`RecursionError`, which reached the last-resort handler as a 500. `BodyRequest` (the app's
`request_class`) turns it into the same 400 problem as any malformed JSON. The size of a body
is bounded separately by Litestar's `request_max_body_size` (Settings.max_body_bytes: 413).
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.exceptions import ClientException

TOO_DEEP = "JSON is malformed: nested too deeply."


class BodyRequest(Request[Any, Any, Any]):
    """Litestar's Request whose body decoders answer 400 on bodies nested too deeply."""

    __slots__ = ()

    async def json(self) -> Any:
        try:
            return await super().json()
        except RecursionError:
            raise ClientException(TOO_DEEP) from None

    async def msgpack(self) -> Any:
        try:
            return await super().msgpack()
        except RecursionError:
            raise ClientException(TOO_DEEP) from None
