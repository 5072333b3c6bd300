//! Hostile and broken files (issue 5 §2): each gives a specific outcome, says
//! which limit was reached and where, and never passes a partial check off as
//! complete. Every case runs through the whole [`Checker`], whole and in chunks
//! of several sizes, which must all give the same report.
//!
//! The big inputs (50 MB field, 100,000 columns, 10 MB line) and the CLI cases
//! are native only; the rest also run in headless Chromium (`make test-wasm`).
//! Regressions found by fuzzing go at the end, one named test each.
#![allow(missing_docs)]

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use foi_check::{check_bytes, Checker, Options, Report};

/// Check `bytes` pushed in `chunk`-byte pieces, stopping at the first error
/// as the CLI and the page do.
fn check_in(name: &str, bytes: &[u8], chunk: usize) -> Report {
    let mut checker = Checker::new(name, Options::default());
    for part in bytes.chunks(chunk.max(1)) {
        if checker.push(part).is_err() {
            break;
        }
    }
    checker.finish()
}

/// The promises every report keeps, whatever the input.
fn consistent(r: &Report, name: &str) {
    assert_eq!(r.file, name);
    assert_eq!(
        r.complete,
        r.errors.is_empty(),
        "complete must mean no errors: {r:?}"
    );
    for p in r.errors.iter().chain(&r.warnings) {
        assert_eq!(p.file, name, "a problem must name its file: {p:?}");
        assert!(!p.reason.trim().is_empty(), "a problem with no reason");
    }
    assert_eq!(r.summary.rows_flagged, r.rows.len() as u64);
    assert!(r.rows.iter().all(|f| f.row >= 1 && f.row <= r.rows_checked));
    let json = serde_json::to_string(r).expect("a report serialises");
    let back: Report = serde_json::from_str(&json).expect("and reads back");
    assert_eq!(&back, r);
}

/// What a case must give.
#[derive(Debug)]
enum Want {
    /// Read to the end, `rows` records, in this encoding; each text must be in
    /// some warning (no warning at all when empty).
    Complete {
        rows: u64,
        encoding: &'static str,
        warnings: &'static [&'static str],
    },
    /// Refused or stopped: one error whose reason contains `reason`, at this
    /// row and byte; `data_rows` rows of the table were checked before it.
    Stopped {
        reason: &'static str,
        row: Option<u64>,
        byte: Option<u64>,
        data_rows: u64,
    },
}

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    want: Want,
}

/// Data rows the checker saw, over every table.
fn data_rows(r: &Report) -> u64 {
    r.tables
        .iter()
        .map(|t| {
            if t.last_row == t.header_row {
                0
            } else {
                t.last_row - t.first_row + 1
            }
        })
        .sum()
}

fn run_case(c: &Case, chunks: &[usize]) {
    let whole = check_bytes(c.name, &c.bytes, &Options::default());
    consistent(&whole, c.name);
    for &n in chunks {
        let r = check_in(c.name, &c.bytes, n);
        assert_eq!(r, whole, "{}: chunks of {n} differ from whole", c.name);
    }
    match &c.want {
        Want::Complete {
            rows,
            encoding,
            warnings,
        } => {
            assert!(
                whole.complete,
                "{}: expected complete, got errors {:?}",
                c.name, whole.errors
            );
            assert_eq!(whole.rows_checked, *rows, "{}: rows", c.name);
            assert_eq!(whole.encoding, *encoding, "{}: encoding", c.name);
            assert_eq!(whole.bytes, c.bytes.len() as u64, "{}: bytes", c.name);
            if warnings.is_empty() {
                assert!(
                    whole.warnings.is_empty(),
                    "{}: {:?}",
                    c.name,
                    whole.warnings
                );
            }
            for w in *warnings {
                assert!(
                    whole.warnings.iter().any(|p| p.reason.contains(w)),
                    "{}: no warning with {w:?} in {:?}",
                    c.name,
                    whole.warnings
                );
            }
        }
        Want::Stopped {
            reason,
            row,
            byte,
            data_rows: n,
        } => {
            assert!(
                !whole.complete,
                "{}: a stopped check must not be complete",
                c.name
            );
            assert_eq!(whole.errors.len(), 1, "{}: {:?}", c.name, whole.errors);
            let e = &whole.errors[0];
            assert!(
                e.reason.contains(reason),
                "{}: reason {:?} lacks {reason:?}",
                c.name,
                e.reason
            );
            assert_eq!((e.row, e.byte), (*row, *byte), "{}: position", c.name);
            assert_eq!(data_rows(&whole), *n, "{}: rows checked before", c.name);
        }
    }
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn utf16be(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

macro_rules! fixture {
    ($f:literal) => {
        include_bytes!(concat!("fixtures/hostile/", $f)).to_vec()
    };
}

fn small_cases() -> Vec<Case> {
    use Want::*;
    vec![
        Case {
            name: "empty.csv",
            bytes: Vec::new(),
            want: Stopped {
                reason: "the file is empty (0 bytes): there is nothing to check",
                row: None,
                byte: None,
                data_rows: 0,
            },
        },
        Case {
            name: "blank_lines.csv",
            bytes: fixture!("blank_lines.csv"),
            want: Stopped {
                reason: "the file has no cells (12 bytes, 3 blank rows): there is nothing to check",
                row: None,
                byte: None,
                data_rows: 0,
            },
        },
        Case {
            name: "header_only.csv",
            bytes: fixture!("header_only.csv"),
            want: Complete {
                rows: 1,
                encoding: "UTF-8",
                warnings: &[
                    "the table whose header is on row 1 has no data rows: only its header was checked",
                ],
            },
        },
        Case {
            name: "image.png.csv",
            bytes: fixture!("image.png.csv"),
            want: Stopped {
                reason: "not a text CSV: looks like PNG image (an image); it cannot be checked as CSV",
                row: None,
                byte: Some(0),
                data_rows: 0,
            },
        },
        Case {
            name: "document.pdf.csv",
            bytes: fixture!("document.pdf.csv"),
            want: Stopped {
                reason: "not a text CSV: looks like PDF; export the table as CSV from the program that made it",
                row: None,
                byte: Some(0),
                data_rows: 0,
            },
        },
        Case {
            name: "workbook.xlsx.csv",
            bytes: fixture!("workbook.xlsx.csv"),
            want: Stopped {
                reason: "not a text CSV: looks like XLSX (an Excel workbook, not a CSV file); in Excel, unhide every sheet and save each one as CSV: a CSV file holds one sheet, so a hidden sheet would go unchecked",
                row: None,
                byte: Some(0),
                data_rows: 0,
            },
        },
        Case {
            name: "archive.zip.csv",
            bytes: fixture!("archive.zip.csv"),
            want: Stopped {
                reason: "not a text CSV: looks like ZIP (a compressed archive); extract the CSV file from it first",
                row: None,
                byte: Some(0),
                data_rows: 0,
            },
        },
        Case {
            name: "old_excel.xls.csv",
            bytes: fixture!("old_excel.xls.csv"),
            want: Stopped {
                reason: "not a text CSV: looks like XLS (an old Excel workbook, not a CSV file); in Excel, unhide every sheet and save each one as CSV: a CSV file holds one sheet, so a hidden sheet would go unchecked",
                row: None,
                byte: Some(0),
                data_rows: 0,
            },
        },
        Case {
            name: "random_binary.csv",
            bytes: (0u32..3000)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 & if i % 3 == 0 { 0 } else { 0xFF })
                .collect(),
            want: Stopped {
                reason: "not a text CSV: looks like binary data; it is not a spreadsheet saved as CSV",
                row: None,
                byte: Some(0),
                data_rows: 0,
            },
        },
        Case {
            name: "utf16le_no_bom.csv",
            bytes: fixture!("utf16le_no_bom.csv"),
            want: Complete {
                rows: 3,
                encoding: "UTF-16LE",
                warnings: &[],
            },
        },
        Case {
            name: "utf16be_no_bom.csv",
            bytes: utf16be("Surname,Rank\r\nMORGAN,Inspector\r\nPATEL,Sergeant\r\n"),
            want: Complete {
                rows: 3,
                encoding: "UTF-16BE",
                warnings: &[],
            },
        },
        Case {
            name: "nul_bytes.csv",
            bytes: fixture!("nul_bytes.csv"),
            want: Complete {
                rows: 13,
                encoding: "UTF-8",
                warnings: &[],
            },
        },
        Case {
            name: "mixed_encoding.csv",
            bytes: fixture!("mixed_encoding.csv"),
            want: Complete {
                rows: 5,
                encoding: "UTF-8",
                warnings: &["some bytes are not UTF-8 (first on this row); they were read as Windows-1252"],
            },
        },
        Case {
            name: "windows_1252.csv",
            bytes: b"Surname,Town\nMORGAN,Caf\xe9\nPATEL,\x93Bangor\x94\n".to_vec(),
            want: Complete {
                rows: 3,
                encoding: "windows-1252",
                warnings: &[],
            },
        },
        Case {
            name: "utf16_lone_surrogate.csv",
            bytes: {
                let mut b = utf16le("Surname,Rank\r\nMORGAN,");
                b.extend_from_slice(&[0x00, 0xD8]); // a high surrogate with no low one
                b.extend(utf16le(",Inspector\r\nPATEL,Sergeant\r\n"));
                let mut with_bom = vec![0xFF, 0xFE];
                with_bom.extend(b);
                with_bom
            },
            want: Complete {
                rows: 3,
                encoding: "UTF-16LE",
                warnings: &["some bytes are not valid UTF-16 (first on this row); they are shown as \u{FFFD}"],
            },
        },
        Case {
            name: "unclosed_quote.csv",
            bytes: fixture!("unclosed_quote.csv"),
            want: Stopped {
                reason: "a quoted field opened on row 3 is never closed: a \" with no closing \" runs to the end of the file",
                row: Some(3),
                byte: Some(53),
                data_rows: 1,
            },
        },
    ]
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn hostile_and_broken_files() {
    for c in small_cases() {
        run_case(&c, &[1, 2, 3, 7, 64, 4096]);
    }
}

/// Regression (found writing the cases above): a lone UTF-16 surrogate
/// became U+FFFD with no word to the clerk. Now one warning names its row.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn invalid_utf16_warns_with_its_row() {
    let mut b = vec![0xFF, 0xFE];
    b.extend(utf16le("Surname,Rank\r\nMORGAN,Inspector\r\n\r\nPATEL,"));
    b.extend_from_slice(&[0x00, 0xDC]); // a low surrogate alone
    b.extend(utf16le("\r\nHUGHES,"));
    b.extend_from_slice(&[0x00, 0xD8]);
    b.extend(utf16le("\r\n"));
    for chunk in [1, 2, 3, 5, 1 << 20] {
        let r = check_in("u16.csv", &b, chunk);
        consistent(&r, "u16.csv");
        assert!(r.complete);
        assert_eq!(r.rows_checked, 5);
        let rows: Vec<_> = r.warnings.iter().map(|w| w.row).collect();
        assert_eq!(rows, [Some(4)], "chunk {chunk}: {:?}", r.warnings);
    }
}

/// The clerk must be told an empty file is empty: it is not "checked, nothing found".
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn empty_file_is_not_a_clean_result() {
    for bytes in [
        &b""[..],
        b"\xEF\xBB\xBF",
        b"\n",
        b"\r\n\r\n",
        b",,,\n,,\n",
        b"\xFF\xFE",
    ] {
        let r = check_bytes("x.csv", bytes, &Options::default());
        consistent(&r, "x.csv");
        assert!(!r.complete, "{bytes:?} read as complete");
        assert!(
            r.errors[0].reason.contains("there is nothing to check"),
            "{bytes:?}: {:?}",
            r.errors
        );
    }
}

/// Checking one bad file leaves the next one untouched (each file has its own
/// checker; nothing is shared between them).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_bad_file_does_not_affect_the_next() {
    let good = b"Surname,Rank\nMORGAN,Inspector\nPATEL,Sergeant\n";
    let alone = check_bytes("good.csv", good, &Options::default());
    for c in small_cases() {
        let _ = check_bytes(c.name, &c.bytes, &Options::default());
        assert_eq!(check_bytes("good.csv", good, &Options::default()), alone);
    }
    assert!(alone.complete);
}

/// A file cut after the header's first bytes (a download that stopped) is
/// still read: its rows are counted, not lost.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn truncated_files_keep_their_rows() {
    let full = b"Surname,Rank,Station\nMORGAN,Inspector,Cardiff\nPATEL,Sergeant,Newport\nHUGHES,Constable,Swansea\n";
    for cut in 1..full.len() {
        let r = check_bytes("cut.csv", &full[..cut], &Options::default());
        consistent(&r, "cut.csv");
        let newlines = full[..cut].iter().filter(|&&b| b == b'\n').count() as u64;
        let partial = u64::from(full[cut - 1] != b'\n');
        assert_eq!(r.rows_checked, newlines + partial, "cut at {cut}");
    }
}

// ---- big inputs (native only, to keep the wasm run fast) ------------------

#[cfg(not(target_arch = "wasm32"))]
mod big {
    use super::*;
    use foi_check::read::{MAX_FIELDS, MAX_RECORD_BYTES};

    /// 8 MB pieces, as the CLI reads.
    const CLI_CHUNK: usize = 8 << 20;

    /// Bytes of `n` copies of `cell` joined by `sep`.
    fn repeat(cell: &[u8], sep: u8, n: usize) -> Vec<u8> {
        let mut v = Vec::with_capacity((cell.len() + 1) * n);
        for i in 0..n {
            if i > 0 {
                v.push(sep);
            }
            v.extend_from_slice(cell);
        }
        v
    }

    #[test]
    fn single_50_mb_field_is_read() {
        let mut b = b"Surname,Note\nMORGAN,\"".to_vec();
        b.extend(std::iter::repeat_n(b'x', 50 << 20));
        b.extend_from_slice(b"\"\nPATEL,ok\n");
        let r = check_in("field50.csv", &b, CLI_CHUNK);
        consistent(&r, "field50.csv");
        assert!(r.complete, "{:?}", r.errors);
        assert_eq!(r.rows_checked, 3);
        assert_eq!(data_rows(&r), 2);
    }

    #[test]
    fn field_over_the_record_limit_says_which_row_and_byte() {
        assert_eq!(MAX_RECORD_BYTES, 64 << 20);
        let mut b = b"Surname,Note\nMORGAN,ok\nPATEL,\"".to_vec();
        b.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + 10));
        b.extend_from_slice(b"\"\nHUGHES,ok\n");
        let r = check_in("field70.csv", &b, CLI_CHUNK);
        consistent(&r, "field70.csv");
        assert!(!r.complete);
        let e = &r.errors[0];
        assert_eq!(
            e.reason,
            "row 3 is longer than 64 MB; a quoted field opened at byte 29 may never be closed; \
             the rest of the file was not checked"
        );
        assert_eq!((e.row, e.byte), (Some(3), Some(23)));
        assert_eq!(data_rows(&r), 1, "row 2 was checked before the limit");
    }

    #[test]
    fn one_hundred_thousand_columns_are_read() {
        let header = repeat(b"h", b',', MAX_FIELDS);
        let row = repeat(b"1", b',', MAX_FIELDS);
        let b = [header, b"\n".to_vec(), row, b"\n".to_vec()].concat();
        let r = check_in("wide.csv", &b, CLI_CHUNK);
        consistent(&r, "wide.csv");
        assert!(r.complete, "{:?}", r.errors);
        assert_eq!(r.rows_checked, 2);
    }

    #[test]
    fn more_columns_than_the_limit_says_which_row() {
        let header = b"Surname,Rank\nMORGAN,Inspector\n".to_vec();
        let row = repeat(b"1", b',', MAX_FIELDS + 1);
        let b = [header, row, b"\nPATEL,Sergeant\n".to_vec()].concat();
        let r = check_in("wider.csv", &b, CLI_CHUNK);
        consistent(&r, "wider.csv");
        assert!(!r.complete);
        let e = &r.errors[0];
        assert_eq!(
            e.reason,
            "row 3 has more than 100000 columns; the rest of the file was not checked"
        );
        assert_eq!((e.row, e.byte), (Some(3), Some(30)));
        assert_eq!(data_rows(&r), 1);
    }

    #[test]
    fn ten_mb_line_with_no_newline_is_one_row() {
        // One cell of text, no delimiter, no line break anywhere.
        let b: Vec<u8> = b"Notes ".iter().copied().cycle().take(10 << 20).collect();
        let r = check_in("line.csv", &b, CLI_CHUNK);
        consistent(&r, "line.csv");
        assert!(r.complete, "{:?}", r.errors);
        assert_eq!(r.rows_checked, 1);
        // The same line after a real table: the table's rows are all checked.
        let mut t = b"Surname,Rank\nMORGAN,Inspector\n".to_vec();
        t.extend_from_slice(&b);
        let r = check_in("line2.csv", &t, CLI_CHUNK);
        assert!(r.complete, "{:?}", r.errors);
        assert_eq!(r.rows_checked, 3);
    }

    #[test]
    fn ten_mb_line_of_cells_is_a_column_limit() {
        // 10 MB of short cells and no newline: more than MAX_FIELDS on row 1.
        let b = repeat(b"abcd", b',', 2 << 20);
        let r = check_in("cells.csv", &b, CLI_CHUNK);
        consistent(&r, "cells.csv");
        assert!(!r.complete);
        assert_eq!(
            r.errors[0].reason,
            "row 1 has more than 100000 columns; the rest of the file was not checked"
        );
        assert_eq!((r.errors[0].row, r.errors[0].byte), (Some(1), Some(0)));
    }

    #[test]
    fn unclosed_quote_in_a_big_file_is_a_limit_not_a_hang() {
        let mut b = b"Surname,Note\nMORGAN,ok\nPATEL,\"starts here\n".to_vec();
        for _ in 0..(70 << 20) / 16 {
            b.extend_from_slice(b"HUGHES,row,ok\r\n\n");
        }
        let r = check_in("quote.csv", &b, CLI_CHUNK);
        consistent(&r, "quote.csv");
        assert!(!r.complete);
        let e = &r.errors[0];
        assert!(
            e.reason.contains(
                "row 3 is longer than 64 MB; a quoted field opened at byte 29 may never be closed"
            ),
            "{}",
            e.reason
        );
        assert_eq!(e.row, Some(3));
    }
}

// ---- the CLI: exit codes, NOT COMPLETE, several files at once --------------

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::Write;
    use std::path::PathBuf;
    use std::process::{Command, Output, Stdio};

    /// Under cargo's own temporary directory for tests (in `target/`), not
    /// the system's, which would keep a directory from every run.
    fn dir() -> PathBuf {
        let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile-cli");
        std::fs::create_dir_all(&d).expect("temp dir");
        d
    }

    fn file(name: &str, bytes: &[u8]) -> String {
        let p = dir().join(name);
        std::fs::write(&p, bytes).expect("write temp file");
        p.to_string_lossy().into_owned()
    }

    fn run(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_foi-check"));
        cmd.args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("run foi-check");
        {
            let mut input = child.stdin.take().expect("stdin");
            if let Some(b) = stdin {
                input.write_all(b).expect("write stdin");
            }
        }
        let Output {
            status,
            stdout,
            stderr,
        } = child.wait_with_output().expect("wait");
        (
            status.code().expect("exit code"),
            String::from_utf8_lossy(&stdout).into_owned(),
            String::from_utf8_lossy(&stderr).into_owned(),
        )
    }

    const GOOD: &[u8] = b"Surname,Rank\nMORGAN,Inspector\nPATEL,Sergeant\n";

    #[test]
    fn cli_binary_file_exits_2_and_says_not_complete() {
        let xlsx = file(
            "book.xlsx.csv",
            include_bytes!("fixtures/hostile/workbook.xlsx.csv"),
        );
        let (code, out, _) = run(&["check", &xlsx], None);
        assert_eq!(code, 2, "{out}");
        // Read as the workbook it is (whatever its name), and found damaged.
        assert!(
            out.contains(
                "ERROR the workbook is damaged: it does not say where the sheet 'Sheet1' is"
            ),
            "{out}"
        );
        assert!(out.contains("NOT COMPLETE"), "{out}");
        let pdf = file("scan.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n");
        let (code, out, _) = run(&["check", &pdf], None);
        assert_eq!(code, 2, "{out}");
        assert!(
            out.contains("ERROR byte 0: not a text CSV: looks like PDF"),
            "{out}"
        );
        assert!(out.contains("NOT COMPLETE"), "{out}");
    }

    #[test]
    fn cli_empty_file_exits_2_and_says_empty() {
        let empty = file("empty.csv", b"");
        let (code, out, _) = run(&["check", &empty], None);
        assert_eq!(code, 2, "{out}");
        assert!(out.contains("the file is empty (0 bytes)"), "{out}");
        assert!(out.contains("NOT COMPLETE"), "{out}");
        assert!(out.contains("  ERROR the file is empty"), "{out}");
    }

    #[test]
    fn cli_good_and_bad_files_give_both_reports() {
        let good = file("good.csv", GOOD);
        let bad = file(
            "bad.csv",
            include_bytes!("fixtures/hostile/unclosed_quote.csv"),
        );
        let png = file("img.csv", include_bytes!("fixtures/hostile/image.png.csv"));
        let (code, out, _) = run(
            &["check", &good, &bad, &png, &good, "--format", "json"],
            None,
        );
        assert_eq!(code, 2, "{out}");
        let reports: Vec<foi_check::Report> = serde_json::from_str(&out).expect("a JSON array");
        assert_eq!(reports.len(), 4);
        assert!(reports[0].complete && reports[3].complete);
        assert_eq!(reports[0].rows_checked, 3);
        assert_eq!(
            reports[0], reports[3],
            "the bad files changed nothing for the good one"
        );
        assert!(!reports[1].complete);
        assert_eq!(reports[1].errors[0].row, Some(3));
        assert!(!reports[2].complete);
        assert!(reports[2].errors[0].reason.contains("PNG image"));
        // Text output: every file has its section, the bad ones say NOT COMPLETE.
        let (code, out, _) = run(&["check", &good, &bad], None);
        assert_eq!(code, 2);
        assert!(out.contains("good.csv: 3 rows checked"), "{out}");
        assert!(out.contains("bad.csv: "), "{out}");
        assert_eq!(out.matches("NOT COMPLETE").count(), 1, "{out}");
    }

    #[test]
    fn cli_missing_file_beside_a_good_one() {
        let good = file("good2.csv", GOOD);
        let missing = dir().join("no-such-file.csv");
        let (code, out, _) = run(&["check", &good, &missing.to_string_lossy()], None);
        assert_eq!(code, 2);
        assert!(out.contains("good2.csv: 3 rows checked"), "{out}");
        assert!(out.contains("cannot read the file"), "{out}");
        // Nothing was read: it is not called empty as well.
        assert!(!out.contains("the file is empty"), "{out}");
        assert!(out.contains("NOT COMPLETE"), "{out}");
    }

    #[test]
    fn cli_limit_from_stdin_names_row_and_byte() {
        let mut b = GOOD.to_vec();
        b.extend(vec![b','; foi_check::read::MAX_FIELDS + 5]);
        b.extend_from_slice(b"\nHUGHES,Constable\n");
        let (code, out, _) = run(&["check", "-"], Some(&b));
        assert_eq!(code, 2, "{out}");
        assert!(
            out.contains("ERROR row 4, byte 45: row 4 has more than 100000 columns; the rest of the file was not checked"),
            "{out}"
        );
        assert!(out.contains("NOT COMPLETE"), "{out}");
    }

    /// A file is published under its name: a person named there is
    /// disclosed however clean its rows are, and the check says so.
    #[test]
    fn cli_a_person_in_the_file_name_warns() {
        let named = file(
            "Siobhan_Kelly_SAR.csv",
            b"Date,Outcome\n2023-01-04,Released\n",
        );
        let (code, out, _) = run(&["check", &named], None);
        assert_eq!(code, 0, "{out}");
        assert!(
            out.contains("note: the file's name mentions a person (Siobhan Kelly): rename the file before publishing it"),
            "{out}"
        );
        let plain = file(
            "FOI-2023-0412_outcomes.csv",
            b"Date,Outcome\n2023-01-04,Released\n",
        );
        let (_, out, _) = run(&["check", &plain], None);
        assert!(!out.contains("file's name mentions"), "{out}");
    }

    #[test]
    fn cli_header_only_warns() {
        let h = file(
            "header.csv",
            include_bytes!("fixtures/hostile/header_only.csv"),
        );
        let (code, out, _) = run(&["check", &h], None);
        assert_eq!(code, 0, "{out}");
        assert!(
            out.contains("note: row 1: the table whose header is on row 1 has no data rows"),
            "{out}"
        );
    }
}

// ---- regressions found by fuzzing (none yet; see SECURITY.md) -------------
