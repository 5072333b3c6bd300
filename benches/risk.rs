//! Benchmark (not a test) for issue 4: 1,000,000 rows of a de-named staff
//! list with 8 quasi-identifier columns through `RiskScanner` (record every
//! row, then finish: grouping, subsets of 1-3 columns, the fix search).
//! Run with `cargo bench --bench risk`; prints the time.

use std::time::Instant;

use foi_check::read::Table;
use foi_check::risk::RiskScanner;
use foi_check::Options;

/// A fixed-seed xorshift generator: the same rows every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards small indices: rare values exist, as in real staff lists.
    fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b)
    }
}

fn main() {
    let rows: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let ranks = [
        "Constable",
        "Sergeant",
        "Inspector",
        "Chief Inspector",
        "Superintendent",
        "Chief Superintendent",
        "PCSO",
        "Special Constable",
        "Police Staff Band C",
        "Police Staff Band D",
        "Police Staff Band E",
        "Police Staff Band F",
    ];
    let units: Vec<String> = (0..80).map(|i| format!("Unit {i:02}")).collect();
    let stations: Vec<String> = (0..60).map(|i| format!("Station {i:02}")).collect();
    let genders = ["Female", "Male", "Not stated"];
    let ethnicities = [
        "White",
        "Asian",
        "Black",
        "Mixed",
        "Other",
        "Irish Traveller",
        "Chinese",
        "Not stated",
    ];
    let ages = [
        "18-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55+",
    ];
    let years: Vec<String> = (1980..2024).map(|y| y.to_string()).collect();
    let contracts = ["Full time", "Part time", "Job share", "Fixed term"];

    let header: Vec<String> = [
        "Rank",
        "Unit",
        "Station",
        "Gender",
        "Ethnicity",
        "Age band",
        "Year joined",
        "Contract type",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let table = Table {
        index: 0,
        header_row: 1,
        first_column: 0,
        header,
    };

    // Rows are generated before the clock starts; only the scanner is timed.
    let mut rng = Rng(0x5eed_1234_abcd_9876);
    let mut data: Vec<[&str; 8]> = Vec::with_capacity(rows);
    for _ in 0..rows {
        data.push([
            ranks[rng.skewed(ranks.len())],
            &units[rng.skewed(units.len())],
            &stations[rng.skewed(stations.len())],
            genders[rng.skewed(genders.len())],
            ethnicities[rng.skewed(ethnicities.len())],
            ages[rng.below(ages.len())],
            &years[rng.below(years.len())],
            contracts[rng.skewed(contracts.len())],
        ]);
    }

    let options = Options::default();
    let start = Instant::now();
    let mut scanner = RiskScanner::new(&table, &options);
    for (i, fields) in data.iter().enumerate() {
        scanner.record(i as u64 + 2, fields);
    }
    let recorded = start.elapsed();
    let found = scanner.finish(&[]);
    let total = start.elapsed();
    println!(
        "risk: {rows} rows x 8 quasi-identifier columns: record {:.2} s, finish {:.2} s, total {:.2} s; \
         {} rows flagged, {} advice",
        recorded.as_secs_f64(),
        (total - recorded).as_secs_f64(),
        total.as_secs_f64(),
        found.rows.len(),
        found.advice.len()
    );
    if let Some(a) = found.advice.iter().find(|a| a.rule == "combo.k_anonymity") {
        println!("advice: {}", a.text);
    }
}
