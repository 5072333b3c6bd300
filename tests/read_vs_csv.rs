//! Differential test: our reader's records against the `csv` crate's.
//!
//! Our reader has its own CSV state machine (it must count blank lines as
//! rows, which `csv_core` skips). The `csv` crate is the reference for
//! everything else: on the same text, the records we parse (blank lines
//! aside) must be exactly the records `csv` parses, for every corpus file and
//! for thousands of random inputs built from the characters that matter
//! (delimiters, quotes, CR, LF).

use foi_check::read::{Reader, Sink, Table};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Collects every record as parsed (`raw_record`), with its row number.
#[derive(Default)]
struct Raw(Vec<(u64, Vec<String>)>);

impl Sink for Raw {
    fn table_start(&mut self, _: &Table) {}
    fn record(&mut self, _: Option<usize>, _: u64, _: &[&str]) {}
    fn table_end(&mut self, _: usize, _: u64) {}
    fn raw_record(&mut self, row: u64, _byte: u64, fields: &[&str]) {
        self.0
            .push((row, fields.iter().map(|f| f.to_string()).collect()));
    }
}

/// Records with their row numbers.
type Records = Vec<(u64, Vec<String>)>;

/// Our records and the delimiter the reader chose, or the error.
fn ours(bytes: &[u8]) -> Result<(Records, u8), foi_check::Error> {
    let mut reader = Reader::new();
    let mut sink = Raw::default();
    reader.push(bytes, &mut sink)?;
    reader.finish(&mut sink)?;
    Ok((sink.0, reader.info().delimiter))
}

/// The `csv` crate's records of the same UTF-8 text.
fn reference(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    rdr.records()
        .map(|r| r.expect("csv parses").iter().map(str::to_string).collect())
        .collect()
}

fn assert_same(name: &str, bytes: &[u8], text: &str) {
    let (ours, delimiter) = ours(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    let theirs = reference(text, delimiter);
    let fields: Vec<&Vec<String>> = ours.iter().map(|(_, f)| f).collect();
    assert_eq!(fields.len(), theirs.len(), "{name}: record count differs");
    for (i, (a, b)) in fields.iter().zip(&theirs).enumerate() {
        assert_eq!(
            *a,
            b,
            "{name}: record {} (our row {}) differs",
            i + 1,
            ours[i].0
        );
    }
    // Our row numbers count blank lines too, so they only grow, by at least one.
    assert!(
        ours.windows(2).all(|w| w[1].0 > w[0].0),
        "{name}: row numbers must increase"
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn corpus_files_parse_as_the_csv_crate_parses_them() {
    let files: &[(&str, &[u8])] = &[
        (
            "psni_staff_list.csv",
            include_bytes!("corpus/psni_staff_list.csv"),
        ),
        (
            "complaint_log.csv",
            include_bytes!("corpus/complaint_log.csv"),
        ),
        (
            "overtime_semicolon.csv",
            include_bytes!("corpus/overtime_semicolon.csv"),
        ),
        (
            "training_attendance_cr.csv",
            include_bytes!("corpus/training_attendance_cr.csv"),
        ),
        (
            "pivot_with_source.csv",
            include_bytes!("corpus/pivot_with_source.csv"),
        ),
        (
            "stacked_tables.csv",
            include_bytes!("corpus/stacked_tables.csv"),
        ),
        (
            "staff_contacts.csv",
            include_bytes!("corpus/staff_contacts.csv"),
        ),
        (
            "foi_requests_log.csv",
            include_bytes!("corpus/foi_requests_log.csv"),
        ),
    ];
    for (name, bytes) in files {
        let text = std::str::from_utf8(bytes).expect("UTF-8 corpus file");
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        assert_same(name, bytes, text);
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn random_inputs_parse_as_the_csv_crate_parses_them() {
    // SplitMix64, fixed seed: the same inputs on every run.
    let mut state: u64 = 0x0C5F_D1FF;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49EB_311C_E133);
        z ^ (z >> 31)
    };
    const PIECES: &[&str] = &[
        "a", "Smith", ",", ",", "\"", "\"\"", "\n", "\r\n", "\r", " ", "é", "x y",
    ];
    let mut unclosed = 0;
    for case in 0..3000 {
        let len = (next() % 40) as usize;
        let mut text = String::from("h1,h2,h3\n");
        for _ in 0..len {
            text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
        }
        // The reference reads a quote left open at the end as a field that
        // runs to the end; we refuse such a file with an error naming the row
        // (a clerk must not get a silently merged tail). Those inputs are
        // checked for the error and not compared.
        match ours(text.as_bytes()) {
            Err(e) => {
                assert!(
                    e.reason().contains("never closed"),
                    "case {case}: {text:?}: {e}"
                );
                unclosed += 1;
            }
            Ok(_) => assert_same(
                &format!("random case {case}: {text:?}"),
                text.as_bytes(),
                &text,
            ),
        }
    }
    // Most inputs must really be compared, not skipped.
    assert!(
        unclosed < 1500,
        "{unclosed} of 3000 random inputs had an unclosed quote"
    );
}
