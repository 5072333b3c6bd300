//! Throughput benchmark (issue 2): a ~100 MB synthetic staff list, checked
//! natively in one run, pushed in 8 MB chunks as the CLI and the page do.
//!
//! ```text
//! cargo bench --bench throughput            # or: make bench
//! FOI_BENCH_MB=20 cargo bench --bench throughput   # a smaller file
//! ```
//!
//! Prints MB/s (1 MB = 1,000,000 bytes, best of 3 runs) for (a) parsing only:
//! `read::Reader` into a sink that only counts, and (b) the full check:
//! `Checker::push` + `finish` as the CLI runs it (the detector on a second
//! thread, see `Threads`), and the ratio b/a, beside the targets (full
//! check >= 150 MB/s and >= 20% of parse-only); then (c) the full check on
//! one thread, as the page's WebAssembly runs it, for comparison. Also rows, flagged rows and
//! the process's peak resident memory. It prints figures; it never fails on
//! speed (speed targets live here, not in timed tests). Figures are marked not
//! valid when not every row was read or nothing was flagged (stub detector).

#[path = "../examples/synth/mod.rs"]
mod synth;

use foi_check::read::{Reader, Sink, Table};
use foi_check::{Checker, Options, Threads};
use std::hint::black_box;
use std::time::{Duration, Instant};

const CHUNK: usize = 8 << 20;
const RUNS: usize = 3;
const SEED: u64 = synth::BENCH_SEED;
const TARGET_MBS: f64 = 150.0;
const TARGET_RATIO: f64 = 0.20;

/// Counts what the reader sends and nothing else.
#[derive(Default)]
struct Count {
    tables: u64,
    records: u64,
    fields: u64,
}

impl Sink for Count {
    fn table_start(&mut self, _table: &Table) {
        self.tables += 1;
    }
    fn record(&mut self, _table: Option<usize>, _row: u64, fields: &[&str]) {
        self.records += 1;
        self.fields += fields.len() as u64;
    }
    fn table_end(&mut self, _index: usize, _last_row: u64) {}
}

fn parse_only(data: &[u8]) -> (Duration, u64, Count) {
    let start = Instant::now();
    let mut reader = Reader::new();
    let mut sink = Count::default();
    for chunk in data.chunks(CHUNK) {
        if let Err(e) = reader.push(black_box(chunk), &mut sink) {
            eprintln!("parse error: {e}");
            break;
        }
    }
    if let Err(e) = reader.finish(&mut sink) {
        eprintln!("parse error: {e}");
    }
    (start.elapsed(), reader.info().rows, sink)
}

fn full_check(data: &[u8], threads: Threads) -> (Duration, foi_check::Report) {
    let start = Instant::now();
    let mut checker =
        Checker::new("bench_staff_list.csv", Options::default()).with_threads(threads);
    for chunk in data.chunks(CHUNK) {
        if let Err(e) = checker.push(black_box(chunk)) {
            eprintln!("check error: {e}");
            break;
        }
    }
    let report = checker.finish();
    (start.elapsed(), report)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing
    // special, so keep that run short.
    let quick = !std::env::args().any(|a| a == "--bench");
    let mb: usize = std::env::var("FOI_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if quick { 2 } else { 100 });

    let t = Instant::now();
    let (data, records) = synth::big_staff_list(SEED, mb * 1_000_000);
    println!(
        "input: synthetic staff list, {:.1} MB, {records} records, columns: {}  (generated in {:.1} s)",
        data.len() as f64 / 1e6,
        synth::BIG_HEADER,
        t.elapsed().as_secs_f64()
    );
    let rss_input = synth::peak_rss_mb();

    let mut best_parse = Duration::MAX;
    let mut parse_rows = 0;
    for _ in 0..RUNS {
        let (d, rows, count) = parse_only(&data);
        black_box(&count);
        best_parse = best_parse.min(d);
        parse_rows = rows;
    }
    let mut best_full = Duration::MAX;
    let mut last = None;
    for _ in 0..RUNS {
        let (d, report) = full_check(&data, Threads::Auto);
        best_full = best_full.min(d);
        last = Some(report);
    }
    let Some(report) = last else { return };
    let mut best_one = Duration::MAX;
    let mut same = true;
    for _ in 0..RUNS {
        let (d, one) = full_check(&data, Threads::One);
        best_one = best_one.min(d);
        same &= one.rows_checked == report.rows_checked && one.summary == report.summary;
    }

    let a = synth::mbs(data.len(), best_parse);
    let b = synth::mbs(data.len(), best_full);
    let ratio = b / a;
    // Figures from a reader that did not read every row, or from a checker
    // that flags nothing on a list with a name in every row, mean nothing.
    let valid = parse_rows == records
        && same
        && report.rows_checked == records
        && report.complete
        && report.summary.rows_flagged > 0;
    let mark = |ok: bool| match (valid, ok) {
        (false, _) => "NOT VALID (see warning)",
        (true, true) => "ok",
        (true, false) => "BELOW TARGET",
    };
    println!(
        "(a) parse only   {a:8.1} MB/s   best of {RUNS}: {:.3} s, {parse_rows} rows",
        best_parse.as_secs_f64()
    );
    println!(
        "(b) full check   {b:8.1} MB/s   best of {RUNS}: {:.3} s   target >= {TARGET_MBS} MB/s: {}   (2 threads: reader + risk models | detector)",
        best_full.as_secs_f64(),
        mark(b >= TARGET_MBS)
    );
    println!(
        "ratio (b)/(a)    {:8.1} %      target >= {:.0} %: {}",
        ratio * 100.0,
        TARGET_RATIO * 100.0,
        mark(ratio >= TARGET_RATIO)
    );
    println!(
        "(c) one thread   {:8.1} MB/s   best of {RUNS}: {:.3} s   ({:.1} % of parse-only; the page's WebAssembly has one thread)",
        synth::mbs(data.len(), best_one),
        best_one.as_secs_f64(),
        synth::mbs(data.len(), best_one) / a * 100.0
    );
    println!(
        "rows checked {}  (generated {records})  flagged {}  (staff {}, staff_senior {}, person {}, quasi_identifier {}, small_count {})  complete {}  errors {}",
        report.rows_checked,
        report.summary.rows_flagged,
        report.summary.staff,
        report.summary.staff_senior,
        report.summary.person,
        report.summary.quasi_identifier,
        report.summary.small_count,
        report.complete,
        report.errors.len()
    );
    if !valid {
        println!(
            "WARNING: not valid: the reader read {parse_rows} and the checker {} of {records} rows, and flagged {} (a staff list with a name on every row); one and two threads agree: {same}: the speeds above do not measure the real check",
            report.rows_checked, report.summary.rows_flagged
        );
    }
    match (rss_input, synth::peak_rss_mb()) {
        (Some(i), Some(p)) => println!(
            "peak RSS {p:.0} MB (of which ~{i:.0} MB before checking: the input held in memory)"
        ),
        _ => println!("peak RSS: not available on this platform"),
    }
}
