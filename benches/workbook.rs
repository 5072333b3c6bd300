//! Workbook benchmark: the benchmark's synthetic staff list as an Excel
//! workbook (.xlsx, its parts deflated, text in shared strings as Excel
//! writes it, the sheet hidden), read into CSV and checked as the CLI and
//! the page do.
//!
//! ```text
//! cargo bench --bench workbook                  # or: make bench
//! FOI_BENCH_MB=100 cargo bench --bench workbook # the staff list's size in CSV
//! ```
//!
//! Prints, best of 3 runs: (a) reading the workbook into CSV
//! (`read::xlsx::sheets`: unzip, parse the sheet's XML, write CSV), as MB/s
//! of the workbook and of the CSV it gives; (b) the whole path
//! (`workbook::split` then a one-thread `Checker` per sheet, as the page's
//! WebAssembly runs it), as MB/s of CSV; and the CSV check alone for
//! comparison. Also rows, flagged rows and peak resident memory. It prints
//! figures and never fails on speed. Figures are marked not valid when the
//! workbook's CSV is not the staff list's records or nothing was flagged.

#[path = "../examples/synth/mod.rs"]
mod synth;

use foi_check::detect::column_letters;
use foi_check::read::{xlsx, Reader, Sink, Table};
use foi_check::{workbook, Checker, Options, Report, Threads};
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

const CHUNK: usize = 8 << 20;
const RUNS: usize = 3;

/// The staff list's records, as the reader gives them (its header comes
/// with the table; the list starts with it, in column A).
#[derive(Default)]
struct Records(Vec<Vec<String>>);

impl Sink for Records {
    fn table_start(&mut self, t: &Table) {
        self.0.push(t.header.clone());
    }
    fn record(&mut self, _: Option<usize>, _: u64, fields: &[&str]) {
        self.0.push(fields.iter().map(|f| f.to_string()).collect());
    }
    fn table_end(&mut self, _: usize, _: u64) {}
}

fn xml_escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// The sheet's XML and its shared strings, as Excel writes them: every
/// cell a reference to a shared string, with its cell reference.
fn sheet_xml(records: &[Vec<String>]) -> (String, String) {
    let cols: Vec<String> = (0..64).map(column_letters).collect();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut shared = String::new();
    let mut count = 0usize;
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (i, rec) in records.iter().enumerate() {
        let r = i + 1;
        let _ = write!(x, r#"<row r="{r}">"#);
        for (c, v) in rec.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            count += 1;
            let next = index.len();
            let k = *index.entry(v.as_str()).or_insert_with(|| {
                shared.push_str(r#"<si><t xml:space="preserve">"#);
                xml_escape(v, &mut shared);
                shared.push_str("</t></si>");
                next
            });
            let col = cols.get(c).cloned().unwrap_or_else(|| column_letters(c));
            let _ = write!(x, r#"<c r="{col}{r}" t="s"><v>{k}</v></c>"#);
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    let sst = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" uniqueCount="{}">{shared}</sst>"#,
        index.len()
    );
    (x, sst)
}

fn crc32(data: &[u8]) -> u32 {
    let table: Vec<u32> = (0..256u32)
        .map(|i| {
            (0..8).fold(i, |c, _| {
                if c & 1 == 1 {
                    (c >> 1) ^ 0xEDB8_8320
                } else {
                    c >> 1
                }
            })
        })
        .collect();
    !data.iter().fold(!0u32, |c, &b| {
        table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

/// A ZIP of `(name, data, deflate)` entries.
fn zip(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data, deflate) in entries {
        let body = if *deflate {
            miniz_oxide::deflate::compress_to_vec(data, 1)
        } else {
            data.to_vec()
        };
        let offset = out.len() as u32;
        let mut common = Vec::new();
        common.extend_from_slice(&20u16.to_le_bytes()); // version needed
        common.extend_from_slice(&0u16.to_le_bytes()); // flags
        common.extend_from_slice(&(if *deflate { 8u16 } else { 0 }).to_le_bytes());
        common.extend_from_slice(&0u32.to_le_bytes()); // time, date
        common.extend_from_slice(&crc32(data).to_le_bytes());
        common.extend_from_slice(&(body.len() as u32).to_le_bytes());
        common.extend_from_slice(&(data.len() as u32).to_le_bytes());
        common.extend_from_slice(&(name.len() as u16).to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // extra
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&body);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        central.extend_from_slice(&common);
        central.extend_from_slice(&[0; 6]); // comment, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let at = out.len() as u32;
    let n = entries.len() as u16;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&[0; 2]);
    out
}

fn book(sheet: &[u8], shared: &[u8]) -> Vec<u8> {
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
    let wb = r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Staff" sheetId="1" state="hidden" r:id="rId1"/></sheets></workbook>"#;
    zip(&[
        ("[Content_Types].xml", b"<Types/>", false),
        ("xl/workbook.xml", wb.as_bytes(), true),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes(), true),
        ("xl/worksheets/sheet1.xml", sheet, true),
        ("xl/sharedStrings.xml", shared, true),
    ])
}

fn check(name: &str, csv: &[u8], warnings: Vec<String>) -> Report {
    let mut c = Checker::new(name, Options::default())
        .with_threads(Threads::One)
        .with_warnings(warnings);
    for part in csv.chunks(CHUNK) {
        if c.push(part).is_err() {
            break;
        }
    }
    c.finish()
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let mb: usize = std::env::var("FOI_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if quick { 1 } else { 50 });

    let t = Instant::now();
    let (csv, records) = synth::big_staff_list(synth::BENCH_SEED, mb * 1_000_000);
    let mut rows = Records::default();
    let mut reader = Reader::new();
    let read = reader
        .push(&csv, &mut rows)
        .and_then(|()| reader.finish(&mut rows));
    if let Err(e) = read {
        println!("the staff list did not read: {e}");
        return;
    }
    let (xml, sst) = sheet_xml(&rows.0);
    let bytes = book(xml.as_bytes(), sst.as_bytes());
    println!(
        "input: the synthetic staff list ({:.1} MB as CSV, {records} records) as a workbook of {:.1} MB (sheet XML {:.1} MB and shared strings {:.1} MB, deflated; built in {:.1} s)",
        csv.len() as f64 / 1e6,
        bytes.len() as f64 / 1e6,
        xml.len() as f64 / 1e6,
        sst.len() as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    drop((xml, sst));

    let mut best_read = Duration::MAX;
    let mut sheet_csv = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        match xlsx::sheets(black_box(&bytes)) {
            Ok(mut b) => {
                best_read = best_read.min(t.elapsed());
                sheet_csv = b.sheets.pop().map(|s| s.csv).unwrap_or_default();
            }
            Err(e) => {
                println!("the workbook did not read: {e}");
                return;
            }
        }
    }
    let mut best_all = Duration::MAX;
    let mut report = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        let Ok(Some(sheets)) = workbook::split("staff.xlsx", black_box(&bytes)) else {
            println!("the workbook did not split");
            return;
        };
        let reports: Vec<Report> = sheets
            .into_iter()
            .map(|s| check(&s.name, &s.csv, s.warnings))
            .collect();
        best_all = best_all.min(t.elapsed());
        report = reports.into_iter().next();
    }
    let mut best_csv = Duration::MAX;
    for _ in 0..RUNS {
        let t = Instant::now();
        black_box(check("staff.csv", &sheet_csv, Vec::new()));
        best_csv = best_csv.min(t.elapsed());
    }
    let Some(report) = report else { return };
    let valid = report.complete
        && report.rows_checked == records
        && report.summary.rows_flagged > 0
        && report
            .warnings
            .first()
            .is_some_and(|w| w.reason.contains("hidden"));

    println!(
        "(a) workbook to CSV:        {:>7.1} MB/s of workbook, {:>7.1} MB/s of CSV ({:.2} s, {:.1} MB of CSV)",
        synth::mbs(bytes.len(), best_read),
        synth::mbs(sheet_csv.len(), best_read),
        best_read.as_secs_f64(),
        sheet_csv.len() as f64 / 1e6
    );
    println!(
        "(b) workbook, checked:      {:>7.1} MB/s of CSV ({:.2} s; one thread, as in the page)",
        synth::mbs(sheet_csv.len(), best_all),
        best_all.as_secs_f64()
    );
    println!(
        "    its CSV alone, checked: {:>7.1} MB/s ({:.2} s)",
        synth::mbs(sheet_csv.len(), best_csv),
        best_csv.as_secs_f64()
    );
    println!(
        "rows checked {}, flagged {}; peak memory {}{}",
        report.rows_checked,
        report.summary.rows_flagged,
        synth::peak_rss_mb().map_or("n/a".to_string(), |m| format!("{m:.0} MB")),
        if valid {
            ""
        } else {
            "  (NOT VALID: not every row read, nothing flagged or no hidden-sheet warning)"
        }
    );
}
