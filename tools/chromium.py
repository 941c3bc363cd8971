"""The one browser the tests and the benchmark drive: Debian's Chromium, headless.

Playwright's own browser download does not work on these machines, so it is pointed at
the system binary. The flags keep Chromium from calling home: without them its
background connections are refused by the closed network, many at a time.

Chromium 156 also builds its address bar's drop-down (two chrome://omnibox-popup pages,
about a second of CPU time) every time it starts. A reader's browser did that long before
they opened the page; here every cold benchmark run starts a new browser, so on two
cores it would compete with the very start-up being measured. Switched off.
"""

EXECUTABLE = "/usr/bin/chromium"
ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup",
)


def emulated_line(mbps: float, latency_ms: float) -> dict:
    """DevTools' Network.emulateNetworkConditions for a line of this speed and latency."""
    bytes_per_second = mbps * 1_000_000 / 8
    return {
        "offline": False,
        "latency": latency_ms,
        "downloadThroughput": bytes_per_second,
        "uploadThroughput": bytes_per_second,
    }
