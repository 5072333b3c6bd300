#!/usr/bin/env bash
# Peak memory (issue 5 §6). A benchmark that prints figures, not a test.
#   scripts/bench_memory.sh            both parts
#   scripts/bench_memory.sh cli        the native CLI only
#   scripts/bench_memory.sh page       the page only
#   scripts/bench_memory.sh gen MB SHAPE   just write the generated CSV to stdout
# Sizes: BENCH_CLI_MB (default 1024), BENCH_PAGE_MB (default 500).
#
# CLI: a synthetic staff list (fixed seed) is generated on the fly and piped
# into `foi-check check - --format json > /dev/null` under /usr/bin/time -v:
# nothing is written to disk. Two shapes:
#   common  a few ranks and units repeated: almost nothing flagged, which shows
#           what streaming itself costs (BENCH_CLI_MB, default 1 GB);
#   unique  every row a rare combination (rank, station, unit, gender, age,
#           ethnicity, year joined): the PSNI shape, nearly every row flagged
#           by the combination check alone, so the report is large
#           (BENCH_UNIQUE_MB, default 100 MB).
# Page: scripts/bench_page.mjs with BENCH_MB=BENCH_PAGE_MB (dist/foi-check.html
# in headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
what="${1:-all}"
CLI_MB="${BENCH_CLI_MB:-1024}"
# The every-row-flagged shape holds its whole report in memory (about 1.1 KB a
# row, see SECURITY.md): 1 GB of it needs ~19 GB, so it runs smaller by default.
UNIQUE_MB="${BENCH_UNIQUE_MB:-100}"
PAGE_MB="${BENCH_PAGE_MB:-500}"

# Synthetic rows on stdout until $1 MB; shape $2. Node is ~10x faster than Python here.
generate() {
  node - "$1" "$2" <<'EOF'
const [mb, shape] = [Number(process.argv[2]), process.argv[3]];
// xorshift32, fixed seed. (A 2^31 LCG computed in doubles, as in bench_page.mjs,
// loses its low bits to rounding and repeats after a few hundred rows.)
let seed = 42;
const rnd = (n) => { seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0; return seed % n; };
const surnames = ['MORGAN', "O'NEILL", 'PATEL', 'McALLISTER', 'KOWALSKI', 'ADEYEMI', 'WONG', 'HUGHES', 'DE SOUZA', 'FERGUSON', 'BRENNAN', 'KHAN'];
const ranks = ['Constable', 'Sergeant', 'Inspector', 'Chief Inspector', 'Police Staff Band C', 'PCSO'];
const genders = ['Female', 'Male'];
const ethnicities = ['White', 'Black', 'Asian', 'Mixed', 'Other'];
const units = ['Response', 'Neighbourhood', 'CID', 'Roads Policing', 'Custody', 'Training'];
const limit = mb * 1024 * 1024;
let written = 0;
let rows = 0;
const header = shape === 'unique'
  ? 'Surname,Initial,Rank,Station,Unit,Gender,Age,Ethnicity,Year joined\r\n'
  : 'Rank,Unit,Year,Officers\r\n';
process.stdout.write(header);
written += header.length;
function block() {
  const lines = [];
  for (let i = 0; i < 20000; i++) {
    rows++;
    lines.push(shape === 'unique'
      ? `${surnames[rnd(12)]},${String.fromCharCode(65 + rnd(26))},${ranks[rnd(6)]},Station ${rnd(300)},${units[rnd(6)]},${genders[rnd(2)]},${20 + rnd(45)},${ethnicities[rnd(5)]},${1990 + rnd(34)}\r\n`
      : `${ranks[rnd(6)]},${units[rnd(6)]},${2019 + rnd(3)},${10 + rnd(90)}\r\n`);
  }
  return lines.join('');
}
function pump() {
  while (written < limit) {
    const b = block();
    written += b.length;
    if (!process.stdout.write(b)) { process.stdout.once('drain', pump); return; }
  }
  process.stderr.write(`generated ${(written / 1048576).toFixed(0)} MB, ${(rows + 1).toLocaleString('en-GB')} rows\n`);
}
pump();
EOF
}

cli() {
  cargo build --release --bin foi-check >/dev/null 2>&1 || cargo build --release --bin foi-check
  local bin=target/release/foi-check
  for shape in common unique; do
    local mb="$CLI_MB"
    [ "$shape" = common ] || mb="$UNIQUE_MB"
    echo "== CLI, ${mb} MB staff list, shape '$shape' (generated, piped to stdin) =="
    local tlog json
    tlog=$(mktemp) json=$(mktemp)
    set +e
    generate "$mb" "$shape" | /usr/bin/time -v "$bin" check - --format json -k 3 2>"$tlog" \
      | python3 -c '
import json, re, sys
# The report can be gigabytes: stream it, keep its head (figures come before
# "rows") and its tail (errors come after), count its size.
head, tail, size = b"", b"", 0
while True:
    b = sys.stdin.buffer.read(1 << 20)
    if not b:
        break
    size += len(b)
    if len(head) < 4096:
        head += b[: 4096 - len(head)]
    tail = (tail + b)[-65536:]
h, t = head.decode(errors="replace"), tail.decode(errors="replace")
num = lambda k: int(re.search(r"\"%s\": (\d+)" % k, h).group(1))
errors = re.search(r"\"errors\": (\[[^\]]*\])", t)
print(json.dumps({"bytes": num("bytes"), "rows_checked": num("rows_checked"),
    "complete": "\"complete\": true" in h, "rows_flagged": num("rows_flagged"),
    "report_json_bytes": size, "errors": json.loads(errors.group(1)) if errors else "?"}))
' >"$json"
    set -e
    grep -E 'generated' "$tlog" || true
    local rss secs
    rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$tlog")
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tlog")
    echo "report: $(cat "$json")"
    echo "peak RSS of foi-check: $((rss / 1024)) MB (wall ${secs})"
    python3 - "$json" "$rss" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1])); rss_kb = int(sys.argv[2])
rows = max(r["rows_checked"], 1)
print(f"peak per row: {rss_kb * 1024 / rows:.1f} bytes over {rows:,} rows; "
      f"rows flagged: {r['rows_flagged']:,} ({100 * r['rows_flagged'] / rows:.1f}%); "
      f"JSON report {r['report_json_bytes'] / r['bytes']:.1f}x the input")
EOF
    rm -f "$tlog" "$json"
  done
  echo "combination check (src/risk/combo.rs): 8 bytes (row number, u64) + 2 bytes per stored"
  echo "candidate column (u16 id) per data row; at most 24 stored columns, so 8 + 2*C <= 56 bytes/row"
  echo "(9 columns in the 'unique' shape: 26 bytes/row), plus each column's distinct values."
}

page() {
  [ -f dist/foi-check.html ] || python3 scripts/build.py
  echo "== page, ${PAGE_MB} MB staff list in headless Chromium =="
  BENCH_MB="$PAGE_MB" node scripts/bench_page.mjs
}

case "$what" in
  cli) cli ;;
  page) page ;;
  all) cli; page ;;
  gen) generate "${2:-10}" "${3:-unique}" ;;
  *) echo "usage: $0 [cli|page|gen MB unique|common]" >&2; exit 2 ;;
esac
