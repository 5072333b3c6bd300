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
        let mut body = Vec::new();
        put_len(&mut body, self.cols.len());
        for c in &self.cols {
            put_len(&mut body, c.phones.len());
            for (&k, &v) in &c.phones {
                put_u64(&mut body, k);
                put_u32(&mut body, v);
            }
        }
        put_len(&mut body, self.entries.len());
        for e in &self.entries {
            put_u64(&mut body, e.key.bits());
            put_u32(&mut body, e.col);
            body.push(e.n);
            body.push(u8::from(e.could_flag));
            for h in &e.hits {
                put_u16(&mut body, number(h.what));
                body.push(h.start);
                body.push(h.end);
            }
        }
        put_len(&mut body, self.hits.len());
        for h in &self.hits {
            put_u64(&mut body, h.text.bits());
            put_u32(&mut body, h.col);
            put_u16(&mut body, number(h.what));
        }
        put_len(&mut body, self.words.len());
        for &w in &self.words {
            put_u32(&mut body, w);
        }
        put_len(&mut body, self.rows.len());
        for r in &self.rows {
            put_u64(&mut body, r.row);
            put_len(&mut body, r.words);
            put_len(&mut body, r.hits);
        }
        put_str(&mut body, &self.arena);
        put_str(&mut body, &self.keys);
        let head = Head {
            stats: self.cols.iter().map(|c| c.stats).collect(),
            whats,
        };
        put_str(out, &serde_json::to_string(&head).unwrap_or_default());
        put_len(out, body.len());
        out.extend_from_slice(&body);
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
        for (i, mut e) in half.entries.into_iter().enumerate() {
            e.id = entries_at
                .checked_add(i as u32)
                .filter(|&id| id != RAW)
                .ok_or("too many memo entries")?;
            e.key = e.key.shift(arena_at, keys_at);
            self.entries.push(e);
        }
        for mut h in half.hits {
            h.text = h.text.shift(arena_at, keys_at);
            self.hits.push(h);
        }
        for w in half.words {
            self.words.push(match w {
                RAW => RAW,
                w => w
                    .checked_add(entries_at)
                    .filter(|&w| w != RAW)
                    .ok_or("too many memo entries")?,
            });
        }
        for r in half.rows {
            self.rows.push(KeptRow {
                row: r.row,
                words: r.words + words_at,
                hits: r.hits + hits_at,
            });
        }
        self.arena.push_str(&half.arena);
        self.keys.push_str(&half.keys);
        Ok(())
    }
}

impl ScanHalf {
    /// Read a half written by [`TableScanner::write_half`] from `bytes` at
    /// `*at` (moved past it); `None` if the bytes are not one.
    pub(crate) fn read(bytes: &[u8], at: &mut usize) -> Option<ScanHalf> {
        let head: Head = serde_json::from_str(get_str(bytes, at)?).ok()?;
        let n = get_len(bytes, at)?;
        let body = bytes.get(*at..at.checked_add(n)?)?;
        *at += n;
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
        let mut rows: Vec<KeptRow> = Vec::with_capacity(n.min(body.len() / 24));
        for _ in 0..n {
            let r = KeptRow {
                row: get_u64(body, b)?,
                words: get_len(body, b)?,
                hits: get_len(body, b)?,
            };
            // Each row's words and hits start where the last row's end.
            let (w0, h0, row0) = rows.last().map_or((0, 0, 0), |p| (p.words, p.hits, p.row));
            if r.words < w0
                || r.words > words.len()
                || r.hits < h0
                || r.hits > hits.len()
                || r.row < row0
            {
                return None;
            }
            rows.push(r);
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
