//! A table's scan shared by two checkers (the page's two workers): each
//! reads the whole file, but one classifies the table's rows before a
//! given row and the other those from it (see [`crate::check::Part`]).
//! The second's [`TableScanner`] goes to the first as bytes
//! ([`TableScanner::write_half`], [`ScanHalf::read`]) and is added to it
//! ([`TableScanner::absorb`]) before the table is judged, so the judgement
//! sees every row, as a check by one worker does.
//!
//! Cells are classified independently of each other, and the column counts
//! are sums: the two halves' counts add up to the whole table's. Kept rows
//! are in row order, and every row of the second half comes after every
//! row of the first. A table whose rows may be labels and values
//! ([`TableScanner::splittable`]) is read by the first checker alone: its
//! labels are learnt row by row.

use super::cell::{Stats, What};
use super::{Column, Hit, KeptRow, MemoHit, Memoised, TableScanner, RAW};
use crate::report::StoreStr;
use std::collections::HashMap;

/// What the second checker's scanner of one table holds, read back.
pub(crate) struct ScanHalf {
    /// Per column: its counts (its memo's uses added) and its geographic
    /// numbers' row counts.
    cols: Vec<(Stats, Vec<(u64, u32)>)>,
    entries: Vec<Memoised>,
    hits: Vec<Hit>,
    words: Vec<u32>,
    rows: Vec<KeptRow>,
    arena: String,
    keys: String,
}

/// The parts of a half that are not plain numbers, as JSON.
#[derive(serde::Serialize, serde::Deserialize)]
struct Head {
    stats: Vec<Stats>,
    whats: Vec<What>,
}

impl TableScanner {
    /// Whether this table's rows may be shared by two checkers: those of a
    /// table, not a list of labels and values (whose labels are learnt row
    /// by row) nor the rows outside tables.
    pub fn splittable(&self) -> bool {
        self.table.is_some() && self.labels.is_none()
    }

    /// Write what this scanner holds for [`ScanHalf::read`], to be added to
    /// the other half's scanner of the same table.
    pub(crate) fn write_half(mut self, out: &mut Vec<u8>) {
        for c in &mut self.cols {
            c.flush_memo();
        }
        // The kinds of hit, numbered: a few dozen, whatever the table's size.
        let mut whats: Vec<What> = Vec::new();
        let mut numbers: HashMap<What, u16> = HashMap::new();
        let mut number = |w: What| -> u16 {
            *numbers.entry(w).or_insert_with(|| {
                whats.push(w);
                (whats.len() - 1) as u16
            })
        };
        // The body first, straight into `out` (made room for at once: it
        // is tens of megabytes for a large list); the kinds of hit after it.
        let size = 64
            + self
                .cols
                .iter()
                .map(|c| 8 + 12 * c.phones.len())
                .sum::<usize>()
            + 22 * self.entries.len()
            + 14 * self.hits.len()
            + 4 * self.words.len()
            + 16 * self.rows.len()
            + self.arena.len()
            + self.keys.len();
        out.reserve(size + 8 + 4096);
        let len_at = out.len();
        put_len(out, 0);
        let body = out.len();
        put_len(out, self.cols.len());
        for c in &self.cols {
            put_len(out, c.phones.len());
            for (&k, &v) in &c.phones {
                put_u64(out, k);
                put_u32(out, v);
            }
        }
        put_len(out, self.entries.len());
        for e in &self.entries {
            put_u64(out, e.key.bits());
            put_u32(out, e.col);
            out.push(e.n);
            out.push(u8::from(e.could_flag));
            for h in &e.hits {
                put_u16(out, number(h.what));
                out.push(h.start);
                out.push(h.end);
            }
        }
        put_len(out, self.hits.len());
        for h in &self.hits {
            put_u64(out, h.text.bits());
            put_u32(out, h.col);
            put_u16(out, number(h.what));
        }
        put_len(out, self.words.len());
        for &w in &self.words {
            put_u32(out, w);
        }
        // Each row: its number, and how many words and raw hits it has.
        put_len(out, self.rows.len());
        let (mut words, mut hits) = (0, 0);
        for r in &self.rows {
            put_u64(out, r.row);
            put_u32(out, (r.words - words) as u32);
            put_u32(out, (r.hits - hits) as u32);
            (words, hits) = (r.words, r.hits);
        }
        put_str(out, &self.arena);
        put_str(out, &self.keys);
        let n = (out.len() - body) as u64;
        if let Some(at) = out.get_mut(len_at..len_at + 8) {
            at.copy_from_slice(&n.to_le_bytes());
        }
        let head = Head {
            stats: self.cols.iter().map(|c| c.stats).collect(),
            whats,
        };
        put_str(out, &serde_json::to_string(&head).unwrap_or_default());
    }

    /// Add the second half's scan of this table (`half`, of the rows after
    /// this scanner's) to this one. `Err` when it does not fit this table.
    pub(crate) fn absorb(&mut self, half: ScanHalf) -> Result<(), String> {
        if !self.splittable() {
            if half.rows.is_empty() && half.cols.iter().all(|(s, _)| s.nonempty == 0) {
                return Ok(());
            }
            return Err("rows of a table read by one half were read by the other".into());
        }
        for (j, (stats, phones)) in half.cols.into_iter().enumerate() {
            while self.cols.len() <= j {
                let file_index = self.first_column + self.cols.len();
                self.cols.push(Column::new("", file_index, false));
            }
            let Some(c) = self.cols.get_mut(j) else {
                continue;
            };
            c.stats.add_times(&stats, 1);
            for (k, v) in phones {
                let n = c.phones.entry(k).or_insert(0);
                *n = n.saturating_add(v);
            }
        }
        let entries_at = u32::try_from(self.entries.len()).map_err(|e| e.to_string())?;
        let (hits_at, words_at) = (self.hits.len(), self.words.len());
        let (arena_at, keys_at) = (self.arena.len(), self.keys.len());
        let entries = u32::try_from(half.entries.len()).map_err(|e| e.to_string())?;
        if entries_at.checked_add(entries).is_none_or(|n| n == RAW) {
            return Err("too many memo entries".into());
        }
        self.entries.extend(half.entries.into_iter().map(|mut e| {
            e.id += entries_at;
            e.key = e.key.shift(arena_at, keys_at);
            e
        }));
        self.hits.extend(half.hits.into_iter().map(|mut h| {
            h.text = h.text.shift(arena_at, keys_at);
            h
        }));
        self.words.extend(
            half.words
                .into_iter()
                .map(|w| if w == RAW { RAW } else { w + entries_at }),
        );
        self.rows.extend(half.rows.into_iter().map(|r| KeptRow {
            row: r.row,
            words: r.words + words_at,
            hits: r.hits + hits_at,
        }));
        self.arena.push_str(&half.arena);
        self.keys.push_str(&half.keys);
        Ok(())
    }
}

impl ScanHalf {
    /// Read a half written by [`TableScanner::write_half`] from `bytes` at
    /// `*at` (moved past it); `None` if the bytes are not one.
    pub(crate) fn read(bytes: &[u8], at: &mut usize) -> Option<ScanHalf> {
        let n = get_len(bytes, at)?;
        let body = bytes.get(*at..at.checked_add(n)?)?;
        *at += n;
        let head: Head = serde_json::from_str(get_str(bytes, at)?).ok()?;
        let b = &mut 0usize;
        let what = |b: &mut usize| head.whats.get(usize::from(get_u16(body, b)?)).copied();
        let ncols = get_len(body, b)?;
        if ncols != head.stats.len() {
            return None;
        }
        let mut cols = Vec::with_capacity(ncols);
        for stats in &head.stats {
            let n = get_len(body, b)?;
            let mut phones = Vec::with_capacity(n.min(body.len() / 12));
            for _ in 0..n {
                phones.push((get_u64(body, b)?, get_u32(body, b)?));
            }
            cols.push((*stats, phones));
        }
        let n = get_len(body, b)?;
        let mut entries = Vec::with_capacity(n.min(body.len() / 22));
        for id in 0..n {
            let key = StoreStr::from_bits(get_u64(body, b)?);
            let col = get_u32(body, b)?;
            let count = *body.get(*b)?;
            let could_flag = *body.get(*b + 1)? != 0;
            *b += 2;
            let mut hits = [MemoHit {
                what: What::Initial,
                start: 0,
                end: 0,
            }; 2];
            for h in &mut hits {
                let what = what(b)?;
                let (start, end) = (*body.get(*b)?, *body.get(*b + 1)?);
                *b += 2;
                *h = MemoHit { what, start, end };
            }
            if count > 2 {
                return None;
            }
            entries.push(Memoised {
                key,
                id: u32::try_from(id).ok()?,
                col,
                n: count,
                could_flag,
                hits,
            });
        }
        let n = get_len(body, b)?;
        let mut hits = Vec::with_capacity(n.min(body.len() / 14));
        for _ in 0..n {
            let text = StoreStr::from_bits(get_u64(body, b)?);
            let col = get_u32(body, b)?;
            hits.push(Hit {
                text,
                col,
                what: what(b)?,
            });
        }
        let n = get_len(body, b)?;
        let mut words = Vec::with_capacity(n.min(body.len() / 4));
        for _ in 0..n {
            let w = get_u32(body, b)?;
            if w != RAW && w as usize >= entries.len() {
                return None;
            }
            words.push(w);
        }
        let n = get_len(body, b)?;
        let mut rows: Vec<KeptRow> = Vec::with_capacity(n.min(body.len() / 16));
        let (mut w, mut h, mut row0) = (0usize, 0usize, 0u64);
        for _ in 0..n {
            let row = get_u64(body, b)?;
            // Each row's words and hits start where the last row's end.
            w = w.checked_add(get_u32(body, b)? as usize)?;
            h = h.checked_add(get_u32(body, b)? as usize)?;
            if w > words.len() || h > hits.len() || row < row0 {
                return None;
            }
            row0 = row;
            rows.push(KeptRow {
                row,
                words: w,
                hits: h,
            });
        }
        let arena = get_str(body, b)?.to_string();
        let keys = get_str(body, b)?.to_string();
        let fits = |s: StoreStr| {
            let text = if s.is_key() { &keys } else { &arena };
            s.end() <= text.len()
        };
        if *b != body.len()
            || !entries.iter().all(|e| fits(e.key))
            || !hits.iter().all(|h| fits(h.text))
        {
            return None;
        }
        Some(ScanHalf {
            cols,
            entries,
            hits,
            words,
            rows,
            arena,
            keys,
        })
    }
}

pub(crate) fn put_u16(out: &mut Vec<u8>, x: u16) {
    out.extend_from_slice(&x.to_le_bytes());
}

pub(crate) fn put_u32(out: &mut Vec<u8>, x: u32) {
    out.extend_from_slice(&x.to_le_bytes());
}

pub(crate) fn put_u64(out: &mut Vec<u8>, x: u64) {
    out.extend_from_slice(&x.to_le_bytes());
}

pub(crate) fn put_len(out: &mut Vec<u8>, n: usize) {
    put_u64(out, n as u64);
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn take<const N: usize>(bytes: &[u8], at: &mut usize) -> Option<[u8; N]> {
    let b: [u8; N] = bytes.get(*at..at.checked_add(N)?)?.try_into().ok()?;
    *at += N;
    Some(b)
}

pub(crate) fn get_u16(bytes: &[u8], at: &mut usize) -> Option<u16> {
    take(bytes, at).map(u16::from_le_bytes)
}

pub(crate) fn get_u32(bytes: &[u8], at: &mut usize) -> Option<u32> {
    take(bytes, at).map(u32::from_le_bytes)
}

pub(crate) fn get_u64(bytes: &[u8], at: &mut usize) -> Option<u64> {
    take(bytes, at).map(u64::from_le_bytes)
}

pub(crate) fn get_len(bytes: &[u8], at: &mut usize) -> Option<usize> {
    get_u64(bytes, at).and_then(|n| usize::try_from(n).ok())
}

pub(crate) fn get_str<'a>(bytes: &'a [u8], at: &mut usize) -> Option<&'a str> {
    let n = get_len(bytes, at)?;
    let s = bytes.get(*at..at.checked_add(n)?)?;
    *at += n;
    std::str::from_utf8(s).ok()
}
