"""What each speed lever pays: the site as built, each lever switched off alone, all off,
the bounds, and the levers measured and rejected (bench.variants).

    .venv/bin/python -m bench.variants        # builds the variants under /tmp/bench-variants
    .venv/bin/python -m bench.levers --rounds 5
    .venv/bin/python -m bench.levers --sw on --only as-built without-snapshot-overlap

The widget's time is Python's first answer (not the saved drafts a warm reload shows
first). Every round loads the bare page and the widget page (cold, then warm) once per
variant, each on its own server, so a busy moment on the machine hits every variant
alike; the ratios are taken within a round. Service workers are blocked unless
``--sw on`` (then the warm load is the return visit, which starts Python from the
memory snapshot).
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

from bench.run import RESULTS, ROOT, environment, measure_load, serve_with_log, stage_medians
from bench.stats import fmt_ms, summary, table
from bench.variants import ABLATIONS, BOUNDS, REJECTED

VARIANTS = Path("/tmp/bench-variants")
# (label, variant folder under VARIANTS, headers file or None for the real netlify.toml)
LEVERS = [
    ("no lever at all", "no-lever", None),
    ("as built", "as-built", None),
    ("as built, without immutable caching", "as-built", "netlify-no-immutable.toml"),
    *((name.replace("-", " "), name, None) for name in ABLATIONS),
    *((name.replace("-", " "), name, None) for name in BOUNDS),
    *((name.replace("-", " "), name, None) for name in REJECTED),
]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.levers", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--variants", type=Path, default=VARIANTS)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--sw", choices=["on", "off"], default="off", help="service worker")
    parser.add_argument("--only", nargs="*", default=None, help="variant folders to measure")
    parser.add_argument("--sites", nargs="*", default=None, metavar="LABEL=DIR",
                        help="compare these built sites instead (e.g. one per commit)")
    args = parser.parse_args(argv)
    if args.sites:
        levers = [(label, str(Path(folder).resolve()), None)
                  for label, _, folder in (site.partition("=") for site in args.sites)]
    else:
        levers = [row for row in LEVERS if args.only is None or row[1] in args.only]
    sw = args.sw == "on"

    from playwright.sync_api import sync_playwright

    servers = []
    for name, folder, headers in levers:
        toml = args.variants / headers if headers else ROOT / "netlify.toml"
        servers.append((name, *serve_with_log(args.variants / folder, toml)))
    samples: dict[str, dict[str, list[dict]]] = {
        name: {"bare": [], "widget": []} for name, *_ in levers
    }
    try:
        with sync_playwright() as playwright:
            for round_ in range(args.rounds):
                order = servers if round_ % 2 == 0 else list(reversed(servers))
                for name, server, log in order:
                    for kind in ("bare", "widget"):
                        samples[name][kind].append(
                            measure_load(playwright, server, log, kind, sw=sw)
                        )
                print(f"round {round_ + 1}/{args.rounds} done", flush=True)
    finally:
        for _, server, _ in servers:
            server.stop()

    rows = [("lever", "bare cold", "widget cold", "ratio", "bare warm", "widget warm", "ratio",
             "first visit gzip kB")]
    results = {}
    for name, *_ in levers:
        row = [name]
        results[name] = {}
        for temp in ("cold", "warm"):
            bare = [s[f"{temp}_ms"] for s in samples[name]["bare"]]
            # Python's own first answer: a warm reload shows the drafts saved on the cold
            # load before Python starts, whatever the lever.
            widget = [s[f"answered_{temp}_ms"] for s in samples[name]["widget"]]
            ratio = summary([w / b for w, b in zip(widget, bare, strict=True)])
            results[name][temp] = {
                "bare": summary(bare),
                "widget": summary(widget),
                "ratio_per_round": ratio,
            }
            row += [fmt_ms(summary(bare)), fmt_ms(summary(widget)), f"{ratio['median']:.2f}x"]
        # What a first visit downloads before the first drafts, as gzip would send it.
        first_visit = summary([s["bytes_cold_until_ready"]["gzip"] / 1000
                               for s in samples[name]["widget"]])
        results[name]["first_visit_gzip_kb"] = first_visit
        row.append(f"{first_visit['median']:.0f}")
        rows.append(tuple(row))
    print(table(rows))
    stage_rows = [("lever", "widget cold: median ms at each stage")]
    for name, *_ in levers:
        medians = stage_medians(samples[name]["widget"], "cold")
        in_order = sorted(medians.items(), key=lambda item: (item[1], item[0]))
        stage_rows.append((name, ", ".join(f"{k} {t:.0f}" for k, t in in_order)))
    print(table(stage_rows))
    out = args.out or RESULTS / f"levers-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "rounds": args.rounds,
                "service_worker": sw,
                "environment": environment(args.variants / levers[0][1]),
                "summary": results,
                "samples": samples,
            },
            indent=1,
        )
    )
    print(f"saved {out}")


if __name__ == "__main__":
    main()
