"""The one browser the tests and the benchmark drive: Debian's Chromium, headless.

Playwright's own browser download does not work on these machines, so it is pointed at
the system binary. The flags keep Chromium from calling home: without them its
background connections are refused by the closed network, many at a time.
"""

EXECUTABLE = "/usr/bin/chromium"
ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
