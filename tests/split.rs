//! A check shared by two checkers (the page's two workers: see
//! `foi_check::Part`) gives the same report, byte for byte, as one checker:
//! on every corpus and fixture file, with the settings that change what is
//! found, split at many places; on a large list with stacked tables; and when
//! the file breaks part way. A first part never finishes as complete without
//! the second part's half, or with a half of another file.
#![allow(missing_docs)]

#[path = "../examples/synth/mod.rs"]
mod synth;

use foi_check::profile::{Profile, Roster};
use foi_check::{Checker, Options, Part, Report};
use std::path::Path;
use std::sync::Arc;

fn whole(bytes: &[u8], options: &Options, roster: Option<&Arc<Roster>>) -> Report {
    let mut checker = Checker::new("f.csv", options.clone());
    if let Some(r) = roster {
        checker = checker.with_roster(Arc::clone(r));
    }
    let _ = checker.push(bytes);
    checker.finish()
}

fn part(options: &Options, roster: Option<&Arc<Roster>>, part: Part, from: u64) -> Checker {
    let mut checker = Checker::new("f.csv", options.clone());
    if let Some(r) = roster {
        checker = checker.with_roster(Arc::clone(r));
    }
    checker.shared(part, from)
}

/// Both parts, each given the file in `chunk`-byte chunks.
fn shared(
    bytes: &[u8],
    options: &Options,
    roster: Option<&Arc<Roster>>,
    from: u64,
    chunk: usize,
) -> Report {
    let mut second = part(options, roster, Part::Second, from);
    for c in bytes.chunks(chunk.max(1)) {
        if second.push(c).is_err() {
            break;
        }
    }
    let half = second.finish_half().expect("the second part's half");
    let mut first = part(options, roster, Part::First, from);
    for c in bytes.chunks(chunk.max(1)) {
        if first.push(c).is_err() {
            break;
        }
    }
    first.join(&half).expect("the half joins");
    first.finish()
}

fn json(r: &Report) -> String {
    serde_json::to_string(r).expect("a report serialises")
}

/// The shared report is the whole one, wherever the file is split.
fn same(name: &str, bytes: &[u8], options: &Options, roster: Option<&Arc<Roster>>) {
    let one = json(&whole(bytes, options, roster));
    let len = bytes.len() as u64;
    // Every 37th byte of a small file, a few places in a larger one; and
    // before the first byte and after the last.
    let step = (len / 40).max(37);
    let mut at: Vec<u64> = (0..=len).step_by(step as usize).collect();
    at.extend([1, len / 2, len, len + 1]);
    for from in at {
        let two = json(&shared(bytes, options, roster, from, bytes.len()));
        assert!(
            one == two,
            "{name} split at byte {from}: the report changed\n{one}\n{two}"
        );
    }
    let two = json(&shared(bytes, options, roster, len / 2, 4096));
    assert!(
        one == two,
        "{name} split in the middle, in 4 KB chunks: the report changed"
    );
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
fn corpus_and_fixtures_read_the_same_when_shared() {
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
fn a_large_list_reads_the_same_when_shared() {
    let (bytes, records) = synth::big_staff_list(7, 3_000_000);
    let one = whole(&bytes, &Options::default(), None);
    assert_eq!(one.rows_checked, records);
    assert!(one.summary.rows_flagged > 10_000);
    for from in [0, bytes.len() as u64 / 3, bytes.len() as u64 / 2] {
        let two = shared(&bytes, &Options::default(), None, from, 1 << 20);
        assert!(
            json(&one) == json(&two),
            "split at {from}: the report changed"
        );
    }

    // Stacked tables, a title and notes, and a table of counts in the
    // middle: tables end in the first part, in the second, and across.
    let mut stacked = b"Staff list (synthetic)\n\nNotes: none\n".to_vec();
    stacked.extend_from_slice(&bytes[..bytes.len() / 3]);
    stacked.extend_from_slice(b"\n\n\nStation,Headcount\nLisburn,40\nArmagh,2\n\n");
    stacked.extend_from_slice(&bytes[bytes.len() / 3..]);
    let one = whole(&stacked, &Options::default(), None);
    for from in [
        stacked.len() as u64 / 4,
        stacked.len() as u64 / 3 + 20,
        stacked.len() as u64 * 2 / 3,
    ] {
        let two = shared(&stacked, &Options::default(), None, from, 1 << 20);
        assert!(
            json(&one) == json(&two),
            "stacked, split at {from}: the report changed"
        );
    }
}

#[test]
fn a_file_that_breaks_part_way_reports_the_same_when_shared() {
    let (mut bytes, _) = synth::big_staff_list(11, 1_500_000);
    bytes.extend(std::iter::repeat_n(b',', foi_check::read::MAX_FIELDS + 1));
    bytes.push(b'\n');
    let (more, _) = synth::big_staff_list(12, 500_000);
    bytes.extend_from_slice(&more);
    let one = whole(&bytes, &Options::default(), None);
    assert!(!one.complete && !one.errors.is_empty(), "{:?}", one.errors);
    for from in [bytes.len() as u64 / 2, bytes.len() as u64 - 1000] {
        // In one chunk, as `whole` gives it: a report counts the bytes
        // given, and no chunk is taken after an error.
        let two = shared(&bytes, &Options::default(), None, from, bytes.len());
        assert!(
            json(&one) == json(&two),
            "split at {from}: the report changed"
        );
    }
}

#[test]
fn a_first_part_without_its_half_is_not_complete() {
    let (bytes, _) = synth::big_staff_list(5, 200_000);
    let from = bytes.len() as u64 / 2;
    let mut first = part(&Options::default(), None, Part::First, from);
    first.push(&bytes).expect("the file reads");
    let report = first.finish();
    assert!(!report.complete);
    assert!(
        report
            .errors
            .iter()
            .any(|e| e.reason.contains("second half")),
        "{:?}",
        report.errors
    );
    // ...and it judged only its own rows: it never says "nothing more".
    let one = whole(&bytes, &Options::default(), None);
    assert!(report.summary.rows_flagged < one.summary.rows_flagged);
}

#[test]
fn a_half_of_another_file_or_damaged_is_refused() {
    let (bytes, _) = synth::big_staff_list(5, 200_000);
    let (other, _) = synth::big_staff_list(6, 150_000);
    let from = bytes.len() as u64 / 2;
    let mut second = part(&Options::default(), None, Part::Second, from);
    second.push(&other).expect("the other file reads");
    let half = second.finish_half().expect("a half");

    let mut first = part(&Options::default(), None, Part::First, from);
    first.push(&bytes).expect("the file reads");
    first.join(&half).expect("a half's bytes join");
    let report = first.finish();
    assert!(!report.complete);
    assert!(
        report
            .errors
            .iter()
            .any(|e| e.reason.contains("read it differently")),
        "{:?}",
        report.errors
    );

    // Damaged bytes: cut short, or one byte changed in the header.
    let mut first = part(&Options::default(), None, Part::First, from);
    assert!(first.join(&half[..half.len() - 1]).is_err());
    let mut bad = half.clone();
    bad[2] ^= 1;
    assert!(first.join(&bad).is_err());
    // A half given to a checker that is not a first part.
    let mut plain = Checker::new("f.csv", Options::default());
    assert!(plain.join(&half).is_err());
    assert!(Checker::new("f.csv", Options::default())
        .finish_half()
        .is_err());
}
