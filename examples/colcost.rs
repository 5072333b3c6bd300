use foi_check::detect::TableScanner;
use foi_check::read::{Reader, Sink, Table};
use std::time::Instant;
struct S {
    rows: Vec<Vec<String>>,
    header: Vec<String>,
}
impl Sink for S {
    fn table_start(&mut self, t: &Table) {
        self.header = t.header.clone();
    }
    fn record(&mut self, table: Option<usize>, _row: u64, f: &[&str]) {
        if table.is_some() {
            self.rows.push(f.iter().map(|s| s.to_string()).collect());
        }
    }
    fn table_end(&mut self, _: usize, _: u64) {}
}
fn main() {
    let bytes = std::fs::read(std::env::args().nth(1).unwrap()).unwrap();
    let mut s = S {
        rows: vec![],
        header: vec![],
    };
    let mut rd = Reader::new();
    rd.push(&bytes, &mut s).unwrap();
    rd.finish(&mut s).unwrap();
    let only = std::env::var("COL").ok();
    for (j, h) in s.header.iter().enumerate() {
        if only.as_deref().is_some_and(|o| o != h) {
            continue;
        }
        let mut buf = String::new();
        let mut offs = vec![];
        for r in &s.rows {
            let a = buf.len();
            buf.push_str(r.get(j).map(|x| x.as_str()).unwrap_or(""));
            offs.push((a, buf.len()));
        }
        let t = Table {
            index: 0,
            header_row: 1,
            first_column: 0,
            header: vec![h.clone()],
        };
        let mut sc = TableScanner::new(Some(&t));
        let t0 = Instant::now();
        for (i, (a, b)) in offs.iter().enumerate() {
            let f = [&buf[*a..*b]];
            sc.record(i as u64 + 2, &f);
        }
        let t1 = t0.elapsed().as_secs_f64();
        let n = sc.finish().rows.len();
        eprintln!(
            "{h:15} {:7.1} ns/cell  finish {:6.1} ns/row  flagged {n}",
            t1 * 1e9 / s.rows.len() as f64,
            (t0.elapsed().as_secs_f64() - t1) * 1e9 / s.rows.len() as f64
        );
    }
}
