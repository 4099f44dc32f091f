#!/usr/bin/env bash
# Runs the libFuzzer targets for SECONDS each (default 60): fuzz-catalog (a catalog-info.yaml
# through YAML parsing, placeholders and entity validation) and fuzz-markdown (a TechDocs page
# through DocumentRenderer; it also traps on script, event handlers or javascript: URLs in the
# sanitised output). Builds only those two products (release, -sanitize=fuzzer,address, -D FUZZING)
# in .build-fuzz, seeds each from ../shared/corpus when it is there (copied; the corpus is never
# written), keeps the corpora grown across runs in .build-fuzz/corpus/ and crash, timeout and
# out-of-memory inputs in .build-fuzz/artifacts/. Exits non-zero when a target failed, naming the
# input and the command that replays it.
# Usage: Scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
scratch=.build-fuzz
flags=(--scratch-path "$scratch" -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xswiftc -D -Xswiftc FUZZING)

for product in fuzz-catalog fuzz-markdown; do
  swift build "${flags[@]}" --product "$product"
done
bin=$(swift build "${flags[@]}" --show-bin-path)

seed() { # seed TARGET FIND-ARGUMENTS...: copies the matching corpus files into the target's corpus folder
  local folder=$scratch/corpus/$1
  mkdir -p "$folder"
  shift
  [[ -d ../shared/corpus ]] || return 0
  find ../shared/corpus -type f \( "$@" \) -size -256k -print0 |
    while IFS= read -r -d '' file; do cp "$file" "$folder/seed-$(cksum <"$file" | cut -d' ' -f1)"; done
}
seed fuzz-catalog -name '*.yaml' -o -name '*.yml'
seed fuzz-markdown -name '*.md'
mkdir -p "$scratch/artifacts"

status=0
for target in fuzz-catalog fuzz-markdown; do
  log=$scratch/artifacts/$target.log
  echo "== $target: ${seconds}s"
  if SWIFT_BACKTRACE=enable=no "$bin/$target" "$scratch/corpus/$target" \
      -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
      -artifact_prefix="$scratch/artifacts/$target-" -print_final_stats=1 >"$log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb):' "$log" || true
  else
    status=1
    tail -n 40 "$log"
    artifact=$(grep -oE "Test unit written to [^ ]+" "$log" | tail -n 1 | cut -d' ' -f5)
    echo "$target FAILED (log: $log)"
    if [[ -n $artifact ]]; then
      echo "input: $artifact"
      echo "replay: SWIFT_BACKTRACE=enable=no $bin/$target $artifact"
    fi
  fi
done
exit $status
