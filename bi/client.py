"""A minimal Superset REST client: JWT login, CSRF token, JSON calls.

Superset's API wants a bearer token on every call and, on writes, a CSRF token that belongs
to the same session cookie, so one requests.Session carries both.
"""

from __future__ import annotations

import os
import time
from typing import Any

import requests


class SupersetClient:
    def __init__(self, base_url: str, username: str, password: str, timeout: float = 120):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers["Referer"] = self.base_url
        token = self._call(
            "POST",
            "/api/v1/security/login",
            json={
                "username": username,
                "password": password,
                "provider": "db",
                "refresh": False,
            },
        )["access_token"]
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.session.headers["X-CSRFToken"] = self.get("/api/v1/security/csrf_token/")["result"]

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.session.request(
            method, self.base_url + path, timeout=self.timeout, **kwargs
        )
        if response.status_code >= 400:
            raise SupersetError(method, path, response.status_code, response.text[:2000])
        return response.json() if response.content else None

    def get(self, path: str, **kwargs: Any) -> Any:
        return self._call("GET", path, **kwargs)

    def post(self, path: str, payload: Any) -> Any:
        return self._call("POST", path, json=payload)

    def put(self, path: str, payload: Any) -> Any:
        return self._call("PUT", path, json=payload)

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """The raw response, for callers that check the status themselves."""
        return self.session.request(method, self.base_url + path, timeout=self.timeout, **kwargs)

    def list_all(self, resource: str, columns: list[str]) -> list[dict[str, Any]]:
        """Every row of /api/v1/<resource>/ (paged), with the given columns."""
        rows: list[dict[str, Any]] = []
        page = 0
        while True:
            query = f"(columns:!({','.join(columns)}),page:{page},page_size:100)"
            result = self.get(f"/api/v1/{resource}/", params={"q": query})["result"]
            rows.extend(result)
            if len(result) < 100:
                return rows
            page += 1


class SupersetError(RuntimeError):
    def __init__(self, method: str, path: str, status: int, body: str):
        super().__init__(f"{method} {path} -> HTTP {status}: {body}")
        self.status = status
        self.body = body


def wait_until_up(base_url: str, timeout: float = 180, server_pid: int | None = None) -> None:
    """Block until /health answers OK (gunicorn imports Superset for 10-20 s first); fail at
    once if the server process we started has exited (a port clash, a config error)."""
    deadline = time.monotonic() + timeout
    while True:
        if server_pid is not None:
            try:
                os.kill(server_pid, 0)
            except ProcessLookupError:
                raise RuntimeError(f"the Superset server (pid {server_pid}) exited") from None
        try:
            if requests.get(base_url.rstrip("/") + "/health", timeout=5).text == "OK":
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"Superset did not answer on {base_url}/health in {timeout} s")
        time.sleep(1)
