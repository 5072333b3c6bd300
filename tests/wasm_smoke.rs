//! The wasm adapter, run in headless Chromium by `make test-wasm`
//! (`cargo test --target wasm32-unknown-unknown`): proves the build and test
//! pipeline works and that the page's API (src/wasm.rs) gives what app.js
//! expects: the report, the CLI's exact JSON, and the rows for the table.
#![cfg(target_arch = "wasm32")]

use foi_check::wasm::{findings_json, WasmChecker};
use foi_check::{check_bytes, Options, Report};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CSV: &[u8] =
    b"Staff list (synthetic)\n\nSurname,Initial,Rank\nMORGAN,J,Inspector\n\"O'NEILL, jr\",K,PC\n";

fn checked(chunks: &[&[u8]]) -> (WasmChecker, Report) {
    let mut c = WasmChecker::new("staff.csv", JsValue::UNDEFINED).unwrap();
    c.keep_rows(1e6);
    for chunk in chunks {
        c.push(chunk).unwrap();
    }
    let json = c.finish().unwrap();
    (c, serde_json::from_str(&json).unwrap())
}

#[wasm_bindgen_test]
fn report_in_chunks_equals_the_native_core() {
    let (_, report) = checked(&[&CSV[..7], &CSV[7..30], &CSV[30..]]);
    assert_eq!(report, check_bytes("staff.csv", CSV, &Options::default()));
    assert_eq!(report.bytes, CSV.len() as u64);
    assert_eq!(report.rows_checked, 5);
}

#[wasm_bindgen_test]
fn findings_json_is_the_clis_pretty_json() {
    let r = check_bytes("staff.csv", CSV, &Options::default());
    let one = serde_json::to_string(&r).unwrap();
    assert_eq!(
        findings_json(&format!("[{one}]")).unwrap(),
        serde_json::to_string_pretty(&r).unwrap() + "\n"
    );
    let two = findings_json(&format!("[{one},{one}]")).unwrap();
    assert_eq!(
        two,
        serde_json::to_string_pretty(&vec![r.clone(), r]).unwrap() + "\n"
    );
}

#[wasm_bindgen_test]
fn the_view_keeps_every_row_with_its_spreadsheet_number() {
    // the view is a tap on the checker's parse: chunk boundaries change nothing
    let (c, _) = checked(&[&CSV[..9], &CSV[9..41], &CSV[41..]]);
    // title, header and two data rows; the blank row 2 is not kept
    assert_eq!(c.view_length(), 4);
    let rows: Vec<(u64, Vec<(u32, String)>)> =
        serde_json::from_str(&c.view_rows(&[0, 1, 2, 3]).unwrap()).unwrap();
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
    assert_eq!(c.view_find(&[4.0, 2.0]), [2, u32::MAX]);
    assert_eq!(c.view_search("o'neill"), [3]);
    assert!(!c.view_truncated());
}

#[wasm_bindgen_test]
fn the_view_stops_at_its_limit_but_the_check_does_not() {
    let mut c = WasmChecker::new("staff.csv", JsValue::UNDEFINED).unwrap();
    c.keep_rows(40.0);
    c.push(CSV).unwrap();
    let report: Report = serde_json::from_str(&c.finish().unwrap()).unwrap();
    assert_eq!(report.rows_checked, 5);
    assert!(c.view_truncated());
    assert!(c.view_length() < 4);
}
