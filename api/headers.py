"""Security headers added to every answer at the ASGI edge (api/metrics.py `Observability`).

Why at the edge and not as Litestar `response_headers`: they must reach every answer the
same way, including the ones no handler builds (answers replayed by the response cache,
404s of unknown routes, problem details, the 503 of the concurrency limit), and the response
cache must never store them (it stores only the headers that describe the body, api/cache.py).

- `X-Content-Type-Options: nosniff`: a browser never guesses a type other than the one sent
  (a name echoed in a JSON body is never run as HTML).
- `Referrer-Policy: no-referrer`: links followed from the pages leak no URL.
- `Content-Security-Policy`: JSON answers may load nothing and be framed by no one; the three
  HTML pages get the least their content needs (`PAGE_POLICIES`):
    * `/report`: one self-contained file, inline CSS and PNG data URIs, no script;
    * `/warehouse-docs`: dbt's static docs site, inline scripts and styles (AngularJS, which
      evaluates expressions, hence `'unsafe-eval'`), data URIs; it fetches nothing (the
      manifest and catalog are inlined), so `connect-src 'none'`;
    * `/schema`, `/schema/swagger`: Litestar's Swagger UI, whose script and CSS come from
      cdn.jsdelivr.net and whose inline script holds the OpenAPI document; "Try it out"
      calls this API (`connect-src 'self'`).
  Every policy sets `frame-ancestors 'none'`, `base-uri 'none'` and `form-action 'none'`.
"""

from __future__ import annotations

_COMMON = "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
JSON_POLICY = f"default-src 'none'; {_COMMON}"
REPORT_POLICY = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; {_COMMON}"
DOCS_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; " + _COMMON
)
_CDN = "https://cdn.jsdelivr.net"
SWAGGER_POLICY = (
    f"default-src 'none'; script-src {_CDN} 'unsafe-inline'; style-src {_CDN} 'unsafe-inline'; "
    f"img-src {_CDN} data:; font-src {_CDN} data:; connect-src 'self'; " + _COMMON
)

PAGE_POLICIES = {
    "/report": REPORT_POLICY,
    "/warehouse-docs": DOCS_POLICY,
    "/schema": SWAGGER_POLICY,
    "/schema/swagger": SWAGGER_POLICY,
}

_CSP = b"content-security-policy"
#: The headers every answer carries, whatever its route (the CSP is chosen per path).
COMMON_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)
_JSON_HEADERS = (*COMMON_HEADERS, (_CSP, JSON_POLICY.encode()))
_PAGE_HEADERS = {
    path: (*COMMON_HEADERS, (_CSP, policy.encode())) for path, policy in PAGE_POLICIES.items()
}


def security_headers(path: str) -> tuple[tuple[bytes, bytes], ...]:
    """The security headers of an answer to `path` (one dict lookup: this runs per request)."""
    return _PAGE_HEADERS.get(path.rstrip("/") or "/", _JSON_HEADERS)
