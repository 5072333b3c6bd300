//! Group counting: rows are given dense ids per column; combining columns
//! gives each row a group id, and group sizes follow. Linear in rows per
//! combination, with a direct-index table when the key space is small and a
//! hash map over packed 64-bit keys otherwise.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Key spaces up to this many entries are counted in a plain array.
const DENSE_LIMIT: u64 = 1 << 22;

/// A small fast hasher for integer keys (the Fx hash of rustc); the keys are
/// group ids, never attacker-chosen strings.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A hash map with [`FxHasher`].
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Group ids of every row for some combination of columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Groups {
    /// Group id of each row, `0..count`.
    pub ids: Vec<u32>,
    /// Number of distinct groups.
    pub count: u32,
}

impl Groups {
    /// Groups of one column whose row values are ids below `card`.
    pub fn of_column(values: &[u16], card: u32) -> Groups {
        Groups { ids: values.iter().map(|&v| u32::from(v)).collect(), count: card }
    }

    /// The combination of `self` with a column of ids below `card`.
    pub fn with_column(&self, values: &[u16], card: u32) -> Groups {
        self.combine(values.iter().map(|&v| u32::from(v)), card)
    }

    /// The combination of two groupings over the same rows.
    pub fn with_groups(&self, other: &Groups) -> Groups {
        self.combine(other.ids.iter().copied(), other.count)
    }

    fn combine(&self, other: impl Iterator<Item = u32>, card: u32) -> Groups {
        let space = u64::from(self.count) * u64::from(card.max(1));
        let card = u64::from(card.max(1));
        let mut ids = Vec::with_capacity(self.ids.len());
        let mut next: u32 = 0;
        if space <= DENSE_LIMIT {
            let mut map = vec![u32::MAX; space as usize];
            for (&a, b) in self.ids.iter().zip(other) {
                let key = (u64::from(a) * card + u64::from(b)) as usize;
                let Some(slot) = map.get_mut(key) else {
                    // Cannot happen (ids are below their cardinality); keep
                    // rows aligned all the same.
                    ids.push(0);
                    continue;
                };
                if *slot == u32::MAX {
                    *slot = next;
                    next += 1;
                }
                ids.push(*slot);
            }
        } else {
            let mut map: FxMap<u64, u32> = FxMap::default();
            for (&a, b) in self.ids.iter().zip(other) {
                let key = u64::from(a) * card + u64::from(b);
                let id = *map.entry(key).or_insert_with(|| {
                    next += 1;
                    next - 1
                });
                ids.push(id);
            }
        }
        Groups { ids, count: next }
    }

    /// Size of each group, indexed by group id.
    pub fn sizes(&self) -> Vec<u32> {
        let mut sizes = vec![0u32; self.count as usize];
        for &g in &self.ids {
            if let Some(s) = sizes.get_mut(g as usize) {
                *s = s.saturating_add(1);
            }
        }
        sizes
    }

    /// The group size of every row.
    pub fn row_sizes(&self) -> Vec<u32> {
        let sizes = self.sizes();
        self.ids.iter().map(|&g| sizes.get(g as usize).copied().unwrap_or(0)).collect()
    }

    /// How many rows are in groups smaller than `k`.
    pub fn rows_below(&self, k: u32) -> usize {
        let sizes = self.sizes();
        sizes.iter().filter(|&&s| s < k).map(|&s| s as usize).sum()
    }
}

/// The combination of several columns (each a slice of ids with its
/// cardinality); `None` for no columns.
pub fn combine_all(columns: &[(&[u16], u32)]) -> Option<Groups> {
    let mut it = columns.iter();
    let (first, card) = it.next()?;
    let mut g = Groups::of_column(first, *card);
    for (col, card) in it {
        g = g.with_column(col, *card);
    }
    Some(g)
}
