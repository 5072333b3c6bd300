//! The wasm adapter, run in headless Chromium by `make test-wasm`
//! (`cargo test --target wasm32-unknown-unknown`): proves the build and test
//! pipeline works and that the page's API (src/wasm.rs) gives what app.js
//! expects: the report kept in Rust (a summary without rows for the page),
//! the CLI's exact JSON written in parts, and the rows for the table with
//! their findings.
#![cfg(target_arch = "wasm32")]

use foi_check::wasm::{WasmChecker, WasmFindings, WasmReport};
use foi_check::{check_bytes, Options, Report};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CSV: &[u8] =
    b"Staff list (synthetic)\n\nSurname,Initial,Rank\nMORGAN,J,Inspector\n\"O'NEILL, jr\",K,PC\n";

fn checked(chunks: &[&[u8]]) -> (WasmChecker, WasmReport) {
    let mut c = WasmChecker::new("staff.csv", JsValue::UNDEFINED).unwrap();
    c.keep_rows(1e6, None);
    for chunk in chunks {
        c.push(chunk).unwrap();
    }
    let report = c.finish().unwrap();
    (c, report)
}

type Row = (u64, Vec<(u32, String)>, Option<foi_check::RowFinding>);
/// A row as `viewRead` gives it: its view index first.
type Indexed = (u32, u64, Vec<(u32, String)>, Option<foi_check::RowFinding>);

/// View rows `indexes` as the worker reads them: the spans the view names,
/// each read from the file's bytes (`file`) and parsed; `None` for an index
/// not in the view.
fn view_rows(
    c: &WasmChecker,
    indexes: &[u32],
    file: &[u8],
    report: &WasmReport,
) -> Vec<Option<Row>> {
    let spans = c.view_spans(indexes);
    let mut got = std::collections::HashMap::new();
    for s in spans.chunks(4) {
        let (from, to) = (s[2] as usize, s[3] as usize);
        let json = c
            .view_read(s[0] as u32, s[1] as u32, s[2], &file[from..to], report)
            .unwrap();
        let rows: Vec<Indexed> = serde_json::from_str(&json).unwrap();
        for (k, row, cells, finding) in rows {
            got.insert(k, (row, cells, finding));
        }
    }
    indexes.iter().map(|k| got.remove(k)).collect()
}

/// The findings file as the worker writes it: part by part.
fn findings(reports: &mut [WasmReport]) -> String {
    let mut w = WasmFindings::new(reports.len() as u32);
    let mut out = Vec::new();
    for r in reports.iter_mut() {
        out.extend(w.begin(r).unwrap());
        loop {
            let part = w.next(r).unwrap();
            if part.is_empty() {
                break;
            }
            out.extend(part);
        }
    }
    out.extend(w.end());
    String::from_utf8(out).unwrap()
}

#[wasm_bindgen_test]
fn report_in_chunks_equals_the_native_core() {
    let (_, mut report) = checked(&[&CSV[..7], &CSV[7..30], &CSV[30..]]);
    let native = check_bytes("staff.csv", CSV, &Options::default());
    assert_eq!(
        findings(std::slice::from_mut(&mut report)),
        serde_json::to_string_pretty(&native).unwrap() + "\n"
    );
    // the page's summary is the report without its rows
    let summary: Report = serde_json::from_str(&report.summary().unwrap()).unwrap();
    assert!(summary.rows.is_empty());
    assert_eq!(
        summary,
        Report {
            rows: Vec::new(),
            ..native
        }
    );
    assert_eq!(summary.bytes, CSV.len() as u64);
    assert_eq!(summary.rows_checked, 5);
}

#[wasm_bindgen_test]
fn findings_are_the_clis_pretty_json() {
    let r = check_bytes("staff.csv", CSV, &Options::default());
    assert_eq!(r.rows.len(), 2);
    let (_, a) = checked(&[CSV]);
    let (_, b) = checked(&[CSV]);
    let mut both = [a, b];
    assert_eq!(
        findings(&mut both),
        serde_json::to_string_pretty(&vec![r.clone(), r]).unwrap() + "\n"
    );
    // a file with no flagged rows: `"rows": []` as serde writes it
    let mut c = WasmChecker::new("counts.csv", JsValue::UNDEFINED).unwrap();
    c.push(b"Year,Count\n2023,140\n").unwrap();
    let mut none = [c.finish().unwrap()];
    let native = check_bytes("counts.csv", b"Year,Count\n2023,140\n", &Options::default());
    assert!(native.rows.is_empty());
    assert_eq!(
        findings(&mut none),
        serde_json::to_string_pretty(&native).unwrap() + "\n"
    );
}

#[wasm_bindgen_test]
fn the_view_keeps_every_row_with_its_spreadsheet_number() {
    // the view is a tap on the checker's parse: chunk boundaries change nothing
    let (c, report) = checked(&[&CSV[..9], &CSV[9..41], &CSV[41..]]);
    // title, header and two data rows; the blank row 2 is not kept
    assert_eq!(c.view_length(), 4);
    let rows: Vec<Row> = view_rows(&c, &[0, 1, 2, 3], CSV, &report)
        .into_iter()
        .map(Option::unwrap)
        .collect();
    let numbers: Vec<u64> = rows.iter().map(|r| r.0).collect();
    assert_eq!(numbers, [1, 3, 4, 5]);
    assert_eq!(
        rows[3].1,
        [
            (0, "O'NEILL, jr".to_string()),
            (1, "K".to_string()),
            (2, "PC".to_string())
        ]
    );
    // each flagged row comes with its finding, exactly as in the report
    let native = check_bytes("staff.csv", CSV, &Options::default());
    assert_eq!(rows[2].2.as_ref(), native.rows.first());
    assert_eq!(rows[3].2.as_ref(), native.rows.get(1));
    assert!(rows[0].2.is_none() && rows[1].2.is_none());
    // rows asked for one by one, out of order, and one not in the view
    let some = view_rows(&c, &[3, 0, 9], CSV, &report);
    assert_eq!(some[0].as_ref().map(|r| r.0), Some(5));
    assert_eq!(some[1].as_ref().map(|r| r.0), Some(1));
    assert!(some[2].is_none());
    assert_eq!(c.flagged_view(&report), [2, 3]);
    assert_eq!(c.view_find(&[4.0, 2.0]), [2, u32::MAX]);
    assert_eq!(search(&c, "o'neill", CSV), [3]);
    assert_eq!(search(&c, "MORGAN", CSV), [2]);
    assert!(c.view_search("").is_none());
    assert!(!c.view_truncated());
}

/// A search as the worker runs it: the file's bytes from..to, in small slices.
fn search(c: &WasmChecker, needle: &str, file: &[u8]) -> Vec<u32> {
    let mut s = c.view_search(needle).unwrap();
    let (from, to) = (s.from() as usize, s.to() as usize);
    for piece in file[from..to].chunks(7) {
        s.push(piece).unwrap();
    }
    s.finish().unwrap()
}

#[wasm_bindgen_test]
fn a_changed_file_is_an_error_not_wrong_rows() {
    let (c, report) = checked(&[CSV]);
    let spans = c.view_spans(&[3]);
    let (from, to) = (spans[2] as usize, spans[3] as usize);
    // the bytes where row 5 was are now something else: a row of a different
    // number (a line break more) is not taken for it
    let mut changed = b"\n".to_vec();
    changed.extend_from_slice(&CSV[from..to]);
    assert!(c.view_read(3, 3, spans[2], &changed, &report).is_err());
    // a search of a file cut short says so
    let mut s = c.view_search("pc").unwrap();
    s.push(&CSV[s.from() as usize..CSV.len() - 20]).unwrap();
    assert!(s.finish().is_err());
}

#[wasm_bindgen_test]
fn the_view_stops_at_its_limit_but_the_check_does_not() {
    let mut c = WasmChecker::new("staff.csv", JsValue::UNDEFINED).unwrap();
    // room for two rows (16 bytes each)
    c.keep_rows(40.0, Some(1e4));
    c.push(CSV).unwrap();
    let mut report = c.finish().unwrap();
    let report: Report = serde_json::from_str(&report.summary().unwrap()).unwrap();
    assert_eq!(report.rows_checked, 5);
    assert!(c.view_truncated());
    assert_eq!(c.view_length(), 2);
}

#[wasm_bindgen_test]
fn the_view_puts_side_by_side_tables_in_their_columns() {
    // a pivot (columns A-B) and its source data (D-F) on the same rows
    let csv = include_bytes!("fixtures/read/side_by_side.csv");
    let (c, report) = checked(&[csv]);
    let rows: Vec<Row> = view_rows(&c, &[1, 3], csv, &report)
        .into_iter()
        .map(Option::unwrap)
        .collect();
    let cells = |k: usize| -> Vec<(u32, &str)> {
        rows[k].1.iter().map(|(c, t)| (*c, t.as_str())).collect()
    };
    assert_eq!(rows[0].0, 2);
    assert_eq!(
        cells(0),
        [
            (0, "Constable"),
            (1, "2"),
            (3, "SMITH"),
            (4, "John"),
            (5, "Constable")
        ]
    );
    assert_eq!(rows[1].0, 4);
    assert_eq!(cells(1), [(3, "BROWN"), (4, "Al"), (5, "Constable")]);
}

/// The worker's warm-up file is a real staff list to the checker (so that
/// checking it runs the code a staff list needs): every row read, every
/// officer flagged, one table, no errors; and the same bytes every time.
#[wasm_bindgen_test]
fn warm_up_sample_is_a_staff_list_the_check_flags() {
    let bytes = foi_check::wasm::warm_up_sample(500);
    assert_eq!(bytes, foi_check::wasm::warm_up_sample(500));
    let report = check_bytes("warm-up.csv", &bytes, &Options::default());
    assert!(
        report.complete && report.errors.is_empty(),
        "{:?}",
        report.errors
    );
    assert_eq!(report.rows_checked, 501);
    assert_eq!(report.tables.len(), 1);
    assert_eq!(report.summary.rows_flagged, 500);
    assert_eq!(
        report.summary.staff + report.summary.staff_senior,
        500,
        "{:?}",
        report.summary
    );
    assert!(report.summary.staff_senior > 0, "{:?}", report.summary);
}

/// The memory readied while the page waits is the memory a check then uses:
/// the WebAssembly memory grows to hold it, and checking a staff list after
/// it grows the memory no further.
#[wasm_bindgen_test]
fn reserved_memory_is_used_by_the_next_check() {
    use wasm_bindgen::JsCast;
    let bytes_now = || {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        memory
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length() as usize
    };
    let file = foi_check::wasm::warm_up_sample(20_000);
    let mb = bytes_now() / (1 << 20) + 48;
    foi_check::wasm::reserve_memory(mb as u32);
    let reserved = bytes_now();
    assert!(
        reserved >= mb << 20,
        "{reserved} bytes after reserving {mb} MB"
    );
    let (_, mut report) = checked(&[&file]);
    let summary: Report = serde_json::from_str(&report.summary().unwrap()).unwrap();
    assert_eq!(summary.rows_checked, 20_001);
    assert_eq!(bytes_now(), reserved, "the check grew the memory");
}
