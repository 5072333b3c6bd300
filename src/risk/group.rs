//! Group counting: rows are given dense ids per column; combining columns
//! gives each row a group id, and group sizes follow. Linear in rows per
//! combination: a direct-index table when the key space is small, else a
//! counting sort by one side and a stamped array for the other. No hashing.

/// Key spaces up to this many entries are counted in a plain array.
const DENSE_LIMIT: u64 = 1 << 22;

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
        Groups {
            ids: values.iter().map(|&v| u32::from(v)).collect(),
            count: card,
        }
    }

    /// The combination of `self` with a column of ids below `card`.
    pub fn with_column(&self, values: &[u16], card: u32) -> Groups {
        self.combine(values, card)
    }

    /// The combination of two groupings over the same rows.
    pub fn with_groups(&self, other: &Groups) -> Groups {
        self.combine(&other.ids, other.count)
    }

    fn combine<T: Copy + Into<u32>>(&self, other: &[T], card: u32) -> Groups {
        let card = card.max(1);
        let space = u64::from(self.count) * u64::from(card);
        if space <= DENSE_LIMIT {
            self.combine_dense(other, card)
        } else {
            self.combine_buckets(other, card)
        }
    }

    /// Small key space: one array slot per (a, b) pair.
    fn combine_dense<T: Copy + Into<u32>>(&self, other: &[T], card: u32) -> Groups {
        let card = u64::from(card);
        let mut map = vec![u32::MAX; (u64::from(self.count) * card) as usize];
        let mut ids = Vec::with_capacity(self.ids.len());
        let mut next: u32 = 0;
        for (&a, &b) in self.ids.iter().zip(other) {
            let key = (u64::from(a) * card + u64::from(b.into())) as usize;
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
        Groups { ids, count: next }
    }

    /// Large key space: rows bucketed by `other` (a counting sort), then
    /// within each bucket `self`'s ids are renumbered through one array
    /// stamped with the bucket. Linear in rows plus both cardinalities, no
    /// hashing.
    fn combine_buckets<T: Copy + Into<u32>>(&self, other: &[T], card: u32) -> Groups {
        let n = self.ids.len().min(other.len());
        let mut starts = vec![0u32; card as usize + 1];
        for &b in other.iter().take(n) {
            if let Some(s) = starts.get_mut(b.into() as usize + 1) {
                *s += 1;
            }
        }
        for i in 1..starts.len() {
            let prev = starts.get(i - 1).copied().unwrap_or(0);
            if let Some(s) = starts.get_mut(i) {
                *s += prev;
            }
        }
        let mut fill = starts.clone();
        let mut order = vec![0u32; n];
        for (r, &b) in other.iter().take(n).enumerate() {
            if let Some(f) = fill.get_mut(b.into() as usize) {
                if let Some(o) = order.get_mut(*f as usize) {
                    *o = r as u32;
                }
                *f += 1;
            }
        }
        // (bucket stamp, id) per id of self.
        let mut map: Vec<(u32, u32)> = vec![(u32::MAX, 0); self.count as usize];
        let mut ids = vec![0u32; self.ids.len()];
        let mut next: u32 = 0;
        for bucket in 0..card as usize {
            let (Some(&s), Some(&e)) = (starts.get(bucket), starts.get(bucket + 1)) else {
                continue;
            };
            for &r in order.get(s as usize..e as usize).unwrap_or(&[]) {
                let r = r as usize;
                let Some(&a) = self.ids.get(r) else { continue };
                let Some(slot) = map.get_mut(a as usize) else {
                    continue;
                };
                if slot.0 != bucket as u32 {
                    *slot = (bucket as u32, next);
                    next += 1;
                }
                if let Some(id) = ids.get_mut(r) {
                    *id = slot.1;
                }
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
        self.ids
            .iter()
            .map(|&g| sizes.get(g as usize).copied().unwrap_or(0))
            .collect()
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
