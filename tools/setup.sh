#!/usr/bin/env bash
# Set up everything a fresh machine lacks: a Python >= 3.12 venv with the pinned
# toolchain, the pinned npm packages (Pyodide runtime, axe-core) and, for the
# browser tests, Chromium. Safe to run again: each step skips what is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=${1:-}

# The first Python >= 3.12 that actually runs. On these machines 3.12/3.13 live under
# pyenv without being activated, so plain `python3.13` may exist as a shim and fail.
find_python() {
    local candidates=(python3.14 python3.13 python3.12 python3)
    if command -v pyenv >/dev/null 2>&1; then
        local root
        root=$(pyenv root)
        for v in $(ls -d "$root"/versions/3.1[2-9]* 2>/dev/null | sort -rV); do candidates+=("$v/bin/python3"); done
    fi
    for py in "${candidates[@]}"; do
        if "$py" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
            command -v "$py" || echo "$py"
            return 0
        fi
    done
    return 1
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
    py=$(find_python) || { echo "setup: no Python >= 3.12 found (tried python3.1x and pyenv versions)" >&2; exit 1; }
    echo "setup: creating .venv with $py"
    rm -rf .venv
    "$py" -m venv .venv
fi

stamp=.venv/.requirements.sha256
want=$(cat requirements/dev.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -r requirements/dev.txt
    .venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
    echo "$want" > "$stamp"
fi

if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -q && apt-get install -y -q nodejs npm
    else
        echo "setup: npm is missing; install Node.js >= 20" >&2; exit 1
    fi
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$want_browser" = "--browser" ] && ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing Chromium (Debian package) for the browser tests"
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
    else
        echo "setup: the browser tests need Chromium: sudo apt-get install chromium" >&2; exit 1
    fi
fi
