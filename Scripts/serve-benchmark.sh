#!/usr/bin/env bash
# Serve and incremental-build benchmark: `portal-build` (release) on a generated organisation
# (default ../shared/bench/gen_corpus.py --repos 200 --pages 10000 --seed 1, copied to a temporary
# folder because pages are edited). Prints: serve start-up with no site and with an up-to-date one
# (launch to the first page served), the time from saving one docs page to the reload event
# (median of --edits), then `build` with no change (median of 5) and after one docs page changed.
# Usage: Scripts/serve-benchmark.sh [--repos R] [--pages P] [--edits N]
# PORTAL_BUILD_BIN=path/to/portal-build uses that (release) binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/bootstrap.sh

repos=200 pages=10000 edits=5
while [[ $# -gt 0 ]]; do
  case $1 in
    --repos) repos=$2; shift 2 ;;
    --pages) pages=$2; shift 2 ;;
    --edits) edits=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

corpus=.build/bench-corpora/repos$repos-pages$pages-seed1
if [[ ! -d $corpus ]]; then
  python3 ../shared/bench/gen_corpus.py "$corpus" --repos "$repos" --pages "$pages" --seed 1
fi
binary=${PORTAL_BUILD_BIN:-}
if [[ -z $binary ]]; then
  swift build -c release --product portal-build
  binary=$(swift build -c release --show-bin-path)/portal-build
fi

parent=/dev/shm
[[ -d $parent && -w $parent ]] || parent=${TMPDIR:-/tmp}
work=$(mktemp -d "$parent/portal-serve-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -R "$corpus" "$work/org"

python3 - "$binary" "$work" "$edits" <<'PYTHON'
import glob, os, re, signal, socket, statistics, subprocess, sys, threading, time, urllib.request

binary, work, edits = sys.argv[1], sys.argv[2], int(sys.argv[3])
pages = sorted(glob.glob(os.path.join(work, "org", "*", "docs", "**", "*.md"), recursive=True))

def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

def receive_until(connection, marker):
    received = b""
    while marker not in received:
        chunk = connection.recv(65536)
        if not chunk:
            sys.exit("the event stream closed")
        received += chunk

class Serve:
    """portal-build serve on a free port, its output collected as it comes."""
    def __init__(self):
        self.port = free_port()
        self.start = time.monotonic()
        self.process = subprocess.Popen([binary, "serve", "org", "-q", "-o", "site", "--port", str(self.port)], cwd=work,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.lines, listening = [], threading.Event()
        def drain():  # keeps reading, so a long report never blocks the server on a full pipe
            for line in self.process.stdout:
                self.lines.append(line)
                if "(Ctrl-C to stop)" in line:
                    listening.set()
            listening.set()
        threading.Thread(target=drain, daemon=True).start()
        listening.wait(300)
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/") as response:
            assert response.status == 200
        self.started = time.monotonic() - self.start

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=60)

def build(*extra):
    start = time.monotonic()
    result = subprocess.run([binary, "build", "org", "-q", "-o", "site", *extra], cwd=work, capture_output=True, text=True)
    return time.monotonic() - start, result.stdout.strip().splitlines()[-1]

cold = Serve()
print(f"serve start-up, no site yet: {cold.started * 1000:.0f} ms to the first page served")
events = socket.create_connection(("127.0.0.1", cold.port), timeout=120)
events.sendall(b"GET /__portal/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
receive_until(events, b"event: build")
samples = []
for edit in range(edits):
    time.sleep(0.7)  # saves fall anywhere between two polls, as when a person saves
    with open(pages[edit * 37 % len(pages)], "a") as file:
        file.write(f"\nEdited for the serve benchmark ({edit}).\n")
    saved = time.monotonic()
    receive_until(events, b"event: reload")
    samples.append(time.monotonic() - saved)
deadline = time.monotonic() + 60  # lets the last search index update finish (the cache records it)
while "search index updated" not in "".join(cold.lines[-3:]) and time.monotonic() < deadline:
    time.sleep(0.2)
output = "".join(cold.lines)
rebuilds = [int(n) for n in re.findall(r"rebuilt in (\d+) ms", output)]
searches = [int(n) for n in re.findall(r"search index updated: .* in (\d+) ms", output)]
print(f"save to reload event (median of {edits}): {statistics.median(samples) * 1000:.0f} ms "
      f"(each: {', '.join(f'{s * 1000:.0f}' for s in samples)} ms); target <= 100 ms")
print(f"  rebuild as serve reports it: median {statistics.median(rebuilds)} ms; "
      f"search index updated in the background: median {statistics.median(searches) if searches else '-'} ms")
print(f"  fast path taken: {output.count('docs pages only')} of {edits} saves")
print(f"stopped on SIGINT with exit status {cold.stop()}")

warm = Serve()
print(f"serve start-up, site up to date: {warm.started * 1000:.0f} ms to the first page served")
warm.stop()

times = []
for run in range(5):
    seconds, last = build()
    times.append(seconds)
print(f"build with no change (median of 5): {statistics.median(times) * 1000:.0f} ms ({last}); target <= 300 ms")
with open(pages[len(pages) // 2], "a") as file:
    file.write("\nOne more line for the build benchmark.\n")
seconds, last = build()
print(f"build after one docs page changed: {seconds * 1000:.0f} ms ({last})")
seconds, last = build("--clean")
print(f"build --clean for comparison: {seconds * 1000:.0f} ms ({last})")
PYTHON
