#!/usr/bin/env bash
# `history` benchmark (issue 17): time `pca-order history` (text and --output json) on journals of 5,000 and
# 50,000 attempts and print the times, peak memory and the 50k/5k ratio. Linear work gives a ratio near 10;
# the quadratic history of 0.1.0 gave ~47. Measures only; asserts nothing (no timed tests).
# Uses hyperfine when installed, else GNU /usr/bin/time, else bash's `time`.
#
#   scripts/bench-history.sh                                  # build --release, then measure
#   BIN=target/debug/pca-order scripts/bench-history.sh       # an existing binary, no build
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${BIN:-}" ]]; then
    echo "== cargo build --release" >&2
    cargo build --release --quiet
    BIN=target/release/pca-order
fi
[[ -x "$BIN" ]] || { echo "bench-history: no executable at $BIN" >&2; exit 2; }
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# One attempt = an order (sending + created); every third order also has a pay attempt (action_sending +
# done), so pay rows are placed beside their orders as in a real journal. A real-looking line each.
make_journal() { # $1 attempts, $2 file
    awk -v n="$1" 'BEGIN {
        req = "{\"cloud_service_type\":\"hws.service.type.ccm\",\"period_type\":2,\"period_num\":1,\"charging_mode\":0,\"is_auto_renew\":0,\"is_auto_pay\":0,\"promotion_info\":\"\",\"enterprise_project_id\":\"0\",\"product_infos\":[{\"cloud_service_type\":\"hws.service.type.ccm\",\"resource_type\":\"hws.resource.type.pca.duration\",\"resource_spec_code\":\"ca.duration\"}],\"subscription_num\":1}"
        made = 0
        for (i = 0; made < n; i++) {
            id = sprintf("00000000-0000-4000-8000-%012d", i)
            order = sprintf("CS2612070339%05d", i)
            ts = sprintf("2026-12-07T03:%02d:%02d.000000000Z", int(i / 60) % 60, i % 60)
            printf "{\"ts\":\"%s\",\"attempt_id\":\"%s\",\"state\":\"sending\",\"region\":\"cn-north-4\",\"endpoint\":\"http://127.0.0.1:8080/v1/private-certificate-authorities/order\",\"credential_source\":\"sandbox (built-in test credentials)\",\"sandbox\":true,\"request\":%s}\n", ts, id, req
            printf "{\"ts\":\"%s\",\"attempt_id\":\"%s\",\"state\":\"created\",\"order_id\":\"%s\",\"ca_ids\":[\"%s\"]}\n", ts, id, order, id
            made++
            if (i % 3 == 0 && made < n) {
                pid = sprintf("11111111-0000-4000-8000-%012d", i)
                printf "{\"ts\":\"%s\",\"attempt_id\":\"%s\",\"state\":\"action_sending\",\"kind\":\"pay\",\"order_id\":\"%s\",\"region\":\"cn-north-4\",\"endpoint\":\"http://127.0.0.1:8080/v3/orders/customer-orders/pay\",\"credential_source\":\"sandbox (built-in test credentials)\",\"sandbox\":true}\n", ts, pid, order
                printf "{\"ts\":\"%s\",\"attempt_id\":\"%s\",\"state\":\"done\",\"kind\":\"pay\",\"order_id\":\"%s\"}\n", ts, pid, order
                made++
            }
        }
    }' > "$2"
}

for n in 5000 50000; do
    make_journal "$n" "$WORK/j$n.jsonl"
done

# Seconds (and peak RSS in kB where the tool reports it) of one run of `history` on a journal.
measure() { # $1 attempts, $2.. extra flags
    local n="$1"; shift
    local cmd=("$BIN" history --sandbox --journal "$WORK/j$n.jsonl" "$@")
    if command -v hyperfine >/dev/null; then
        hyperfine --warmup 1 --runs 5 --export-json "$WORK/h.json" --output null "${cmd[*]}" >/dev/null 2>&1
        python3 -c 'import json,sys; print("%.4f -" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$WORK/h.json"
    elif [[ -x /usr/bin/time ]]; then
        /usr/bin/time -f "%e %M" -o "$WORK/t" env HOME="$WORK" "${cmd[@]}" >/dev/null 2>&1 || true
        cat "$WORK/t"
    else
        local start end
        start=$(date +%s.%N)
        HOME="$WORK" "${cmd[@]}" >/dev/null 2>&1 || true
        end=$(date +%s.%N)
        echo "$(echo "$end - $start" | bc) -"
    fi
}

printf '%-14s %10s %10s %12s %12s %7s\n' output "5k s" "50k s" "5k peak kB" "50k peak kB" ratio
for mode in text json; do
    flags=()
    [[ $mode == json ]] && flags=(--output json)
    read -r t5 m5 < <(measure 5000 "${flags[@]}")
    read -r t50 m50 < <(measure 50000 "${flags[@]}")
    ratio=$(awk -v a="$t5" -v b="$t50" 'BEGIN { if (a > 0) printf "%.1f", b / a; else print "-" }')
    printf '%-14s %10s %10s %12s %12s %7s\n' "$mode" "$t5" "$t50" "$m5" "$m50" "$ratio"
done
