//! The reader: encodings, delimiters, records, row numbers and tables.
//!
//! Every case is pushed whole and in chunks of every size from 1 byte up,
//! and must give the same events each time.
#![allow(missing_docs)]

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use foi_check::read::{ReadInfo, Reader, Sink, Table};
use foi_check::{Error, ErrorKind};

/// Records sink events as short strings:
/// `start 0 @3 c0: Surname|Rank`, `4 t0: MORGAN|Insp`, `1 -: Title`, `end 0 @9`.
/// Also checks the Sink contract as it goes: records in row order (a row
/// repeats only for side-by-side tables), only for open tables; table
/// indices in order of their start; each table ends once.
#[derive(Default)]
struct Events(Vec<String>, Contract);

#[derive(Default)]
struct Contract {
    last_row: u64,
    started: usize,
    open: Vec<usize>,
}

impl Sink for Events {
    fn table_start(&mut self, t: &Table) {
        let c = &mut self.1;
        assert_eq!(t.index, c.started, "table indices in order of start");
        assert!(
            t.header_row >= c.last_row,
            "header row {} after row {}",
            t.header_row,
            c.last_row
        );
        c.started += 1;
        c.open.push(t.index);
        self.0.push(format!(
            "start {} @{} c{}: {}",
            t.index,
            t.header_row,
            t.first_column,
            t.header.join("|")
        ));
    }
    fn record(&mut self, table: Option<usize>, row: u64, fields: &[&str]) {
        let c = &mut self.1;
        assert!(row >= c.last_row, "row {row} after row {}", c.last_row);
        c.last_row = row;
        if let Some(i) = table {
            assert!(c.open.contains(&i), "row {row} for table {i}, not open");
        }
        let t = table.map_or("-".to_string(), |i| format!("t{i}"));
        self.0.push(format!("{row} {t}: {}", fields.join("|")));
    }
    fn table_end(&mut self, index: usize, last_row: u64) {
        let open = &mut self.1.open;
        assert!(open.contains(&index), "table {index} ends but is not open");
        open.retain(|&i| i != index);
        self.0.push(format!("end {index} @{last_row}"));
    }
}

/// Push `input` in chunks of `size` (0 = whole); events, result, info.
fn run(input: &[u8], size: usize) -> (Vec<String>, Result<(), Error>, ReadInfo) {
    let mut sink = Events::default();
    let mut reader = Reader::new();
    let mut result = Ok(());
    let chunks: Vec<&[u8]> = if size == 0 {
        vec![input]
    } else {
        input.chunks(size).collect()
    };
    for c in chunks {
        result = reader.push(c, &mut sink);
        if result.is_err() {
            break;
        }
    }
    if result.is_ok() {
        result = reader.finish(&mut sink);
        if result.is_ok() {
            assert!(sink.1.open.is_empty(), "tables {:?} never end", sink.1.open);
        }
    }
    (sink.0, result, reader.info().clone())
}

/// Whole, then in chunks of 1..=max(len, 40) bytes (all sizes for small
/// inputs) and a few larger ones: all must agree. Returns the whole run.
fn run_all(input: &[u8]) -> (Vec<String>, Result<(), Error>, ReadInfo) {
    let whole = run(input, 0);
    let mut sizes: Vec<usize> = (1..=input.len().min(64)).collect();
    sizes.extend([97, 1000, 4096, 65_535, 65_536, 65_537]);
    for size in sizes {
        let part = run(input, size);
        assert_eq!(part.0, whole.0, "events differ with chunks of {size} bytes");
        assert_eq!(
            part.1, whole.1,
            "result differs with chunks of {size} bytes"
        );
        assert_eq!(part.2, whole.2, "info differs with chunks of {size} bytes");
    }
    whole
}

fn check(input: &[u8], expected: &[&str]) -> ReadInfo {
    let (events, result, info) = run_all(input);
    assert_eq!(result, Ok(()), "input {:?}", String::from_utf8_lossy(input));
    assert_eq!(
        events,
        expected,
        "input {:?}",
        String::from_utf8_lossy(input)
    );
    info
}

/// `reads_to!(name, input, [events...])`, in the manner of csv-core's `parses_to!`.
macro_rules! reads_to {
    ($name:ident, $input:expr, [$($ev:expr),* $(,)?]) => {
        #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        #[cfg_attr(not(target_arch = "wasm32"), test)]
        fn $name() {
            let input: &[u8] = $input.as_ref();
            check(input, &[$($ev),*]);
        }
    };
}

macro_rules! test {
    (fn $name:ident() $body:block) => {
        #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        #[cfg_attr(not(target_arch = "wasm32"), test)]
        fn $name() $body
    };
}

// ---- records and row numbers ----------------------------------------------

// One column of text: no header, every row goes out as record(None).
reads_to!(rows_lf, "a\nb\nc\n", ["1 -: a", "2 -: b", "3 -: c"]);
reads_to!(rows_crlf, "a\r\nb\r\nc\r\n", ["1 -: a", "2 -: b", "3 -: c"]);
reads_to!(rows_cr_only, "a\rb\rc\r", ["1 -: a", "2 -: b", "3 -: c"]);
reads_to!(
    rows_no_final_newline,
    "a\nb\nc",
    ["1 -: a", "2 -: b", "3 -: c"]
);
reads_to!(
    rows_blank_start_middle_end_lf,
    "\n\na\n\nb\n\n",
    ["3 -: a", "5 -: b"]
);
reads_to!(
    rows_blank_crlf,
    "\r\n\r\na\r\n\r\nb\r\n\r\n",
    ["3 -: a", "5 -: b"]
);
reads_to!(rows_blank_cr, "\r\ra\r\rb\r\r", ["3 -: a", "5 -: b"]);
reads_to!(
    rows_mixed_endings,
    "a\r\nb\rc\nd",
    ["1 -: a", "2 -: b", "3 -: c", "4 -: d"]
);
// `\n\r` is two line ends (LF, then a CR-only one), as a spreadsheet reads it.
reads_to!(rows_lf_cr_is_two_rows, "a\n\rb\n", ["1 -: a", "3 -: b"]);
reads_to!(
    rows_quoted_newlines_are_one_row,
    "\"x\ny\"\n\"p\r\nq\"\r\nz\n",
    ["1 -: x\ny", "2 -: p\r\nq", "3 -: z"]
);
reads_to!(
    rows_quoted_blank_lines_inside,
    "\"x\n\n\ny\"\nz\n",
    ["1 -: x\n\n\ny", "2 -: z"]
);
reads_to!(
    rows_only_commas_are_blank,
    "a\n,,,\nb\n",
    ["1 -: a", "3 -: b"]
);
reads_to!(empty_file, "", []);
reads_to!(only_newlines, "\n\r\n\r", []);

reads_to!(
    quoted_fields,
    "Name,Comment\n\"SMITH, J\",\"said \"\"hi\"\", then left\"\n\"\",\"a\"\"\"\n",
    [
        "start 0 @1 c0: Name|Comment",
        "2 t0: SMITH, J|said \"hi\", then left",
        "3 t0: |a\"",
        "end 0 @3"
    ]
);
// Text after a closing quote is kept; a quote inside an unquoted field is literal.
reads_to!(
    quotes_rfc4180_edges,
    "Name,Height\n\"ab\"cd,5'10\"\n",
    [
        "start 0 @1 c0: Name|Height",
        "2 t0: abcd|5'10\"",
        "end 0 @2"
    ]
);
reads_to!(
    ragged_rows,
    "Surname,Forename,Rank\nSMITH,John\nJONES,Kay,PC,extra\nBROWN,Al,DS\n",
    [
        "start 0 @1 c0: Surname|Forename|Rank",
        "2 t0: SMITH|John",
        "3 t0: JONES|Kay|PC|extra",
        "4 t0: BROWN|Al|DS",
        "end 0 @4"
    ]
);
reads_to!(
    crlf_table_no_final_newline,
    "Surname,Rank\r\nSMITH,PC\r\n\r\nJONES,DS",
    [
        "start 0 @1 c0: Surname|Rank",
        "2 t0: SMITH|PC",
        "4 t0: JONES|DS",
        "end 0 @4"
    ]
);
reads_to!(
    multiline_cell_in_table,
    "Ref,Details,Outcome\r\n1,\"Complaint about\r\nPC 4521\",Upheld\r\n2,none,No action\r\n",
    [
        "start 0 @1 c0: Ref|Details|Outcome",
        "2 t0: 1|Complaint about\r\nPC 4521|Upheld",
        "3 t0: 2|none|No action",
        "end 0 @3"
    ]
);

// ---- delimiters ---------------------------------------------------------

test!(
    fn semicolon_with_decimal_commas() {
        let info = check(
            b"Station;Hours;Rate\nLarne;1,5;2,75\nLisburn;12,25;3\n",
            &[
                "start 0 @1 c0: Station|Hours|Rate",
                "2 t0: Larne|1,5|2,75",
                "3 t0: Lisburn|12,25|3",
                "end 0 @3",
            ],
        );
        assert_eq!(info.delimiter, b';');
    }
);
test!(
    fn tab_separated() {
        let info = check(
            b"Surname\tInitial\nSMITH, Jr\tJ\nO'NEILL\tK\n",
            &[
                "start 0 @1 c0: Surname|Initial",
                "2 t0: SMITH, Jr|J",
                "3 t0: O'NEILL|K",
                "end 0 @3",
            ],
        );
        assert_eq!(info.delimiter, b'\t');
    }
);
test!(
    fn pipe_separated() {
        let info = check(
            b"Surname|Rank\nSMITH|PC\nJONES|DS\n",
            &[
                "start 0 @1 c0: Surname|Rank",
                "2 t0: SMITH|PC",
                "3 t0: JONES|DS",
                "end 0 @3",
            ],
        );
        assert_eq!(info.delimiter, b'|');
    }
);
test!(
    fn comma_despite_semicolons_in_quotes() {
        let info = check(
            b"Name,Notes\nA,\"x; y; z\"\nB,\"p; q\"\n",
            &[
                "start 0 @1 c0: Name|Notes",
                "2 t0: A|x; y; z",
                "3 t0: B|p; q",
                "end 0 @3",
            ],
        );
        assert_eq!(info.delimiter, b',');
    }
);

// ---- encodings ----------------------------------------------------------

const STAFF: &str = "Surname,Forename\nO\u{2019}NEILL,Se\u{e1}n\nBR\u{c9}AN,\u{a3}5\n";
const STAFF_EVENTS: &[&str] = &[
    "start 0 @1 c0: Surname|Forename",
    "2 t0: O\u{2019}NEILL|Se\u{e1}n",
    "3 t0: BR\u{c9}AN|\u{a3}5",
    "end 0 @3",
];

fn utf16(text: &str, bom: bool, le: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
    }
    for u in text.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

test!(
    fn utf8_plain() {
        assert_eq!(check(STAFF.as_bytes(), STAFF_EVENTS).encoding, "UTF-8");
    }
);
test!(
    fn utf8_with_bom() {
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice(STAFF.as_bytes());
        assert_eq!(check(&b, STAFF_EVENTS).encoding, "UTF-8");
    }
);
test!(
    fn utf16le_bom_excel_unicode_text() {
        let b = utf16(&STAFF.replace(',', "\t").replace('\n', "\r\n"), true, true);
        let info = check(&b, STAFF_EVENTS);
        assert_eq!((info.encoding, info.delimiter), ("UTF-16LE", b'\t'));
    }
);
test!(
    fn utf16be_bom() {
        let info = check(&utf16(STAFF, true, false), STAFF_EVENTS);
        assert_eq!(info.encoding, "UTF-16BE");
    }
);
test!(
    fn utf16le_without_bom() {
        assert_eq!(
            check(&utf16(STAFF, false, true), STAFF_EVENTS).encoding,
            "UTF-16LE"
        );
    }
);
test!(
    fn utf16_outside_bmp() {
        let b = utf16("Name,Note\nA,\u{1F600}\n", true, true);
        check(
            &b,
            &["start 0 @1 c0: Name|Note", "2 t0: A|\u{1F600}", "end 0 @2"],
        );
    }
);
test!(
    fn windows_1252() {
        // ’ is 0x92, é 0xE1... as Excel on Windows saves "CSV" in the UK.
        let b = b"Surname,Forename\nO\x92NEILL,Se\xe1n\nBR\xc9AN,\xa35\n";
        let info = check(b, STAFF_EVENTS);
        assert_eq!(info.encoding, "windows-1252");
        assert!(info.warnings.is_empty());
    }
);
test!(
    fn utf8_with_stray_1252_bytes_warns_once_with_row() {
        let mut b = "Surname,Forename\nSe\u{e1}n,A\nX,Y\n".as_bytes().to_vec();
        b.extend_from_slice(b"O\x92NEILL,K\nA\x92B,C\n");
        let (events, result, info) = run_all(&b);
        assert_eq!(result, Ok(()));
        assert_eq!(events[3], "4 t0: O\u{2019}NEILL|K");
        assert_eq!(events[4], "5 t0: A\u{2019}B|C");
        assert_eq!(events[1], "2 t0: Se\u{e1}n|A");
        assert_eq!(info.encoding, "UTF-8");
        assert_eq!(info.warnings.len(), 1);
        assert_eq!(info.warnings[0].0, Some(4));
    }
);
test!(
    fn utf8_invalid_after_the_first_64k() {
        let mut b = b"Surname,Forename\n".to_vec();
        while b.len() < 70_000 {
            b.extend_from_slice(b"SMITH,John\n");
        }
        let rows = b.iter().filter(|&&c| c == b'\n').count() as u64;
        b.extend_from_slice(b"O\x92NEILL,Kay\n");
        let (events, result, info) = run_all(&b);
        assert_eq!(result, Ok(()));
        assert_eq!(
            events[events.len() - 2],
            format!("{} t0: O\u{2019}NEILL|Kay", rows + 1)
        );
        assert_eq!(
            info.warnings,
            vec![(Some(rows + 1), info.warnings[0].1.clone())]
        );
        assert_eq!(info.rows, rows + 1);
    }
);
test!(
    fn utf8_multibyte_split_at_every_boundary() {
        // run_all pushes 1-, 2-, 3-byte... chunks: every split of é, ’ and 😀.
        check(
            "Name,X\n\u{e9}\u{2019}\u{1F600},\u{1F600}\u{e9}\n".as_bytes(),
            &[
                "start 0 @1 c0: Name|X",
                "2 t0: \u{e9}\u{2019}\u{1F600}|\u{1F600}\u{e9}",
                "end 0 @2",
            ],
        );
    }
);

/// Push `input` cut at `cuts` (sorted byte offsets); events, result, info.
fn run_cuts(input: &[u8], cuts: &[usize]) -> (Vec<String>, Result<(), Error>, ReadInfo) {
    let mut sink = Events::default();
    let mut reader = Reader::new();
    let mut result = Ok(());
    let mut from = 0;
    for &c in cuts.iter().chain([&input.len()]) {
        result = reader.push(input.get(from..c).unwrap_or_default(), &mut sink);
        from = c;
        if result.is_err() {
            break;
        }
    }
    if result.is_ok() {
        result = reader.finish(&mut sink);
    }
    (sink.0, result, reader.info().clone())
}

// Past the first 64 KB (read whole to decide the encoding), every pushed
// chunk is a piece of text for the record machine, which delivers fields as
// slices of it and copies only what a piece boundary cuts. A boundary at
// every byte of records with quotes, `""`, quoted line breaks, CRLF, empty
// and multi-byte fields, in each encoding, must change nothing; the same
// text in every encoding gives the same events.
test!(
    fn chunk_boundaries_at_every_byte_past_the_first_64k() {
        // A title with characters outside ASCII, so that the encoding is
        // decided as such from the first 64 KB.
        let mut text = String::from("Staff \u{2013} Se\u{e1}n\r\n\r\nSurname,Note,N\r\n");
        let mut rows = 3;
        let note = "ok ".repeat(70);
        while text.len() < 70_000 {
            text.push_str(&format!("SMITH,{note},1\r\n"));
            rows += 1;
        }
        let tail_at = text.len();
        text.push_str(
            "\"O\u{2019}NEILL, Se\u{e1}n\",\"said \"\"hi\"\"\r\nthen left\",2\r\n\
             \"a\"b,\"\",\r\n\
             \r\n\
             BR\u{c9}AN,\"\"\"\"\"\",3\r\n\
             \"\",\"x\r\r\ny\",\u{a3}4\r\n\
             last,\"q\"",
        );
        let utf8 = text.as_bytes().to_vec();
        let win1252: Vec<u8> = text
            .chars()
            .map(|c| match c {
                '\u{2019}' => 0x92,
                '\u{2013}' => 0x96,
                c => u8::try_from(u32::from(c)).unwrap_or(b'?'),
            })
            .collect();
        // Windows-1252 bytes after the first 64 KB of a UTF-8 file.
        let mut stray = text.replacen('\u{2019}', "\u{92}", 1).into_bytes();
        if let Some(k) = stray.windows(2).position(|w| w == [0xC2, 0x92]) {
            stray.remove(k);
        }
        let encodings = [
            ("UTF-8", utf8, tail_at),
            ("UTF-8", stray, tail_at),
            ("windows-1252", win1252, tail_at),
            ("UTF-16LE", utf16(&text, true, true), 2 + 2 * tail_at),
            ("UTF-16BE", utf16(&text, true, false), 2 + 2 * tail_at),
        ];
        let (first, _, _) = run(&encodings[0].1, 0);
        assert_eq!(
            first.get(..2),
            Some(
                &[
                    "1 -: Staff \u{2013} Se\u{e1}n".to_string(),
                    "start 0 @3 c0: Surname|Note|N".to_string()
                ][..]
            )
        );
        assert_eq!(
            first.get(first.len() - 6..),
            Some(
                &[
                    format!(
                        "{} t0: O\u{2019}NEILL, Se\u{e1}n|said \"hi\"\r\nthen left|2",
                        rows + 1
                    ),
                    format!("{} t0: ab||", rows + 2),
                    format!("{} t0: BR\u{c9}AN|\"\"|3", rows + 4),
                    format!("{} t0: |x\r\r\ny|\u{a3}4", rows + 5),
                    format!("{} t0: last|q", rows + 6),
                    format!("end 0 @{}", rows + 6),
                ][..]
            )
        );
        for (name, bytes, at) in &encodings {
            let whole = run(bytes, 0);
            assert_eq!(
                whole.0, first,
                "{name}: the same text gives the same events"
            );
            assert_eq!((whole.1.clone(), whole.2.encoding), (Ok(()), *name));
            assert_eq!(
                whole.2.warnings.len(),
                usize::from(*at == tail_at && whole.2.encoding == "UTF-8" && bytes.contains(&0x92))
            );
            for cut in at - 3..=bytes.len() {
                // And a record cut in three pieces (some of them: each run
                // reads 64 KB, and this suite also runs in the browser).
                let mut runs = vec![vec![cut]];
                if cut % 4 == 0 {
                    runs.push(vec![(at - 1).min(cut), (at - 1).max(cut)]);
                }
                for cuts in runs {
                    let got = run_cuts(bytes, &cuts);
                    let first_diff = got.0.iter().zip(&whole.0).find(|(a, b)| a != b);
                    assert!(
                        got == whole,
                        "{name}: cuts at {cuts:?}: first different event {first_diff:?}, \
                         result {:?}, info {:?}",
                        got.1,
                        got.2
                    );
                }
            }
        }
    }
);

// ---- binary files -------------------------------------------------------

fn not_text(input: &[u8]) -> (&'static str, String) {
    let (events, result, _) = run_all(input);
    assert!(events.is_empty(), "binary input gave events: {events:?}");
    match result {
        Err(
            e @ Error {
                kind: ErrorKind::NotText { looks_like },
                ..
            },
        ) => (looks_like, e.reason()),
        other => panic!("expected NotText, got {other:?}"),
    }
}

test!(
    fn binary_files_are_refused() {
        let xlsx = include_bytes!("fixtures/read/book.xlsx");
        let (kind, reason) = not_text(xlsx);
        assert_eq!(kind, "XLSX");
        assert!(
            reason.starts_with("not a text CSV: looks like XLSX"),
            "{reason}"
        );
        assert!(
            reason.contains("unhide every sheet and save each one as CSV"),
            "{reason}"
        );
        let mut zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
        zip.extend_from_slice(b"staff.csv some compressed bytes \x00\x01\x02");
        assert_eq!(not_text(&zip).0, "ZIP");
        let cases: &[(&[u8], &str)] = &[
            (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
            (b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", "JPEG image"),
            (b"GIF89a\x01\x00\x01\x00", "GIF image"),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", "XLS"),
            (b"\x1F\x8B\x08\x00\x00\x00\x00\x00", "gzip"),
            (
                b"ab\x00\x00\x01\x02\x00\x03\x00\x00\x00\x00\xff\x00,\x00\x00\x00\x00",
                "binary data",
            ),
        ];
        for (bytes, want) in cases {
            assert_eq!(not_text(bytes).0, *want);
        }
    }
);

// ---- tables -------------------------------------------------------------

reads_to!(
    title_and_notes_above_header,
    include_str!("fixtures/read/title_notes.csv"),
    [
        "1 -: Freedom of Information request FOI-2023-0412|||",
        "2 -: Date of request:|12/03/2023||",
        "4 -: Officers by station|||",
        "start 0 @6 c0: Surname|Initial|Rank|Station",
        "7 t0: MORGAN|J|Inspector|Lisburn",
        "8 t0: O'NEILL|K|Sergeant|Larne",
        "10 -: Source: HR system|||",
        "end 0 @8"
    ]
);

// A summary with a totals row, blank rows, a second title, then a raw list
// with its own header; a blank row inside the list; a footnote.
reads_to!(
    stacked_tables,
    include_str!("fixtures/read/stacked.csv"),
    [
        "1 -: Officers by rank||",
        "start 0 @2 c0: Rank|2022|2023",
        "3 t0: Constable|120|131",
        "4 t0: Sergeant|30|28",
        "5 t0: Total|150|159",
        "end 0 @5",
        "8 -: Raw data||",
        "start 1 @9 c0: Surname|Forename|Rank",
        "10 t1: SMITH|John|Constable",
        "11 t1: JONES|Kay|Sergeant",
        "13 t1: BROWN|Al|Constable",
        "14 -: * figures under 5 suppressed||",
        "end 1 @13"
    ]
);

// No title between: the second header puts text where the first table has numbers.
reads_to!(
    stacked_tables_header_after_blank,
    "Rank,Count\nConstable,120\nSergeant,30\nInspector,9\n\nSurname,Rank\nSMITH,Constable\n",
    [
        "start 0 @1 c0: Rank|Count",
        "2 t0: Constable|120",
        "3 t0: Sergeant|30",
        "4 t0: Inspector|9",
        "end 0 @4",
        "start 1 @6 c0: Surname|Rank",
        "7 t1: SMITH|Constable",
        "end 1 @7"
    ]
);

// A repeated header after a blank row starts a new table.
reads_to!(
    stacked_tables_repeated_header,
    "Surname,Rank\nSMITH,PC\n\nSurname,Rank\nJONES,DS\n",
    [
        "start 0 @1 c0: Surname|Rank",
        "2 t0: SMITH|PC",
        "end 0 @2",
        "start 1 @4 c0: Surname|Rank",
        "5 t1: JONES|DS",
        "end 1 @5"
    ]
);

// A pivot with its source data pasted in far-right columns.
reads_to!(
    side_by_side_tables,
    include_str!("fixtures/read/side_by_side.csv"),
    [
        "start 0 @1 c0: Rank|Count",
        "start 1 @1 c3: Surname|Forename|Rank",
        "2 t0: Constable|2",
        "2 t1: SMITH|John|Constable",
        "3 t0: Sergeant|1",
        "3 t1: JONES|Kay|Sergeant",
        "4 t1: BROWN|Al|Constable",
        "end 0 @3",
        "end 1 @4"
    ]
);

// An unnamed column with data under it is not a gap between tables.
reads_to!(
    empty_header_cell_with_data_is_one_table,
    "Surname,,Rank\nSMITH,J,PC\nJONES,K,DS\n",
    [
        "start 0 @1 c0: Surname||Rank",
        "2 t0: SMITH|J|PC",
        "3 t0: JONES|K|DS",
        "end 0 @3"
    ]
);

// A row of group labels over the real header (merged cells exported): the
// labels are a title line, the row under them is the header.
reads_to!(
    group_labels_over_the_header,
    "Officer details,,Posting,\nSurname,Initial,Rank,Unit\nSMITH,J,PC,Firearms\nJONES,K,Sgt,CID\n",
    [
        "1 -: Officer details||Posting|",
        "start 0 @2 c0: Surname|Initial|Rank|Unit",
        "3 t0: SMITH|J|PC|Firearms",
        "4 t0: JONES|K|Sgt|CID",
        "end 0 @4"
    ]
);
// The same after a title and a blank row, and with a group label over
// a single column.
reads_to!(
    group_labels_after_a_title,
    "Staff list\n\nName,,Role,,Contact\nSurname,Forename,Rank,Station,Email\nSMITH,John,PC,Lisburn,j.smith@example.org\n",
    [
        "1 -: Staff list",
        "3 -: Name||Role||Contact",
        "start 0 @4 c0: Surname|Forename|Rank|Station|Email",
        "5 t0: SMITH|John|PC|Lisburn|j.smith@example.org",
        "end 0 @5"
    ]
);
// A two-cell title over a two-column table.
reads_to!(
    a_title_as_wide_as_the_table,
    "Staff list,2023\nSurname,Rank\nSMITH,PC\nJONES,Sgt\n",
    [
        "1 -: Staff list|2023",
        "start 0 @2 c0: Surname|Rank",
        "3 t0: SMITH|PC",
        "4 t0: JONES|Sgt",
        "end 0 @4"
    ]
);
// A list of field names: every row names a column, so the first row stays
// the header.
reads_to!(
    a_list_of_field_names_keeps_its_header,
    "Field,Description\nSurname,Officer's surname\nRank,Officer's rank\n",
    [
        "start 0 @1 c0: Field|Description",
        "2 t0: Surname|Officer's surname",
        "3 t0: Rank|Officer's rank",
        "end 0 @3"
    ]
);
// Not group labels: a header whose own words name its columns, over data
// that is all text, stays the header (data names no column).
reads_to!(
    a_header_over_text_data_stays_the_header,
    "Surname,,Rank\nMORGAN,Jo,Inspector\nPATEL,Priya,Sergeant\n",
    [
        "start 0 @1 c0: Surname||Rank",
        "2 t0: MORGAN|Jo|Inspector",
        "3 t0: PATEL|Priya|Sergeant",
        "end 0 @3"
    ]
);
// Two labelled rows where the second does not fill the first's gaps (a
// header, then a row of text under it): the first stays the header.
reads_to!(
    a_second_text_row_with_its_own_gaps_is_data,
    "Name,Rank,Unit\nSurname,,Unit\nSMITH,PC,CID\n",
    [
        "start 0 @1 c0: Name|Rank|Unit",
        "2 t0: Surname||Unit",
        "3 t0: SMITH|PC|CID",
        "end 0 @3"
    ]
);

// A block beside the data whose header starts a row below the table's own
// (a pivot pasted to the right): the header is still the first row, so the
// names under it are read as names; the block, after an empty column, is
// read on its own and is a table of its own (its counts are not the cells
// of the officers beside them).
reads_to!(
    a_side_block_starting_lower_keeps_the_header,
    "Surname,Rank,Station\nSMITH,PC,Lisburn,,,Rank,Count\nJONES,Sgt,Armagh,,,PC,2\nPATEL,DC,Newry,,,Sgt,1\nBROWN,PC,Lisburn\n",
    [
        "start 0 @1 c0: Surname|Rank|Station",
        "2 t0: SMITH|PC|Lisburn",
        "start 1 @2 c5: Rank|Count",
        "3 t0: JONES|Sgt|Armagh",
        "3 t1: PC|2",
        "4 t0: PATEL|DC|Newry",
        "4 t1: Sgt|1",
        "5 t0: BROWN|PC|Lisburn",
        "end 1 @4",
        "end 0 @5"
    ]
);
// The block's rows outside its tables (a title over it) keep their columns.
reads_to!(
    a_side_block_with_a_title_keeps_its_columns,
    "Surname,Rank\nSMITH,PC,,Count by rank\nJONES,Sgt\nPATEL,DC,,Rank,Count\nBROWN,PC,,PC,2\nGREEN,PC,,Sgt,1\n",
    [
        "start 0 @1 c0: Surname|Rank",
        "2 t0: SMITH|PC",
        "2 -: |||Count by rank",
        "3 t0: JONES|Sgt",
        "4 t0: PATEL|DC",
        "start 1 @4 c3: Rank|Count",
        "5 t0: BROWN|PC",
        "5 t1: PC|2",
        "6 t0: GREEN|PC",
        "6 t1: Sgt|1",
        "end 1 @6",
        "end 0 @6"
    ]
);
// A title above a wider table is still not its header.
reads_to!(
    a_short_title_over_a_wider_table_is_a_title,
    "Officers,2023\nSurname,Forename,Rank,Station\nSMITH,John,PC,Lisburn\nJONES,Kay,Sgt,Armagh\n",
    [
        "1 -: Officers|2023",
        "start 0 @2 c0: Surname|Forename|Rank|Station",
        "3 t0: SMITH|John|PC|Lisburn",
        "4 t0: JONES|Kay|Sgt|Armagh",
        "end 0 @4"
    ]
);

// A pivot whose top-left cell is empty: the row labels stay in the table.
reads_to!(
    pivot_with_empty_corner,
    ",2022,2023\nConstable,120,131\nSergeant,30,28\n",
    [
        "start 0 @1 c0: |2022|2023",
        "2 t0: Constable|120|131",
        "3 t0: Sergeant|30|28",
        "end 0 @3"
    ]
);

reads_to!(
    header_only,
    "Surname,Forename,Rank\n",
    ["start 0 @1 c0: Surname|Forename|Rank", "end 0 @1"]
);
reads_to!(
    header_only_then_blank_rows,
    "Surname,Forename,Rank\r\n,,\r\n\r\n",
    ["start 0 @1 c0: Surname|Forename|Rank", "end 0 @1"]
);
reads_to!(
    no_header_prose,
    "Dear requester,\nPlease find below\nthe information.\n",
    [
        "1 -: Dear requester|",
        "2 -: Please find below",
        "3 -: the information."
    ]
);
reads_to!(
    numbers_only_have_no_header,
    "1,2\n3,4\n",
    ["1 -: 1|2", "2 -: 3|4"]
);
reads_to!(footnotes_and_notes,
    "Station,Officers\nLarne,12\nGrand Total,12\nNotes:\nThis information is correct as at 31 March 2023.\n",
    ["start 0 @1 c0: Station|Officers", "2 t0: Larne|12", "3 t0: Grand Total|12",
     "4 -: Notes:", "5 -: This information is correct as at 31 March 2023.",
     "end 0 @3"]);
// A data row with one cell inside a list stays in the table.
reads_to!(
    sparse_row_stays_in_table,
    "Surname,Forename,Rank\nSMITH,John,PC\nJONES\nBROWN,Al,DS\n",
    [
        "start 0 @1 c0: Surname|Forename|Rank",
        "2 t0: SMITH|John|PC",
        "3 t0: JONES",
        "4 t0: BROWN|Al|DS",
        "end 0 @4"
    ]
);
// A summary, blank rows, a long one-cell title (it reads like a footnote, so
// the next record decides), then a wider raw list with its own header.
reads_to!(stacked_summary_then_list_with_title,
    "Officers by rank,,\nRank,Headcount,FTE\nConstable,120,118.5\nSergeant,30,29\nTotal,150,147.5\n,,\n\n\
     Table 2: Officers in Roads Policing and Operational Support (source data),,,\n\
     Surname,Forename,Rank,Station\nSMITH,John,Constable,Larne\nJONES,Kay,Sergeant,Lisburn\n\
     Source: HR system,,,\n",
    ["1 -: Officers by rank||",
     "start 0 @2 c0: Rank|Headcount|FTE",
     "3 t0: Constable|120|118.5", "4 t0: Sergeant|30|29", "5 t0: Total|150|147.5",
     "8 -: Table 2: Officers in Roads Policing and Operational Support (source data)|||",
     "end 0 @5",
     "start 1 @9 c0: Surname|Forename|Rank|Station",
     "10 t1: SMITH|John|Constable|Larne", "11 t1: JONES|Kay|Sergeant|Lisburn",
     "12 -: Source: HR system|||",
     "end 1 @11"]);

// The same after a list: a titled header narrower than the open table.
reads_to!(stacked_list_then_summary_with_title,
    "Surname,Forename,Rank\nSMITH,John,Constable\nJONES,Kay,Sergeant\n\n\
     Note: the summary below counts officers by rank on 31 March 2023,,\nRank,Officers\nConstable,120\n",
    ["start 0 @1 c0: Surname|Forename|Rank",
     "2 t0: SMITH|John|Constable", "3 t0: JONES|Kay|Sergeant",
     "5 -: Note: the summary below counts officers by rank on 31 March 2023||",
     "end 0 @3",
     "start 1 @6 c0: Rank|Officers", "7 t1: Constable|120", "end 1 @7"]);

// A footnote after a blank row inside a list: the list goes on.
reads_to!(
    footnote_after_blank_inside_list,
    "Surname,Forename,Rank\nSMITH,John,Constable\n\n* seconded,,\nJONES,Kay,Sergeant\n",
    [
        "start 0 @1 c0: Surname|Forename|Rank",
        "2 t0: SMITH|John|Constable",
        "4 -: * seconded||",
        "5 t0: JONES|Kay|Sergeant",
        "end 0 @5"
    ]
);

// A narrower table after a blank row, with no title: its header is all
// text (so it could be a list row), but the rows under it stop at its last
// column while the list's rows fill five, and hold numbers where the list
// holds surnames: a new table, not more people.
reads_to!(
    narrower_table_after_blank_line,
    "Surname,Forename,Rank,Collar Number,Station\n\
     MORGAN,Jane,Inspector,4521,Lisburn\n\
     PATEL,Priya,Sergeant,3312,Omagh\n\
     \n\
     Year,Officers injured\n2021,14\n2022,9\n",
    [
        "start 0 @1 c0: Surname|Forename|Rank|Collar Number|Station",
        "2 t0: MORGAN|Jane|Inspector|4521|Lisburn",
        "3 t0: PATEL|Priya|Sergeant|3312|Omagh",
        "end 0 @3",
        "start 1 @5 c0: Year|Officers injured",
        "6 t1: 2021|14",
        "7 t1: 2022|9",
        "end 1 @7"
    ]
);

// A table one column wider than the first, all text in both (cells one
// column past a header are allowed in its rows, and no column turns from
// numbers to text, so only the rows under the new header, which fill that
// column, tell them apart); more rows than are looked at.
reads_to!(
    wider_table_after_blank_line,
    "Station,District\nLisburn,North\nOmagh,West\nLarne,East\n\n\
     Surname,Forename,Rank\nMORGAN,Jane,Inspector\nPATEL,Priya,Sergeant\n\
     KHAN,Omar,Constable\nREID,Ann,Constable\n",
    [
        "start 0 @1 c0: Station|District",
        "2 t0: Lisburn|North",
        "3 t0: Omagh|West",
        "4 t0: Larne|East",
        "end 0 @4",
        "start 1 @6 c0: Surname|Forename|Rank",
        "7 t1: MORGAN|Jane|Inspector",
        "8 t1: PATEL|Priya|Sergeant",
        "9 t1: KHAN|Omar|Constable",
        "10 t1: REID|Ann|Constable",
        "end 1 @10"
    ]
);

// Same width, no title, text where the numbers were not, but a column that
// held text now holds numbers: a new table.
reads_to!(
    same_width_table_with_numbers_after_blank_line,
    "Surname,Forename,Station\nMORGAN,Jane,Lisburn\nPATEL,Priya,Omagh\n\n\
     Year,Injured,Assaulted\n2021,14,30\n2022,9,41\n",
    [
        "start 0 @1 c0: Surname|Forename|Station",
        "2 t0: MORGAN|Jane|Lisburn",
        "3 t0: PATEL|Priya|Omagh",
        "end 0 @3",
        "start 1 @5 c0: Year|Injured|Assaulted",
        "6 t1: 2021|14|30",
        "7 t1: 2022|9|41",
        "end 1 @7"
    ]
);

// A list in groups split by blank rows, every row all text (so each group's
// first row looks like a header): the rows keep the list's shape, one table.
reads_to!(
    list_in_groups_after_blank_lines_stays_one_table,
    "Surname,Forename,Rank,Station\n\
     MORGAN,Jane,Inspector,Lisburn\nPATEL,Priya,Sergeant,Lisburn\n\n\
     KHAN,Omar,Constable,Omagh\nREID,Ann,Constable,Omagh\nSHAW,Tom,Sergeant,Omagh\n\
     BELL,Amy,Constable,Omagh\n\n\n\
     WARD,Joe,Inspector,Larne\n\n\
     HUNT,Liz,Constable,Newry\nCOLE,Sam,Constable,Newry\n",
    [
        "start 0 @1 c0: Surname|Forename|Rank|Station",
        "2 t0: MORGAN|Jane|Inspector|Lisburn",
        "3 t0: PATEL|Priya|Sergeant|Lisburn",
        "5 t0: KHAN|Omar|Constable|Omagh",
        "6 t0: REID|Ann|Constable|Omagh",
        "7 t0: SHAW|Tom|Sergeant|Omagh",
        "8 t0: BELL|Amy|Constable|Omagh",
        "11 t0: WARD|Joe|Inspector|Larne",
        "13 t0: HUNT|Liz|Constable|Newry",
        "14 t0: COLE|Sam|Constable|Newry",
        "end 0 @14"
    ]
);

// A group whose first row lacks its last cells (narrower, and all text)
// but whose next rows are full: still the list.
reads_to!(
    list_group_starting_with_a_short_row_stays_one_table,
    "Surname,Forename,Rank,Collar Number,Station\n\
     MORGAN,Jane,Inspector,4521,Lisburn\nPATEL,Priya,Sergeant,3312,Omagh\n\n\
     KHAN,Omar\nREID,Ann,Constable,7781,Larne\n",
    [
        "start 0 @1 c0: Surname|Forename|Rank|Collar Number|Station",
        "2 t0: MORGAN|Jane|Inspector|4521|Lisburn",
        "3 t0: PATEL|Priya|Sergeant|3312|Omagh",
        "5 t0: KHAN|Omar",
        "6 t0: REID|Ann|Constable|7781|Larne",
        "end 0 @6"
    ]
);

// A narrower table after a blank row, with only one row under its header
// and then a footnote: decided on that one row; the footnote stays outside.
reads_to!(
    narrower_table_after_blank_line_then_footnote,
    "Surname,Forename,Rank,Collar Number,Station\n\
     MORGAN,Jane,Inspector,4521,Lisburn\nPATEL,Priya,Sergeant,3312,Omagh\n\n\
     Year,Officers injured\n2021,14\nSource: HR system,\n",
    [
        "start 0 @1 c0: Surname|Forename|Rank|Collar Number|Station",
        "2 t0: MORGAN|Jane|Inspector|4521|Lisburn",
        "3 t0: PATEL|Priya|Sergeant|3312|Omagh",
        "end 0 @3",
        "start 1 @5 c0: Year|Officers injured",
        "6 t1: 2021|14",
        "7 -: Source: HR system|",
        "end 1 @6"
    ]
);

// The PSNI shape: row 1 holds the pivot's title (column A) and, after empty
// columns, the source data's header. The title is not a column; the source
// table starts at its header and the pivot's cells never mix into it.
reads_to!(
    pivot_title_and_source_header_on_one_row,
    "Officers by location,,,Surname,Initial,Rank\n\
     ,,,SMITH,J,Constable\n\
     Preston,2,,JONES,K,Sergeant\n\
     Lincoln,1,,BROWN,A,Constable\n\
     ,,,GREEN,B,Inspector\n",
    [
        "start 0 @1 c3: Surname|Initial|Rank",
        "1 -: Officers by location||",
        "2 t0: SMITH|J|Constable",
        "3 -: Preston|2|",
        "3 t0: JONES|K|Sergeant",
        "4 -: Lincoln|1|",
        "4 t0: BROWN|A|Constable",
        "5 t0: GREEN|B|Inspector",
        "end 0 @5"
    ]
);

// The pivot's own header comes two rows under the source header: a table
// opens in the columns left of the open source table, and both tables get
// their rows, in row order, the source running on after the pivot ends.
reads_to!(
    pivot_table_opens_beside_open_source_table,
    "Officers by location (pivot),,,SURNAME,INITIAL,RANK\n\
     ,,,SMITH,J,Constable\n\
     Row Labels,Count of SURNAME,,JONES,K,Sergeant\n\
     Preston,2,,BROWN,A,Constable\n\
     Lincoln,1,,GREEN,B,Inspector\n\
     Grand Total,3,,WHITE,C,Constable\n\
     ,,,BLACK,D,Constable\n\
     ,,,GREY,E,Sergeant\n",
    [
        "start 0 @1 c3: SURNAME|INITIAL|RANK",
        "1 -: Officers by location (pivot)||",
        "2 t0: SMITH|J|Constable",
        "start 1 @3 c0: Row Labels|Count of SURNAME",
        "3 t0: JONES|K|Sergeant",
        "4 t1: Preston|2",
        "4 t0: BROWN|A|Constable",
        "5 t1: Lincoln|1",
        "5 t0: GREEN|B|Inspector",
        "6 t1: Grand Total|3",
        "6 t0: WHITE|C|Constable",
        "7 t0: BLACK|D|Constable",
        "8 t0: GREY|E|Sergeant",
        "end 1 @6",
        "end 0 @8"
    ]
);

// A lone first header cell with data under it and nothing else in the empty
// column is a column, not a title.
reads_to!(
    lone_first_header_cell_with_data_is_a_column,
    "Surname,,Rank,Station\nSMITH,,PC,Larne\nJONES,,DS,Lisburn\n",
    [
        "start 0 @1 c0: Surname||Rank|Station",
        "2 t0: SMITH||PC|Larne",
        "3 t0: JONES||DS|Lisburn",
        "end 0 @3"
    ]
);

// Many title rows: more than the look-ahead, all still delivered in order.
test!(
    fn long_preamble() {
        let mut input = String::new();
        let mut want = Vec::new();
        for i in 1..=30 {
            input.push_str(&format!("Note line {i}\n"));
            want.push(format!("{i} -: Note line {i}"));
        }
        input.push_str("Surname,Rank\nSMITH,PC\n");
        want.extend([
            "start 0 @31 c0: Surname|Rank".into(),
            "32 t0: SMITH|PC".into(),
            "end 0 @32".into(),
        ]);
        let want: Vec<&str> = want.iter().map(String::as_str).collect();
        assert_eq!(check(input.as_bytes(), &want).rows, 32);
    }
);

// ---- errors, offsets and limits -----------------------------------------

fn failing(input: &[u8]) -> (Vec<String>, Error) {
    let (events, result, _) = run_all(input);
    (events, result.expect_err("expected an error"))
}

test!(
    fn unclosed_quote_names_its_row() {
        let (events, err) = failing(b"Name,Note\nA,ok\nB,\"never closed\nC,x\n");
        assert_eq!(
            events,
            ["start 0 @1 c0: Name|Note", "2 t0: A|ok", "end 0 @2"]
        );
        assert_eq!((err.row, err.byte), (Some(3), Some(17)));
        assert!(matches!(err.kind, ErrorKind::Malformed(_)));
        assert!(
            err.reason().contains("opened on row 3 is never closed"),
            "{}",
            err.reason()
        );
    }
);
test!(
    fn byte_offsets_in_every_encoding() {
        let byte = |b: &[u8]| failing(b).1.byte;
        assert_eq!(byte(b"Name,Note\nB,\"x"), Some(12));
        assert_eq!(byte(b"\xEF\xBB\xBFName,Note\nB,\"x"), Some(15));
        assert_eq!(byte("N\u{e9},Note\nB,\"x".as_bytes()), Some(11));
        assert_eq!(byte(b"N\xe9,Note\nB,\"x"), Some(10));
        assert_eq!(byte(&utf16("Name,Note\nB,\"x", true, true)), Some(2 + 24));
        assert_eq!(
            byte(&utf16("N\u{1F600},Note\nB,\"x", true, false)),
            Some(2 + 2 * 11)
        );
    }
);
test!(
    fn too_many_columns_is_a_limit() {
        let mut input = b"Title\nShort,row\n".to_vec();
        input.extend(std::iter::repeat_n(b",x".as_slice(), 100_001).flatten());
        for size in [0, 7, 4096] {
            let (events, result, _) = run(&input, size);
            let err = result.expect_err("limit");
            assert!(matches!(err.kind, ErrorKind::Limit(_)), "{err:?}");
            assert_eq!(err.row, Some(3));
            assert!(err.reason().contains("100000 columns"), "{}", err.reason());
            // Rows before the error are delivered (row 2 is a header with no data).
            assert_eq!(
                events,
                ["1 -: Title", "start 0 @2 c0: Short|row", "end 0 @2"]
            );
        }
    }
);
test!(
    fn errors_stick() {
        let mut sink = Events::default();
        let mut reader = Reader::new();
        let first = reader.push(b"%PDF-1.4 and more bytes of a pdf file here\n", &mut sink);
        // Fewer than 64 KB: decided at finish.
        assert_eq!(first, Ok(()));
        let err = reader.finish(&mut sink).expect_err("pdf");
        assert_eq!(reader.push(b"more", &mut sink), Err(err.clone()));
        assert_eq!(reader.finish(&mut sink), Err(err));
    }
);
test!(
    fn info_counts_bytes_and_rows() {
        let input = b"a\n\nb\n\n\n";
        let (_, _, info) = run_all(input);
        assert_eq!((info.rows, info.bytes), (5, input.len() as u64));
    }
);

// ---- robustness -----------------------------------------------------------

// Deterministic pseudo-random CSV-ish bytes (quotes, delimiters, every line
// ending, multi-byte UTF-8, stray Windows-1252 bytes): whole and chunked
// reads must agree, and nothing may panic.
test!(
    fn random_inputs_agree_in_any_chunking() {
        const PARTS: &[&[u8]] = &[
            b"a",
            b"SMITH",
            b"12",
            b",",
            b",",
            b";",
            b"\t",
            b"\"",
            b"\"\"",
            b"\r",
            b"\n",
            b"\r\n",
            b" ",
            "\u{e9}".as_bytes(),
            "\u{2019}".as_bytes(),
            "\u{1F600}".as_bytes(),
            b"\x92",
            b"Total",
        ];
        let mut seed: u64 = 0x0005_EED0_FF01;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for _ in 0..150 {
            let len = next() % 60;
            let mut input = Vec::new();
            for _ in 0..len {
                input.extend_from_slice(PARTS[next() % PARTS.len()]);
            }
            let whole = run(&input, 0);
            for size in 1..=input.len().min(12) {
                let part = run(&input, size);
                assert_eq!(part, whole, "input {input:?}, chunks of {size}");
            }
        }
    }
);

// Table-shaped random inputs (titles, headers, lone cells, empty columns,
// blank rows, pivots beside lists): the contract holds and chunking agrees.
test!(
    fn random_tables_keep_the_sink_contract() {
        const CELLS: &[&str] = &[
            "",
            "",
            "",
            "",
            "SMITH",
            "Rank",
            "Surname",
            "12",
            "Total",
            "Row Labels",
            "Officers by location (pivot)",
            "Source: HR system",
            "2019/20",
        ];
        let mut seed: u64 = 0x7AB1_E5EE_D002;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for _ in 0..500 {
            let mut input = String::new();
            for _ in 0..next() % 30 {
                let width = next() % 8;
                let cells: Vec<&str> = (0..width).map(|_| CELLS[next() % CELLS.len()]).collect();
                input.push_str(&cells.join(","));
                input.push('\n');
            }
            let whole = run(input.as_bytes(), 0);
            assert_eq!(whole.1, Ok(()));
            for size in [1, 2, 3, 5, 7, 11] {
                assert_eq!(
                    run(input.as_bytes(), size),
                    whole,
                    "input {input:?}, chunks of {size}"
                );
            }
        }
    }
);

/// A quote that never closes in a large file stops at the record limit,
/// naming the row and the quote, instead of holding the whole file.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn huge_record_is_a_limit() {
    let mut sink = Events::default();
    let mut reader = Reader::new();
    reader
        .push(b"Name,Note\nA,ok\nB,\"", &mut sink)
        .expect("start");
    let block = vec![b'x'; 1 << 20];
    let mut err = None;
    for _ in 0..70 {
        if let Err(e) = reader.push(&block, &mut sink) {
            err = Some(e);
            break;
        }
    }
    let err = err.expect("limit reached");
    assert!(matches!(err.kind, ErrorKind::Limit(_)), "{err:?}");
    assert_eq!((err.row, err.byte), (Some(3), Some(15)));
    assert!(
        err.reason().contains("may never be closed"),
        "{}",
        err.reason()
    );
    assert_eq!(
        sink.0,
        ["start 0 @1 c0: Name|Note", "2 t0: A|ok", "end 0 @2"]
    );
}

// A one-column list under a header that names people by itself: a table,
// so a bare surname is read as a surname.
reads_to!(
    a_one_column_list_of_surnames_is_a_table,
    "Surname\nMORGAN\nPATEL\nO'NEILL\n",
    [
        "start 0 @1 c0: Surname",
        "2 t0: MORGAN",
        "3 t0: PATEL",
        "4 t0: O'NEILL",
        "end 0 @4"
    ]
);
// The same after a title, ending at a blank row before a table of its own.
reads_to!(
    a_one_column_list_after_a_title_before_another_table,
    "Officers on the course\n\nCollar number\n1234\n5678\n\nStation,Headcount\nLisburn,40\n",
    [
        "1 -: Officers on the course",
        "start 0 @3 c0: Collar number",
        "4 t0: 1234",
        "5 t0: 5678",
        "end 0 @5",
        "start 1 @7 c0: Station|Headcount",
        "8 t1: Lisburn|40",
        "end 1 @8"
    ]
);
// Not one-column tables: a list of field names, a lone header that does not
// name people, and prose whose first line has a header's word in it.
reads_to!(
    a_one_column_list_of_field_names_stays_lines,
    "Surname\nForename\nRank\n",
    ["1 -: Surname", "2 -: Forename", "3 -: Rank"]
);
reads_to!(
    a_lone_header_that_names_no_one_stays_a_line,
    "Rank\nConstable\nSergeant\n",
    ["1 -: Rank", "2 -: Constable", "3 -: Sergeant"]
);
reads_to!(
    a_lone_name_header_over_prose_stays_a_line,
    "Name\nThe names of the officers have been withheld under section 40(2) of the Act as personal data.\n",
    [
        "1 -: Name",
        "2 -: The names of the officers have been withheld under section 40(2) of the Act as personal data."
    ]
);

// A list of fields and values whose values are header words too: the row
// under the first names a column (`Rank`) as labels do, so the first row is
// the header, not a title over one.
reads_to!(
    a_field_value_list_keeps_its_header,
    "Field,Value\nName,Lisburn Station\nRank,PC\n",
    [
        "start 0 @1 c0: Field|Value",
        "2 t0: Name|Lisburn Station",
        "3 t0: Rank|PC",
        "end 0 @3"
    ]
);

// A block whose header comes on a row of the table, right of it after an
// empty column, further down than the look-ahead of the table's header
// (officers' names pasted beside a count, or below its last row): it is a
// table of its own, so its surnames are read as surnames. Before, its
// cells were unnamed columns of the count.
reads_to!(
    a_side_block_below_the_look_ahead_is_a_table,
    "Rank,Count\nPC,10\nPC,11\nPC,12\nPC,13\nPC,14\nPC,15\nPC,16\nPC,17\nPC,18\nPC,19\nSgt,30,,Surname,Initial,Rank\nSgt,31,,MORGAN,J,PC\n,,,PATEL,K,Sgt\n",
    [
        "start 0 @1 c0: Rank|Count",
        "2 t0: PC|10",
        "3 t0: PC|11",
        "4 t0: PC|12",
        "5 t0: PC|13",
        "6 t0: PC|14",
        "7 t0: PC|15",
        "8 t0: PC|16",
        "9 t0: PC|17",
        "10 t0: PC|18",
        "11 t0: PC|19",
        "12 t0: Sgt|30",
        "start 1 @12 c3: Surname|Initial|Rank",
        "13 t0: Sgt|31",
        "13 t1: MORGAN|J|PC",
        "14 t1: PATEL|K|Sgt",
        "end 1 @14",
        "end 0 @13"
    ]
);
// Data that runs on to the right of a table's header is not a header of a
// block: its cells are not header words.
reads_to!(
    data_right_of_a_table_stays_in_it,
    "Rank,Count\nPC,10\nPC,11\nPC,12\nPC,13\nPC,14\nPC,15\nPC,16\nPC,17\nPC,18\nSgt,30,,MORGAN,J,Constable\n",
    [
        "start 0 @1 c0: Rank|Count",
        "2 t0: PC|10",
        "3 t0: PC|11",
        "4 t0: PC|12",
        "5 t0: PC|13",
        "6 t0: PC|14",
        "7 t0: PC|15",
        "8 t0: PC|16",
        "9 t0: PC|17",
        "10 t0: PC|18",
        "11 t0: Sgt|30||MORGAN|J|Constable",
        "end 0 @11"
    ]
);

// A table pasted right under another, with no blank row between: a record
// of header words that does not fill the columns as the rows above do
// (wider here, narrower below) heads a table of its own when the records
// under it fit under it. Before, the officers' surnames were read as ranks.
reads_to!(
    a_wider_header_right_under_a_table_starts_one,
    "Rank,Count\nPC,10\nSgt,2\nSurname,Initial,Rank,Station\nMORGAN,J,PC,Lisburn\nPATEL,K,Sgt,Newry\n",
    [
        "start 0 @1 c0: Rank|Count",
        "2 t0: PC|10",
        "3 t0: Sgt|2",
        "end 0 @3",
        "start 1 @4 c0: Surname|Initial|Rank|Station",
        "5 t1: MORGAN|J|PC|Lisburn",
        "6 t1: PATEL|K|Sgt|Newry",
        "end 1 @6"
    ]
);
reads_to!(
    a_narrower_header_right_under_a_table_starts_one,
    "Surname,Initial,Rank\nMORGAN,J,PC\nPATEL,K,Sgt\nRank,Count\nPC,10\nSgt,2\n",
    [
        "start 0 @1 c0: Surname|Initial|Rank",
        "2 t0: MORGAN|J|PC",
        "3 t0: PATEL|K|Sgt",
        "end 0 @3",
        "start 1 @4 c0: Rank|Count",
        "5 t1: PC|10",
        "6 t1: Sgt|2",
        "end 1 @6"
    ]
);
// The same header again (a page break in an export) is no new table, nor
// is a row of header words followed by rows of the table's shape.
reads_to!(
    header_words_in_the_table_shape_stay_rows,
    "Surname,Rank\nMORGAN,PC\nSurname,Rank\nPATEL,Sgt\nRank,Surname\nWARD,PC\n",
    [
        "start 0 @1 c0: Surname|Rank",
        "2 t0: MORGAN|PC",
        "3 t0: Surname|Rank",
        "4 t0: PATEL|Sgt",
        "5 t0: Rank|Surname",
        "6 t0: WARD|PC",
        "end 0 @6"
    ]
);
