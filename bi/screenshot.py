"""Screenshot a dashboard once every chart has drawn, and tell a real picture from a blank one.

Charts render some seconds after the page (each runs its query, then ECharts animates), so
the page is polled until every chart holder contains what its plugin draws (a canvas, svg,
table or big number) with no spinner and no error, then the window is stretched to the full
dashboard height and captured. "Not blank" is measured, not eyeballed: distinct colours,
the share of non-white pixels and the share of saturated (chart-coloured) pixels.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from bi.browser import logged_in_chromium

# Per chart holder: [drawn?, loading?, error text or ""].
CHART_STATE_JS = """
return [...document.querySelectorAll('.dashboard-component-chart-holder')].map(holder => {
  const body = holder.querySelector('.slice_container');
  const drawn = !!body && !!body.querySelector('canvas, svg, table, .header-line');
  const loading = !!holder.querySelector('.loading') || /Waiting on/.test(holder.innerText);
  const error = holder.querySelector('[role=alert], .alert-danger, [data-test*=error]');
  return [drawn, loading, error ? error.innerText.slice(0, 300) : ''];
});
"""

MIN_COLOURS = 256
MIN_NON_WHITE = 0.05
MIN_SATURATED = 0.03


@dataclass
class Screenshot:
    path: Path
    charts_drawn: int
    seconds_to_draw: float
    width: int
    height: int
    colours: int
    non_white: float
    saturated: float

    @property
    def blank(self) -> bool:
        return (
            self.colours < MIN_COLOURS
            or self.non_white < MIN_NON_WHITE
            or self.saturated < MIN_SATURATED
        )


def wait_for_charts(driver, expected: int, timeout: float) -> None:
    started = time.monotonic()
    while True:
        states = driver.execute_script(CHART_STATE_JS)
        errors = [error for _, _, error in states if error]
        if errors:
            raise RuntimeError(f"a chart shows an error: {errors[0]}")
        if len(states) == expected and all(drawn and not loading for drawn, loading, _ in states):
            return
        if time.monotonic() - started > timeout:
            drawn = sum(1 for state in states if state[0] and not state[1])
            raise TimeoutError(f"{drawn} of {expected} charts drawn after {timeout:.0f} s")
        time.sleep(0.5)


def measure(path: Path) -> tuple[int, int, int, float, float]:
    pixels = np.asarray(Image.open(path).convert("RGB"), dtype=np.int16)
    height, width, _ = pixels.shape
    flat = pixels.reshape(-1, 3)
    colours = len(np.unique(flat[:, 0] * 65536 + flat[:, 1] * 256 + flat[:, 2]))
    non_white = float((flat.min(axis=1) < 235).mean())
    saturated = float((flat.max(axis=1) - flat.min(axis=1) > 60).mean())
    return width, height, colours, non_white, saturated


def capture_dashboard(
    base_url: str,
    username: str,
    password: str,
    slug: str,
    expected_charts: int,
    out: Path,
    timeout: float = 60,
) -> Screenshot:
    out.parent.mkdir(parents=True, exist_ok=True)
    with logged_in_chromium(base_url, username, password) as driver:
        started = time.monotonic()
        driver.get(f"{base_url}/superset/dashboard/{slug}/")
        while len(driver.execute_script(CHART_STATE_JS)) < expected_charts:
            if time.monotonic() - started > timeout:
                raise TimeoutError(f"the dashboard did not lay out {expected_charts} charts")
            time.sleep(0.5)
        # Charts outside the window are not drawn (dashboard virtualization): show them all.
        page_height = driver.execute_script("return document.body.scrollHeight")
        driver.set_window_size(1600, page_height + 120)
        wait_for_charts(driver, expected_charts, timeout)
        seconds = time.monotonic() - started
        time.sleep(2)  # ECharts animates its first draw
        driver.save_screenshot(str(out))
    return Screenshot(out, expected_charts, seconds, *measure(out))
