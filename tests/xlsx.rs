//! Excel workbooks (.xlsx) to sheets of CSV text (`src/read/xlsx.rs`).
//!
//! Every workbook is built here, with a tiny ZIP writer, and every case runs
//! twice: with the parts stored and with them deflated. Runs natively and in
//! headless Chromium on wasm32.
#![allow(missing_docs)]

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use foi_check::read::xlsx::{self, Limits, SheetState, Workbook};
use foi_check::{check_bytes, ErrorKind, Options};

macro_rules! test {
    (fn $name:ident() $body:block) => {
        #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        #[cfg_attr(not(target_arch = "wasm32"), test)]
        fn $name() $body
    };
}

// ---------------------------------------------------------------------------
// A tiny ZIP writer

/// CRC-32 (IEEE), bit by bit: independent of the reader's table.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Method {
    Stored,
    Deflated,
}

/// One file of a ZIP, with ways to damage it.
#[derive(Clone)]
struct Entry {
    name: String,
    data: Vec<u8>,
    method: Method,
    /// Overrides: the method number written, the flags, the CRC, the stored bytes.
    method_id: Option<u16>,
    flags: u16,
    crc: Option<u32>,
    raw: Option<Vec<u8>>,
}

fn entry(name: &str, data: &[u8], method: Method) -> Entry {
    Entry {
        name: name.to_string(),
        data: data.to_vec(),
        method,
        method_id: None,
        flags: 0,
        crc: None,
        raw: None,
    }
}

fn zip(entries: &[Entry]) -> Vec<u8> {
    zip_with_count(entries, None)
}

/// A ZIP archive; `count` overrides the number of entries in the end record.
fn zip_with_count(entries: &[Entry], count: Option<u16>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let (id, packed) = match e.method {
            Method::Stored => (0u16, e.data.clone()),
            Method::Deflated => (8, miniz_oxide::deflate::compress_to_vec(&e.data, 6)),
        };
        let id = e.method_id.unwrap_or(id);
        let packed = e.raw.clone().unwrap_or(packed);
        let crc = e.crc.unwrap_or_else(|| crc32(&e.data));
        let offset = out.len() as u32;
        let name = e.name.as_bytes();
        let sizes = |v: &mut Vec<u8>| {
            v.extend_from_slice(&crc.to_le_bytes());
            v.extend_from_slice(&(packed.len() as u32).to_le_bytes());
            v.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
            v.extend_from_slice(&(name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // extra
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes());
        out.extend_from_slice(&e.flags.to_le_bytes());
        out.extend_from_slice(&id.to_le_bytes());
        out.extend_from_slice(&[0; 4]); // time, date
        sizes(&mut out);
        out.extend_from_slice(name);
        out.extend_from_slice(&packed);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&e.flags.to_le_bytes());
        central.extend_from_slice(&id.to_le_bytes());
        central.extend_from_slice(&[0; 4]);
        sizes(&mut central);
        central.extend_from_slice(&[0; 10]); // comment, disk, attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    let n = count.unwrap_or(entries.len() as u16);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

// ---------------------------------------------------------------------------
// Workbooks

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A worksheet's XML around `sheet_data` (the rows) and `before` (e.g. `<cols>`).
fn worksheet(before: &str, sheet_data: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{MAIN}" xmlns:r="{RELS}"><dimension ref="A1"/>{before}<sheetData>{sheet_data}</sheetData><pageMargins left="0.7"/></worksheet>"#
    )
}

/// A sheet of a workbook to build.
struct SheetSpec<'a> {
    name: &'a str,
    state: Option<&'a str>,
    /// The whole worksheet XML.
    xml: String,
}

fn sheet<'a>(name: &'a str, state: Option<&'a str>, rows: &str) -> SheetSpec<'a> {
    SheetSpec {
        name,
        state,
        xml: worksheet("", rows),
    }
}

/// A workbook: its sheets (stored as `xl/worksheets/sheetN.xml`, N from 1),
/// shared strings and styles when given (found through the relationships),
/// `<workbookPr>` attributes, and other files.
struct Book<'a> {
    sheets: Vec<SheetSpec<'a>>,
    shared: Option<&'a str>,
    styles: Option<&'a str>,
    workbook_pr: &'a str,
    extra: Vec<Entry>,
}

impl<'a> Book<'a> {
    fn new(sheets: Vec<SheetSpec<'a>>) -> Self {
        Book {
            sheets,
            shared: None,
            styles: None,
            workbook_pr: "",
            extra: Vec::new(),
        }
    }

    fn entries(&self, method: Method) -> Vec<Entry> {
        let mut listed = String::new();
        let mut rels = String::new();
        let mut files = Vec::new();
        for (i, s) in self.sheets.iter().enumerate() {
            let n = i + 1;
            let state = s
                .state
                .map(|st| format!(r#" state="{st}""#))
                .unwrap_or_default();
            listed.push_str(&format!(
                r#"<sheet name="{}" sheetId="{n}"{state} r:id="rId{n}"/>"#,
                s.name
            ));
            rels.push_str(&format!(
                r#"<Relationship Id="rId{n}" Type="{RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>"#
            ));
            files.push(entry(
                &format!("xl/worksheets/sheet{n}.xml"),
                s.xml.as_bytes(),
                method,
            ));
        }
        if let Some(sst) = self.shared {
            rels.push_str(&format!(
                r#"<Relationship Id="rIdS" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>"#
            ));
            let xml = format!(r#"<?xml version="1.0"?><sst xmlns="{MAIN}">{sst}</sst>"#);
            files.push(entry("xl/sharedStrings.xml", xml.as_bytes(), method));
        }
        if let Some(styles) = self.styles {
            // Not at the usual path: found through the relationship only.
            rels.push_str(&format!(
                r#"<Relationship Id="rIdT" Type="{RELS}/styles" Target="/xl/theme/../formats.xml"/>"#
            ));
            let xml =
                format!(r#"<?xml version="1.0"?><styleSheet xmlns="{MAIN}">{styles}</styleSheet>"#);
            files.push(entry("xl/formats.xml", xml.as_bytes(), method));
        }
        let workbook = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}"><workbookPr{}/><sheets>{listed}</sheets></workbook>"#,
            self.workbook_pr
        );
        let rels = format!(
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
        );
        let mut all = vec![
            entry("[Content_Types].xml", b"<Types/>", method),
            entry("xl/workbook.xml", workbook.as_bytes(), method),
            entry("xl/_rels/workbook.xml.rels", rels.as_bytes(), method),
        ];
        all.extend(files);
        all.extend(self.extra.iter().cloned());
        all
    }

    fn bytes(&self, method: Method) -> Vec<u8> {
        zip(&self.entries(method))
    }
}

const METHODS: [Method; 2] = [Method::Stored, Method::Deflated];

fn read(bytes: &[u8]) -> Workbook {
    match xlsx::sheets(bytes) {
        Ok(book) => book,
        Err(e) => panic!("not read: {e}"),
    }
}

fn csv(s: &[u8]) -> String {
    String::from_utf8(s.to_vec()).expect("CSV is UTF-8")
}

// ---------------------------------------------------------------------------
// Sheets and their states

test! {
    fn sheets_in_tab_order_with_their_states() {
        for method in METHODS {
            let mut book = Book::new(vec![
                sheet("Summary", None, r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Total</t></is></c></row>"#),
                sheet("Staff", Some("hidden"), r#"<row r="1"><c r="A1" t="inlineStr"><is><t>MORGAN</t></is></c></row>"#),
                sheet("Old &amp; new", Some("veryHidden"), r#"<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>"#),
                sheet("Shown", Some("visible"), ""),
            ]);
            // A chart sheet between them: listed, but it holds no cells.
            let mut entries = book.entries(method);
            for e in &mut entries {
                if e.name == "xl/workbook.xml" {
                    let xml = String::from_utf8(e.data.clone()).unwrap().replace(
                        r#"<sheet name="Staff""#,
                        r#"<sheet name="Chart1" sheetId="9" r:id="rIdC"/><sheet name="Staff""#,
                    );
                    e.data = xml.into_bytes();
                }
                if e.name == "xl/_rels/workbook.xml.rels" {
                    let xml = String::from_utf8(e.data.clone()).unwrap().replace(
                        "</Relationships>",
                        &format!(r#"<Relationship Id="rIdC" Type="{RELS}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>"#),
                    );
                    e.data = xml.into_bytes();
                }
            }
            entries.push(entry("xl/chartsheets/sheet1.xml", b"<chartsheet/>", method));
            book.extra.clear();
            let got = read(&zip(&entries));
            let seen: Vec<(&str, SheetState, String)> = got
                .sheets
                .iter()
                .map(|s| (s.name.as_str(), s.state, csv(&s.csv)))
                .collect();
            assert_eq!(
                seen,
                [
                    ("Summary", SheetState::Visible, "Total\r\n".to_string()),
                    ("Staff", SheetState::Hidden, "MORGAN\r\n".to_string()),
                    ("Old & new", SheetState::VeryHidden, "x\r\n".to_string()),
                    ("Shown", SheetState::Visible, String::new()),
                ],
                "{method:?}"
            );
            assert!(got.unchecked.is_empty());
        }
    }
}

test! {
    fn sheet_state_serialises_in_camel_case() {
        assert_eq!(serde_json::to_string(&SheetState::VeryHidden).unwrap(), "\"veryHidden\"");
        assert_eq!(serde_json::to_string(&SheetState::Hidden).unwrap(), "\"hidden\"");
    }
}

// ---------------------------------------------------------------------------
// Cells to CSV

const SHARED: &str = concat!(
    "<si><t>MORGAN</t></si>",
    // Rich text: runs joined.
    r#"<si><r><t>Jo</t></r><r><rPr><b/></rPr><t xml:space="preserve">hn </t></r><r><t>Smith</t></r></si>"#,
    // Phonetic runs are not the text.
    r#"<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>"#,
    "<si/>",
    "<si><t>a_x000D_b &amp; &#233;</t></si>",
);

const STYLES: &str = concat!(
    r#"<numFmts count="4">"#,
    r#"<numFmt numFmtId="164" formatCode="dd/mm/yyyy\ hh:mm"/>"#,
    r#"<numFmt numFmtId="165" formatCode="[h]:mm"/>"#,
    r#"<numFmt numFmtId="166" formatCode="&quot;Day &quot;0"/>"#,
    r#"<numFmt numFmtId="167" formatCode="[$-809]dd\ mmmm\ yyyy;@"/>"#,
    "</numFmts>",
    // Cell style formats come first and are not cell formats.
    r#"<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>"#,
    r#"<cellXfs count="8">"#,
    r#"<xf numFmtId="0"/>"#,                                // 0 general
    r#"<xf numFmtId="14" applyNumberFormat="1"/>"#,         // 1 date
    r#"<xf numFmtId="164"><alignment wrapText="1"/></xf>"#, // 2 date and time
    r#"<xf numFmtId="165"/>"#,                              // 3 elapsed hours
    r#"<xf numFmtId="166"/>"#,                              // 4 "Day "0: not a date
    r#"<xf numFmtId="22"/>"#,                               // 5 built-in date and time
    r#"<xf numFmtId="20"/>"#,                               // 6 built-in h:mm
    r#"<xf numFmtId="167"/>"#,                              // 7 long date, locale
    "</cellXfs>",
);

struct Case {
    name: &'static str,
    rows: &'static str,
    workbook_pr: &'static str,
    csv: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "shared strings: plain, rich text runs, phonetic runs, empty, escapes",
        rows: r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>"#,
        workbook_pr: "",
        csv: "MORGAN,John Smith,東京,,\"a\rb & é\"\r\n",
    },
    Case {
        name: "inline strings, numbers, booleans, errors, formula strings",
        rows: concat!(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Lisburn</t></is></c>"#,
            r#"<c r="B1" t="inlineStr"><is><r><t>Con</t></r><r><t>stable</t></r></is></c>"#,
            r#"<c r="C1"><v>42</v></c><c r="D1" t="n"><v>1.5E-3</v></c>"#,
            r#"<c r="E1" t="b"><v>1</v></c><c r="F1" t="b"><v>0</v></c>"#,
            r#"<c r="G1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="H1" t="e"><v>#N/A</v></c>"#,
            r#"<c r="I1" t="str"><f>A1&amp;"!"</f><v>Lisburn!</v></c></row>"#,
        ),
        workbook_pr: "",
        csv: "Lisburn,Constable,42,1.5E-3,TRUE,FALSE,#DIV/0!,#N/A,Lisburn!\r\n",
    },
    Case {
        name: "missing rows are empty records, so row numbers match Excel's",
        rows: r#"<row r="2"><c r="A2"><v>2</v></c></row><row r="5"><c r="A5"><v>5</v></c></row>"#,
        workbook_pr: "",
        csv: "\r\n2\r\n\r\n\r\n5\r\n",
    },
    Case {
        name: "rows and cells without r follow the one before",
        rows: concat!(
            r#"<row><c><v>1</v></c><c><v>2</v></c></row>"#,
            r#"<row><c r="C2"><v>3</v></c><c><v>4</v></c></row>"#,
            r#"<row r="4"><c><v>5</v></c></row><row><c r="B5"><v>6</v></c></row>"#,
        ),
        workbook_pr: "",
        csv: "1,2,,\r\n,,3,4\r\n,,,\r\n5,,,\r\n,6,,\r\n",
    },
    Case {
        name: "a cell in column C alone keeps its column",
        rows: r#"<row r="1"><c r="C1" t="str"><v>x</v></c></row>"#,
        workbook_pr: "",
        csv: ",,x\r\n",
    },
    Case {
        name: "cells out of order are put in column order; of a repeated cell the last is kept",
        rows: r#"<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c><c r="A1"><v>9</v></c></row>"#,
        workbook_pr: "",
        csv: "9,,3\r\n",
    },
    Case {
        name: "padded to the widest row; empty cells and trailing empty rows add nothing",
        rows: concat!(
            r#"<row r="1"><c r="A1"><v>1</v></c><c r="B1" s="1"/><c r="E1" s="1"/></row>"#,
            r#"<row r="2"><c r="A2"><v>1</v></c><c r="D2"><v>4</v></c></row>"#,
            r#"<row r="3"><c r="B3"><v>2</v></c><c r="C3" t="inlineStr"><is><t></t></is></c></row>"#,
            r#"<row r="9"><c r="A9" s="1"/></row><row r="10"/>"#,
        ),
        workbook_pr: "",
        csv: "1,,,\r\n1,,,4\r\n,2,,\r\n",
    },
    Case {
        name: "quoting: delimiters, quotes, line breaks, outer spaces",
        rows: concat!(
            r#"<row r="1">"#,
            r#"<c r="A1" t="inlineStr"><is><t>Morgan, J</t></is></c>"#,
            r#"<c r="B1" t="inlineStr"><is><t>say "hi"</t></is></c>"#,
            r#"<c r="C1" t="inlineStr"><is><t>line 1&#10;line 2</t></is></c>"#,
            r#"<c r="D1" t="inlineStr"><is><t xml:space="preserve"> lead</t></is></c>"#,
            r#"<c r="E1" t="inlineStr"><is><t xml:space="preserve">trail </t></is></c>"#,
            r#"<c r="F1" t="inlineStr"><is><t>a;b</t></is></c>"#,
            r#"<c r="G1" t="inlineStr"><is><t>a&#9;b</t></is></c>"#,
            r#"<c r="H1" t="inlineStr"><is><t>a|b</t></is></c>"#,
            r#"<c r="I1" t="inlineStr"><is><t>a&amp;b &lt;c&gt; 'd'</t></is></c>"#,
            r#"<c r="J1" t="inlineStr"><is><t>in the middle</t></is></c>"#,
            "</row>",
        ),
        workbook_pr: "",
        csv: "\"Morgan, J\",\"say \"\"hi\"\"\",\"line 1\nline 2\",\" lead\",\"trail \",\"a;b\",\"a\tb\",\"a|b\",a&b <c> 'd',in the middle\r\n",
    },
    Case {
        name: "A1 that starts like a PDF is quoted (the reader would refuse it); NULs are left out",
        rows: concat!(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>%PDF-1.4 scan</t></is></c>"#,
            r#"<c r="B1" t="inlineStr"><is><t>GIF89a</t></is></c>"#,
            r#"<c r="C1" t="inlineStr"><is><t>a_x0000_b</t></is></c></row>"#,
        ),
        workbook_pr: "",
        csv: "\"%PDF-1.4 scan\",GIF89a,ab\r\n",
    },
    Case {
        name: "dates, times and numbers that only look like them",
        rows: concat!(
            r#"<row r="1">"#,
            r#"<c r="A1" s="1"><v>45146</v></c>"#,              // built-in 14
            r#"<c r="B1" s="2"><v>45146.5</v></c>"#,            // dd/mm/yyyy hh:mm
            r#"<c r="C1" s="3"><v>1.25</v></c>"#,               // [h]:mm
            r#"<c r="D1" s="4"><v>7</v></c>"#,                  // "Day "0
            r#"<c r="E1" s="1"><v>60</v></c>"#,                 // Excel's 29/02/1900
            r#"<c r="F1" s="1"><v>61</v></c>"#,
            r#"<c r="G1" s="5"><v>45146.50001157407</v></c>"#,  // with seconds
            r#"<c r="H1" s="1"><v>-5</v></c>"#,                 // negative: a number
            r#"<c r="I1"><v>45146</v></c>"#,                    // general: a number
            r#"<c r="J1" s="6"><v>0.4305555555555556</v></c>"#, // h:mm
            r#"<c r="K1" s="7"><v>1</v></c>"#,                  // locale long date
            r#"<c r="L1" t="d"><v>2023-08-08T14:30:00Z</v></c>"#,
            r#"<c r="M1" t="d" s="1"><v>2023-08-08T14:30:00</v></c>"#,
            r#"<c r="N1" s="1"><v>99999999</v></c>"#,           // after 9999: a number
            r#"<c r="O1" s="99"><v>3</v></c>"#,                 // no such format: a number
            r#"<c r="P1" t="d"><v>2023-08-08T00:00:00</v></c>"#, // midnight, no format: the date
            "</row>",
        ),
        workbook_pr: "",
        csv: "08/08/2023,08/08/2023 12:00,30:00,7,29/02/1900,01/03/1900,08/08/2023 12:00:01,-5,45146,10:20,01/01/1900,08/08/2023 14:30,08/08/2023,99999999,3,08/08/2023\r\n",
    },
    Case {
        name: "the 1904 date system",
        rows: r#"<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>43684</v></c><c r="C1" s="2"><v>1.75</v></c></row>"#,
        workbook_pr: r#" date1904="1""#,
        csv: "01/01/1904,08/08/2023,02/01/1904 18:00\r\n",
    },
    Case {
        name: "an empty sheet gives no CSV",
        rows: r#"<row r="1"><c r="A1" s="1"/></row><row r="3" hidden="1"/>"#,
        workbook_pr: "",
        csv: "",
    },
];

test! {
    fn cells_to_csv() {
        for method in METHODS {
            for case in CASES {
                let mut book = Book::new(vec![sheet("Data", None, case.rows)]);
                book.shared = Some(SHARED);
                book.styles = Some(STYLES);
                book.workbook_pr = case.workbook_pr;
                let got = match xlsx::sheets(&book.bytes(method)) {
                    Ok(got) => got,
                    Err(e) => panic!("{} ({method:?}): {e}", case.name),
                };
                assert_eq!(got.sheets.len(), 1, "{}", case.name);
                assert_eq!(csv(&got.sheets[0].csv), case.csv, "{} ({method:?})", case.name);
                // The CSV reader takes every sheet for text (an empty one
                // is a file with nothing to check).
                if case.csv.is_empty() {
                    continue;
                }
                let report = check_bytes("book.xlsx - Data", &got.sheets[0].csv, &Options::default());
                assert!(report.errors.is_empty(), "{}: {:?}", case.name, report.errors);
            }
        }
    }
}

test! {
    fn shared_strings_and_styles_at_their_usual_paths_without_relationships() {
        let sst = format!(r#"<sst xmlns="{MAIN}"><si><t>Sergeant</t></si></sst>"#);
        let styles = format!(
            r#"<styleSheet xmlns="{MAIN}"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#
        );
        let mut book = Book::new(vec![sheet(
            "S",
            None,
            r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45146</v></c></row>"#,
        )]);
        book.extra = vec![
            entry("xl/SharedStrings.xml", sst.as_bytes(), Method::Deflated),
            entry("xl/styles.xml", styles.as_bytes(), Method::Stored),
        ];
        let got = read(&book.bytes(Method::Stored));
        assert_eq!(csv(&got.sheets[0].csv), "Sergeant,08/08/2023\r\n");
    }
}

test! {
    fn strict_ooxml_and_prefixed_names() {
        let strict = r#"<?xml version="1.0"?><x:worksheet xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main"><x:sheetData><x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>Strict</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>"#;
        let mut book = Book::new(vec![SheetSpec { name: "S", state: None, xml: strict.to_string() }]);
        book.extra.clear();
        // A byte-order mark in front of the XML is allowed too.
        let mut entries = book.entries(Method::Deflated);
        for e in &mut entries {
            if e.name.ends_with("sheet1.xml") {
                e.data.splice(0..0, *b"\xEF\xBB\xBF");
            }
        }
        let got = read(&zip(&entries));
        assert_eq!(csv(&got.sheets[0].csv), ",\r\n,Strict\r\n");
    }
}

test! {
    fn hidden_rows_and_columns_that_hold_values() {
        let cols = concat!(
            "<cols>",
            r#"<col min="2" max="3" hidden="1"/>"#, // B (used), C (empty)
            r#"<col min="4" max="4" width="12"/>"#, // D shown
            r#"<col min="5" max="5" width="0" customWidth="1"/>"#, // E, no width
            r#"<col min="6" max="16384" hidden="1"/>"#,                       // F on, F used
            "</cols>",
        );
        let rows = concat!(
            r#"<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="D1"><v>4</v></c><c r="E1"><v>5</v></c><c r="F1"><v>6</v></c></row>"#,
            r#"<row r="2" hidden="1"><c r="A2"><v>1</v></c></row>"#,    // hidden, a value
            r#"<row r="3" hidden="1"><c r="A3" s="1"/></row>"#,         // hidden, empty
            r#"<row r="4" ht="0" customHeight="1"><c r="D4"><v>4</v></c></row>"#, // zero height
            r#"<row r="5" hidden="0"><c r="A5"><v>5</v></c></row>"#,
        );
        let book = Book::new(vec![SheetSpec { name: "S", state: None, xml: worksheet(cols, rows) }]);
        for method in METHODS {
            let got = read(&book.bytes(method));
            let s = &got.sheets[0];
            assert_eq!(s.hidden_rows, [2, 4]);
            assert_eq!(s.hidden_columns, [1, 4, 5]);
            assert_eq!(csv(&s.csv), "1,2,,4,5,6\r\n1,,,,,\r\n,,,,,\r\n,,,4,,\r\n5,,,,,\r\n");
        }
    }
}

// ---------------------------------------------------------------------------
// What is not checked

test! {
    fn unchecked_parts_are_listed_once_per_kind() {
        let all = [
            ("xl/media/image1.png", "pictures"),
            ("xl/comments1.xml", "comments"),
            ("xl/comments2.xml", "comments"),
            ("xl/threadedComments/threadedComment1.xml", "threaded comments"),
            ("xl/pivotCache/pivotCacheRecords1.xml", "a pivot table's cached copy of its source data"),
            ("xl/pivotCache/pivotCacheDefinition1.xml", ""),
            ("xl/externalLinks/externalLink1.xml", "links to other workbooks (with cached values)"),
            ("xl/embeddings/oleObject1.bin", "embedded files"),
            ("xl/drawings/drawing1.xml", ""),
        ];
        let order = [
            "comments",
            "threaded comments",
            "a pivot table's cached copy of its source data",
            "links to other workbooks (with cached values)",
            "embedded files",
            "pictures",
        ];
        // Each alone, then all together.
        for (name, kind) in all {
            let mut book = Book::new(vec![sheet("S", None, "")]);
            book.extra = vec![entry(name, b"x", Method::Stored)];
            let bytes = book.bytes(Method::Stored);
            let want: Vec<&str> = if kind.is_empty() { vec![] } else { vec![kind] };
            assert_eq!(read(&bytes).unchecked, want, "{name}");
            assert_eq!(xlsx::unchecked_parts(&bytes), want, "{name}");
        }
        let mut book = Book::new(vec![sheet("S", None, "")]);
        book.extra = all.iter().map(|(n, _)| entry(n, b"x", Method::Deflated)).collect();
        assert_eq!(read(&book.bytes(Method::Deflated)).unchecked, order);
        assert!(xlsx::unchecked_parts(b"Surname\n").is_empty());
    }
}

// ---------------------------------------------------------------------------
// Errors: a reason, never a panic

fn staff_book() -> Book<'static> {
    Book::new(vec![sheet(
        "Staff",
        None,
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>MORGAN</t></is></c></row>"#,
    )])
}

/// The entries of the staff book with `f` applied to the one named `name`.
fn damaged(name: &str, method: Method, f: impl Fn(&mut Entry)) -> Vec<u8> {
    let mut entries = staff_book().entries(method);
    let e = entries.iter_mut().find(|e| e.name == name).expect("entry");
    f(e);
    zip(&entries)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Want {
    Malformed,
    Limit,
}

fn expect_error(label: &str, bytes: &[u8], limits: &Limits, want: Want, words: &[&str]) {
    let e = match xlsx::sheets_with_limits(bytes, limits) {
        Ok(_) => panic!("{label}: read without an error"),
        Err(e) => e,
    };
    let reason = e.reason();
    match (&e.kind, want) {
        (ErrorKind::Malformed(_), Want::Malformed) | (ErrorKind::Limit(_), Want::Limit) => {}
        (kind, _) => panic!("{label}: {kind:?}, wanted {want:?}"),
    }
    for w in words {
        assert!(reason.contains(w), "{label}: {reason:?} lacks {w:?}");
    }
}

/// A label, the bytes, the limits, the kind of error and words its reason holds.
type ErrorCase<'a> = (&'a str, Vec<u8>, Limits, Want, Vec<&'a str>);

test! {
    fn errors_say_why() {
        let d = Limits::default();
        let good = staff_book().bytes(Method::Deflated);
        let sheet_path = "xl/worksheets/sheet1.xml";
        let with_rows = |rows: &str| staff_book_with(rows).bytes(Method::Deflated);
        let spaces = vec![b' '; 100_000];
        let big = Limits { entry_bytes: 10_000, ..d };
        let largest = staff_book()
            .entries(Method::Stored)
            .iter()
            .filter(|e| e.name.starts_with("xl/"))
            .map(|e| e.data.len() as u64)
            .max()
            .unwrap();
        let over_total = format!("the workbook is larger than {largest} bytes");
        let cases: Vec<ErrorCase> = vec![
            ("CSV text", b"Surname,Rank\nMORGAN,Insp\n".to_vec(), d, Want::Malformed, vec!["not a ZIP"]),
            ("nothing", Vec::new(), d, Want::Malformed, vec!["not a ZIP"]),
            ("old xls or encrypted", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and more bytes of it".to_vec(), d, Want::Malformed, vec!["password-protected"]),
            ("cut in half", good[..good.len() / 2].to_vec(), d, Want::Malformed, vec!["cut short", "missing"]),
            ("last bytes cut", good[..good.len() - 5].to_vec(), d, Want::Malformed, vec!["missing"]),
            (
                "central directory points nowhere",
                {
                    let mut b = good.clone();
                    let n = b.len();
                    b[n - 6..n - 2].copy_from_slice(&7u32.to_le_bytes());
                    b[n - 10..n - 6].copy_from_slice(&1u32.to_le_bytes());
                    b
                },
                d,
                Want::Malformed,
                vec!["central directory"],
            ),
            ("no workbook.xml", zip(&[entry("hello.txt", b"hi", Method::Stored)]), d, Want::Malformed, vec!["xl/workbook.xml"]),
            (
                "a sheet's part is missing",
                {
                    let entries: Vec<Entry> = staff_book().entries(Method::Stored).into_iter().filter(|e| e.name != sheet_path).collect();
                    zip(&entries)
                },
                d,
                Want::Malformed,
                vec!["'Staff'", sheet_path, "missing"],
            ),
            (
                "a sheet without a relationship",
                damaged("xl/_rels/workbook.xml.rels", Method::Stored, |e| {
                    e.data = String::from_utf8(e.data.clone()).unwrap().replace("rId1", "rId7").into_bytes();
                }),
                d,
                Want::Malformed,
                vec!["'Staff'", "rId1"],
            ),
            ("a part over the limit", {
                let mut book = staff_book();
                book.extra = vec![entry("xl/sharedStrings.xml", &spaces, Method::Deflated)];
                book.bytes(Method::Deflated)
            }, big, Want::Limit, vec!["shared text", "larger than 10000 bytes"]),
            ("a sheet over the limit", with_rows(&format!(
                r#"<row r="1"><c r="A1" t="inlineStr"><is><t>{}</t></is></c></row>"#, " ".repeat(20_000)
            )), big, Want::Limit, vec!["the sheet 'Staff' is larger than 10000 bytes"]),
            // Each part read fits in the limit, not all of them.
            ("the workbook over its limit", good.clone(), Limits { total_bytes: largest, ..d }, Want::Limit, vec![&over_total]),
            ("CSV over its limit", good.clone(), Limits { csv_bytes: 5, ..d }, Want::Limit, vec!["'Staff'", "CSV"]),
            ("too many files", good.clone(), Limits { entries: 3, ..d }, Want::Limit, vec!["more than 3 files"]),
            ("too many sheets", {
                let mut book = staff_book();
                book.sheets.push(sheet("Two", None, ""));
                book.bytes(Method::Stored)
            }, Limits { sheets: 1, ..d }, Want::Limit, vec!["more than 1 sheets"]),
            ("bad deflate stream", damaged(sheet_path, Method::Deflated, |e| e.raw = Some(vec![0xFF; 20])), d, Want::Malformed, vec!["'Staff'", "cannot be decompressed"]),
            ("deflate stream cut short", damaged(sheet_path, Method::Deflated, |e| {
                let full = miniz_oxide::deflate::compress_to_vec(&e.data, 6);
                e.raw = Some(full[..full.len() / 2].to_vec());
            }), d, Want::Malformed, vec!["cannot be decompressed"]),
            ("wrong CRC", damaged(sheet_path, Method::Stored, |e| e.crc = Some(12345)), d, Want::Malformed, vec!["checksum"]),
            ("encrypted entry", damaged("xl/workbook.xml", Method::Stored, |e| e.flags = 1), d, Want::Malformed, vec!["password-protected (encrypted)"]),
            ("bzip2 method", damaged(sheet_path, Method::Stored, |e| e.method_id = Some(12)), d, Want::Malformed, vec!["method 12"]),
            ("ZIP64", zip_with_count(&staff_book().entries(Method::Stored), Some(0xFFFF)), d, Want::Malformed, vec!["ZIP64"]),
            ("beyond column XFD", with_rows(r#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#), d, Want::Limit, vec!["'Staff'", "XFE1"]),
            ("a column of four letters", with_rows(r#"<row r="1"><c r="AAAA1"><v>1</v></c></row>"#), d, Want::Limit, vec!["AAAA1"]),
            ("beyond the last row", with_rows(r#"<row r="1048577"><c r="A1048577"><v>1</v></c></row>"#), d, Want::Limit, vec!["'Staff'", "1048577"]),
            ("a row number that is not one", with_rows(r#"<row r="x1"><c><v>1</v></c></row>"#), d, Want::Malformed, vec!["'Staff'", "x1"]),
            ("a cell reference without letters", with_rows(r#"<row r="1"><c r="11"><v>1</v></c></row>"#), d, Want::Malformed, vec!["'11'"]),
            ("missing shared text", with_rows(r#"<row r="3"><c r="B3" t="s"><v>5</v></c></row>"#), d, Want::Malformed, vec!["'Staff'", "B3", "shared text number 5"]),
            ("rows out of order", with_rows(r#"<row r="5"><c><v>1</v></c></row><row r="2"><c><v>1</v></c></row>"#), d, Want::Malformed, vec!["row 2 comes after row 5"]),
            ("broken XML", with_rows(r#"<row r="1"><c r="A1"><v>1</v></row>"#), d, Want::Malformed, vec!["'Staff'", "XML"]),
            ("nested too deep", with_rows(&"<x>".repeat(1000)), d, Want::Malformed, vec!["nested"]),
        ];
        for (label, bytes, limits, want, words) in cases {
            expect_error(label, &bytes, &limits, want, &words);
            // Every prefix of a damaged file is an error too, never a panic.
            for cut in (0..bytes.len()).step_by(97) {
                let _ = xlsx::sheets_with_limits(&bytes[..cut], &limits);
            }
        }
    }
}

fn staff_book_with(rows: &str) -> Book<'static> {
    let mut book = staff_book();
    book.sheets[0].xml = worksheet("", rows);
    book
}

test! {
    fn a_highly_compressible_part_stops_at_the_limit() {
        // 16 MB of zeros deflate to about 16 KB; the limit stops the inflater
        // long before. Limits default to 1 GB; here 1 MB.
        let zeros = vec![0u8; 16 << 20];
        let mut book = staff_book();
        book.extra = vec![entry("xl/sharedStrings.xml", &zeros, Method::Deflated)];
        let bytes = book.bytes(Method::Deflated);
        assert!(bytes.len() < 200_000);
        let limits = Limits { entry_bytes: 1 << 20, ..Limits::default() };
        expect_error("zip bomb", &bytes, &limits, Want::Limit, &["larger than 1 MB"]);
    }
}

test! {
    fn is_xlsx() {
        let good = staff_book().bytes(Method::Deflated);
        assert!(xlsx::is_xlsx(&good));
        assert!(xlsx::is_xlsx(&staff_book().bytes(Method::Stored)));
        // Entry names in another case are found.
        let mut upper = staff_book().entries(Method::Stored);
        for e in &mut upper {
            if e.name == "xl/workbook.xml" {
                e.name = "XL/Workbook.xml".to_string();
            }
        }
        assert!(xlsx::is_xlsx(&zip(&upper)));
        assert_eq!(read(&zip(&upper)).sheets.len(), 1);
        assert!(!xlsx::is_xlsx(b""));
        assert!(!xlsx::is_xlsx(b"Surname,Rank\nMORGAN,Insp\n"));
        assert!(!xlsx::is_xlsx(&good[..good.len() - 3]));
        assert!(!xlsx::is_xlsx(&zip(&[entry("word/document.xml", b"<w/>", Method::Stored)])));
    }
}

// ---------------------------------------------------------------------------
// Through the checker

test! {
    fn flagged_rows_have_excel_row_numbers() {
        let officers = [
            (3, "MORGAN", "J", "Constable", "Lisburn"),
            (4, "O'NEILL", "K", "Sergeant", "Newry"),
            (5, "McCANN", "P", "Constable", "Omagh"),
            (6, "HUGHES", "S", "Inspector", "Armagh"),
            (7, "DOYLE", "M", "Constable", "Enniskillen"),
        ];
        let text = |col: &str, row: u32, s: &str| {
            format!(r#"<c r="{col}{row}" t="inlineStr"><is><t>{s}</t></is></c>"#)
        };
        let mut rows = String::from(r#"<row r="1">"#);
        rows += &text("A", 1, "Officers by station (synthetic)");
        rows += r#"</row><row r="2">"#;
        for (col, h) in ["A", "B", "C", "D"].iter().zip(["Surname", "Initial", "Rank", "Station"]) {
            rows += &text(col, 2, h);
        }
        rows += "</row>";
        for (r, surname, initial, rank, station) in officers {
            rows += &format!(r#"<row r="{r}" hidden="1">"#);
            for (col, v) in ["A", "B", "C", "D"].iter().zip([surname, initial, rank, station]) {
                rows += &text(col, r, v);
            }
            rows += "</row>";
        }
        let book = Book::new(vec![
            sheet("Summary", None, r#"<row r="1"><c r="A1"><v>5</v></c></row>"#),
            sheet("Staff", Some("hidden"), &rows),
        ]);
        let got = read(&book.bytes(Method::Deflated));
        let staff = &got.sheets[1];
        assert_eq!(staff.state, SheetState::Hidden);
        assert_eq!(staff.hidden_rows, [3, 4, 5, 6, 7]);
        let report = check_bytes("book.xlsx - Staff", &staff.csv, &Options::default());
        assert!(report.complete, "{:?}", report.errors);
        let flagged: Vec<u64> = report.rows.iter().map(|r| r.row).collect();
        assert_eq!(flagged, [3, 4, 5, 6, 7]);
    }
}

// ---------------------------------------------------------------------------
// The workbook as the checks see it (`foi_check::workbook`)

test! {
    fn each_sheet_with_cells_is_an_input_named_and_warned() {
        let cell = |r: u32, s: &str| {
            format!(r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{s}</t></is></c></row>"#)
        };
        let mut book = Book::new(vec![
            sheet("Answer", None, &cell(1, "Officers by station")),
            // Excel's old default empty sheets: no one in them, no card.
            sheet("Sheet2", None, ""),
            sheet("Staff", Some("hidden"), &(cell(1, "Surname") + &cell(2, "MORGAN"))),
            sheet("Macro data", Some("veryHidden"), &cell(1, "x")),
        ]);
        book.sheets[0].xml = worksheet(
            r#"<cols><col min="2" max="3" hidden="1"/></cols>"#,
            &format!(
                r#"{}<row r="4" hidden="1"><c r="A4"><v>1</v></c><c r="B4"><v>2</v></c><c r="C4"><v>3</v></c></row>"#,
                cell(1, "Officers by station")
            ),
        );
        book.extra = vec![
            entry("xl/comments1.xml", b"<comments/>", Method::Stored),
            entry("docProps/core.xml", CORE.as_bytes(), Method::Deflated),
        ];
        for method in METHODS {
            let got = foi_check::workbook::split("dir/book.xlsx", &book.bytes(method))
                .expect("read")
                .expect("a workbook");
            let said: Vec<(&str, SheetState, Vec<&str>)> = got
                .iter()
                .map(|s| {
                    (
                        s.name.as_str(),
                        s.state,
                        s.warnings.iter().map(String::as_str).collect(),
                    )
                })
                .collect();
            assert_eq!(
                said,
                [
                    (
                        "dir/book.xlsx, sheet \"Answer\"",
                        SheetState::Visible,
                        vec![
                            "row 4 is hidden in Excel but published with the workbook: unhide it to see what it holds, or delete it",
                            "columns B-C (2 columns) are hidden in Excel but published with the workbook: unhide them to see what they hold, or delete them",
                            "the workbook also holds comments, which foi-check does not check: they can name people and are published with it. Remove them in Excel, or save each sheet as CSV and publish those",
                            "the workbook's properties name who created it or last saved it (\"Jane Morgan\"): they are published with it. In Excel, File > Info > Check for Issues > Inspect Document removes them",
                        ]
                    ),
                    (
                        "dir/book.xlsx, sheet \"Staff\"",
                        SheetState::Hidden,
                        vec!["this sheet is hidden: Excel does not show its tab, but it is published with the workbook (the 2023 PSNI disclosure was a hidden sheet). Delete the sheet before publishing if it is not part of the answer"]
                    ),
                    (
                        "dir/book.xlsx, sheet \"Macro data\"",
                        SheetState::VeryHidden,
                        vec!["this sheet is \"very hidden\": Excel's menus cannot show it (only a macro or the VBA editor can), but it is published with the workbook. Delete it before publishing if it is not part of the answer"]
                    ),
                ],
                "{method:?}"
            );
            assert_eq!(
                foi_check::workbook::parse_sheet_name(&got[1].name),
                Some(("dir/book.xlsx", "Staff"))
            );
            // Through the checker, the warnings come first in the report.
            let s = &got[1];
            let mut checker =
                foi_check::Checker::new(&s.name, Options::default()).with_warnings(s.warnings.clone());
            checker.push(&s.csv).expect("read");
            let report = checker.finish();
            assert_eq!(report.file, "dir/book.xlsx, sheet \"Staff\"");
            assert_eq!(report.warnings.first().map(|w| &w.reason), s.warnings.first());
        }
        // Every sheet empty: the first is kept, and its check says it is empty.
        let empty = Book::new(vec![sheet("Sheet1", None, ""), sheet("Sheet2", None, "")]);
        let got = foi_check::workbook::split("e.xlsx", &empty.bytes(Method::Stored))
            .expect("read")
            .expect("a workbook");
        assert_eq!(got.len(), 1);
        let r = check_bytes(&got[0].name, &got[0].csv, &Options::default());
        assert!(!r.complete && r.errors[0].reason.contains("the file is empty"));
        // No worksheet at all (only charts): an error, never a file that
        // vanishes from the results.
        let none = Book::new(Vec::new());
        let err = foi_check::workbook::split("c.xlsx", &none.bytes(Method::Stored))
            .expect_err("nothing to check");
        assert!(err.reason().contains("no worksheets"), "{}", err.reason());
        // Not a workbook: None, and the bytes are read as CSV.
        assert!(foi_check::workbook::split("s.csv", b"Surname\nMORGAN\n")
            .expect("no error")
            .is_none());
    }
}

/// Document properties: who created the workbook, who last saved it.
const CORE: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
    r#"xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Officers</dc:title>"#,
    r#"<dc:creator>Jane Morgan</dc:creator><cp:lastModifiedBy>Microsoft Office User</cp:lastModifiedBy>"#,
    r#"</cp:coreProperties>"#
);

test! {
    fn the_document_properties_name_the_authors() {
        let cases: &[(&str, &[&str])] = &[
            (CORE, &["Jane Morgan", "Microsoft Office User"]),
            (
                r#"<cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:creator> kpatel </dc:creator><cp:lastModifiedBy>kpatel</cp:lastModifiedBy></cp:coreProperties>"#,
                &["kpatel"],
            ),
            (r#"<cp:coreProperties xmlns:cp="c"><dc:creator/></cp:coreProperties>"#, &[]),
            // Damaged properties name no one, and the sheets still read.
            (r#"<cp:coreProperties><dc:creator>Jane</dc:cre"#, &[]),
        ];
        for (xml, want) in cases {
            for method in METHODS {
                let mut book = staff_book();
                book.extra = vec![entry("docProps/core.xml", xml.as_bytes(), method)];
                let got = read(&book.bytes(method));
                assert_eq!(got.authors, *want, "{xml}");
                assert_eq!(got.sheets.len(), 1);
            }
        }
        assert!(read(&staff_book().bytes(Method::Stored)).authors.is_empty());
    }
}
