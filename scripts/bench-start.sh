#!/usr/bin/env bash
# Start-up benchmark (issue 7), side by side in one run, interleaved so both see the same machine load:
#   (1) first complete frame: exec -> the last footer word of the first frame, in an 80x24 pseudo-terminal,
#       `pca-order --sandbox` (footer ends "Ctrl-C quit") vs `whiptail --inputbox` (buttons end "<Cancel>");
#       plus peak RSS (VmHWM) of each, read right after that frame;
#   (2) `pca-order order --yes` vs `curl` POSTing the same body (token auth) to one local `pca-order sandbox`.
# Prints medians and ratios; asserts nothing. Linux only (/proc); needs python3 (stdlib), curl, whiptail.
#
#   scripts/bench-start.sh                        # build --release, then measure (RUNS=9)
#   RUNS=21 BIN=target/release/pca-order scripts/bench-start.sh    # an existing binary, no build
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-9}"
if ! command -v whiptail >/dev/null; then
    if command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
        echo "== apt-get install -y whiptail" >&2
        apt-get install -y whiptail >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y whiptail >/dev/null; }
    fi
fi
command -v whiptail >/dev/null || { echo "bench-start: needs whiptail (apt-get install whiptail)" >&2; exit 2; }
command -v curl >/dev/null || { echo "bench-start: needs curl" >&2; exit 2; }
if [[ -z "${BIN:-}" ]]; then
    echo "== cargo build --release" >&2
    cargo build --release --quiet
    BIN=target/release/pca-order
fi
[[ -x "$BIN" ]] || { echo "bench-start: no executable at $BIN" >&2; exit 2; }

exec python3 - "$BIN" "$RUNS" "$(command -v whiptail)" "$(command -v curl)" <<'PY'
import fcntl, os, re, select, signal, statistics, struct, subprocess, sys, tempfile, termios, time

BIN, RUNS, WHIPTAIL, CURL = os.path.abspath(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
COLS, ROWS = 80, 24


def env_for(home):
    return {"HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8",
            "PATH": os.environ.get("PATH", "/usr/bin:/bin")}


def first_frame(argv, after, needle, home):
    """Runs argv in a fresh COLS x ROWS pty; returns (seconds from exec to `needle` written after
    `after`, VmHWM kB right then)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))

    def child_setup():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    started = time.monotonic()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env_for(home), cwd=home,
                            preexec_fn=child_setup, close_fds=True)
    os.close(slave)
    out, took, hwm = bytearray(), None, None
    end = started + 20
    while time.monotonic() < end:
        r, _, _ = select.select([master], [], [], max(end - time.monotonic(), 0))
        if not r:
            break
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        out += data
        i = out.find(after)
        if i >= 0 and out.find(needle, i + len(after)) >= 0:
            took = time.monotonic() - started
            try:
                with open(f"/proc/{proc.pid}/status") as f:
                    hwm = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
            except (OSError, StopIteration):
                pass
            break
    proc.kill()
    proc.wait()
    os.close(master)
    if took is None:
        sys.exit(f"{argv[0]}: no complete first frame; output so far: {bytes(out[-300:])!r}")
    return took, hwm


def ms(s):
    return f"{s * 1000:.2f} ms"


def med(xs):
    return statistics.median(xs)


print(f"binary: {BIN}")
print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; pty {COLS}x{ROWS}; runs: {RUNS} each, interleaved")

home = tempfile.mkdtemp(prefix="bench-start-")
wizard = [BIN, "--sandbox", "--journal", os.path.join(home, "j.jsonl")]
dialog = [WHIPTAIL, "--title", "pca-order", "--inputbox", "How many private CAs? (1-100)", "10", "60", "1"]
# Warm the page cache for both binaries before timing anything.
first_frame(wizard, b"Ctrl-C", b"quit", home)
first_frame(dialog, b"<Ok>", b"<Cancel>", home)
w_t, w_m, d_t, d_m = [], [], [], []
for _ in range(RUNS):
    t, m = first_frame(wizard, b"Ctrl-C", b"quit", home)
    w_t.append(t); w_m.append(m)
    t, m = first_frame(dialog, b"<Ok>", b"<Cancel>", home)
    d_t.append(t); d_m.append(m)
print()
print("(1) first complete frame (exec -> last footer word), median / min / max; peak RSS (VmHWM) median")
print(f"    pca-order wizard : {ms(med(w_t))} / {ms(min(w_t))} / {ms(max(w_t))};  {med(w_m) / 1024:.1f} MB")
print(f"    whiptail inputbox: {ms(med(d_t))} / {ms(min(d_t))} / {ms(max(d_t))};  {med(d_m) / 1024:.1f} MB")
print(f"    ratio wizard/whiptail: time {med(w_t) / med(d_t):.2f}x, RSS {med(w_m) / med(d_m):.2f}x")

# (2) order vs curl against one local sandbox.
sb = subprocess.Popen([BIN, "sandbox", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                      stderr=subprocess.DEVNULL, env=env_for(home), cwd=home, text=True)
banner = sb.stdout.readline().strip()
base = banner.removeprefix("listening on ")
token = None
for _ in range(20):
    line = sb.stdout.readline()
    m = re.search(r"X-Auth-Token:\s+(\S+)", line)
    if m:
        token = m.group(1)
        break
if not base.startswith("http://127.0.0.1:") or token is None:
    sb.kill()
    sys.exit(f"sandbox did not start as expected: {banner!r}")
# The body `pca-order order` sends for its defaults (1 month, 1 CA; see `order --dry-run`).
body = ('{"cloud_service_type":"hws.service.type.ccm","period_type":2,"period_num":1,"charging_mode":0,'
        '"is_auto_renew":0,"is_auto_pay":0,"promotion_info":"","enterprise_project_id":"0","product_infos":'
        '[{"cloud_service_type":"hws.service.type.ccm","resource_type":"hws.resource.type.pca.duration",'
        '"resource_spec_code":"ca.duration"}],"subscription_num":1}')
token_file = os.path.join(home, "token")
with open(token_file, "w") as f:
    f.write(token)
order = [BIN, "order", "--endpoint", base, "--iam-endpoint", base, "--eps-endpoint", base,
         "--token-file", token_file, "--journal", os.path.join(home, "orders.jsonl"), "--yes",
         "--region", "ap-southeast-1"]
curl = [CURL, "-sS", "-o", "/dev/null", "-X", "POST", "-H", "Content-Type: application/json",
        "-H", f"X-Auth-Token: {token}", "--data-binary", body,
        base + "/v1/private-certificate-authorities/order"]
# The order CLI also reads the CA quota first (one GET), as a user's `order` does.
def timed(argv):
    t = time.monotonic()
    r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env_for(home), cwd=home)
    took = time.monotonic() - t
    if r.returncode != 0:
        sb.kill()
        sys.exit(f"{argv[0]} failed ({r.returncode}): {r.stderr.decode(errors='replace')[-300:]}")
    return took

timed(order); timed(curl)
o_t, c_t = [], []
for _ in range(RUNS * 3):
    o_t.append(timed(order))
    c_t.append(timed(curl))
sb.terminate()
sb.wait()
print()
print(f"(2) one order against a local sandbox ({RUNS * 3} runs each), median / min / max")
print(f"    pca-order order --yes: {ms(med(o_t))} / {ms(min(o_t))} / {ms(max(o_t))}  (quota GET + order POST)")
print(f"    curl POST same body  : {ms(med(c_t))} / {ms(min(c_t))} / {ms(max(c_t))}")
print(f"    ratio order/curl: {med(o_t) / med(c_t):.2f}x")
PY
