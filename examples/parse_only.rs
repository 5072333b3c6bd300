//! Reader aid: `cargo run --release --example parse_only -- [--chunk N] [--digest] FILE...`.
//!
//! Times the reader alone (decoding, delimiter, records, tables) into a sink
//! that only counts, as `benches/throughput.rs`'s parse-only figure does but
//! on any file. With `--digest` it prints, per file, a hash of every event
//! the sink receives (tables, records with their rows and fields, raw
//! records), the reader's info and any error: compare two builds of the
//! reader on the same files to show they behave the same.
use foi_check::read::{Reader, Sink, Table};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::Instant;

#[derive(Default)]
struct Count {
    records: u64,
    fields: u64,
    digest: Option<DefaultHasher>,
}

impl Sink for Count {
    fn table_start(&mut self, t: &Table) {
        if let Some(h) = &mut self.digest {
            ("start", t.index, t.header_row, t.first_column, &t.header).hash(h);
        }
    }
    fn record(&mut self, table: Option<usize>, row: u64, fields: &[&str]) {
        self.records += 1;
        self.fields += fields.len() as u64;
        if let Some(h) = &mut self.digest {
            ("record", table, row, fields).hash(h);
        }
    }
    fn table_end(&mut self, index: usize, last_row: u64) {
        if let Some(h) = &mut self.digest {
            ("end", index, last_row).hash(h);
        }
    }
    fn raw_record(&mut self, row: u64, _byte: u64, fields: &[&str]) {
        if let Some(h) = &mut self.digest {
            ("raw", row, fields).hash(h);
        }
    }
}

/// CPU time of this thread in seconds (Linux: /proc; None elsewhere): the
/// machine is shared, so wall-clock time says little.
fn cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let mut chunk = 8 << 20;
    let mut digest = false;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--chunk" => chunk = args.next().and_then(|s| s.parse().ok()).unwrap_or(chunk),
            "--digest" => digest = true,
            _ => files.push(a),
        }
    }
    for f in files {
        let Ok(bytes) = std::fs::read(&f) else {
            eprintln!("{f}: cannot read");
            continue;
        };
        let t = Instant::now();
        let c0 = cpu();
        let mut reader = Reader::new();
        let mut sink = Count {
            digest: digest.then(DefaultHasher::new),
            ..Count::default()
        };
        let mut err = None;
        for c in bytes.chunks(chunk.max(1)) {
            if let Err(e) = reader.push(c, &mut sink) {
                err = Some(e);
                break;
            }
        }
        if err.is_none() {
            err = reader.finish(&mut sink).err();
        }
        let secs = t.elapsed().as_secs_f64();
        let cpu_secs = c0.zip(cpu()).map(|(a, b)| b - a);
        let info = reader.info();
        match sink.digest.take() {
            Some(mut h) => {
                (format!("{info:?}"), err.as_ref().map(|e| format!("{e:?}"))).hash(&mut h);
                println!(
                    "{:016x} {f} rows {} err {:?}",
                    h.finish(),
                    info.rows,
                    err.map(|e| e.to_string())
                );
            }
            None => println!(
                "{f}: wall {:.3} s, cpu {:.3} s = {:.1} MB/s, {} rows, {} records, {} fields{}",
                secs,
                cpu_secs.unwrap_or(f64::NAN),
                bytes.len() as f64 / 1e6 / cpu_secs.unwrap_or(secs),
                info.rows,
                sink.records,
                sink.fields,
                err.map(|e| format!(", error: {e}")).unwrap_or_default()
            ),
        }
    }
}
