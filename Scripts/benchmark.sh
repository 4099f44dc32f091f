#!/usr/bin/env bash
# Full-build benchmark beside its anchors: for each corpus generated with
# ../shared/bench/gen_corpus.py (seed 1, kept under .build/bench-corpora/), runs the release
# `portal-build build ROOT -o OUT --clean`, the cmark-gfm floor (../shared/bench/mdfloor.c, full
# mode, 2 and 1 threads) and Hugo (Chroma highlighting on) on the same Markdown, --runs times
# each, interleaved, and prints medians (wall, CPU, CPU/wall, peak RSS, pages/s, MB/s), the time
# of each portal-build stage, the ratios and which targets are met. Scripts/benchmark.py measures.
#
# Usage: Scripts/benchmark.sh [--runs N] [--sizes small,large] [--all]
#   sizes: small (--repos 20 --pages 1000), large (200/10000), 2x (400/20000), 4x (800/40000),
#   catalog (5000/5000, ≈ 18,000 entities); --all runs every one of them (long).
# PORTAL_BUILD_BIN=path/to/portal-build uses that (release) binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/apt-install.sh

runs=3 sizes=small,large
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --all) sizes=small,large,2x,4x,catalog; shift ;;
    *) echo "usage: Scripts/benchmark.sh [--runs N] [--sizes small,large,2x,4x,catalog] [--all]" >&2; exit 2 ;;
  esac
done

declare -A shape=([small]="20 1000" [large]="200 10000" [2x]="400 20000" [4x]="800 40000" [catalog]="5000 5000")

apt_install_missing gcc hugo python3 pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libmimalloc-dev

binary=${PORTAL_BUILD_BIN:-}
if [[ -z $binary ]]; then
  while pgrep -f swift-build >/dev/null; do
    echo "waiting for another swift build to finish" >&2
    sleep 10
  done
  swift build -c release --product portal-build
  binary=$(swift build -c release --show-bin-path)/portal-build
fi

mdfloor=.build/bench/mdfloor
if [[ ! -x $mdfloor || ../shared/bench/mdfloor.c -nt $mdfloor ]]; then
  mkdir -p .build/bench
  gcc -O2 -o "$mdfloor" ../shared/bench/mdfloor.c -lcmark-gfm -lcmark-gfm-extensions -lpthread
fi

corpora=()
for size in ${sizes//,/ }; do
  [[ -n ${shape[$size]:-} ]] || { echo "unknown size $size (small, large, 2x, 4x, catalog)" >&2; exit 2; }
  read -r repos pages <<<"${shape[$size]}"
  corpus=.build/bench-corpora/repos$repos-pages$pages-seed1
  [[ -d $corpus ]] || python3 ../shared/bench/gen_corpus.py "$corpus" --repos "$repos" --pages "$pages" --seed 1
  corpora+=("$size=$corpus")
done

exec python3 Scripts/benchmark.py --portal-build "$binary" --mdfloor "$mdfloor" --runs "$runs" "${corpora[@]}"
