#!/usr/bin/env bash
# Run the atheris fuzz harnesses (needs the fuzz extra: pip install -e '.[fuzz]').
#
#   fuzz/run.sh             the short CI run: each harness for FUZZ_SECONDS (default 60) from the seed corpus, with the
#                           fixed seed FUZZ_SEED (default 1): CI runs the same inputs each time, a regression check
#                           whose findings replay; FUZZ_SEED=0 draws a new seed each run (libFuzzer's own default)
#   fuzz/run.sh long [S]    fuzz_clean alone for S seconds (default 1800), keeping its corpus in fuzz/corpus/clean
#
# Findings (a crash, a failed invariant, a timeout, an out-of-memory) are written under fuzz/crashes/ and
# make the script exit non-zero; replay one with: .venv/bin/python fuzz/fuzz_clean.py fuzz/crashes/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
mkdir -p fuzz/crashes

# Seed corpora: the pages of seeds/ and tests/devset for clean(), the built-in rule sets for the loader.
seed_dir=$(mktemp -d)
trap 'rm -rf "$seed_dir"' EXIT
mkdir -p "$seed_dir/clean" "$seed_dir/ruleset"
cp seeds/*.txt "$seed_dir/clean/"
find tests/devset -name '*.txt' -exec cp {} "$seed_dir/clean/" \;
cp src/newsclean/outlets/*.toml "$seed_dir/ruleset/"

# A finding is a slow input (-timeout, seconds per input), a memory blow-up (-rss_limit_mb) or any exception.
common=(-timeout=30 -rss_limit_mb=3072 -artifact_prefix=fuzz/crashes/ -print_final_stats=1)

if [[ "${1:-}" == "long" ]]; then
    seconds=${2:-1800}
    mkdir -p fuzz/corpus/clean
    exec "$PYTHON" fuzz/fuzz_clean.py "${common[@]}" -max_len=32768 -max_total_time="$seconds" \
        fuzz/corpus/clean "$seed_dir/clean"
fi

seconds=${FUZZ_SECONDS:-60}
# a fixed seed makes the inputs tried the same from run to run (a machine of another speed tries fewer or more of the
# same sequence): CI stays a regression check, and the search for new findings is the long run's, with a seed of its own
seed=(-seed="${FUZZ_SEED:-1}")
work=$(mktemp -d)
trap 'rm -rf "$seed_dir" "$work"' EXIT
mkdir -p "$work/clean" "$work/ruleset"
"$PYTHON" fuzz/fuzz_clean.py "${common[@]}" "${seed[@]}" -max_len=32768 -max_total_time="$seconds" \
    "$work/clean" "$seed_dir/clean"
"$PYTHON" fuzz/fuzz_ruleset.py "${common[@]}" "${seed[@]}" -max_len=16384 -max_total_time="$seconds" \
    "$work/ruleset" "$seed_dir/ruleset"
