//! Profiling aid: `cargo run --release --example profile_check -- FILE [parse|direct|risk|all|one]`
//! (`all`: the checker as the CLI runs it; `one`: on one thread).
use foi_check::detect::TableScanner;
use foi_check::read::{Reader, Sink, Table};
use foi_check::risk::RiskScanner;
use foi_check::{Checker, Options, Threads};
use std::time::Instant;

#[path = "synth/mod.rs"]
mod synth;

struct S {
    mode: String,
    d: Vec<TableScanner>,
    r: Vec<RiskScanner>,
}
impl Sink for S {
    fn table_start(&mut self, t: &Table) {
        if self.mode == "parse" {
            return;
        }
        if self.mode != "risk" {
            self.d.push(TableScanner::new(Some(t)));
        }
        if self.mode != "direct" {
            self.r.push(RiskScanner::new(t, &Options::default()));
        }
    }
    fn record(&mut self, table: Option<usize>, row: u64, f: &[&str]) {
        if table.is_some() {
            if let Some(d) = self.d.last_mut() {
                d.record(row, f);
            }
            if let Some(r) = self.r.last_mut() {
                r.record(row, f);
            }
        }
    }
    fn table_end(&mut self, _: usize, _: u64) {}
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args[1] == "gen" {
        let (data, _) = synth::big_staff_list(42, 30_000_000);
        std::fs::write(&args[2], data).unwrap();
        return;
    }
    let bytes = std::fs::read(&args[1]).unwrap();
    let mode = args.get(2).cloned().unwrap_or("all".into());
    let t = Instant::now();
    if mode == "all" || mode == "one" {
        let threads = if mode == "one" {
            Threads::One
        } else {
            Threads::Auto
        };
        let mut c = Checker::new("x", Options::default()).with_threads(threads);
        for ch in bytes.chunks(8 << 20) {
            c.push(ch).unwrap();
        }
        let r = c.finish();
        eprintln!(
            "{mode}: {:.2}s rows {} flagged {}",
            t.elapsed().as_secs_f64(),
            r.rows_checked,
            r.rows.len()
        );
        return;
    }
    let mut s = S {
        mode: mode.clone(),
        d: vec![],
        r: vec![],
    };
    let mut rd = Reader::new();
    for ch in bytes.chunks(8 << 20) {
        rd.push(ch, &mut s).unwrap();
    }
    rd.finish(&mut s).unwrap();
    let t1 = t.elapsed().as_secs_f64();
    let mut n = 0;
    let mut cols = vec![];
    for d in s.d {
        let f = d.finish();
        n += f.rows.len();
        cols = f.columns;
    }
    let t2 = t.elapsed().as_secs_f64();
    for r in s.r {
        n += r.finish(&cols).rows.len();
    }
    eprintln!(
        "{mode}: stream {t1:.2}s, +finish {:.2}s, total {:.2}s, flagged {n}",
        t2 - t1,
        t.elapsed().as_secs_f64()
    );
}
