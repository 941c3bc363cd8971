"""Measure the built site in real Chromium: widget ready next to bare Pyodide, redrafts, bytes.

    make bench                      # build, then measure (SW on and off), print, save JSON
    .venv/bin/python -m bench --runs 7 --sw on --site /tmp/other-site --label "no pyc"

One run serves the built site with ``tools.serve`` (the netlify.toml headers, so the
production CSP and cache headers) on 127.0.0.1 and drives /usr/bin/chromium:

- **bare**: ``bench/`` boots the same Pyodide runtime in the same kind of module worker
  and loads nothing (the floor); **widget**: ``tools/emails/`` with the sample interview
  pre-filled through the widget's own localStorage key, until the first draft shows.
  Each run is a fresh Chromium profile (empty caches: *cold*), then a reload in it
  (*warm*; with the service worker on, after it has stored its offline copy). Bare and
  widget runs alternate so machine noise hits both alike.
- **Python's start**: the widget records whether its Python started from the build's
  memory snapshot or normally (``data-fu-python``, and why not the snapshot when one was
  cached), and whether its first draft was the one saved on the previous visit
  (``data-fu-saved-drafts``: shown before Python starts); each run prints it. Beside
  "widget ready" (the first draft shown), "Python answered" is when Python's own first
  drafts were on the page, which saved drafts do not hasten. With the service worker
  on, the warm reload first waits until the worker has cached the snapshot (fetched
  after the first draft), so it is the return visit that starts from it.
- **redraft**: one page, many edits of the company name; time from the input event to
  the new text in a draft (which includes the widget's debounce), and the round trip of
  the "plan" request to the worker (Python's share).
- **bytes**: counted at the server (every request, the service worker's included), raw
  (tools.serve does not compress) and as gzip -6 would send them.
- **long tasks**: main-thread tasks over 50 ms during boot (PerformanceObserver).
- **a real line** (``--network MBPS``, optional): first visits again, bare and widget,
  with Chromium emulating a connection of that speed and ``--latency``: on 127.0.0.1
  the bytes cost next to nothing and the CPU decides; on a real line they count. The
  emulated line carries raw bytes (tools.serve does not compress, Netlify compresses the
  text files), so it overstates what a reader downloads.

Results go to bench/results/<UTC timestamp>.json (git-ignored) and a table on stdout.
Nothing here sleeps: it waits on promises the injected probe (page_probe.js) settles.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bench.stats import fmt_bytes, fmt_ms, fmt_ratio, summary, table
from tools import chromium, serve

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PROBE = Path(__file__).resolve().parent / "page_probe.js"
SAMPLE = ROOT / "examples" / "interview.toml"
BARE_PAGE = "bench/"
WIDGET_PAGE = "tools/emails/"
GUIDE_PAGE = "steps/waiting/"
TIMEOUT_MS = 120_000


class BenchError(RuntimeError):
    """The page never got ready (or failed): the numbers would mean nothing."""


# ---------------------------------------------------------------- the widget's own facts


def sample_details() -> dict:
    """examples/interview.toml as the widget stores a form: every value a string."""
    data = tomllib.loads(SAMPLE.read_text(encoding="utf-8"))
    details = {key: str(value) for key, value in data.items() if key != "interviewers"}
    details["interviewers"] = [
        {key: str(value) for key, value in person.items()} for person in data["interviewers"]
    ]
    return details


# ---------------------------------------------------------------- bytes, counted at the server


@dataclass
class ServerLog:
    """Every response tools.serve sends, in order: (URL path, status)."""

    site_dir: Path
    entries: list[tuple[str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, path: str, status: int) -> None:
        with self.lock:
            self.entries.append((path, status))

    def mark(self) -> int:
        with self.lock:
            return len(self.entries)

    def file_for(self, url_path: str, status: int) -> Path | None:
        if status in (301, 304):
            return None
        if status == 404:
            return self.site_dir / "404.html"
        candidate = self.site_dir / unquote(urlsplit(url_path).path).lstrip("/")
        return candidate / "index.html" if candidate.is_dir() else candidate

    def bytes_between(self, start: int, end: int) -> dict:
        """Raw and gzip-estimated bytes of the responses in [start, end), Pyodide's apart."""
        totals = {"requests": 0, "raw": 0, "gzip": 0, "pyodide_raw": 0, "pyodide_requests": 0}
        with self.lock:
            entries = self.entries[start:end]
        for path, status in entries:
            file = self.file_for(path, status)
            raw, packed = _sizes(file) if file and file.is_file() else (0, 0)
            totals["requests"] += 1
            totals["raw"] += raw
            totals["gzip"] += packed
            if urlsplit(path).path.startswith("/pyodide/"):
                totals["pyodide_raw"] += raw
                totals["pyodide_requests"] += 1
        return totals


@functools.cache
def _sizes(file: Path) -> tuple[int, int]:
    data = file.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6))


def serve_with_log(
    site_dir: Path, netlify_toml: Path = serve.NETLIFY_TOML
) -> tuple[serve.SiteServer, ServerLog]:
    """tools.serve on a free port, every response recorded (bench-only instrumentation)."""
    log = ServerLog(site_dir)
    server = serve.SiteServer(site_dir, netlify_toml=netlify_toml)
    handler = server._httpd.RequestHandlerClass

    class CountingHandler(handler):
        def log_request(self, code="-", size="-"):
            log.record(self.path, int(code))

    server._httpd.RequestHandlerClass = CountingHandler
    return server.start(), log


# ---------------------------------------------------------------- the browser side


@dataclass(frozen=True)
class Line:
    """A network connection for Chromium to emulate (DevTools' throttling)."""

    mbps: float
    latency_ms: float

    def conditions(self) -> dict:
        return chromium.emulated_line(self.mbps, self.latency_ms)

    def __str__(self) -> str:
        return f"{self.mbps:g} Mbit/s, {self.latency_ms:g} ms"


@contextlib.contextmanager
def fresh_context(
    playwright, origin: str, *, sw: bool, prefill: dict | None, line: Line | None = None
):
    """Chromium with a new, empty profile on disk, closed and deleted afterwards.

    A real profile rather than an incognito context: incognito keeps its HTTP cache in
    memory and skips entries as large as pyodide.asm.wasm, so a "warm" reload would
    download it again, which no returning reader's browser does.
    """
    folder = tempfile.mkdtemp(prefix="bench-profile-")
    context = playwright.chromium.launch_persistent_context(
        folder,
        executable_path=chromium.EXECUTABLE,
        args=list(chromium.ARGS),
        headless=True,
        service_workers="allow" if sw else "block",
    )
    try:
        context.add_init_script(path=str(PROBE))
        if prefill is not None:
            key = widget_constants(playwright, origin)["store_key"]
            stored = json.dumps({"data": prefill})
            context.add_init_script(
                script=f"window.__bench.prefill({json.dumps(key)}, {json.dumps(stored)})"
            )

        # Nothing may leave the machine (the CSP refuses it anyway); say so if a page
        # tries. Watched, not routed: Playwright turns the HTTP cache off once a route
        # is set, which would make every warm reload download everything again.
        def watch(request):
            if not request.url.startswith((origin, "data:", "blob:")):
                print(f"bench: a page asked for another origin: {request.url}")

        context.on("request", watch)
        page = context.pages[0] if context.pages else context.new_page()
        warn_about_browser_ui(context, page)
        if line is not None:
            # The page's session covers its workers' downloads too (checked: a bare start
            # at 20 Mbit/s takes the ~7 s its 14.7 MB need).
            session = context.new_cdp_session(page)
            session.send("Network.enable")
            session.send("Network.emulateNetworkConditions", line.conditions())
        yield context, page
    finally:
        context.close()
        shutil.rmtree(folder, ignore_errors=True)


def warn_about_browser_ui(context, page) -> None:
    """Say so if Chromium is building pages of its own UI (tools/chromium.py switches the
    known ones off): on two cores they would slow down whatever is measured."""
    session = context.new_cdp_session(page)
    try:
        targets = session.send("Target.getTargets")["targetInfos"]
    finally:
        session.detach()
    own = sorted({t["url"] for t in targets if t["type"] == "browser_ui"})
    if own:
        print(f"bench: Chromium is also loading its own UI, which competes for the CPU: {own}")


def wait_for_probe(page, promise: str):
    """What one of the probe's promises (``window.__bench[promise]``) settles to, or
    "timeout" after TIMEOUT_MS."""
    return page.evaluate("args => window.__bench.settled(args)", [promise, TIMEOUT_MS])


def wait_ready(page) -> float:
    """Milliseconds from navigation start until the page showed what it is for."""
    result = wait_for_probe(page, "readyPromise")
    if result is None:
        raise BenchError(f"{page.url} failed: {page.evaluate('window.__bench.failed')}")
    if result == "timeout":
        raise BenchError(f"{page.url} was not ready after {TIMEOUT_MS} ms")
    return float(result)


def wait_answered(page) -> float:
    """Milliseconds from navigation start until the widget's Python first answered."""
    result = wait_for_probe(page, "answeredPromise")
    if result == "timeout":
        raise BenchError(f"Python never answered on {page.url} within {TIMEOUT_MS} ms")
    return float(result)


def wait_offline_copy(page, wasm_url: str | None) -> bool:
    """Wait until the service worker controls the page (and, given a URL, has cached it)."""
    return page.evaluate("args => window.__bench.waitForOfflineCopy(args)", [wasm_url, TIMEOUT_MS])


def snapshot_url(server, site_dir: Path) -> str | None:
    """Where the site serves Python's memory snapshot (None for a site without one)."""
    record = json.loads((site_dir / "build.json").read_text(encoding="utf-8"))
    found = record["python"].get("snapshot_url")
    return server.url(found) if found and (site_dir / found).is_file() else None


# The widgets' modules, whose exports the benchmark needs (the details' storage key, the
# debounce): asked of the site itself, as a page imports them.
STORE_MODULE = "javascripts/followup/store.mjs"
WIDGET_MODULE = "javascripts/followup/widget.mjs"
# A site built before those modules (commit 321c37f, kept to compare against) had them in
# widget.js, which exports nothing: its key and debounce, as that widget.js declared them.
BEFORE_THE_MODULES = {"store_key": "followup:details:v1", "debounce_ms": 300}


_WIDGET_CONSTANTS: dict[str, dict] = {}


def widget_constants(playwright, origin: str) -> dict:
    """{"store_key", "debounce_ms"} from the site's own modules, read once per site in a
    scratch browser (its own profile, so no benchmarked cache sees these requests)."""
    if origin not in _WIDGET_CONSTANTS:
        browser = playwright.chromium.launch(executable_path=chromium.EXECUTABLE,
                                             args=list(chromium.ARGS), headless=True)
        try:
            page = browser.new_page(service_workers="block")
            page.add_init_script(path=str(PROBE))  # for window.__bench.widgetConstants
            page.goto(f"{origin}/404.html")
            found = page.evaluate(
                "args => window.__bench.widgetConstants(args)",
                [f"{origin}/{STORE_MODULE}", f"{origin}/{WIDGET_MODULE}"],
            )
            _WIDGET_CONSTANTS[origin] = found if found["store_key"] else BEFORE_THE_MODULES
        finally:
            browser.close()
    return _WIDGET_CONSTANTS[origin]


def python_start(page) -> dict | None:
    """How the widget's Python started: {"python": "snapshot" | "normal", "problem"}."""
    return page.evaluate("() => window.__bench.pythonStart()")


def wasm_url(server, site_dir: Path) -> str:
    """Where the site serves Pyodide's wasm (the largest file of the offline copy)."""
    (wasm,) = site_dir.glob("pyodide/*/pyodide.asm.wasm")
    return server.url(wasm.relative_to(site_dir).as_posix())


def long_tasks_before(page, ready_ms: float) -> list[dict]:
    """Main-thread tasks over 50 ms until ready, each marked as during/after page load.

    Python runs in the worker; what happens on the main thread after the load event is
    the widget waiting for it and then rendering what it returned.
    """
    tasks, load_end = page.evaluate("() => window.__bench.longTasksAndLoadEnd()")
    return [{**t, "after_load": t["start"] >= load_end} for t in tasks if t["start"] <= ready_ms]


def measure_load(playwright, server, log: ServerLog, kind: str, *, sw: bool) -> dict:
    """One cold load in a fresh context, then one warm reload in it."""
    url = server.url(BARE_PAGE if kind == "bare" else WIDGET_PAGE)
    prefill = sample_details() if kind == "widget" else None
    with fresh_context(playwright, server.origin, sw=sw, prefill=prefill) as (_, page):
        start = log.mark()
        page.goto(url)
        cold = wait_ready(page)
        answered_cold = wait_answered(page) if kind == "widget" else None
        at_ready = log.mark()
        tasks = long_tasks_before(page, cold)
        stages = page.evaluate("window.__bench.stages")
        python_cold = python_start(page) if kind == "widget" else None
        wasm = wasm_url(server, log.site_dir) if kind == "widget" else None
        offline = wait_offline_copy(page, wasm) if sw else False
        # The memory snapshot is fetched after ready (when the page is idle): the warm
        # reload with the service worker on is the return visit that starts from it.
        snapshot = snapshot_url(server, log.site_dir) if kind == "widget" and sw else None
        snapshot_cached = wait_offline_copy(page, snapshot) if snapshot else False
        settled = log.mark()
        page.reload()
        warm = wait_ready(page)
        answered_warm = wait_answered(page) if kind == "widget" else None
        warm_tasks = long_tasks_before(page, warm)
        warm_stages = page.evaluate("window.__bench.stages")
        python_warm = python_start(page) if kind == "widget" else None
        end = log.mark()
        return {
            "cold_ms": cold,
            "warm_ms": warm,
            "answered_cold_ms": answered_cold,
            "answered_warm_ms": answered_warm,
            "python_cold": python_cold,
            "python_warm": python_warm,
            "snapshot_cached": snapshot_cached,
            "long_tasks_cold": tasks,
            "stages_cold": stages,
            "long_tasks_warm": warm_tasks,
            "stages_warm": warm_stages,
            "offline_copy": offline,
            "bytes_cold_until_ready": log.bytes_between(start, at_ready),
            "bytes_background_after_ready": log.bytes_between(at_ready, settled),
            "bytes_warm": log.bytes_between(settled, end),
        }


def measure_first_visits(playwright, server, log: ServerLog, *, line: Line, runs: int) -> dict:
    """Cold loads of bare and widget (alternating; service worker off) over `line`."""
    samples: dict[str, list[dict]] = {"bare": [], "widget": []}
    for index in range(runs):
        for kind in ("bare", "widget") if index % 2 == 0 else ("widget", "bare"):
            prefill = sample_details() if kind == "widget" else None
            with fresh_context(
                playwright, server.origin, sw=False, prefill=prefill, line=line
            ) as (_, page):
                start = log.mark()
                page.goto(server.url(BARE_PAGE if kind == "bare" else WIDGET_PAGE))
                ready = wait_ready(page)
                samples[kind].append(
                    {"cold_ms": ready, "bytes_until_ready": log.bytes_between(start, log.mark())}
                )
        print(
            f"  over {line}, run {index + 1}/{runs}: bare {samples['bare'][-1]['cold_ms']:.0f}"
            f" widget {samples['widget'][-1]['cold_ms']:.0f} ms",
            flush=True,
        )
    bare = [s["cold_ms"] for s in samples["bare"]]
    widget = [s["cold_ms"] for s in samples["widget"]]
    return {
        "line": {"mbps": line.mbps, "latency_ms": line.latency_ms},
        "loads": samples,
        "summary": {
            "bare_cold": summary(bare),
            "widget_cold": summary(widget),
            "ratio_cold_per_run": summary([w / b for w, b in zip(widget, bare, strict=True)]),
        },
    }


def measure_guide_bytes(playwright, server, log: ServerLog, *, sw: bool) -> dict:
    """A guide page without a widget: what a first visit downloads, background included."""
    with fresh_context(playwright, server.origin, sw=sw, prefill=None) as (_, page):
        start = log.mark()
        page.goto(server.url(GUIDE_PAGE))
        loaded = log.mark()
        offline = wait_offline_copy(page, None) if sw else False
        settled = log.mark()
        return {
            "offline_copy": offline,
            "bytes_until_load": log.bytes_between(start, loaded),
            "bytes_including_offline_copy": log.bytes_between(start, settled),
        }


def measure_redraft(playwright, server, *, sw: bool, edits: int) -> dict:
    """Edit the company name `edits` times; time each until a draft shows the new name."""
    with fresh_context(playwright, server.origin, sw=sw, prefill=sample_details()) as (_, page):
        page.goto(server.url(WIDGET_PAGE))
        wait_ready(page)
        company = page.locator('[data-fu-field="company"]').first
        shown = []
        first = page.evaluate("performance.now()")  # long tasks from here are the edits'
        for index in range(edits):
            marker = f"Benchmark {index} Ltd"
            page.evaluate("m => window.__bench.armEdit(m)", marker)
            company.fill(marker)
            edit = page.evaluate("t => window.__bench.editShown(t)", TIMEOUT_MS)
            if edit is None:
                raise BenchError(f"no draft showed {marker!r} after {TIMEOUT_MS} ms")
            shown.append(edit["shown"] - edit["input"])
        runs = page.evaluate("window.__bench.runs")[1:]  # the first is the initial draft
        tasks = [t for t in page.evaluate("window.__bench.longtasks") or [] if t["start"] >= first]
        debounce = float(widget_constants(playwright, server.origin)["debounce_ms"])
        return {
            "debounce_ms": debounce,
            "input_to_draft_ms": shown,
            "after_debounce_ms": [value - debounce for value in shown],
            "worker_round_trip_ms": runs,
            "long_tasks": tasks,
        }


# ---------------------------------------------------------------- one whole run


def environment(site_dir: Path) -> dict:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    versions = sorted(p.name for p in (site_dir / "pyodide").glob("[0-9]*"))
    return {
        "commit": git("rev-parse", "HEAD"),
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "chromium": subprocess.run(
            [chromium.EXECUTABLE, "--version"], capture_output=True, text=True
        ).stdout.strip(),
        "pyodide": versions,
        "site_dir": str(site_dir),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "load_average_at_start": os.getloadavg(),
        "python": platform.python_version(),
    }


def run_modes(playwright, server, log, *, modes: list[bool], runs: int, edits: int) -> list:
    """Load samples for every mode, interleaved run by run (service worker on and off
    alternate with bare and widget, in a different order each run), so a busy moment on
    the machine hits all of them alike; then bytes and redrafts per mode."""
    samples = {sw: {"bare": [], "widget": []} for sw in modes}
    for index in range(runs):
        combos = [(sw, kind) for sw in modes for kind in ("bare", "widget")]
        if index % 2:
            combos.reverse()
        for sw, kind in combos:
            samples[sw][kind].append(measure_load(playwright, server, log, kind, sw=sw))
        print(
            f"  run {index + 1}/{runs}: "
            + ", ".join(
                f"sw {'on' if sw else 'off'} bare {samples[sw]['bare'][-1]['cold_ms']:.0f}/"
                f"{samples[sw]['bare'][-1]['warm_ms']:.0f} widget "
                f"{samples[sw]['widget'][-1]['cold_ms']:.0f}/"
                f"{samples[sw]['widget'][-1]['warm_ms']:.0f}"
                f" (Python {start_label(samples[sw]['widget'][-1]['python_cold'])}/"
                f"{start_label(samples[sw]['widget'][-1]['python_warm'])})"
                for sw in modes
            )
            + " ms (cold/warm)",
            flush=True,
        )
    return [
        {
            "service_worker": sw,
            "loads": samples[sw],
            "guide": measure_guide_bytes(playwright, server, log, sw=sw),
            "redraft": measure_redraft(playwright, server, sw=sw, edits=edits),
        }
        for sw in modes
    ]


def start_label(start: dict | None) -> str:
    """The start as one word: snapshot, normal, or normal (snapshot failed: why)."""
    if not start:
        return "?"
    label = start.get("python") or "?"
    if start.get("problem"):
        label = f"{label} (snapshot failed: {start['problem']})"
    return f"{label}, saved drafts first" if start.get("saved_drafts") else label


def stage_medians(samples: list[dict], temp: str) -> dict[str, float]:
    """Each start-up stage's median time over the loads ("cold" or "warm"), taking the
    first time each load reached it."""
    firsts: dict[str, list[float]] = {}
    for sample in samples:
        seen: dict[str, float] = {}
        for what, when in sample[f"stages_{temp}"]:
            seen.setdefault(what, when)
        for what, when in seen.items():
            firsts.setdefault(what, []).append(when)
    return {what: summary(times)["median"] for what, times in firsts.items()}


def summarise(mode: dict) -> dict:
    loads = mode["loads"]
    out: dict = {}
    for temp in ("cold", "warm"):
        bare = [s[f"{temp}_ms"] for s in loads["bare"]]
        widget = [s[f"{temp}_ms"] for s in loads["widget"]]
        out[f"bare_{temp}"] = summary(bare)
        out[f"widget_{temp}"] = summary(widget)
        out[f"ratio_{temp}"] = out[f"widget_{temp}"]["median"] / out[f"bare_{temp}"]["median"]
        out[f"ratio_{temp}_per_run"] = summary([w / b for w, b in zip(widget, bare, strict=True)])
        answered = [s[f"answered_{temp}_ms"] for s in loads["widget"]]
        out[f"answered_{temp}"] = summary(answered)
        out[f"ratio_answered_{temp}_per_run"] = summary(
            [a / b for a, b in zip(answered, bare, strict=True)]
        )
    for kind in ("widget", "bare"):
        tasks = [t for s in loads[kind] for t in s["long_tasks_cold"]]
        late = [t for t in tasks if t["after_load"]]
        out[f"{kind}_boot_long_tasks"] = {
            "count": len(tasks),
            "max_ms": max((t["duration"] for t in tasks), default=0),
            "after_load_count": len(late),
            "after_load_max_ms": max((t["duration"] for t in late), default=0),
        }
    for kind in ("widget", "bare"):
        for temp in ("cold", "warm"):
            out[f"{kind}_{temp}_stages"] = stage_medians(loads[kind], temp)
    for temp in ("cold", "warm"):
        # Which way the widget's Python started, counted over the runs.
        started: dict[str, int] = {}
        for sample in loads["widget"]:
            label = start_label(sample[f"python_{temp}"])
            started[label] = started.get(label, 0) + 1
        out[f"widget_python_{temp}"] = started
    redraft = mode["redraft"]
    out["redraft_input_to_draft"] = summary(redraft["input_to_draft_ms"])
    out["redraft_after_debounce"] = summary(redraft["after_debounce_ms"])
    out["redraft_worker_round_trip"] = summary(redraft["worker_round_trip_ms"])
    out["redraft_long_tasks_max_ms"] = max(
        (t["duration"] for t in redraft["long_tasks"]), default=0
    )
    first_widget = loads["widget"][0]
    out["bytes_widget_cold"] = first_widget["bytes_cold_until_ready"]
    out["bytes_widget_background"] = first_widget["bytes_background_after_ready"]
    out["bytes_widget_warm"] = first_widget["bytes_warm"]
    out["bytes_guide"] = mode["guide"]["bytes_including_offline_copy"]
    out["offline_copy"] = {
        "widget": all(s["offline_copy"] for s in loads["widget"]),
        "guide": mode["guide"]["offline_copy"],
    }
    return out


def print_report(result: dict) -> None:
    for mode in result["modes"]:
        s = mode["summary"]
        sw = "on" if mode["service_worker"] else "off (blocked)"
        print(f"\n=== service worker {sw}; medians (min-max) over {result['runs']} runs ===")
        rows = [("measure", "cold", "warm")]
        rows.append(("bare Pyodide ready", fmt_ms(s["bare_cold"]), fmt_ms(s["bare_warm"])))
        rows.append(
            ("widget ready (first draft)", fmt_ms(s["widget_cold"]), fmt_ms(s["widget_warm"]))
        )
        rows.append(
            ("ratio widget / bare (medians)", f"{s['ratio_cold']:.2f}x", f"{s['ratio_warm']:.2f}x")
        )
        rows.append(
            (
                "ratio per run (median, min-max)",
                fmt_ratio(s["ratio_cold_per_run"]),
                fmt_ratio(s["ratio_warm_per_run"]),
            )
        )
        rows.append(
            ("widget: Python answered", fmt_ms(s["answered_cold"]), fmt_ms(s["answered_warm"]))
        )
        rows.append(
            (
                "  / bare per run (median, min-max)",
                fmt_ratio(s["ratio_answered_cold_per_run"]),
                fmt_ratio(s["ratio_answered_warm_per_run"]),
            )
        )
        print(table(rows))
        print(
            "the widget's Python started from: "
            + "; ".join(
                f"{temp}: "
                + ", ".join(f"{label} x{n}" for label, n in s[f"widget_python_{temp}"].items())
                for temp in ("cold", "warm")
            )
        )
        r_all, r_after, r_trip = (
            s["redraft_input_to_draft"],
            s["redraft_after_debounce"],
            s["redraft_worker_round_trip"],
        )
        print(
            table(
                [
                    (f"redraft (n={r_all['n']})", "p50", "p95", "max"),
                    (
                        "input -> draft shown (incl. debounce)",
                        f"{r_all['median']:.0f} ms",
                        f"{r_all['p95']:.0f} ms",
                        f"{r_all['max']:.0f} ms",
                    ),
                    (
                        "  minus the widget's debounce",
                        f"{r_after['median']:.0f} ms",
                        f"{r_after['p95']:.0f} ms",
                        f"{r_after['max']:.0f} ms",
                    ),
                    (
                        "worker round trip (Python)",
                        f"{r_trip['median']:.0f} ms",
                        f"{r_trip['p95']:.0f} ms",
                        f"{r_trip['max']:.0f} ms",
                    ),
                ]
            )
        )
        b = [
            (
                "bytes (first visit, from the server)",
                "requests",
                "raw",
                "gzip est.",
                "of it Pyodide",
            ),
        ]
        for label, key in [
            ("guide page, offline copy included", "bytes_guide"),
            ("widget page until first draft", "bytes_widget_cold"),
            ("widget page, after ready (offline copy)", "bytes_widget_background"),
            ("widget page, warm reload", "bytes_widget_warm"),
        ]:
            v = s[key]
            b.append(
                (
                    label,
                    str(v["requests"]),
                    fmt_bytes(v["raw"]),
                    fmt_bytes(v["gzip"]),
                    fmt_bytes(v["pyodide_raw"]),
                )
            )
        print(table(b))
        lt = s["widget_boot_long_tasks"]
        blt = s["bare_boot_long_tasks"]
        print(
            "main-thread long tasks (>50 ms) until ready, all cold runs: "
            f"widget {lt['count']} (longest {lt['max_ms']:.0f} ms; after the load event, "
            f"while Python starts: {lt['after_load_count']}, "
            f"longest {lt['after_load_max_ms']:.0f} ms), "
            f"bare {blt['count']} (longest {blt['max_ms']:.0f} ms); "
            f"during the redrafts: longest {s['redraft_long_tasks_max_ms']:.0f} ms"
        )
        for kind in ("bare", "widget"):
            for temp in ("cold", "warm"):
                stages = sorted(s[f"{kind}_{temp}_stages"].items(), key=lambda item: item[1])
                print(
                    f"{kind} {temp}, median time each stage was reached: "
                    + ", ".join(f"{what} {when:.0f} ms" for what, when in stages)
                )
        if mode["service_worker"]:
            print(f"offline copy stored: {s['offline_copy']}")
    if result.get("network"):
        print_network_report(result["network"])


def print_network_report(network: dict) -> None:
    s = network["summary"]
    line = Line(network["line"]["mbps"], network["line"]["latency_ms"])
    first = {kind: network["loads"][kind][0]["bytes_until_ready"] for kind in ("bare", "widget")}
    print(f"\n=== first visit over an emulated {line} line, service worker off ===")
    rows = [("measure", "cold", "raw bytes until ready")]
    rows.append(("bare Pyodide ready", fmt_ms(s["bare_cold"]), fmt_bytes(first["bare"]["raw"])))
    rows.append(
        ("widget ready (first draft)", fmt_ms(s["widget_cold"]), fmt_bytes(first["widget"]["raw"]))
    )
    rows.append(("ratio per run (median, min-max)", fmt_ratio(s["ratio_cold_per_run"]), ""))
    print(table(rows))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold+warm loads per page (>= 5)")
    parser.add_argument("--edits", type=int, default=60, help="redraft edits (>= 50)")
    parser.add_argument("--sw", choices=["on", "off", "both"], default="both")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site")
    parser.add_argument("--label", default="", help="a note stored with the results")
    parser.add_argument(
        "--netlify-toml", type=Path, default=serve.NETLIFY_TOML, help="headers to serve with"
    )
    parser.add_argument("--out", type=Path, default=None, help="JSON file (default: results/)")
    parser.add_argument(
        "--network", type=float, metavar="MBPS", help="also measure first visits over this line"
    )
    parser.add_argument("--latency", type=float, default=40, metavar="MS", help="for --network")
    args = parser.parse_args(argv)
    if not (args.site / BARE_PAGE / "index.html").is_file():
        sys.exit(f"bench: {args.site} has no {BARE_PAGE} page: build the site first (make build)")

    from playwright.sync_api import sync_playwright

    modes = {"on": [True], "off": [False], "both": [False, True]}[args.sw]
    started = time.time()
    server, log = serve_with_log(args.site, args.netlify_toml)
    try:
        with sync_playwright() as playwright:
            result = {
                "label": args.label,
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "runs": args.runs,
                "edits": args.edits,
                "netlify_toml": str(args.netlify_toml),
                "environment": environment(args.site),
                "modes": [],
            }
            for mode in run_modes(
                playwright, server, log, modes=modes, runs=args.runs, edits=args.edits
            ):
                mode["summary"] = summarise(mode)
                result["modes"].append(mode)
            if args.network:
                line = Line(args.network, args.latency)
                result["network"] = measure_first_visits(
                    playwright, server, log, line=line, runs=args.runs
                )
    finally:
        server.stop()
    result["seconds"] = round(time.time() - started, 1)
    out = args.out or RESULTS / f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1))
    print_report(result)
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    print(f"\nsaved {shown} ({result['seconds']} s)")
