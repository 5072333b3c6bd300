//! The whole check: bytes to a report, which must always be consistent and
//! serialisable, and must say when it is incomplete.
#![no_main]

use foi_check::{check_bytes, Checker, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (chunk, data) = match data.split_first() {
        Some((c, rest)) => (usize::from(*c) * 7 + 1, rest),
        None => (1, data),
    };
    let mut checker = Checker::new("fuzz.csv", Options::default());
    for part in data.chunks(chunk) {
        if checker.push(part).is_err() {
            break;
        }
    }
    let report = checker.finish();
    assert_eq!(report.complete, report.errors.is_empty());
    // An empty file is never a complete, clean check (tests/hostile.rs).
    if data.is_empty() {
        assert!(!report.complete, "an empty file read as complete");
    }
    // Chunk boundaries change nothing (bytes read differ only after an error).
    let mut whole = check_bytes("fuzz.csv", data, &Options::default());
    if !whole.complete {
        whole.bytes = report.bytes;
    }
    assert_eq!(
        report, whole,
        "chunks of {chunk} differ from the whole file"
    );
    assert!(
        report.rows.windows(2).all(|w| w[0].row < w[1].row),
        "rows out of order or repeated"
    );
    assert!(report
        .rows
        .iter()
        .all(|r| r.row >= 1 && r.row <= report.rows_checked));
    assert!(report.rows.iter().all(|r| !r.reasons.is_empty()));
    assert_eq!(report.summary.rows_flagged, report.rows.len() as u64);
    serde_json::to_string(&report).expect("a report always serialises");
});
