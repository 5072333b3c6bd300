//! Writes the benchmarks' synthetic staff list (the same generator and seed as
//! `benches/throughput.rs`): `cargo run --release --example gen_staff_list -- OUT.csv [MB]`.
//! The page benchmark (scripts/bench_page.mjs) uses it, so native and page
//! figures are measured on the same data.

#[path = "synth/mod.rs"]
mod synth;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = args.next().unwrap_or_else(|| "staff.csv".to_string());
    let mb: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100);
    let (data, records) = synth::big_staff_list(synth::BENCH_SEED, mb * 1_000_000);
    std::fs::write(&out, &data)?;
    println!("{out}: {} bytes, {records} records", data.len());
    Ok(())
}
