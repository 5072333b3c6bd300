//! A synthetic staff list for the worker to check once when it starts, so
//! that the browser has compiled the check's hot code before the clerk's
//! first file arrives.
//!
//! Why: a browser compiles WebAssembly in two tiers. Each function starts as
//! quick baseline code, and only once it has run for a while is it
//! recompiled, optimised, on a background thread. Without a warm-up, the
//! first file pays for both: it runs on the slow code at first, while the
//! optimising compiler (about 0.8 s of CPU for this module in Chromium)
//! takes the second core from the file's reading. A few thousand varied
//! rows checked while the page is opening move that work to before the
//! clerk has chosen a file.
//!
//! The rows are made up from a fixed seed: surnames and forenames drawn
//! from the checker's own name lists, ranks, collar numbers, stations,
//! e-mail addresses, phone numbers in the ranges Ofcom keeps for drama, and
//! notes, some of which name a line manager. Nobody real is described.

use crate::testgen::Xorshift;

/// The warm-up file: `rows` synthetic staff rows under a header, CRLF.
pub fn staff_list(rows: usize) -> Vec<u8> {
    let surnames = words(crate::rules::names::SURNAMES_TXT);
    let forenames = words(crate::rules::names::FORENAMES_TXT);
    let mut rng = Xorshift::new(0x5eed_f01c_7ec4_2026);
    let mut out = String::with_capacity(rows * 140 + 128);
    out.push_str(
        "Surname,Forename,Initial,Rank,Collar number,Station,Unit,Email,Phone,Date joined,Notes\r\n",
    );
    for _ in 0..rows {
        let surname = pick(&mut rng, &surnames);
        let forename = pick(&mut rng, &forenames);
        let initial = forename.chars().next().unwrap_or('A').to_ascii_uppercase();
        let note = match rng.below(25) {
            0 => format!(
                "Line manager {} {}",
                pick(&mut rng, &["Sgt", "Insp", "PS", "DS"]),
                title_case(pick(&mut rng, &surnames))
            ),
            1..=4 => pick(&mut rng, NOTES).to_string(),
            _ => String::new(),
        };
        let phone = if rng.below(2) == 0 {
            format!("07700 900{:03}", rng.below(1000))
        } else {
            format!("01632 960{:03}", rng.below(1000))
        };
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{}.{}@northshire.police.uk,{},{:02}/{:02}/{},\"{}\"\r\n",
            surname.to_uppercase(),
            title_case(forename),
            initial,
            pick(&mut rng, RANKS),
            1000 + rng.below(99_000),
            pick(&mut rng, STATIONS),
            pick(&mut rng, UNITS),
            forename,
            surname,
            phone,
            1 + rng.below(28),
            1 + rng.below(12),
            1985 + rng.below(39),
            note,
        ));
    }
    out.into_bytes()
}

const RANKS: &[&str] = &[
    "PC",
    "Constable",
    "DC",
    "Sergeant",
    "DS",
    "Inspector",
    "Chief Inspector",
    "Superintendent",
    "Assistant Chief Constable",
    "PCSO",
    "Police Staff",
];
const STATIONS: &[&str] = &[
    "Northshire Central",
    "Riverside",
    "Harbour Street",
    "Millbrook",
    "Eastgate",
    "Westfield Road",
];
const UNITS: &[&str] = &[
    "Response",
    "Neighbourhood",
    "CID",
    "Roads Policing",
    "Public Protection",
    "Custody",
];
const NOTES: &[&str] = &[
    "Tutor constable",
    "On secondment to Professional Standards",
    "Part-time, compressed hours",
    "Covering for the Inspector while on leave",
];

fn words(list: &'static str) -> Vec<&'static str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One of `list`, drawn by `rng`.
fn pick<'a>(rng: &mut Xorshift, list: &[&'a str]) -> &'a str {
    let i = rng.below(list.len().max(1));
    list.get(i).copied().unwrap_or("")
}

/// Ready `mb` megabytes of memory for the next file, while the page waits
/// for the clerk: allocate them (growing the WebAssembly memory), write to
/// every page, and free them.
///
/// Why: the first write to a page of new memory costs a fault in the
/// operating system, and a check grows its memory as it keeps each flagged
/// row: about 140 MB for a 100 MB staff list, 36,000 faults, a tenth of its
/// time. WebAssembly memory never shrinks, so the allocator keeps what is
/// freed here and hands it out again as the check grows: the faults are
/// paid before the file is chosen instead of during its check. The cost is
/// that the page holds this memory from the start.
pub(super) fn reserve(mb: usize) {
    // Ones, not zeros: the allocator knows new memory is zero and would not
    // write it for `vec![0; n]`, and the writing is the point.
    let block = vec![1u8; mb << 20];
    std::hint::black_box(&block);
}
