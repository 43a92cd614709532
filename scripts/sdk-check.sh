#!/usr/bin/env bash
# Starts the sandbox on a free loopback port and drives it with the official Python SDK
# (scripts/sdk-check.py). PYTHON defaults to /tmp/sdkvenv/bin/python, a venv with
# `pip install huaweicloudsdkccm huaweicloudsdkeps huaweicloudsdkbss`.
set -euo pipefail
cd "$(dirname "$0")/.."
# The sandbox is on loopback: never through a proxy (Python's requests honours HTTP_PROXY for 127.0.0.1).
export NO_PROXY="127.0.0.1,localhost,::1${NO_PROXY:+,$NO_PROXY}" no_proxy="127.0.0.1,localhost,::1${no_proxy:+,$no_proxy}"
PYTHON=${PYTHON:-/tmp/sdkvenv/bin/python}

# The debug build (what `cargo test` already made) is enough; BIN=path overrides it.
if [[ -z ${BIN:-} ]]; then
    cargo build --quiet --locked
    BIN=target/debug/pca-order
fi
out=$(mktemp)
# A pretend account of its own, started empty: the user's shared sandbox state is neither read nor grown.
state=$(mktemp -d)
"$BIN" sandbox --listen 127.0.0.1:0 --state "$state/sandbox-state.json" >"$out" &
pid=$!
# Ctrl-C (SIGINT) is how the sandbox is meant to stop; keep the check's exit status.
trap 'rc=$?; kill -INT "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$out"; rm -rf "$state"; exit $rc' EXIT

# The first stdout line is `listening on http://HOST:PORT`.
url=""
for _ in $(seq 100); do
    line=$(head -n 1 "$out")
    if [[ $line == "listening on "* ]]; then
        url=${line#listening on }
        break
    fi
    kill -0 "$pid" 2>/dev/null || { echo "sandbox exited early" >&2; exit 1; }
    sleep 0.1
done
[[ -n $url ]] || { echo "sandbox did not report its address" >&2; exit 1; }
echo "sandbox at $url"
"$PYTHON" scripts/sdk-check.py "$url"
