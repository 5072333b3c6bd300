#!/usr/bin/env bash
# Run every fuzz target for a while: scripts/fuzz.sh [SECONDS] (default 600).
# Installs cargo-fuzz if missing. Needs the nightly toolchain (on this machine).
# Seeds come from the test fixtures; crashes land in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
export PATH="$HOME/.cargo/bin:$PATH"
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz (once)"
  cargo install cargo-fuzz --version "=$(python3 scripts/tools.py tools.cargo-fuzz)"
fi
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
for target in read check; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  # Seed with every fixture we have (CSV files of all encodings and shapes).
  find tests -type f \( -name '*.csv' -o -name '*.tsv' -o -name '*.txt' \) -size -256k \
    -exec cp -n {} "$corpus/" \; 2>/dev/null || true
  echo "fuzz: $target for ${secs}s"
  cargo +nightly fuzz run "$target" "$corpus" -- -max_total_time="$secs" -max_len=65536 \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 2>&1 | tail -n 25
done
