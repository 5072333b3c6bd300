//! Parsing conformance: the csv-spectrum suite (npm package `csv-spectrum`,
//! installed into `node_modules/` by `scripts/setup.sh`). Each `csvs/NAME.csv`
//! must read as one table whose rows, keyed by the header, equal
//! `json/NAME.json`. Native only: the files are read from disk.
#![cfg(not(target_arch = "wasm32"))]
#![allow(missing_docs)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use foi_check::read::{Reader, Sink, Table};

#[derive(Default)]
struct Collect {
    tables: Vec<Table>,
    rows: Vec<(Option<usize>, u64, Vec<String>)>,
    ended: Vec<usize>,
}

impl Sink for Collect {
    fn table_start(&mut self, table: &Table) {
        self.tables.push(table.clone());
    }
    fn record(&mut self, table: Option<usize>, row: u64, fields: &[&str]) {
        self.rows
            .push((table, row, fields.iter().map(|f| f.to_string()).collect()));
    }
    fn table_end(&mut self, index: usize, _: u64) {
        self.ended.push(index);
    }
}

fn read(bytes: &[u8], chunk: usize) -> Collect {
    let mut sink = Collect::default();
    let mut reader = Reader::new();
    for c in bytes.chunks(chunk.max(1)) {
        reader.push(c, &mut sink).expect("push");
    }
    reader.finish(&mut sink).expect("finish");
    sink
}

type Row = BTreeMap<String, String>;

fn as_objects(c: &Collect, name: &str) -> Vec<Row> {
    assert_eq!(
        c.tables.len(),
        1,
        "{name}: expected one table, got {:?}",
        c.tables
    );
    assert_eq!(c.ended, vec![0], "{name}: table not ended once");
    let header = &c.tables[0].header;
    c.rows
        .iter()
        .map(|(t, row, fields)| {
            assert_eq!(
                *t,
                Some(0),
                "{name}: row {row} outside the table: {fields:?}"
            );
            header
                .iter()
                .enumerate()
                .map(|(j, h)| (h.clone(), fields.get(j).cloned().unwrap_or_default()))
                .collect()
        })
        .collect()
}

/// Where csv-spectrum 2.0.0's JSON disagrees with its own CSV: (file, column,
/// value in the JSON, value in the CSV). `location_coordinates.json` gives
/// a different phone number from the one in `location_coordinates.csv`.
const ERRATA: &[(&str, &str, &str, &str)] = &[(
    "location_coordinates",
    "Contact Phone Number",
    "1234567890",
    "2095257564",
)];

fn expected(name: &str, json: &str) -> Vec<Row> {
    // `location_coordinates.json` is one object rather than an array of them.
    let value: serde_json::Value = serde_json::from_str(json).expect("parse json");
    let value = if value.is_object() {
        serde_json::Value::Array(vec![value])
    } else {
        value
    };
    let mut rows: Vec<Row> = serde_json::from_value(value).expect("json rows");
    for &(file, column, wrong, right) in ERRATA {
        if file == name {
            for row in &mut rows {
                let cell = row.get_mut(column).expect("erratum column");
                assert_eq!(cell, wrong, "{name}: erratum no longer applies");
                *cell = right.to_string();
            }
        }
    }
    rows
}

#[test]
fn csv_spectrum() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/csv-spectrum");
    let csvs = root.join("csvs");
    assert!(
        csvs.is_dir(),
        "{} is missing: run scripts/setup.sh (it installs the csv-spectrum npm package)",
        csvs.display()
    );
    let mut names: Vec<PathBuf> = std::fs::read_dir(&csvs)
        .expect("read csvs/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    names.sort();
    assert!(
        names.len() >= 12,
        "csv-spectrum has {} files, expected 12",
        names.len()
    );
    for path in names {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_string();
        let bytes = std::fs::read(&path).expect("read csv");
        let json = std::fs::read_to_string(root.join("json").join(format!("{name}.json")))
            .expect("read json");
        let want = expected(&name, &json);
        for chunk in [usize::MAX, 1, 2, 3, 7] {
            let got = as_objects(&read(&bytes, chunk), &name);
            assert_eq!(got, want, "{name} (chunks of {chunk} bytes)");
        }
        println!("csv-spectrum {name}: ok");
    }
}
