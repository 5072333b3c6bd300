#!/usr/bin/env bash
# Run every fuzz target for a while:
#   scripts/fuzz.sh [SECONDS] [TARGET...]     (default 600 s, targets: read check xlsx)
# `make fuzz` runs it with FUZZ_SECONDS (default 600); `make fuzz-smoke` with 60.
# Installs what is missing: cargo-fuzz (version pinned in wasm-pack.toml [tools])
# and the nightly toolchain (libFuzzer needs -Z flags).
# Seeds come from the test fixtures and the committed hostile fixtures; new inputs
# go to fuzz/corpus/TARGET/ (git-ignored), crashes to fuzz/artifacts/TARGET/,
# the full libFuzzer log to fuzz/logs/TARGET.log. Exits non-zero on any crash.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(read check xlsx)
export PATH="$HOME/.cargo/bin:$PATH"

want=$(python3 scripts/tools.py tools.cargo-fuzz)
have=$(cargo fuzz --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "fuzz: installing cargo-fuzz $want (once, a few minutes)"
  cargo install cargo-fuzz --version "=$want" --force
fi
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: installing the nightly toolchain (once)"
  rustup toolchain install nightly --profile minimal
fi

mkdir -p fuzz/logs
status=0
for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus" "fuzz/artifacts/$target"
  # Seed with every small fixture we have (CSV files of all encodings and shapes,
  # and the hostile ones: binary headers, NUL bytes, UTF-16 without a BOM...).
  find tests -type f -size -256k \( -name '*.csv' -o -name '*.tsv' -o -name '*.txt' -o -name '*.xlsx' \
    -o -path 'tests/fixtures/hostile/*' \) -exec cp -n {} "$corpus/" \; 2>/dev/null || true
  log="fuzz/logs/$target${FUZZ_MAX_LEN:+-len$FUZZ_MAX_LEN}.log"
  echo "fuzz: $target for ${secs}s (log: $log)"
  # -max_len (FUZZ_MAX_LEN, default 65536): long enough for multi-chunk records
  # and the whole sniffing window; 4096 tries many more small inputs a second.
  # The reader's size limits themselves are tested in tests/hostile.rs.
  if cargo +nightly fuzz run "$target" "$corpus" -- -max_total_time="$secs" \
      -max_len="${FUZZ_MAX_LEN:-65536}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      >"$log" 2>&1; then
    :
  else
    status=1
    echo "fuzz: $target FAILED; see $log and fuzz/artifacts/$target/"
  fi
  # The figures SECURITY.md reports: executions, corpus size, coverage.
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' | tail -n1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -n1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<<"$last")
  crashes=$(find "fuzz/artifacts/$target" -type f \( -name 'crash-*' -o -name 'timeout-*' \
    -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  echo "fuzz: $target: ${secs}s, executions ${execs:-?}, corpus ${corp:-?} inputs, coverage ${cov:-?} edges / ${ft:-?} features, crash/timeout/oom files ${crashes}"
done
exit "$status"
