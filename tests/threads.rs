//! A check on two threads (the detector on a worker, natively) gives the
//! same report, byte for byte, as on one: on every corpus and fixture file,
//! with the settings that change what is found, in chunks of several sizes,
//! and when the file breaks part way.
#![cfg(not(target_arch = "wasm32"))]
#![allow(missing_docs)]

#[path = "../examples/synth/mod.rs"]
mod synth;

use foi_check::check::Threads;
use foi_check::profile::{Profile, Roster};
use foi_check::{Checker, Options, Report};
use std::path::Path;
use std::sync::Arc;

fn check(
    bytes: &[u8],
    options: &Options,
    roster: Option<&Arc<Roster>>,
    chunk: usize,
    threads: Threads,
) -> Report {
    let mut checker = Checker::new("f.csv", options.clone()).with_threads(threads);
    if let Some(r) = roster {
        checker = checker.with_roster(Arc::clone(r));
    }
    for (i, part) in bytes.chunks(chunk).enumerate() {
        let pushed = checker.push(part);
        if i == 0 && threads == Threads::Two {
            assert_eq!(checker.threads_used(), 2, "Threads::Two must use a worker");
        }
        if pushed.is_err() {
            break;
        }
    }
    checker.finish()
}

fn json(r: &Report) -> String {
    serde_json::to_string(r).expect("a report serialises")
}

/// The report on two threads is the one on one thread.
fn same(name: &str, bytes: &[u8], options: &Options, roster: Option<&Arc<Roster>>) {
    for chunk in [bytes.len().max(1), 4096, 7] {
        if chunk == 7 && bytes.len() > 200_000 {
            continue;
        }
        let one = check(bytes, options, roster, chunk, Threads::One);
        let two = check(bytes, options, roster, chunk, Threads::Two);
        assert!(
            json(&one) == json(&two),
            "{name} in {chunk}-byte chunks: two threads changed the report"
        );
    }
}

fn files(dir: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("fixture directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .map(|p| {
            let bytes = std::fs::read(&p).expect("fixture file");
            (p.display().to_string(), bytes)
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no CSV files in {}", dir.display());
    out
}

#[test]
fn corpus_and_fixtures_read_the_same_on_two_threads() {
    let police = Options {
        profile: Profile::builtin("uk-police"),
        ..Options::default()
    };
    let strict = Options {
        k: 5,
        ..Options::default()
    };
    let mut roster = Roster::default();
    roster.add_name("Alex Kay");
    roster.add_name("Priya Patel");
    let roster = Arc::new(roster);
    for dir in [
        "tests/corpus",
        "tests/fixtures/hostile",
        "tests/fixtures/read",
    ] {
        for (name, bytes) in files(dir) {
            same(&name, &bytes, &Options::default(), None);
            same(&name, &bytes, &police, None);
            same(&name, &bytes, &strict, Some(&roster));
        }
    }
}

#[test]
fn a_large_list_reads_the_same_on_two_threads() {
    // Several megabytes: many batches cross to the worker, and `Auto`
    // chooses two threads for it.
    let (bytes, records) = synth::big_staff_list(7, 3_000_000);
    let one = check(&bytes, &Options::default(), None, 1 << 20, Threads::One);
    let two = check(&bytes, &Options::default(), None, 1 << 20, Threads::Two);
    let auto = check(&bytes, &Options::default(), None, 1 << 20, Threads::Auto);
    assert_eq!(one.rows_checked, records);
    assert!(one.summary.rows_flagged > 0);
    assert!(json(&one) == json(&two), "two threads changed the report");
    assert!(json(&one) == json(&auto), "Auto changed the report");

    // Stacked tables, a title and notes: tables start and end in mid-batch.
    let mut stacked = b"Staff list (synthetic)\n\nNotes: none\n".to_vec();
    stacked.extend_from_slice(&bytes[..bytes.len() / 3]);
    stacked.extend_from_slice(b"\n\n\nStation,Headcount\nLisburn,40\nArmagh,2\n\n");
    stacked.extend_from_slice(&bytes[bytes.len() / 3..]);
    same("stacked", &stacked, &Options::default(), None);
}

#[test]
fn a_file_that_breaks_part_way_reports_the_same_on_two_threads() {
    // Rows, then a record with more fields than the reader takes, then more
    // rows: an error naming that row, with the rows before it judged.
    let (mut bytes, _) = synth::big_staff_list(11, 1_500_000);
    bytes.extend(std::iter::repeat_n(b',', foi_check::read::MAX_FIELDS + 1));
    bytes.push(b'\n');
    let (more, _) = synth::big_staff_list(12, 500_000);
    bytes.extend_from_slice(&more);
    let one = check(&bytes, &Options::default(), None, 1 << 20, Threads::One);
    let two = check(&bytes, &Options::default(), None, 1 << 20, Threads::Two);
    assert!(!one.complete && !one.errors.is_empty(), "{:?}", one.errors);
    assert!(one.summary.rows_flagged > 0);
    assert!(json(&one) == json(&two), "two threads changed the report");
}

#[test]
fn auto_keeps_a_small_file_on_one_thread() {
    let mut checker = Checker::new("f.csv", Options::default());
    checker
        .push(b"Surname,Rank\nMORGAN,PC\n")
        .expect("a small file reads");
    assert_eq!(checker.threads_used(), 1);
    assert_eq!(checker.finish().summary.rows_flagged, 1);
}

#[test]
fn the_cli_gives_the_same_report_with_one_thread_or_two() {
    let (bytes, _) = synth::big_staff_list(13, 2_500_000);
    let dir = std::env::temp_dir().join(format!("foi-check-threads-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let file = dir.join("staff.csv");
    std::fs::write(&file, &bytes).expect("the file is written");
    let run = |flags: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_foi-check"))
            .arg("check")
            .args(flags)
            .arg(&file)
            .output()
            .expect("foi-check runs")
    };
    let two = run(&["--format", "json"]);
    let one = run(&["--format", "json", "--threads", "1"]);
    assert_eq!(two.status.code(), Some(1), "the list names people");
    assert_eq!(one.status.code(), Some(1));
    assert!(two.stdout == one.stdout, "--threads 1 changed the report");
    let bad = run(&["--threads", "3"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--threads takes 1 or 2"));
    let _ = std::fs::remove_dir_all(&dir);
}
