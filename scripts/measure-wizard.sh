#!/usr/bin/env bash
# Measures the wizard as a person meets it, in a real pseudo-terminal, with a release build:
#   (a) launch → first frame showing step 1's title (median of N runs, default 5)
#   (b) peak RSS (VmHWM) of the wizard process while it sits on step 1
#   (c) CPU time (utime+stime) it uses while sitting idle on step 1 for IDLE seconds (default 10), and
#       how many bytes it writes meanwhile (an idle wizard should redraw nothing)
#   (d) key-to-frame latency while an order is in flight: an order held 30 s by the sandbox
#       (`sandbox:delay_ms`), then Ctrl-C (which asks "Quit anyway?") and `n`, KEYS times; the time from
#       writing Ctrl-C to the end of the frame that shows the question (median and max)
# Prints numbers only; it asserts nothing about timing. Needs Linux (/proc) and python3 (stdlib only).
#
#   scripts/measure-wizard.sh            # build --release, then measure
#   RUNS=9 IDLE=30 KEYS=21 scripts/measure-wizard.sh
#   BIN=target/release/pca-order scripts/measure-wizard.sh   # measure an existing binary, no build
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-5}"
IDLE="${IDLE:-10}"
KEYS="${KEYS:-11}"
if [[ -z "${BIN:-}" ]]; then
    echo "== cargo build --release" >&2
    cargo build --release --quiet
    BIN=target/release/pca-order
fi
[[ -x "$BIN" ]] || { echo "measure-wizard: no executable at $BIN" >&2; exit 2; }

exec python3 - "$BIN" "$RUNS" "$IDLE" "$KEYS" <<'PY'
import fcntl, os, select, signal, statistics, struct, subprocess, sys, tempfile, termios, time

BIN, RUNS, IDLE, KEYS = os.path.abspath(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
COLS, ROWS = 100, 30
TITLE = "Step 1 of 5 · Period".encode()
# A draw ends by placing the cursor and showing it: after the title, that marks the first whole frame.
FRAME_END = b"\x1b[?25h"
TICK = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


class Wizard:
    """pca-order --sandbox in a fresh pty of COLS x ROWS, with a clean environment."""

    def __init__(self):
        self.home = tempfile.TemporaryDirectory(prefix="measure-wizard-")
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = {
            "HOME": self.home.name,
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        }

        def child_setup():
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [BIN, "--sandbox", "--journal", os.path.join(self.home.name, "j.jsonl")],
            stdin=slave, stdout=slave, stderr=slave, env=env, cwd=self.home.name,
            preexec_fn=child_setup, close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.out = bytearray()

    def pump(self, timeout):
        """Reads whatever arrives within `timeout` seconds; returns the byte count."""
        r, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not r:
            return 0
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return 0
        self.out += data
        return len(data)

    def wait_for(self, needle, after=b"", deadline=30.0, start=0):
        """Seconds from launch until `needle` has been written (after `after`, if given, and after byte
        `start`; None on timeout)."""
        end = time.monotonic() + deadline
        while (i := self.out.find(after, start)) < 0 or self.out.find(needle, i + len(after)) < 0:
            if time.monotonic() > end or self.proc.poll() is not None:
                return None
            self.pump(end - time.monotonic())
        return time.monotonic() - self.started

    def drain_for(self, seconds):
        """Keeps reading for `seconds`; returns the bytes written meanwhile."""
        end, n = time.monotonic() + seconds, 0
        while (left := end - time.monotonic()) > 0:
            n += self.pump(left)
        return n

    def status_kb(self, field):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return None

    def cpu_ms(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            # Fields after the parenthesised command name; utime and stime are fields 14 and 15.
            rest = f.read().rsplit(")", 1)[1].split()
        return (int(rest[11]) + int(rest[12])) * 1000 / TICK

    def send(self, keys, settle=0.4):
        """Writes `keys` and reads for `settle` seconds (screens here are told apart by time, not text:
        a redraw writes only the cells that changed)."""
        os.write(self.master, keys)
        self.drain_for(settle)

    def threads(self):
        return len(os.listdir(f"/proc/{self.proc.pid}/task"))

    def quit(self):
        os.write(self.master, b"\x03")  # Ctrl-C on step 1: cancel, exit 1
        end = time.monotonic() + 10
        while self.proc.poll() is None and time.monotonic() < end:
            self.pump(0.05)
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)
        self.home.cleanup()
        return self.proc.returncode


def ms(s):
    return f"{s * 1000:.1f} ms"


print(f"binary: {BIN}")
print(f"terminal: {COLS}x{ROWS} pty, TERM=xterm-256color, --sandbox; runs: {RUNS}; cores: {os.cpu_count()}")
print()

firsts, completes, hwms = [], [], []
for i in range(RUNS):
    w = Wizard()
    t_title = w.wait_for(TITLE)
    t_frame = w.wait_for(FRAME_END, after=TITLE)
    if t_title is None or t_frame is None:
        print(f"run {i + 1}: step 1 never appeared; output so far: {bytes(w.out[-400:])!r}")
        w.quit()
        sys.exit(1)
    w.drain_for(1.0)  # let the background quota/project fetches land
    hwm, rss = w.status_kb("VmHWM"), w.status_kb("VmRSS")
    code = w.quit()
    firsts.append(t_title)
    completes.append(t_frame)
    hwms.append(hwm)
    print(f"run {i + 1}: step 1 title after {ms(t_title)}, frame complete after {ms(t_frame)}, "
          f"VmHWM {hwm} kB, VmRSS {rss} kB, exit {code}")

print()
print(f"(a) launch -> first frame with step 1's title: median {ms(statistics.median(firsts))} "
      f"(min {ms(min(firsts))}, max {ms(max(firsts))}); whole first frame: median {ms(statistics.median(completes))}")
print(f"(b) peak RSS (VmHWM) on step 1: median {statistics.median(hwms):.0f} kB, max {max(hwms)} kB "
      f"({max(hwms) / 1024:.1f} MiB)")

w = Wizard()
if w.wait_for(FRAME_END, after=TITLE) is None:
    print("idle run: step 1 never appeared")
    w.quit()
    sys.exit(1)
w.drain_for(2.0)  # settle: fetches done, spinner ticks stopped
before_cpu, before_bytes = w.cpu_ms(), len(w.out)
threads = w.threads()
written = w.drain_for(IDLE)
after_cpu = w.cpu_ms()
code = w.quit()
print(f"(c) idle on step 1 for {IDLE:.0f} s: {after_cpu - before_cpu:.0f} ms CPU (utime+stime, "
      f"{1000 / TICK:.0f} ms resolution), {written} bytes written, {threads} threads; exit {code}")

w = Wizard()
if w.wait_for(FRAME_END, after=TITLE) is None:
    print("latency run: step 1 never appeared")
    w.quit()
    sys.exit(1)
w.drain_for(1.0)
for _ in range(4):  # Enter on steps 1-4, up to the review
    w.send(b"\r")
w.drain_for(1.0)  # the price row
w.send(b"\x1b[A")  # up to the promotion field
w.send(b"sandbox:delay_ms=30000")
w.send(b"\r")  # out of the field, onto the button
w.send(b"\r")  # place order: the question
w.send(b"y", settle=1.0)  # sent; the sandbox holds the answer 30 s
lat = []
for _ in range(KEYS):
    start = len(w.out)
    sent = time.monotonic()
    os.write(w.master, b"\x03")
    # "anyway" is written whole when the question appears; the frame ends with the cursor hidden.
    if w.wait_for(b"\x1b[?25l", after=b"anyway", deadline=5.0, start=start) is None:
        print(f"latency run: no question after Ctrl-C; output so far: {bytes(w.out[-300:])!r}")
        w.quit()
        sys.exit(1)
    lat.append(time.monotonic() - sent)
    w.send(b"n", settle=0.2)
in_flight = w.proc.poll() is None
w.proc.kill()  # a sandbox order held 30 s: nothing to wait for
w.proc.wait()
os.close(w.master)
w.home.cleanup()
print(f"(d) key -> frame while an order is in flight ({KEYS} Ctrl-C presses): median {ms(statistics.median(lat))}, "
      f"max {ms(max(lat))}; {'still in flight' if in_flight else 'ENDED'} at the last key")
PY
