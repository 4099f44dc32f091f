#!/usr/bin/env python3
"""The measuring half of Scripts/benchmark.sh (which installs, builds and generates the corpora).

For each corpus: runs `portal-build build ROOT -o OUT --clean`, mdfloor full on 2 and 1 threads
and Hugo on the same Markdown files, interleaved, --runs times each, every run writing to a fresh
folder; then prints medians, portal-build's stage times, the ratios and the performance targets.

Usage: benchmark.py --portal-build BIN --mdfloor BIN --runs N NAME=CORPUS...
"""
import argparse, os, re, shutil, statistics, subprocess, sys, tempfile, time

STAGE = re.compile(r"^\[(\d+)/\d+\] (.+?) … (\d+) (ms|s)(?: \(CPU (\d+) (ms|s)\))?$")
ENTITIES = re.compile(r"(\d+) entities")
HUGO_CONFIG = """\
baseURL = "http://localhost/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.highlight]
codeFences = true
"""
PORTAL, FLOOR, HUGO = "portal-build build --clean", "mdfloor full, 2 threads", "Hugo, Chroma highlighting on"
HUGO_LAYOUT = "<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n"


def run(command, stdin=None):
    """Runs command (its input from the file stdin, if given); returns wall seconds, CPU seconds
    (user + system), peak RSS in bytes (getrusage of the child), stdout and stderr."""
    with open(stdin or os.devnull) as source, tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.monotonic()
        process = subprocess.Popen(command, stdin=source, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} exited with {process.returncode}:\n{stderr[-2000:]}")
    return dict(wall=wall, cpu=usage.ru_utime + usage.ru_stime, rss=usage.ru_maxrss * 1024, stdout=stdout, stderr=stderr)


def filesystem(path):
    """The mount point and type of the filesystem holding path."""
    path = os.path.realpath(path)
    best = ("/", "?")
    with open("/proc/mounts") as mounts:
        for line in mounts:
            _, point, kind = line.split()[:3]
            if (path == point or path.startswith(point.rstrip("/") + "/")) and len(point) >= len(best[0]):
                best = (point, kind)
    return best


def markdown_pages(corpus):
    """Relative paths of the docs pages (what portal-build converts), sorted, and their total bytes."""
    pages = []
    for folder, _, files in os.walk(corpus):
        relative = os.path.relpath(folder, corpus)
        if "docs" in relative.split(os.sep):
            pages += [os.path.join(relative, name) for name in files if name.endswith(".md")]
    pages.sort()
    return pages, sum(os.path.getsize(os.path.join(corpus, page)) for page in pages)


def warm(corpus):
    """Reads every input file (untimed) before each run: the kernel here evicts files that have not
    been read for a few seconds (DAMON reclaim), so without this whichever tool ran after a long
    one would read part of its input from disk."""
    for folder, _, files in os.walk(corpus):
        for name in files:
            with open(os.path.join(folder, name), "rb") as file:
                while file.read(1 << 20):
                    pass


def hugo_site(corpus, pages, folder):
    """A minimal Hugo site whose content/ holds copies of the pages. A docs/index.md would make its
    folder a leaf bundle (every other page in it a mere resource), so it becomes _index.md, a
    section rendered by list.html. Returns the output paths Hugo must write, one per page."""
    os.makedirs(os.path.join(folder, "layouts", "_default"))
    with open(os.path.join(folder, "config.toml"), "w") as config:
        config.write(HUGO_CONFIG)
    for layout in ("single.html", "list.html"):
        with open(os.path.join(folder, "layouts", "_default", layout), "w") as file:
            file.write(HUGO_LAYOUT)
    expected = []
    for page in pages:
        stem, name = os.path.split(page[:-3])
        target = os.path.join(folder, "content", stem, "_index.md" if name == "index" else name + ".md")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(corpus, page), target)
        expected.append(os.path.join(stem, "index.html") if name == "index" else os.path.join(stem, name, "index.html"))
    return [path.lower() for path in expected]


def median(runs, key):
    return statistics.median(run[key] for run in runs)


def stage_medians(runs):
    """{stage name: (median wall ms, median CPU ms or None)} over the runs, in pipeline order."""
    stages, cpus = {}, {}
    for run in runs:
        for line in run["stderr"].splitlines():
            match = STAGE.match(line.strip())
            if match:
                _, name, value, unit, cpu, cpu_unit = match.groups()
                stages.setdefault(name, []).append(int(value) * (1000 if unit == "s" else 1))
                if cpu is not None:
                    cpus.setdefault(name, []).append(int(cpu) * (1000 if cpu_unit == "s" else 1))
    return {name: (statistics.median(values), statistics.median(cpus[name]) if name in cpus else None)
            for name, values in stages.items()}


def bench(name, corpus, args, work):
    pages, markdown_bytes = markdown_pages(corpus)
    print(f"\n## {name}: {os.path.basename(corpus)}: {len(pages):,} pages, {markdown_bytes / 1e6:.1f} MB Markdown", flush=True)
    folder = tempfile.mkdtemp(prefix=f"{name}.", dir=work)
    listing = os.path.join(folder, "pages.txt")
    with open(listing, "w") as file:
        file.write("".join(page + "\n" for page in pages))
    expected = hugo_site(corpus, pages, os.path.join(folder, "hugo-site"))

    hugo_source = os.path.join(folder, "hugo-site")
    tools = {  # name: out folder -> command and its input
        PORTAL: lambda out: ([args.portal_build, "build", corpus, "-o", out, "--clean"], None),
        FLOOR: lambda out: ([args.mdfloor, "full", "2", corpus, out], listing),
        "mdfloor full, 1 thread": lambda out: ([args.mdfloor, "full", "1", corpus, out], listing),
        HUGO: lambda out: (["hugo", "--quiet", "--source", hugo_source, "--destination", out], None),
    }
    results = {tool: [] for tool in tools}
    for index in range(args.runs):  # interleaved, so a noisy moment touches every tool alike
        for number, (tool, command) in enumerate(tools.items()):
            out = os.path.join(folder, f"run{index + 1}-tool{number + 1}")
            warm(hugo_source if tool == HUGO else corpus)
            result = run(*command(out))
            result["out"] = out
            results[tool].append(result)
            print(f"  run {index + 1}: {tool}: {result['wall']:.2f} s", flush=True)

    check_outputs(results, pages, expected)
    entities = ENTITIES.search(results[PORTAL][0]["stdout"])
    print(f"\n{len(pages):,} pages, {markdown_bytes / 1e6:.1f} MB Markdown, "
          f"{entities.group(1) if entities else '?'} entities; medians of {args.runs} runs; load average now {load()}\n")
    print("| | wall | CPU | CPU/wall | peak RSS | pages/s | MB/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for tool, runs in results.items():
        wall, cpu, rss = median(runs, "wall"), median(runs, "cpu"), median(runs, "rss")
        print(f"| {tool} | {wall:.2f} s | {cpu:.2f} s | {cpu / wall:.2f} | {rss / 2**20:,.0f} MB | "
              f"{len(pages) / wall:,.0f} | {markdown_bytes / 1e6 / wall:.1f} |")

    stages = stage_medians(results[PORTAL])
    print("\nportal-build stages (median of the `[n/6]` lines):\n")
    print("| stage | time | share of wall | CPU | CPU/wall |")
    print("| --- | ---: | ---: | ---: | ---: |")
    portal_wall = median(results[PORTAL], "wall")
    heavy = []
    for stage, (ms, cpu_ms) in stages.items():
        cpu_text = f"{cpu_ms:,.0f} ms | {cpu_ms / ms:.2f}" if cpu_ms is not None and ms > 0 else "– | –"
        print(f"| {stage} | {ms:,.0f} ms | {ms / 1000 / portal_wall:.0%} | {cpu_text} |")
        # The heavy stages: those taking a tenth of the build or more.
        if cpu_ms is not None and ms >= portal_wall * 100:
            heavy.append((stage, cpu_ms / ms))

    portal, floor, hugo = (results[tool] for tool in (PORTAL, FLOOR, HUGO))
    if median(floor, "cpu") / median(floor, "wall") < 1.5:
        print(f"\nwarning: mdfloor on 2 threads kept only {median(floor, 'cpu') / median(floor, 'wall'):.2f} cores busy: "
              "something else held a core, so wall times (not the ratios' meaning) are off")
    wall_floor = median(portal, "wall") / median(floor, "wall")
    wall_hugo = median(portal, "wall") / median(hugo, "wall")
    cpu_per_wall = median(portal, "cpu") / median(portal, "wall")
    rss = median(portal, "rss") / 2**20
    print("\nratios and the targets (set for the large corpus):\n")
    print(f"- portal-build wall / mdfloor full (2 threads) wall: {wall_floor:.2f} (target ≤ 2.5: {verdict(wall_floor <= 2.5)})")
    print(f"- portal-build wall / Hugo wall: {wall_hugo:.3f} = 1/{1 / wall_hugo:.1f} (target ≤ 1/10: {verdict(wall_hugo <= 0.1)})")
    print(f"- portal-build peak RSS: {rss:,.0f} MB (target ≤ 400 MB: {verdict(rss <= 400)}); "
          f"portal-build / mdfloor (2 threads): {median(portal, 'rss') / median(floor, 'rss'):.1f}×, portal-build / Hugo: {median(portal, 'rss') / median(hugo, 'rss'):.2f}×")
    if heavy:
        print(f"- portal-build CPU/wall in the heavy stages (≥ 10% of the wall time): "
              + ", ".join(f"{stage} {ratio:.2f}" for stage, ratio in heavy)
              + f" (target ≥ 1.7: {verdict(all(ratio >= 1.7 for _, ratio in heavy))}); {cpu_per_wall:.2f} overall")
    else:
        print(f"- portal-build CPU/wall: {cpu_per_wall:.2f} overall (target ≥ 1.7 in the heavy stages: "
              f"{verdict(cpu_per_wall >= 1.7)} overall; the stage lines give no CPU time, so this is the whole build's)")
    for runs in results.values():
        for result in runs:
            shutil.rmtree(result["out"], ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)


def load():
    with open("/proc/loadavg") as file:
        return " ".join(file.read().split()[:3])


def verdict(met):
    return "met" if met else "NOT met"


def check_outputs(results, pages, expected):
    """Every tool wrote every page (checked on the first run of each)."""
    hugo = results[HUGO][0]["out"]
    missing = [path for path in expected if not os.path.isfile(os.path.join(hugo, path))]
    if missing:
        sys.exit(f"Hugo did not write {len(missing)} of {len(pages)} pages, such as {missing[0]}")
    for tool in (FLOOR, "mdfloor full, 1 thread"):
        if f"files={len(pages)}" not in results[tool][0]["stderr"].replace(" ", ""):
            print(f"warning: {tool} said {results[tool][0]['stderr'].strip()!r}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portal-build", required=True)
    parser.add_argument("--mdfloor", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("corpora", nargs="+", metavar="NAME=CORPUS")
    args = parser.parse_args()
    corpora = [item.split("=", 1) for item in args.corpora]
    args.portal_build, args.mdfloor = os.path.abspath(args.portal_build), os.path.abspath(args.mdfloor)

    # Outputs: tmpfs when it has room for the largest corpus's runs (about 10× its Markdown per
    # run, all tools), else .build/bench-runs on disk. Each run writes a fresh folder; the folders
    # are removed once a corpus is done, never right before a run writes.
    largest = max(markdown_pages(corpus)[1] for _, corpus in corpora)
    work = ".build/bench-runs"
    if os.access("/dev/shm", os.W_OK):
        space = os.statvfs("/dev/shm")
        if space.f_bavail * space.f_frsize > 12 * largest * args.runs + 2**30:
            work = "/dev/shm"
    os.makedirs(work, exist_ok=True)
    work = tempfile.mkdtemp(prefix="portal-benchmark.", dir=work)
    point, kind = filesystem(work)
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    print(f"# portal-build benchmark: {os.cpu_count()} cores, medians of {args.runs} runs, "
          f"outputs on {kind} ({point}), a fresh folder per run; load average {load()}")
    print(f"portal-build: {args.portal_build}; mdfloor: cmark-gfm, same extensions; Hugo {hugo}, Chroma highlighting on")
    try:
        for name, corpus in corpora:
            bench(name, corpus, args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
