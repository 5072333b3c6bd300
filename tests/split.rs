//! A check split in two halves that pass bytes (the page's two Web Workers:
//! `check::split`) gives the same report, byte for byte, as a `Checker`, and
//! its tap sees the same records: on every corpus and fixture file, with the
//! settings that change what is found, in chunks of several sizes, with
//! messages taken after every chunk or only at the end, and when the file
//! breaks part way.
#![cfg(not(target_arch = "wasm32"))]
#![allow(missing_docs)]

#[path = "../examples/synth/mod.rs"]
mod synth;

use foi_check::check::split::{Back, Front};
use foi_check::profile::{Profile, Roster};
use foi_check::read::{Sink, Table};
use foi_check::{Checker, Options, Report};
use std::path::Path;
use std::sync::Arc;

/// Every event, as text: what a tap saw.
#[derive(Default, PartialEq, Debug)]
struct Seen(Vec<String>);

impl Sink for Seen {
    fn table_start(&mut self, t: &Table) {
        self.0.push(format!(
            "start {} {} {} {:?}",
            t.index, t.header_row, t.first_column, t.header
        ));
    }
    fn record(&mut self, table: Option<usize>, row: u64, fields: &[&str]) {
        self.0.push(format!("record {table:?} {row} {fields:?}"));
    }
    fn table_end(&mut self, index: usize, last_row: u64) {
        self.0.push(format!("end {index} {last_row}"));
    }
}

fn whole(
    bytes: &[u8],
    options: &Options,
    roster: Option<&Arc<Roster>>,
    chunk: usize,
) -> (Report, Seen) {
    let mut checker = Checker::new("f.csv", options.clone()).with_threads(foi_check::Threads::One);
    if let Some(r) = roster {
        checker = checker.with_roster(Arc::clone(r));
    }
    let mut seen = Seen::default();
    for part in bytes.chunks(chunk) {
        if checker.push_tapped(part, &mut seen).is_err() {
            break;
        }
    }
    let report = checker.finish_tapped(&mut seen);
    (report, seen)
}

/// `every`: take a message after every chunk (as the page does), or only at the end.
fn split(
    bytes: &[u8],
    options: &Options,
    roster: Option<&Arc<Roster>>,
    chunk: usize,
    every: bool,
) -> (Report, Seen) {
    let mut front = Front::new();
    let mut back = Back::new("f.csv", options.clone());
    if let Some(r) = roster {
        back = back.with_roster(Arc::clone(r));
    }
    let mut seen = Seen::default();
    for part in bytes.chunks(chunk) {
        let pushed = front.push(part);
        if every {
            back.push_tapped(&front.take(), &mut seen)
                .expect("a message replays");
        }
        if pushed.is_err() {
            break;
        }
    }
    back.push_tapped(&front.finish(), &mut seen)
        .expect("the last message replays");
    (back.finish(), seen)
}

fn json(r: &Report) -> String {
    serde_json::to_string(r).expect("a report serialises")
}

fn same(name: &str, bytes: &[u8], options: &Options, roster: Option<&Arc<Roster>>) {
    for chunk in [bytes.len().max(1), 4096, 7] {
        if chunk == 7 && bytes.len() > 200_000 {
            continue;
        }
        let (one, seen) = whole(bytes, options, roster, chunk);
        for every in [true, false] {
            let (two, seen2) = split(bytes, options, roster, chunk, every);
            assert!(
                json(&one) == json(&two),
                "{name} in {chunk}-byte chunks (every: {every}): the split check changed the report"
            );
            assert!(
                seen == seen2,
                "{name} in {chunk}-byte chunks: the tap saw other records"
            );
        }
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
fn corpus_and_fixtures_read_the_same_split() {
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
    let mut flagged = 0;
    for dir in [
        "tests/corpus",
        "tests/fixtures/hostile",
        "tests/fixtures/read",
    ] {
        for (name, bytes) in files(dir) {
            same(&name, &bytes, &Options::default(), None);
            same(&name, &bytes, &police, None);
            same(&name, &bytes, &strict, Some(&roster));
            flagged += whole(&bytes, &Options::default(), None, 1 << 20)
                .0
                .summary
                .rows_flagged;
        }
    }
    assert!(flagged > 100, "the files should flag rows: {flagged}");
}

#[test]
fn a_large_list_and_stacked_tables_read_the_same_split() {
    let (bytes, records) = synth::big_staff_list(7, 3_000_000);
    let (one, _) = whole(&bytes, &Options::default(), None, 1 << 20);
    let (two, _) = split(&bytes, &Options::default(), None, 1 << 20, true);
    assert_eq!(one.rows_checked, records);
    assert!(one.summary.rows_flagged > 0);
    assert!(
        json(&one) == json(&two),
        "the split check changed the report"
    );

    let mut stacked = b"Staff list (synthetic)\n\nNotes: none\n".to_vec();
    stacked.extend_from_slice(&bytes[..bytes.len() / 3]);
    stacked.extend_from_slice(b"\n\n\nStation,Headcount\nLisburn,40\nArmagh,2\n\n");
    stacked.extend_from_slice(&bytes[bytes.len() / 3..]);
    same("stacked", &stacked, &Options::default(), None);
}

#[test]
fn a_file_that_breaks_part_way_reports_the_same_split() {
    let (mut bytes, _) = synth::big_staff_list(11, 1_500_000);
    bytes.extend(std::iter::repeat_n(b',', foi_check::read::MAX_FIELDS + 1));
    bytes.push(b'\n');
    let (more, _) = synth::big_staff_list(12, 500_000);
    bytes.extend_from_slice(&more);
    let (one, _) = whole(&bytes, &Options::default(), None, 1 << 20);
    let (two, _) = split(&bytes, &Options::default(), None, 1 << 20, true);
    assert!(!one.complete && !one.errors.is_empty(), "{:?}", one.errors);
    assert!(one.summary.rows_flagged > 0);
    assert!(
        json(&one) == json(&two),
        "the split check changed the report"
    );
}

#[test]
fn a_profile_that_does_not_compile_is_refused_the_same_split() {
    let mut profile = Profile::builtin("uk-police").expect("a built-in profile");
    profile.version = 99;
    let options = Options {
        profile: Some(profile),
        ..Options::default()
    };
    let file = b"Surname,Rank\nMORGAN,PC\n";
    let (one, _) = whole(file, &options, None, 5);
    let mut front = Front::new();
    let mut back = Back::new("f.csv", options);
    front.push(file).expect("the file reads");
    assert!(
        back.push(&front.take()).is_err(),
        "the back refuses the check"
    );
    let two = back.finish();
    assert!(!one.complete);
    assert!(one.errors[0].reason.contains("profile"), "{:?}", one.errors);
    assert!(
        json(&one) == json(&two),
        "the split check changed the report"
    );
}

#[test]
fn a_check_whose_last_message_never_came_is_not_complete() {
    let (bytes, _) = synth::big_staff_list(3, 200_000);
    let mut front = Front::new();
    let mut back = Back::new("f.csv", Options::default());
    front.push(&bytes).expect("the list reads");
    back.push(&front.take()).expect("a message replays");
    let report = back.finish();
    assert!(!report.complete);
    assert!(
        report.errors[0].reason.contains("stopped before the end"),
        "{:?}",
        report.errors
    );
}
