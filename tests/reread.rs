//! Reading a file again from a record the first read saw ([`Rereader`]),
//! as the page's table view does for the rows it draws and for searches:
//! the same row numbers, byte offsets and fields as the first time, for
//! every encoding, line ending, quoted line break and chunk size.
//! Native only: it reads the corpus from disk.
#![allow(missing_docs)]
#![cfg(not(target_arch = "wasm32"))]

use foi_check::read::{Reader, Rereader, Sink, Table};

type Record = (u64, u64, Vec<String>);

#[derive(Default)]
struct Raw(Vec<Record>);

impl Sink for Raw {
    fn table_start(&mut self, _: &Table) {}
    fn record(&mut self, _: Option<usize>, _: u64, _: &[&str]) {}
    fn table_end(&mut self, _: usize, _: u64) {}
    fn raw_record(&mut self, row: u64, byte: u64, fields: &[&str]) {
        self.0
            .push((row, byte, fields.iter().map(|f| f.to_string()).collect()));
    }
}

/// The first read: every record, and how the file was read.
fn first_read(bytes: &[u8]) -> (Vec<Record>, &'static str, u8) {
    let mut raw = Raw::default();
    let mut reader = Reader::new();
    let _ = reader
        .push(bytes, &mut raw)
        .and_then(|()| reader.finish(&mut raw));
    let info = reader.info();
    (raw.0, info.encoding, info.delimiter)
}

fn reread(bytes: &[u8], encoding: &str, delim: u8, at: &Record, chunk: usize) -> Vec<Record> {
    let mut raw = Raw::default();
    let mut r = Rereader::new(encoding, delim, at.1, at.0).expect("a known encoding");
    let rest = &bytes[at.1 as usize..];
    let mut read = Ok(());
    for piece in rest.chunks(chunk.max(1)) {
        read = r.push(piece, &mut raw);
        if read.is_err() {
            break;
        }
    }
    if read.is_ok() {
        let _ = r.finish(&mut raw);
    }
    raw.0
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

/// Synthetic text with what makes offsets hard: CRLF, lone CR, blank lines,
/// quoted delimiters, quotes and line breaks, accents and (outside
/// Windows-1252) characters beyond the Basic Multilingual Plane.
fn tricky(wide: bool) -> String {
    let mut s = String::from("Staff list (synthetic)\r\n\r\nSurname,Forename,Note\r\n");
    for i in 0..40 {
        let note = match i % 5 {
            0 => "\"line one\r\nline two\"".to_string(),
            1 => "\"says \"\"hello\"\", then, goes\"".to_string(),
            2 => {
                if wide {
                    "caf\u{e9} \u{1F600}".to_string()
                } else {
                    "caf\u{e9} \u{20AC}5".to_string()
                }
            }
            3 => String::new(),
            _ => "plain".to_string(),
        };
        let end = if i % 7 == 3 {
            "\r"
        } else if i % 3 == 0 {
            "\n\n"
        } else {
            "\r\n"
        };
        s.push_str(&format!("O'BR\u{cd}EN{i},Se\u{e1}n,{note}{end}"));
    }
    s.push_str("Total,40,");
    s
}

#[test]
fn every_record_reads_again_the_same_from_where_it_started() {
    let mut cases: Vec<(String, Vec<u8>)> = Vec::new();
    for dir in [
        "tests/corpus",
        "tests/fixtures/read",
        "tests/fixtures/hostile",
    ] {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "csv"))
            .collect();
        paths.sort();
        for p in paths {
            cases.push((p.display().to_string(), std::fs::read(&p).unwrap()));
        }
    }
    let wide = tricky(true);
    let narrow = tricky(false);
    cases.push(("utf-8".into(), wide.as_bytes().to_vec()));
    cases.push((
        "utf-8 bom".into(),
        [b"\xEF\xBB\xBF", wide.as_bytes()].concat(),
    ));
    cases.push(("utf-16le".into(), utf16(&wide, true)));
    cases.push(("utf-16be".into(), utf16(&wide, false)));
    let (w1252, _, lossy) = encoding_rs::WINDOWS_1252.encode(&narrow);
    assert!(!lossy);
    cases.push(("windows-1252".into(), w1252.into_owned()));
    // a UTF-8 file with a stray Windows-1252 byte part way (read as 1252)
    let mut mixed = narrow.clone().into_bytes();
    let at = mixed.len() / 2;
    mixed.splice(at..at, *b"\x92");
    cases.push(("mixed".into(), mixed));

    let mut seen = std::collections::BTreeSet::new();
    for (name, bytes) in &cases {
        let (all, encoding, delim) = first_read(bytes);
        seen.insert(encoding);
        let step = (all.len() / 40).max(1);
        for k in (0..all.len()).step_by(step) {
            for chunk in [1, 7, 4096, bytes.len()] {
                let again = reread(bytes, encoding, delim, &all[k], chunk);
                assert_eq!(
                    again,
                    all[k..],
                    "{name}: from record {k} (row {}), in chunks of {chunk}",
                    all[k].0
                );
            }
        }
    }
    // every encoding the reader knows was tried
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        ["UTF-16BE", "UTF-16LE", "UTF-8", "windows-1252"]
    );
}

#[test]
fn offsets_are_of_the_original_bytes() {
    // two bytes a character in UTF-16, after a two-byte mark
    let bytes = utf16("a,b\r\n\"c\nd\",e\r\nf", true);
    let (all, encoding, _) = first_read(&bytes);
    assert_eq!(encoding, "UTF-16LE");
    let starts: Vec<(u64, u64)> = all.iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(starts, [(1, 2), (2, 12), (3, 30)]);
}

#[test]
fn an_unknown_encoding_is_refused() {
    assert!(Rereader::new("EBCDIC", b',', 0, 1).is_none());
}
