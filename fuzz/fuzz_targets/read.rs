//! Reading: encoding detection, delimiter sniffing, CSV records, table finding.
//! The first byte chooses a chunk size, so chunk boundaries fall everywhere.
#![no_main]

use foi_check::read::{Reader, Sink, Table};
use libfuzzer_sys::fuzz_target;

/// Checks the reader's promises while it runs.
#[derive(Default)]
struct Checked {
    last_row: u64,
    open: Vec<usize>,
}

impl Sink for Checked {
    fn table_start(&mut self, table: &Table) {
        assert!(table.header_row > 0);
        self.open.push(table.index);
    }
    fn record(&mut self, table: Option<usize>, row: u64, _fields: &[&str]) {
        // Rows arrive in order (side-by-side tables may repeat a row number).
        assert!(row >= self.last_row, "row {row} after {}", self.last_row);
        self.last_row = row;
        if let Some(t) = table {
            assert!(self.open.contains(&t), "row for table {t} that is not open");
        }
    }
    fn table_end(&mut self, index: usize, _last_row: u64) {
        self.open.retain(|t| *t != index);
    }
}

fuzz_target!(|data: &[u8]| {
    let (chunk, data) = match data.split_first() {
        Some((c, rest)) => (usize::from(*c).max(1), rest),
        None => (1, data),
    };
    let mut reader = Reader::new();
    let mut sink = Checked::default();
    for part in data.chunks(chunk) {
        if reader.push(part, &mut sink).is_err() {
            return;
        }
    }
    let _ = reader.finish(&mut sink);
    assert!(reader.info().rows >= sink.last_row);
});
