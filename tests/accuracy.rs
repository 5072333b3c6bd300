//! Precision and recall over the generated corpus (`tests/corpus/`, made by
//! `examples/gen_corpus.rs`): every file is checked with the default options and
//! its flagged rows are compared with `NAME.expected`.
//!
//! Direct identifiers (`staff`, `staff_senior`, `person`): a flagged row counts
//! as found when the row is expected with any of the three kinds; whether the
//! kind itself agrees is printed as a separate figure. The test fails below
//! recall 0.98 or precision 0.95 (issue 2).
//!
//! Rare combinations and small counts (issue 4) are scored per kind, and fail
//! below recall 0.95 or precision 0.90 for each. A row counts as detected for
//! `quasi_identifier` when its kind is that or one of its reasons cites a
//! `combo.*` rule, for `small_count` likewise with `count.*` (a named row that
//! is also a rare combination keeps the kind `staff`, with both reasons). A
//! detection on a row expected as a direct kind is neither found nor false;
//! on a row not expected, or expected as the other issue-4 kind, it is false.
//!
//! Runs natively (`cargo test --test accuracy -- --nocapture` shows the
//! figures) and in headless Chromium on wasm32.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "corpus/manifest.rs"]
mod manifest;

use foi_check::{check_bytes, Kind, Options, Report, RowFinding};
use manifest::{CorpusFile, CORPUS};
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[cfg(target_arch = "wasm32")]
macro_rules! say {
    ($($t:tt)*) => { wasm_bindgen_test::console_log!($($t)*) };
}
#[cfg(not(target_arch = "wasm32"))]
macro_rules! say {
    ($($t:tt)*) => { println!($($t)*) };
}

const MIN_RECALL: f64 = 0.98;
const MIN_PRECISION: f64 = 0.95;
const MIN_RECALL_ISSUE4: f64 = 0.95;
const MIN_PRECISION_ISSUE4: f64 = 0.90;
/// Misses and false alarms listed per file (the counts are always complete).
const LIST_AT_MOST: usize = 15;

fn is_direct(k: Kind) -> bool {
    matches!(k, Kind::Staff | Kind::StaffSenior | Kind::Person)
}

/// An expected row: its kind and the generator's note (the name or text put in it).
struct Expect {
    kind: Kind,
    note: String,
}

/// `ROW KIND  # note` lines; `#` lines are comments.
fn parse_expected(file: &CorpusFile) -> BTreeMap<u64, Expect> {
    let mut out = BTreeMap::new();
    for (i, line) in file.expected.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (body, note) = line.split_once('#').unwrap_or((line, ""));
        let mut parts = body.split_whitespace();
        let row: u64 = parts
            .next()
            .and_then(|r| r.parse().ok())
            .unwrap_or_else(|| panic!("{}.expected line {}: no row number", file.name, i + 1));
        let id = parts.next().unwrap_or("");
        let kind = Kind::ALL
            .into_iter()
            .find(|k| k.id() == id)
            .unwrap_or_else(|| {
                panic!("{}.expected line {}: unknown kind {id:?}", file.name, i + 1)
            });
        let prev = out.insert(
            row,
            Expect {
                kind,
                note: note.trim().to_string(),
            },
        );
        assert!(
            prev.is_none(),
            "{}.expected: row {row} listed twice",
            file.name
        );
    }
    out
}

fn check(file: &CorpusFile) -> Report {
    check_bytes(file.name, file.bytes, &Options::default())
}

/// Found, missed and falsely flagged rows for one scoring class.
#[derive(Default, Clone, Copy)]
struct Tally {
    expected: usize,
    flagged: usize,
    found: usize,
    kind_agrees: usize,
}

impl Tally {
    fn add(&mut self, o: Tally) {
        self.expected += o.expected;
        self.flagged += o.flagged;
        self.found += o.found;
        self.kind_agrees += o.kind_agrees;
    }
    /// 1.0 when nothing was expected.
    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.found as f64 / self.expected as f64
        }
    }
    /// 1.0 when nothing was flagged.
    fn precision(&self) -> f64 {
        if self.flagged == 0 {
            1.0
        } else {
            self.found as f64 / self.flagged as f64
        }
    }
    fn line(&self) -> String {
        format!(
            "expected {:5}  flagged {:5}  found {:5}  missed {:4}  false {:4}  recall {:.3}  precision {:.3}",
            self.expected,
            self.flagged,
            self.found,
            self.expected - self.found,
            self.flagged - self.found,
            self.recall(),
            self.precision()
        )
    }
}

/// How one scoring class reads expected and flagged rows.
struct Class<'a> {
    /// Expected rows of this class (by expected kind).
    want: &'a dyn Fn(Kind) -> bool,
    /// Flagged rows that count as a detection of this class.
    detect: &'a dyn Fn(&RowFinding) -> bool,
    /// Expected kinds on which a detection is neither found nor false.
    neutral: &'a dyn Fn(Kind) -> bool,
}

/// Direct identifiers: by kind, as issue 2 scores them.
fn direct_class() -> Class<'static> {
    Class {
        want: &is_direct,
        detect: &|f| is_direct(f.kind),
        neutral: &|_| false,
    }
}

/// The rule-id prefix of the model behind an issue-4 kind.
fn model_prefix(kind: Kind) -> &'static str {
    match kind {
        Kind::QuasiIdentifier => "combo.",
        _ => "count.",
    }
}

/// Whether a flagged row is a detection of issue-4 kind `kind`: its kind is
/// `kind`, or one of its reasons cites a rule of that model (the checker
/// merges a row's findings and keeps the first kind, so a named row that is
/// also a rare combination has kind `staff` and a `combo.*` reason).
fn detects(f: &RowFinding, kind: Kind) -> bool {
    f.kind == kind
        || f.reasons
            .iter()
            .any(|r| r.rule.starts_with(model_prefix(kind)))
}

/// Scores rows of one class (expected and flagged), appending misses and
/// false alarms to `log`.
fn score(
    file: &CorpusFile,
    report: &Report,
    expected: &BTreeMap<u64, Expect>,
    class: &Class,
    log: &mut String,
) -> Tally {
    let want: BTreeMap<u64, &Expect> = expected
        .iter()
        .filter(|(_, e)| (class.want)(e.kind))
        .map(|(r, e)| (*r, e))
        .collect();
    let got: BTreeMap<u64, &RowFinding> = report
        .rows
        .iter()
        .filter(|f| (class.detect)(f))
        .filter(|f| {
            !expected
                .get(&f.row)
                .is_some_and(|e| (class.neutral)(e.kind))
        })
        .map(|f| (f.row, f))
        .collect();
    let mut t = Tally {
        expected: want.len(),
        flagged: got.len(),
        ..Tally::default()
    };
    let mut misses = Vec::new();
    for (row, e) in &want {
        match got.get(row) {
            Some(f) => {
                t.found += 1;
                if f.kind == e.kind {
                    t.kind_agrees += 1;
                }
            }
            None => misses.push(format!(
                "    miss  {}:{row} expected {}  [{}]",
                file.name,
                e.kind.id(),
                e.note
            )),
        }
    }
    let falses: Vec<String> = got
        .iter()
        .filter(|(row, _)| !want.contains_key(row))
        .map(|(row, f)| {
            let why: Vec<String> = f
                .reasons
                .iter()
                .map(|r| format!("{} in {:?}: {:?}", r.rule, r.column, r.text))
                .collect();
            format!(
                "    false {}:{row} flagged {}  [{}]",
                file.name,
                f.kind.id(),
                why.join("; ")
            )
        })
        .collect();
    for (what, list) in [("misses", &misses), ("false alarms", &falses)] {
        for l in list.iter().take(LIST_AT_MOST) {
            let _ = writeln!(log, "{l}");
        }
        if list.len() > LIST_AT_MOST {
            let _ = writeln!(
                log,
                "    ... and {} more {what} in {}",
                list.len() - LIST_AT_MOST,
                file.name
            );
        }
    }
    t
}

/// Every file is read to the end, without errors, and every record counted.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn corpus_reports_are_complete() {
    let mut problems = Vec::new();
    for file in CORPUS {
        let r = check(file);
        if !r.complete || !r.errors.is_empty() {
            problems.push(format!("{}: incomplete, errors {:?}", file.name, r.errors));
        }
        if r.rows_checked != file.records {
            problems.push(format!(
                "{}: rows_checked {} but the file has {} records",
                file.name, r.rows_checked, file.records
            ));
        }
        if r.bytes != file.bytes.len() as u64 {
            problems.push(format!(
                "{}: report says {} bytes, the file has {}",
                file.name,
                r.bytes,
                file.bytes.len()
            ));
        }
        if let Some(f) = r.rows.iter().find(|f| f.row == 0 || f.row > file.records) {
            problems.push(format!(
                "{}: flagged row {} does not exist",
                file.name, f.row
            ));
        }
        if r.rows.windows(2).any(|w| w[0].row >= w[1].row) {
            problems.push(format!(
                "{}: flagged rows not in row order or repeated",
                file.name
            ));
        }
        if let Some(f) = r.rows.iter().find(|f| f.reasons.is_empty()) {
            problems.push(format!(
                "{}: row {} flagged without a reason",
                file.name, f.row
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Precision and recall for direct identifiers (issue 2) and for rare
/// combinations and small counts (issue 4).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn corpus_precision_and_recall() {
    let mut log = String::new();
    let mut direct = Tally::default();
    let mut issue4: BTreeMap<&str, Tally> = BTreeMap::new();
    // Expected kind -> flagged kind, for rows found.
    let mut confusion: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut per_file = String::new();
    let mut per_file4 = String::new();
    for file in CORPUS {
        let report = check(file);
        let expected = parse_expected(file);
        let t = score(file, &report, &expected, &direct_class(), &mut log);
        let _ = writeln!(per_file, "  {:28} {}", file.name, t.line());
        direct.add(t);
        for f in &report.rows {
            if let Some(e) = expected.get(&f.row) {
                if is_direct(e.kind) && is_direct(f.kind) {
                    *confusion.entry((e.kind.id(), f.kind.id())).or_default() += 1;
                }
            }
        }
        for kind in [Kind::QuasiIdentifier, Kind::SmallCount] {
            let class = Class {
                want: &|k| k == kind,
                detect: &|f| detects(f, kind),
                neutral: &is_direct,
            };
            let t = score(file, &report, &expected, &class, &mut log);
            if t.expected + t.flagged > 0 {
                let _ = writeln!(
                    per_file4,
                    "  {:11} {:31} {}",
                    kind.id(),
                    file.name,
                    t.line()
                );
            }
            issue4.entry(kind.id()).or_default().add(t);
        }
    }
    say!("Direct identifiers, per file:\n{per_file}");
    say!("Rare combinations and small counts, per file:\n{per_file4}");
    say!("Misses and false alarms:\n{log}");
    say!("Direct identifiers, all files: {}", direct.line());
    let agree = if direct.found == 0 {
        1.0
    } else {
        direct.kind_agrees as f64 / direct.found as f64
    };
    say!(
        "Kind agreement on rows found (staff / staff_senior / person): {agree:.3} ({} of {})",
        direct.kind_agrees,
        direct.found
    );
    for ((e, f), n) in &confusion {
        if e != f {
            say!("  expected {e:12} flagged {f:12} {n}");
        }
    }
    let mut failures = Vec::new();
    if direct.recall() < MIN_RECALL || direct.precision() < MIN_PRECISION {
        failures.push(format!(
            "direct identifiers: recall {:.3} (minimum {MIN_RECALL}), precision {:.3} (minimum {MIN_PRECISION})",
            direct.recall(),
            direct.precision()
        ));
    }
    for (kind, t) in &issue4 {
        say!("{kind:16}: {}", t.line());
        if t.expected == 0 {
            failures.push(format!("{kind}: the corpus expects no such rows"));
            continue;
        }
        if t.recall() < MIN_RECALL_ISSUE4 || t.precision() < MIN_PRECISION_ISSUE4 {
            failures.push(format!(
                "{kind}: recall {:.3} (minimum {MIN_RECALL_ISSUE4}), precision {:.3} (minimum {MIN_PRECISION_ISSUE4})",
                t.recall(),
                t.precision()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(run with --nocapture for the misses and false alarms)",
        failures.join("\n")
    );
}

/// The expectations themselves are sound: rows exist, the corpus is not empty
/// of flagged rows or of trap files (a corpus that expects nothing can't fail).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn corpus_expectations_are_well_formed() {
    let mut flagged = 0;
    let mut trap_files = 0;
    let mut issue4: BTreeMap<Kind, usize> = BTreeMap::new();
    for file in CORPUS {
        let e = parse_expected(file);
        assert!(
            e.keys().all(|r| *r >= 1 && *r <= file.records),
            "{}: expected row outside the file",
            file.name
        );
        assert!(
            file.expected
                .contains(&format!("# records: {}", file.records)),
            "{}: manifest and .expected disagree on the record count",
            file.name
        );
        flagged += e.len();
        for x in e.values().filter(|x| !is_direct(x.kind)) {
            *issue4.entry(x.kind).or_default() += 1;
        }
        trap_files += usize::from(e.is_empty());
    }
    assert!(CORPUS.len() >= 15, "corpus has only {} files", CORPUS.len());
    assert!(
        flagged >= 1000,
        "corpus expects only {flagged} flagged rows"
    );
    for (kind, least) in [(Kind::QuasiIdentifier, 100), (Kind::SmallCount, 40)] {
        let n = issue4.get(&kind).copied().unwrap_or(0);
        assert!(n >= least, "corpus expects only {n} {} rows", kind.id());
    }
    assert!(
        trap_files >= 4,
        "corpus has only {trap_files} files that must flag nothing"
    );
}

/// The spreadsheet-with-merged-cells trap: the row of group labels is a
/// title, the header is the row under it, and neither is flagged (before
/// the reader knew group labels, the header was checked as a member of
/// staff named "Surname", which the aggregate precision would hide).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn corpus_group_labels_over_a_header() {
    let file = CORPUS
        .iter()
        .find(|f| f.name == "grouped_header_staff.csv")
        .expect("the corpus has grouped_header_staff.csv");
    let r = check(file);
    let t = r.tables.first().expect("a table");
    assert_eq!(t.header_row, 4);
    assert_eq!(t.header.first().map(String::as_str), Some("Surname"));
    assert!(
        r.rows.iter().all(|f| f.row > 4),
        "a label or header row was flagged"
    );
    let expected = parse_expected(file);
    assert_eq!(r.rows.len(), expected.len());
}

/// Rows a small file should flag: (row, kind, first reason's rule).
type Flagged = &'static [(u64, Kind, &'static str)];

/// Check each file; its flagged rows must be exactly those given.
fn flags_each(cases: &[(&str, Flagged)]) {
    for (file, expected) in cases {
        let r = check_bytes("f.csv", file.as_bytes(), &Options::default());
        let got: Vec<(u64, Kind, &str)> = r
            .rows
            .iter()
            .map(|f| (f.row, f.kind, f.reasons.first().map_or("", |x| x.rule)))
            .collect();
        assert_eq!(&got, expected, "{file:?}");
    }
}

#[test]
fn a_one_column_list_is_checked_under_its_header() {
    // `Surname` over bare surnames: each is a person's surname; the same
    // list with a header that names no one is not flagged.
    let cases: &[(&str, Flagged)] = &[
        (
            "Surname\nMORGAN\nPATEL\n",
            &[
                (2, Kind::Person, "name.surname"),
                (3, Kind::Person, "name.surname"),
            ],
        ),
        (
            "Officers on the course\n\nCollar number\n1234\n5678\n",
            &[
                (4, Kind::Staff, "number.staff"),
                (5, Kind::Staff, "number.staff"),
            ],
        ),
        ("Rank\nConstable\nSergeant\n", &[]),
        ("Surname\nForename\nRank\n", &[]),
    ];
    flags_each(cases);
}

#[test]
fn names_in_a_header_flag_the_header_row() {
    // A pivot by officer: its header names them. Header words never do.
    let cases: &[(&str, Flagged)] = &[
        (
            "Month,PC 1234 Morgan,Sgt Patel\nJan,30,40\n",
            &[(1, Kind::Staff, "text.rank_number")],
        ),
        (
            "Staff list\n\nMonth,John Morgan,Priya Patel\nJan,30,40\n",
            &[(3, Kind::Person, "text.full_name")],
        ),
        (
            "Surname,Initial,Rank,Officer,Station\nMORGAN,J,PC,,Lisburn\n",
            &[(2, Kind::Staff, "name.surname_initial")],
        ),
        ("Month,Constable,Sergeant,Inspector\nJan,30,40,5\n", &[]),
    ];
    flags_each(cases);
}

#[test]
fn a_key_value_list_without_a_header_row() {
    // `Name,John Morgan` on the first line is read as the header: the labels
    // under it are labels, not names, and each value is what its label says.
    let cases: &[(&str, Flagged)] = &[
        (
            "Name,John Morgan\nRank,Inspector\nCollar number,1234\nStation,Lisburn\nDate of birth,12/03/1980\n",
            &[
                (1, Kind::Staff, "layout.row_label"),
                (3, Kind::Staff, "layout.row_label"),
                (5, Kind::Staff, "layout.row_label"),
            ],
        ),
        // a table of surnames is not one, even when a surname is a header
        // word (WARD) and the second header is not one (2023)
        (
            "Surname,Rank\nWARD,PC\nMORGAN,Inspector\n",
            &[
                (2, Kind::Staff, "name.surname"),
                (3, Kind::Staff, "name.surname"),
            ],
        ),
        (
            "Surname,2023\nWARD,4\nMORGAN,6\nPATEL,2\n",
            &[
                (2, Kind::Person, "name.surname"),
                (3, Kind::Person, "name.surname"),
                (4, Kind::Person, "name.surname"),
            ],
        ),
    ];
    flags_each(cases);
}

#[test]
fn a_key_value_list_with_more_columns() {
    // `Field,Value,Notes`: the value beside each label is read as the label
    // says; the notes are not values of the label.
    let cases: &[(&str, Flagged)] = &[
        (
            "Field,Value,Notes\nName,John Morgan,checked\nRank,Inspector,\nCollar number,4521,\nStation,Lisburn,Morgan\n",
            &[
                (2, Kind::Staff, "layout.row_label"),
                (4, Kind::Staff, "layout.row_label"),
            ],
        ),
        // a wide table whose first columns are not labels is unchanged
        (
            "Station,Unit,Surname,Initial\nLisburn,Response,MORGAN,J\n",
            &[(2, Kind::Staff, "name.surname_initial")],
        ),
    ];
    flags_each(cases);
}

#[test]
fn a_form_reads_each_value_by_the_label_on_its_left() {
    // A form: labels and values in pairs across each row. Before, every
    // value was read by the row's first label (`Rank` as a surname, a date
    // of birth as a staff number), or the first pair alone, so the rank
    // beside an officer's name was missed and the name was a member of the
    // public's; its rows were combined as records ("the only Station").
    let cases: &[(&str, Flagged)] = &[
        (
            "Name,John Morgan,Rank,Inspector\nCollar number,4521,Station,Lisburn\nDate of birth,12/03/1980,Unit,Response\n",
            &[
                (1, Kind::Staff, "layout.row_label"),
                (2, Kind::Staff, "layout.row_label"),
                (3, Kind::Staff, "layout.row_label"),
            ],
        ),
        // a title row of `Field,Value` pairs above it
        (
            "Field,Value,Field,Value\nSurname,MORGAN,Rank,Inspector\nForename,Jane,Station,Lisburn\nCollar number,4521,Date of birth,12/03/1980\n",
            &[
                (2, Kind::Staff, "layout.row_label"),
                (3, Kind::Staff, "layout.row_label"),
                (4, Kind::Staff, "layout.row_label"),
            ],
        ),
        // a member of the public's form
        (
            "Victim name,Jane Patel,Address,1 High Street\nDate of birth,01/02/1990,Phone,07700 900123\n",
            &[
                (1, Kind::Person, "layout.row_label"),
                (2, Kind::Person, "layout.row_label"),
            ],
        ),
        // a header whose every other cell is a header word too is a header
        (
            "Surname,Forename,Rank,Station\nMORGAN,Jane,PC,Lisburn\n",
            &[(2, Kind::Staff, "name.surname_forename")],
        ),
    ];
    flags_each(cases);
    // each value by its own label: the date of birth is a date of birth
    let csv = "Surname,MORGAN,Initial,J\nCollar number,4521,Date of birth,12/03/1980\n";
    let r = check_bytes("form.csv", csv.as_bytes(), &Options::default());
    let found: Vec<(u64, String, String, String)> = r
        .rows
        .iter()
        .flat_map(|f| {
            f.reasons.iter().map(move |x| {
                let what = x.why.split(',').next().unwrap_or("").to_string();
                (f.row, x.column.to_string(), x.text.to_string(), what)
            })
        })
        .collect();
    let found: Vec<(u64, &str, &str, &str)> = found
        .iter()
        .map(|(row, c, t, w)| (*row, c.as_str(), t.as_str(), w.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (1, "column B", "MORGAN", "Surname"),
            (1, "column D", "J", "Initial"),
            (2, "column B", "4521", "Staff number"),
            (2, "column D", "12/03/1980", "Date of birth"),
        ]
    );
    assert!(r.advice.is_empty(), "{:?}", r.advice);
}

#[test]
fn a_table_on_its_side_is_read_one_person_to_a_column() {
    // A staff list turned on its side: the surnames are its header's values,
    // one officer to a column, a surname that is a header word (WARD) too.
    // Before, the labels under `Surname` were flagged as surnames and the
    // officers' surnames were not.
    let csv = "Surname,MORGAN,PATEL,WARD,OKAFOR\nInitial,J,K,S,A\nRank,PC,Sergeant,Inspector,PC\nStation,Riverside,Eastgate,Millbrook,Riverside\n";
    let r = check_bytes("side.csv", csv.as_bytes(), &Options::default());
    let rows: Vec<u64> = r.rows.iter().map(|f| f.row).collect();
    assert_eq!(rows, [1, 2]);
    // the surnames, and the initials under them (part of each name)
    for (f, names) in r
        .rows
        .iter()
        .zip([["MORGAN", "PATEL", "WARD", "OKAFOR"], ["J", "K", "S", "A"]])
    {
        let found: Vec<(String, String)> = f
            .reasons
            .iter()
            .map(|x| (x.rule.to_string(), x.text.to_string()))
            .collect();
        let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, names);
        assert!(found.iter().all(|(rule, _)| rule == "layout.row_label"));
    }
    let cases: &[(&str, Flagged)] = &[
        // officers by column: names, collar numbers and dates of birth
        (
            "Officer,John Morgan,Sarah Patel\nRank,Inspector,PC\nCollar number,1234,5678\nDate of birth,12/03/1980,01/02/1990\n",
            &[
                (1, Kind::Staff, "layout.row_label"),
                (3, Kind::Staff, "layout.row_label"),
                (4, Kind::Staff, "layout.row_label"),
            ],
        ),
        // months over a column of names: a header, not a row of names
        (
            "Name,Jan,Feb,Mar\nMORGAN,3,4,5\nPATEL,1,2,3\n",
            &[
                (2, Kind::Person, "name.full"),
                (3, Kind::Person, "name.full"),
            ],
        ),
        // three officers, one surname a header word (WARD): before, a
        // third of the values being header words made it a header, and
        // the file passed as clean
        (
            "Surname,MORGAN,PATEL,WARD\nInitial,J,K,S\nRank,PC,Sgt,Inspector\nStation,Lisburn,Omagh,Antrim\n",
            &[
                (1, Kind::Staff, "layout.row_label"),
                (2, Kind::Staff, "layout.row_label"),
            ],
        ),
        // two officers, one a header word: the other a surname the
        // gazetteer knows
        (
            "Surname,PATEL,WARD\nInitial,K,S\nRank,PC,Sgt\nStation,Omagh,Lisburn\n",
            &[
                (1, Kind::Staff, "layout.row_label"),
                (2, Kind::Staff, "layout.row_label"),
            ],
        ),
        // the same names on their side with no rank: members of the public
        (
            "Surname,PATEL,WARD\nInitial,K,S\nTown,Omagh,Lisburn\n",
            &[
                (1, Kind::Person, "layout.row_label"),
                (2, Kind::Person, "layout.row_label"),
            ],
        ),
        // its rows are not records of people: no rare combination of
        // ranks (before, rows 2 and 3 were each "the only" one, with
        // advice naming the columns by the officers' surnames)
        (
            "Surname,MORGAN,PATEL,WARD\nInitial,J,K,S\nRank,PC,Sgt,Insp\n",
            &[
                (1, Kind::Staff, "layout.row_label"),
                (2, Kind::Staff, "layout.row_label"),
            ],
        ),
        // an initial alone, with no name's label beside it, names no one
        ("Field,Value\nInitial,J\nRank,PC\nStation,Lisburn\n", &[]),
        // a header of a column of surnames and of words the header table
        // does not know, half and half: a header (the names are found
        // under it, as names)
        (
            "Surname,Forename,Shoe size\nMORGAN,John,9\nPATEL,Sarah,6\n",
            &[
                (2, Kind::Person, "name.surname_forename"),
                (3, Kind::Person, "name.surname_forename"),
            ],
        ),
    ];
    flags_each(cases);
}

#[test]
fn a_pivot_right_of_its_data_is_checked_as_a_table_of_counts() {
    // Its header two rows down, after an empty column: its small counts are
    // small numbers, and its values are not reasons on the officers' rows.
    let csv = "Surname,Initial,Rank,,,\nMORGAN,J,PC,,,\nPATEL,P,Sgt,,Rank,Count of Surname\nJONES,K,PC,,PC,2\nSMITH,A,Insp,,Sgt,1\nBROWN,B,PC,,Insp,1\n";
    let r = check_bytes("side.csv", csv.as_bytes(), &Options::default());
    let headers: Vec<(u64, usize)> = r
        .tables
        .iter()
        .map(|t| (t.header_row, t.first_column))
        .collect();
    assert_eq!(headers, [(1, 0), (3, 4)]);
    let small: Vec<u64> = r
        .rows
        .iter()
        .filter(|f| f.reasons.iter().any(|x| x.rule == "count.small"))
        .map(|f| f.row)
        .collect();
    assert_eq!(small, [4, 5, 6]);
    for f in &r.rows {
        for x in &f.reasons {
            assert!(
                !(x.rule == "rank.police" && x.column.contains("column E")),
                "row {}: {x:?}",
                f.row
            );
        }
    }
}

#[test]
fn a_short_count_table_headed_by_who_is_counted_is_counts() {
    // `Officers` and `Staff` over numbers count people: a table of four
    // ranks is not four officers each "the only Constable", and its small
    // counts are small numbers. A number is never a name, however few rows
    // the table has.
    let cases: &[(&str, Flagged)] = &[
        (
            "Rank,Officers\nConstable,431\nSergeant,254\nInspector,504\nChief Inspector,766\n",
            &[],
        ),
        ("Station,Staff\nLisburn,431\nOmagh,254\nNewry,504\n", &[]),
        (
            "Rank,Officers,Staff\nConstable,431,12\nSergeant,254,40\nInspector,504,3\n",
            &[(4, Kind::SmallCount, "count.small")],
        ),
        (
            "Rank,Officers\nConstable,431\nSuperintendent,2\n",
            &[(3, Kind::SmallCount, "count.small")],
        ),
        // the same headers over names are still names
        (
            "Rank,Officers\nConstable,John Morgan\nSergeant,Aisha Patel\n",
            &[(2, Kind::Staff, "name.full"), (3, Kind::Staff, "name.full")],
        ),
    ];
    flags_each(cases);
}

#[test]
fn a_team_mailbox_row_in_a_staff_directory_is_no_one() {
    const STAFF: Flagged = &[
        (2, Kind::Staff, "name.full"),
        (3, Kind::Staff, "name.full"),
        (4, Kind::Staff, "name.full"),
        (5, Kind::Staff, "name.full"),
    ];
    // The team's row (a role mailbox, no name) has the team's number: it is
    // not a member of the public with a direct line, nor "the only Mailbox".
    // A person with the shared mailbox is still a person, by their name.
    let directory = "Name,Role,Email,Phone
Grace Okafor,Information Rights Officer,grace.okafor@northshire.police.uk,0113 496 0372
Peter Quinn,Information Rights Officer,peter.quinn@northshire.police.uk,0113 496 0373
Ciara Brennan,Information Rights Officer,ciara.brennan@northshire.police.uk,0113 496 0374
Information Rights team,Mailbox,foi@northshire.police.uk,0113 496 0000
";
    let shared = directory.replace(
        "Information Rights team,Mailbox",
        "Sean Doyle,Information Rights Officer",
    );
    let cases: &[(&str, Flagged)] = &[(directory, &STAFF[..3]), (&shared, STAFF)];
    flags_each(cases);
}

#[test]
fn departments_under_a_name_header_are_not_people() {
    // A budget table headed `Name` lists departments: none is a person; a
    // person's name among them still is.
    let cases: &[(&str, Flagged)] = &[
        (
            "Name,Budget 2023/24,Headcount\nFinance,1200000,42\nHuman Resources,800000,17\nCorporate Communications,300000,16\nPerformance and Audit,950000,23\n",
            &[],
        ),
        (
            "Name,Budget\nProcurement,10\nWorkforce Planning,20\nInformation Assurance,30\nCommunity Engagement,40\nTransformation Programme,50\nHealth and Wellbeing,60\nFacilities Management,70\n",
            &[],
        ),
        (
            "Name,Budget\nCorporate Communications,10\nGrace Okafor,20\n",
            &[(3, Kind::Person, "name.full")],
        ),
    ];
    flags_each(cases);
}

#[test]
fn ip_addresses_are_online_identifiers() {
    // A web log or a list of devices: a public IP address is a visitor's, a
    // home's or a phone's (UK GDPR names online identifiers). An address of
    // the organisation's own network identifies no one on its own; a
    // header that says IP address is no street address.
    let cases: &[(&str, Flagged)] = &[
        (
            "Date,IP address,Page\n01/03/2023,203.0.113.7,/contact\n01/03/2023,198.51.100.23:51812,/foi\n02/03/2023,192.168.1.20,/intranet\n",
            &[
                (2, Kind::Person, "id.ip_address"),
                (3, Kind::Person, "id.ip_address"),
            ],
        ),
        // no header rule: the content decides; IPv6, with a port or not
        (
            "When,Origin,Page\n01/03/2023 10:00,[2001:db8::7]:443,/foi\n01/03/2023 10:05,2001:db8:0:1::9,/contact\n01/03/2023 10:06,fe80::1,/\n",
            &[
                (2, Kind::Person, "id.ip_address"),
                (3, Kind::Person, "id.ip_address"),
            ],
        ),
        // an internal address only adds to a row its name flags
        (
            "Name,Workstation IP\nJohn Morgan,10.1.2.3\nMeeting room 2,10.1.2.4\n",
            &[(2, Kind::Person, "name.full")],
        ),
        // a staff directory's rows stay staff
        (
            "Surname,Initial,Rank,IP address\nMORGAN,J,Inspector,203.0.113.9\n",
            &[(2, Kind::Staff, "name.surname_initial")],
        ),
        // not addresses: versions, times, section numbers among words
        (
            "Software,Version\nOffice,16.0.14332.20447\nBrowser,120.0.6099.110\n",
            &[],
        ),
        ("Start,End\n12:30:45,13:00:00\n14:10:00,15:45:30\n", &[]),
        (
            "Para,Heading\n1.2.3.4,Scope\nIntroduction,Purpose\nAnnex,Glossary\n",
            &[],
        ),
        // in free text: after a word that says so, or IPv6; an internal
        // one only adds to a flagged row, a section number is none
        (
            "Date,Notes\n01/03/2023,Abusive email sent from IP 203.0.113.7\n02/03/2023,See section 1.2.3.4 of the policy\n03/03/2023,Printer on host 10.0.0.12 jammed\n04/03/2023,Mrs Jane Okafor complained from IP address 198.51.100.9\n05/03/2023,Meeting at 10:30:00 about 2001:db8::7\n",
            &[
                (2, Kind::Person, "id.ip_address"),
                (5, Kind::Person, "text.title_name"),
                (6, Kind::Person, "id.ip_address"),
            ],
        ),
        // `IP` in police records is as often the injured party
        (
            "IP Name,Offence\nJohn Morgan,Theft\n",
            &[(2, Kind::Person, "name.full")],
        ),
    ];
    flags_each(cases);
}

#[test]
fn numbers_under_a_header_naming_one_officer_are_theirs() {
    // `Officer` over `4521`: the officer, by collar number. `Officers` over
    // `431` is a count, and two digits under `Officer` are too few for a
    // collar number.
    let cases: &[(&str, Flagged)] = &[
        (
            "Officer,Date,Incident\n4521,01/03/2023,Theft\n3310,02/03/2023,Assault\n",
            &[
                (2, Kind::Staff, "number.staff"),
                (3, Kind::Staff, "number.staff"),
            ],
        ),
        (
            "Officer in charge,Date\n4521,01/03/2023\n3310,02/03/2023\n1207,03/03/2023\n9921,04/03/2023\n(5689),05/03/2023\nE1234,06/03/2023\n",
            &[
                (2, Kind::Staff, "number.staff"),
                (3, Kind::Staff, "number.staff"),
                (4, Kind::Staff, "number.staff"),
                (5, Kind::Staff, "number.staff"),
                (6, Kind::Staff, "number.staff"),
                (7, Kind::Staff, "number.staff"),
            ],
        ),
        (
            "Investigating officer,Outcome\n4521,NFA\nJ Morgan,Charged\n",
            &[
                (2, Kind::Staff, "number.staff"),
                (3, Kind::Staff, "name.full"),
            ],
        ),
        ("Station,Officer\nLisburn,12\nBangor,7\n", &[]),
        (
            "Station,Officers\nLisburn,431\nBangor,254\nNewry,2\n",
            &[(4, Kind::SmallCount, "count.small")],
        ),
    ];
    flags_each(cases);
}

#[test]
fn nhs_numbers_are_patients() {
    // NHS numbers (synthetic: 999 is the range NHS England keeps for
    // testing) identify patients; a staff list's stay staff.
    let cases: &[(&str, Flagged)] = &[
        (
            "NHS number,Appointment,Clinic\n999 000 0018,01/03/2023,Fracture\n999-000-0026,02/03/2023,Fracture\n9990000034,03/03/2023,Eye\n",
            &[
                (2, Kind::Person, "id.nhs_number"),
                (3, Kind::Person, "id.nhs_number"),
                (4, Kind::Person, "id.nhs_number"),
            ],
        ),
        // under its header a wrong check digit is still a patient's number
        (
            "Patient NHS No,Seen\n999 000 0019,01/03/2023\n",
            &[(2, Kind::Person, "id.nhs_number")],
        ),
        // no header rule: a column of numbers with valid check digits
        (
            "Key,Seen\n9990000018,01/03/2023\n9990000026,02/03/2023\n9990000042,03/03/2023\n",
            &[
                (2, Kind::Person, "id.nhs_number"),
                (3, Kind::Person, "id.nhs_number"),
                (4, Kind::Person, "id.nhs_number"),
            ],
        ),
        // ten-digit references: one passes the check by chance, and is no
        // patient's; nor are numbers grouped otherwise, or a placeholder
        (
            "Key,Seen\n5942859575,1\n3795742288,2\n3301595691,3\n3179419893,4\n1161042648,5\n7157461338,6\n4010232137,7\n",
            &[],
        ),
        ("Key,Seen\n94347 65919,1\n0000000000,2\n", &[]),
        // a placeholder under the header is no patient's number either
        ("NHS number,Seen\n0000000000,1\n999 999 9999,2\n", &[]),
        (
            "Field,Value\nNHS number,999 000 0018\nClinic,Fracture\n",
            &[(2, Kind::Person, "layout.row_label")],
        ),
        (
            "Surname,Initial,Rank,NHS number\nMORGAN,J,Inspector,999 000 0050\n",
            &[(2, Kind::Staff, "name.surname_initial")],
        ),
        // in free text: grouped, or after `NHS`; an order number is not one
        (
            "Date,Notes\n01/03/2023,Patient 999 000 0018 did not attend\n02/03/2023,Clinic moved to room 4\n03/03/2023,NHS no 9990000026 rebooked\n04/03/2023,Order 9990000034 delivered\n",
            &[
                (2, Kind::Person, "id.nhs_number"),
                (4, Kind::Person, "id.nhs_number"),
            ],
        ),
    ];
    flags_each(cases);
}

#[test]
fn passport_numbers_are_peoples() {
    // A passport number identifies its holder wherever it goes: a visitor
    // log or a case list published with names removed and passport numbers
    // left names everyone in it.
    let cases: &[(&str, Flagged)] = &[
        (
            "Date,Passport number\n01/03/2023,123456789\n02/03/2023,PA1234567\n03/03/2023,\n",
            &[
                (2, Kind::Person, "id.passport"),
                (3, Kind::Person, "id.passport"),
            ],
        ),
        (
            "Visitor passport no,Visited\n523456780,Custody\n",
            &[(2, Kind::Person, "id.passport")],
        ),
        // placeholders and other values under the header are none
        (
            "Passport No,Seen\n000000000,1\nN/A,2\nnot seen,3\nPending,4\n",
            &[],
        ),
        // a passport's expiry date or whether one is held is no number
        (
            "Passport expiry,Passport held\n01/03/2030,Yes\n02/03/2031,No\n",
            &[],
        ),
        // nine digits with no header saying so are a reference
        ("Reference,Seen\n123456789,1\n223456789,2\n", &[]),
        (
            "Field,Value\nPassport number,123456789\nVisited,Custody\n",
            &[(2, Kind::Person, "layout.row_label")],
        ),
        (
            "Surname,Initial,Rank,Passport number\nMORGAN,J,Inspector,123456789\n",
            &[(2, Kind::Staff, "name.surname_initial")],
        ),
        // in free text, after the word; an order number is not one
        (
            "Date,Notes\n01/03/2023,Detained at port; passport no. 123456789 seized\n02/03/2023,Order 223456789 delivered\n03/03/2023,Passport: PA1234567 returned\n04/03/2023,Passport returned to owner\n",
            &[
                (2, Kind::Person, "id.passport"),
                (4, Kind::Person, "id.passport"),
            ],
        ),
    ];
    flags_each(cases);
}

#[test]
fn bank_details_are_flagged() {
    // Sort codes, account numbers and IBANs are no one's to publish: a
    // compensation or expenses list with the names taken out still gives
    // every payee's account. (The IBAN is the standard's own example.)
    let cases: &[(&str, Flagged)] = &[
        (
            "Date,Sort code,Bank account number,Amount\n01/03/2023,12-34-56,12345678,500\n02/03/2023,20 45 77,87654321,700\n03/03/2023,,,900\n",
            &[
                (2, Kind::Person, "id.bank"),
                (3, Kind::Person, "id.bank"),
            ],
        ),
        (
            "Claim,IBAN\n1,GB82 WEST 1234 5698 7654 32\n2,GB82WEST12345698765432\n",
            &[(2, Kind::Person, "id.bank"), (3, Kind::Person, "id.bank")],
        ),
        // placeholders and other values under the headers are none; a bank
        // account's holder is a name, not bank details
        (
            "Sort code,Bank account\n00-00-00,Paid by cheque\nN/A,99999999\n",
            &[],
        ),
        (
            "Bank account name,Amount\nJane Morgan,500\n",
            &[(2, Kind::Person, "name.full")],
        ),
        // a bare `Account number` (a council's account with a supplier, a
        // ledger's) and six digits with no header are references
        (
            "Supplier,Account number,Amount\nAcme Ltd,12345678,500\n",
            &[],
        ),
        ("Reference,Seen\n123456,1\n223456,2\n", &[]),
        (
            "Field,Value\nSort code,12-34-56\nPurpose,Refund\n",
            &[(2, Kind::Person, "layout.row_label")],
        ),
        (
            "Surname,Initial,Rank,Sort code\nMORGAN,J,Inspector,12-34-56\n",
            &[(2, Kind::Staff, "name.surname_initial")],
        ),
        // in free text: an IBAN anywhere, a sort code or account number
        // after its words; an order number or a date is not one
        (
            "Date,Notes\n01/03/2023,Refund to sort code 12-34-56 account 12345678\n02/03/2023,Order 22345678 delivered\n03/03/2023,Paid to GB82 WEST 1234 5698 7654 32 today\n04/03/2023,Meeting on 12-03-2023 at 10\n",
            &[
                (2, Kind::Person, "id.bank"),
                (4, Kind::Person, "id.bank"),
            ],
        ),
    ];
    flags_each(cases);
}

#[test]
fn names_in_a_block_right_of_a_long_table_are_found() {
    // The officers behind a count, pasted right of it after its last row
    // (no blank row between): before, their cells were unnamed columns of
    // the count and no one was flagged.
    let mut file = String::from("Rank,Count,,,,\n");
    for i in 0..20 {
        file.push_str(&format!("Constable,{},,,,\n", 10 + i));
    }
    file.push_str(",,,Surname,Initial,Rank\n,,,MORGAN,J,Constable\n,,,PATEL,K,Sergeant\n");
    flags_each(&[(
        &file,
        &[
            (23, Kind::Staff, "name.surname_initial"),
            (24, Kind::Staff, "name.surname_initial"),
        ],
    )]);
}

#[test]
fn a_staff_list_right_under_a_count_is_found() {
    // No blank row between a count and the officers behind it: before, the
    // surnames were read as ranks of the count and no one was flagged.
    let mut file = String::from("Rank,Count\n");
    for i in 0..20 {
        file.push_str(&format!("Constable,{}\n", 10 + i));
    }
    file.push_str(
        "Surname,Initial,Rank,Station\nMORGAN,J,Constable,Lisburn\nPATEL,K,Sergeant,Newry\n",
    );
    flags_each(&[(
        &file,
        &[
            (23, Kind::Staff, "name.surname_initial"),
            (24, Kind::Staff, "name.surname_initial"),
        ],
    )]);
}

#[test]
fn a_header_over_records_is_no_label_and_value() {
    // `Surname,Training Course` over surnames: a header, not the surname
    // `Training Course` (which the safe copy would then have masked); the
    // same header over labels is a key/value list's first row.
    let cases: &[(&str, Flagged)] = &[
        (
            "Surname,Training Course\nMORGAN,First aid\nPATEL,Driving\n",
            &[
                (2, Kind::Person, "name.surname"),
                (3, Kind::Person, "name.surname"),
            ],
        ),
        (
            "Surname,Training Course\nRank,Inspector\nCollar number,4521\n",
            &[
                (1, Kind::Staff, "layout.row_label"),
                (3, Kind::Staff, "layout.row_label"),
            ],
        ),
    ];
    flags_each(cases);
}

#[test]
fn driving_licence_numbers_are_people() {
    // A GB driving licence number holds its holder's surname, date of birth
    // and initials: in any column, and in free text. A reference of the
    // same length that is not of its shape is none.
    let cases: &[(&str, Flagged)] = &[
        (
            "Date,Driver licence,Offence,Notes\n01/03/2023,MORGA753116SM9IJ,Speeding,\n02/03/2023,PATEL801152KA9XY 35,Speeding,\n03/03/2023,,Parking,Licence WARD9662034S99AB seen\n04/03/2023,ABCDE123456789XY,Parking,\n",
            &[
                (2, Kind::Person, "id.driving_licence"),
                (3, Kind::Person, "id.driving_licence"),
                (4, Kind::Person, "id.driving_licence"),
            ],
        ),
        // under a header of names, and with no header rule
        (
            "Driver,Offence\nMORGA753116SM9IJ,Speeding\n",
            &[(2, Kind::Person, "id.driving_licence")],
        ),
        (
            "Key,Seen\nMORGA753116SM9IJ,1\nMORGA713116SM9IJ,2\n",
            &[(2, Kind::Person, "id.driving_licence")],
        ),
    ];
    flags_each(cases);
}

/// A column of special category data beside rows that identify someone
/// gets advice that names it, how many rows, its category and what
/// identifies them, ahead of the other advice; with no one identified, or
/// only non-answers, there is none.
#[test]
fn special_category_data_beside_identified_rows_gets_advice() {
    let csv = "Employee number,Department,Absence reason,Days lost\n\
               E10234,Custody,Cancer,60\n\
               E10872,Response,Stress/anxiety,14\n\
               E11002,Custody,Prefer not to say,3\n";
    let r = check_bytes("sickness.csv", csv.as_bytes(), &Options::default());
    let special: Vec<(&str, &[String], &str)> = r
        .advice
        .iter()
        .map(|a| (a.rule.as_str(), a.columns.as_slice(), a.text.as_str()))
        .filter(|(rule, _, _)| rule.starts_with("special."))
        .collect();
    assert_eq!(
        special,
        [(
            "special.advice",
            &["Absence reason".to_string()][..],
            "\"Absence reason\" holds health information, special category data (UK GDPR Article 9), \
             on 2 rows that identify someone. Published beside what identifies them, it makes a \
             serious breach: remove what identifies them (\"Employee number\"), or remove \
             \"Absence reason\", before publishing."
        )]
    );
    assert_eq!(
        r.advice.first().map(|a| a.rule.as_str()),
        Some("special.advice")
    );

    // The same absences with no one identified: the table is the FOI answer.
    let csv =
        "Department,Absence reason,Days lost\nCustody,Cancer,60\nResponse,Stress/anxiety,14\n";
    let r = check_bytes("sickness.csv", csv.as_bytes(), &Options::default());
    assert!(
        !r.advice.iter().any(|a| a.rule.starts_with("special.")),
        "{:?}",
        r.advice
    );
    // Staff numbers beside non-answers only: nothing special is disclosed.
    let csv = "Employee number,Religion\nE10234,Prefer not to say\nE10872,Not stated\n";
    let r = check_bytes("religion.csv", csv.as_bytes(), &Options::default());
    assert_eq!(r.rows.len(), 2);
    assert!(
        !r.advice.iter().any(|a| a.rule.starts_with("special.")),
        "{:?}",
        r.advice
    );
}
