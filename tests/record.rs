//! Issue 6 §2: the audit record. Built from real checks of embedded files,
//! so the suite also runs in wasm.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use foi_check::record::{
    escape_html, format_utc, sha256_hex, FileRecord, Hasher, Record, RecordOptions,
};
use foi_check::redact::{safe_copy, Policy};
use foi_check::report::{Kind, Reason, RowFinding};
use foi_check::{check_bytes, Options};

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn html_escape() {
    let cases = [
        ("plain", "plain"),
        (
            "<script>alert(1)</script>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
        ),
        ("a & b", "a &amp; b"),
        ("\"onerror='x'", "&quot;onerror=&#39;x&#39;"),
        (
            "<img src=x onerror=alert(1)>",
            "&lt;img src=x onerror=alert(1)&gt;",
        ),
        ("bell\u{7}", "bell\u{FFFD}"),
        ("line\nbreak", "line\nbreak"),
        ("\u{202E}evil", "\u{202E}evil"),
    ];
    for (input, want) in cases {
        assert_eq!(escape_html(input), want, "{input:?}");
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn hashes_and_dates() {
    // FIPS 180-2 test vectors.
    assert_eq!(
        sha256_hex(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    let mut h = Hasher::new();
    for c in b"abc".chunks(1) {
        h.push(c);
    }
    assert_eq!(h.finish(), sha256_hex(b"abc"));
    for (secs, want) in [
        (0, "1970-01-01T00:00:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (1_700_000_000, "2023-11-14T22:13:20Z"),
        (4_107_542_399, "2100-02-28T23:59:59Z"),
    ] {
        assert_eq!(format_utc(secs), want);
    }
}

fn sample() -> (Vec<u8>, foi_check::Report) {
    let csv = b"Name,Note\nJane <b>Doe</b>,\"=HYPERLINK(\"\"http://x\"\")\"\n".to_vec();
    let mut report = check_bytes("notes <1>.csv", &csv, &Options::default());
    // A finding as the detector gives one, with markup in the matched text.
    report.rows.push(RowFinding {
        row: 2,
        kind: Kind::Person,
        table: Some(0),
        reasons: vec![Reason {
            rule: "name.full".into(),
            column: "Name".into(),
            text: "Jane <b>Doe</b>".into(),
            why: "Name (Name): Jane <b>Doe</b>".into(),
        }]
        .into(),
    });
    report.summary.add(Kind::Person);
    (csv, report)
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn record_with_and_without_values() {
    let (csv, report) = sample();
    for values in [true, false] {
        let mut rec = Record::new(&RecordOptions {
            created: "2026-03-01T10:00:00Z".into(),
            reference: "FOI/2026/<42>".into(),
            note: "Checked & \"approved\"".into(),
            values,
        });
        rec.add(FileRecord::new(&report, &sha256_hex(&csv), values), &report);
        let json = rec.to_json();
        let back: Record = serde_json::from_str(&json).unwrap();
        assert_eq!(back, rec);
        let html = rec.to_html();
        // Self-contained and inert: a strict CSP, no script, no external resource.
        assert!(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'"));
        for bad in ["<script", "http://", "https://", "<link", "<img", "<b>"] {
            assert!(!html.contains(bad), "values {values}: {bad} in the page");
        }
        assert!(html.contains("@page{size:A4"));
        assert!(html.contains("notes &lt;1&gt;.csv"));
        assert!(html.contains("FOI/2026/&lt;42&gt;"));
        assert!(html.contains("Checked &amp; &quot;approved&quot;"));
        assert!(html.contains(&sha256_hex(&csv)));
        assert!(html.contains(env!("CARGO_PKG_VERSION")));
        assert!(html.contains("name.full"));
        assert_eq!(
            html.contains("Jane &lt;b&gt;Doe"),
            values,
            "values {values}"
        );
        assert_eq!(json.contains("Jane <b>Doe"), values, "values {values}");
        assert_eq!(back.files[0].findings[0].row, 2);
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn record_of_a_safe_copy_names_both_hashes() {
    let csv =
        b"Officers\nRank,Lisburn,Newry,Total\nConstable,40,22,62\nSergeant,6,2,8\nTotal,46,24,70\n";
    let report = check_bytes("c.csv", csv, &Options::default());
    let policy = Policy::default_for(&report);
    let copy = safe_copy("c.csv", csv, &policy, &Options::default()).unwrap();
    let mut rec = Record::new(&RecordOptions::default());
    let file = FileRecord::new(&copy.report_before, &sha256_hex(csv), false).with_safe_copy(
        "c-safe.csv",
        &copy.bytes,
        &copy.report_after,
        &policy,
        &copy.outcome,
    );
    rec.add(file, &copy.report_before);
    let s = rec.files[0].safe_copy.as_ref().unwrap();
    assert_eq!(s.sha256, sha256_hex(&copy.bytes));
    assert_ne!(s.sha256, rec.files[0].sha256);
    assert_eq!(s.rows_checked_after, 5);
    assert_eq!(s.summary_after.small_count, 0);
    assert!(s.outcome.counts_suppressed >= 1 && s.outcome.secondary_suppressed >= 1);
    let html = rec.to_html();
    assert!(html.contains("Decisions for the safe copy") && html.contains(&s.sha256));
    assert!(html.contains("0 rows identify anyone"));
}

/// A workbook's sheet: the record says its hash is the workbook's, and its
/// size that of the cells checked; a CSV file's entry says neither.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_sheet_is_recorded_with_its_workbooks_hash() {
    let csv = b"Surname,Rank\nMORGAN,Inspector\n";
    for (name, sheet) in [("book.xlsx, sheet \"Staff\"", true), ("staff.csv", false)] {
        let report = check_bytes(name, csv, &Options::default());
        let mut rec = Record::new(&RecordOptions {
            created: "2026-03-01T10:00:00Z".into(),
            reference: String::new(),
            note: String::new(),
            values: false,
        });
        rec.add(FileRecord::new(&report, "ab12", false), &report);
        let html = rec.to_html();
        assert_eq!(html.contains("SHA-256 of the workbook"), sheet, "{name}");
        assert_eq!(html.contains("bytes of cells (as CSV)"), sheet, "{name}");
        assert!(html.contains("ab12"));
    }
}
