"""Headless Chromium (Debian's chromium + chromedriver) logged in to Superset.

The browser gets the session cookie of a form login made with requests, so nothing depends
on the login page's markup, which changes between Superset releases.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


def session_cookie(base_url: str, username: str, password: str) -> str:
    """Log in through the HTML form (CSRF token from the page) and return the session cookie."""
    session = requests.Session()
    page = session.get(f"{base_url}/login/", timeout=60).text
    match = re.search(r'id="csrf_token"\s+value="([^"]+)"', page)
    if match is None:
        raise RuntimeError("no csrf_token on Superset's login page")
    response = session.post(
        f"{base_url}/login/",
        timeout=60,
        allow_redirects=False,
        data={"username": username, "password": password, "csrf_token": match.group(1)},
    )
    if response.status_code not in (302, 303) or "/login" in response.headers.get("Location", ""):
        raise RuntimeError(f"form login failed: HTTP {response.status_code}")
    return session.cookies["session"]


@contextmanager
def logged_in_chromium(
    base_url: str, username: str, password: str, size: tuple[int, int] = (1600, 2000)
) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--hide-scrollbars",
        f"--window-size={size[0]},{size[1]}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(f"{base_url}/health")
        driver.add_cookie(
            {"name": "session", "value": session_cookie(base_url, username, password), "path": "/"}
        )
        yield driver
    finally:
        driver.quit()
