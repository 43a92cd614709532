#!/usr/bin/env python3
"""The terminal disappears (SSH drop, closed window) while an order is in flight: the wizard must not
crash, must keep waiting for the answer, journal it, and exit with the order's code. And a terminal that
closes with no SIGHUP at all must end the wizard, not leave it spinning.

    python3 scripts/hangup-check.py target/debug/pca-order

The Rust pty harness keeps a reader on the pty, so it cannot hang the terminal up; this script closes
its only descriptor of the pty master, which is what a real hang-up does. Python standard library only;
runs the built-in sandbox in-process (loopback only). Exits non-zero on any failure.
"""

import fcntl
import json
import os
import pty
import select
import shutil
import struct
import sys
import tempfile
import termios
import time

DEADLINE = 20.0


def main() -> int:
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/debug/pca-order")
    journal = os.path.join(tempfile.mkdtemp(prefix="pca-hangup-"), "j.jsonl")
    pid, fd = pty.fork()
    if pid == 0:
        home = tempfile.mkdtemp(prefix="pca-hangup-home-")
        os.environ.clear()
        os.environ.update({"HOME": home, "TERM": "xterm-256color", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
        os.execv(binary, [binary, "--sandbox", "--journal", journal])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    seen = bytearray()

    def wait_for(text: str) -> None:
        end = time.time() + DEADLINE
        needle = text.encode()
        while needle not in seen:
            if time.time() > end:
                raise SystemExit(f"hangup-check: timed out waiting for {text!r}")
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                seen.extend(os.read(fd, 65536))

    def send(keys: bytes) -> None:
        """Types keys, then drains output until the screen has been quiet for a moment. (ratatui redraws
        only the cells that change, so whole words of a new screen need not appear in the byte stream.)"""
        os.write(fd, keys)
        end = time.time() + DEADLINE
        quiet_since = time.time()
        while time.time() - quiet_since < 0.3:
            if time.time() > end:
                raise SystemExit("hangup-check: the wizard never went quiet")
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                seen.extend(os.read(fd, 65536))
                quiet_since = time.time()

    def journal_states() -> list:
        try:
            with open(journal, encoding="utf-8") as f:
                return [json.loads(line)["state"] for line in f]
        except FileNotFoundError:
            return []

    wait_for("Step 1 of 5")
    for keys in [b"\r", b"\r", b"\r", b"\r", b"\x1b[A", b"sandbox:delay_ms=2000", b"\r", b"\r"]:
        send(keys)  # four steps to the review, up to the promotion, a 2 s delay, place order
    os.write(fd, b"y")
    end = time.time() + DEADLINE
    while journal_states() != ["sending"]:  # on disk before the request leaves: the order is in flight
        if time.time() > end:
            raise SystemExit(f"hangup-check: the order never left (journal {journal_states()})")
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            seen.extend(os.read(fd, 65536))
    os.close(fd)  # hang up: the program's terminal is gone
    end = time.time() + DEADLINE
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.time() > end:
            os.kill(pid, 9)
            raise SystemExit("hangup-check: the wizard did not exit after the hang-up")
        time.sleep(0.05)
    if os.WIFSIGNALED(status):
        raise SystemExit(f"hangup-check: the wizard died of signal {os.WTERMSIG(status)} after the hang-up")
    code = os.WEXITSTATUS(status)
    states = journal_states()
    print(f"hangup-check: exit {code}, journal {states}")
    if states != ["sending", "created"] or code != 0:
        raise SystemExit("hangup-check: expected exit 0 and a journal of sending, created")
    return closed_without_sighup(binary)


def closed_without_sighup(binary: str) -> int:
    """The terminal goes away but no SIGHUP comes: here the pty is not the program's controlling terminal
    (as under a process that started it in a new session). Only the end of input tells, and the wizard must
    end on it. crossterm 0.29 as published retried that end of input forever at 100% CPU and never exited
    (crossterm-rs/crossterm#793); a real hang-up that lands while the event reader is reading hits the same
    loop, whatever the SIGHUP does."""
    home = tempfile.mkdtemp(prefix="pca-hangup-home-")
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {"HOME": home, "TERM": "xterm-256color", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    pid = os.fork()
    if pid == 0:
        os.setsid()  # a new session with no controlling terminal: closing the pty sends no SIGHUP
        for target in (0, 1, 2):
            os.dup2(slave, target)
        os.closerange(3, 256)
        try:
            os.execve(binary, [binary, "--sandbox", "--journal", os.path.join(home, "j.jsonl")], env)
        finally:
            os._exit(127)
    os.close(slave)
    seen = bytearray()
    end = time.time() + DEADLINE
    while b"Step 1 of 5" not in seen:
        if time.time() > end:
            os.kill(pid, 9)
            raise SystemExit("hangup-check: no first frame without a controlling terminal")
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                seen.extend(os.read(master, 65536))
            except OSError:  # EIO: the wizard is gone already
                pass
    time.sleep(0.3)
    os.close(master)  # the terminal is gone; no signal says so
    end = time.time() + 10
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.time() > end:
            with open(f"/proc/{pid}/stat") as f:
                rest = f.read().rsplit(")", 1)[1].split()
            cpu = (int(rest[11]) + int(rest[12])) / os.sysconf("SC_CLK_TCK")
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            raise SystemExit(f"hangup-check: the wizard kept running 10 s after its terminal closed "
                             f"without SIGHUP ({cpu:.1f} s of CPU)")
        time.sleep(0.05)
    if os.WIFSIGNALED(status):
        raise SystemExit(f"hangup-check: the wizard died of signal {os.WTERMSIG(status)} when its terminal closed")
    code = os.WEXITSTATUS(status)
    shutil.rmtree(home, ignore_errors=True)
    print(f"hangup-check: terminal closed without SIGHUP: exit {code}")
    if code != 1:
        raise SystemExit("hangup-check: expected exit 1 (nothing was ordered)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
