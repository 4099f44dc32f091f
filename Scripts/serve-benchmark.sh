#!/usr/bin/env bash
# Serve benchmark: `portal-build serve` (release) on a generated organisation (default
# ../shared/bench/gen_corpus.py --repos 200 --pages 10000 --seed 1, copied to a temporary folder
# because a page is edited): start-up (launch to the first page served), one poll of the inputs,
# and the time from saving one docs page to the reload event (median of --edits).
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
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]

start = time.monotonic()
server = subprocess.Popen([binary, "serve", "org", "-q", "-o", "site", "--port", str(port)], cwd=work,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
lines, listening = [], threading.Event()
def drain():  # keeps reading, so a long report never blocks the server on a full pipe
    for line in server.stdout:
        lines.append(line)
        if "(Ctrl-C to stop)" in line:
            listening.set()
    listening.set()
threading.Thread(target=drain, daemon=True).start()

def receive_until(connection, marker):
    received = b""
    while marker not in received:
        chunk = connection.recv(65536)
        if not chunk:
            sys.exit("the event stream closed")
        received += chunk

try:
    listening.wait(300)
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:
        assert response.status == 200
    started = time.monotonic() - start
    watching = re.search(r"watching (\d+) files \(one poll: (\d+) ms\)", "".join(lines))
    print(f"start-up to the first page served: {started * 1000:.0f} ms "
          f"({watching.group(1)} files watched; one poll {watching.group(2)} ms)")

    events = socket.create_connection(("127.0.0.1", port), timeout=120)
    events.sendall(b"GET /__portal/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    receive_until(events, b"event: build")
    page = sorted(glob.glob(os.path.join(work, "org", "*", "docs", "**", "*.md"), recursive=True))[0]
    samples = []
    for edit in range(edits):
        time.sleep(0.5)  # saves fall anywhere between two polls, as when a person saves
        with open(page, "a") as file:
            file.write(f"\nEdited for the serve benchmark ({edit}).\n")
        saved = time.monotonic()
        receive_until(events, b"event: reload")
        samples.append(time.monotonic() - saved)
    rebuilds = [int(n) for n in re.findall(r"rebuilt in (\d+) ms", "".join(lines))]
    print(f"save to reload event (median of {edits}): {statistics.median(samples) * 1000:.0f} ms "
          f"(each: {', '.join(f'{s * 1000:.0f}' for s in samples)} ms); "
          f"rebuild as serve reports it: median {statistics.median(rebuilds)} ms")
    print("target: ≤ 100 ms from save to reload (needs incremental rebuilds; these are full rebuilds)")
finally:
    server.send_signal(signal.SIGINT)
    print(f"stopped on SIGINT with exit status {server.wait(timeout=60)}")
PYTHON
