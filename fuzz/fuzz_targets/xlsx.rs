//! Excel workbooks: bytes to sheets of CSV text, which must always be
//! well-formed CSV that the reader takes for text, with every record as wide
//! as the widest. An odd first byte reads the rest as it is (the ZIP
//! reader); an even one builds a workbook whose parts (workbook, its
//! relationships, a sheet, shared strings, styles) are the rest split at NUL
//! bytes, stored with their CRC-32, so the XML readers see the fuzzer's bytes.
#![no_main]

use foi_check::read::{xlsx, Reader, Sink, Table};
use libfuzzer_sys::fuzz_target;

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

/// A ZIP of stored entries.
fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = out.len() as u32;
        let mut fields = Vec::new();
        fields.extend_from_slice(&crc32(data).to_le_bytes());
        fields.extend_from_slice(&(data.len() as u32).to_le_bytes());
        fields.extend_from_slice(&(data.len() as u32).to_le_bytes());
        fields.extend_from_slice(&(name.len() as u16).to_le_bytes());
        fields.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        out.extend_from_slice(&fields);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        central.extend_from_slice(&fields);
        central.extend_from_slice(&[0; 10]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

const WORKBOOK: &[u8] =
    br#"<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>"#;
const RELS: &[u8] =
    br#"<Relationships><Relationship Id="rId1" Type="/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

/// Records and their field counts, as the CSV reader sees them.
#[derive(Default)]
struct Records(Vec<(u64, usize)>);

impl Sink for Records {
    fn table_start(&mut self, _: &Table) {}
    fn record(&mut self, _: Option<usize>, _: u64, _: &[&str]) {}
    fn table_end(&mut self, _: usize, _: u64) {}
    fn raw_record(&mut self, row: u64, _: u64, fields: &[&str]) {
        self.0.push((row, fields.len()));
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 1 {
        rest.to_vec()
    } else {
        let mut parts = rest.split(|&b| b == 0);
        let mut next = |default: &'static [u8]| parts.next().unwrap_or(default);
        let workbook = next(WORKBOOK);
        let rels = next(RELS);
        let sheet = next(b"");
        let strings = next(b"<sst/>");
        let styles = next(b"<styleSheet/>");
        zip(&[
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", rels),
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", strings),
            ("xl/styles.xml", styles),
        ])
    };
    let is_xlsx = xlsx::is_xlsx(&bytes);
    let unchecked = xlsx::unchecked_parts(&bytes);
    let Ok(book) = xlsx::sheets(&bytes) else {
        return;
    };
    assert!(is_xlsx, "read as a workbook but not taken for one");
    assert_eq!(book.unchecked, unchecked);
    for sheet in &book.sheets {
        assert!(std::str::from_utf8(&sheet.csv).is_ok(), "CSV not UTF-8");
        assert!(sheet.hidden_rows.windows(2).all(|w| w[0] < w[1]));
        assert!(sheet.hidden_columns.windows(2).all(|w| w[0] < w[1]));
        assert!(sheet.hidden_columns.iter().all(|&c| c < 16_384));
        if sheet.csv.is_empty() {
            assert!(sheet.hidden_rows.is_empty() && sheet.hidden_columns.is_empty());
            continue;
        }
        assert!(sheet.csv.ends_with(b"\r\n"));
        // The reader takes it for text, with "," and every record as wide.
        let mut reader = Reader::new();
        let mut records = Records::default();
        reader
            .push(&sheet.csv, &mut records)
            .and_then(|()| reader.finish(&mut records))
            .expect("the CSV of a sheet reads");
        assert_eq!(reader.info().delimiter, b',');
        let width = records.0.first().map_or(0, |r| r.1);
        assert!(records.0.iter().all(|r| r.1 == width), "ragged CSV");
        let last = reader.info().rows;
        assert!(sheet.hidden_rows.iter().all(|&r| r >= 1 && r <= last));
    }
});
