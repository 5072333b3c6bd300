//! Group counting: rows are given dense ids per column; combining columns
//! gives each row a group id, and group sizes follow. Linear in rows per
//! combination: a direct-index table when the key space is small, else a
//! counting sort by one side and a stamped array for the other. No hashing.
//!
//! Many groupings of the same rows (every subset of 1 to 3 columns, each
//! step of the fix search) are counted over [`Combinations`]: the distinct
//! combinations of all the columns, each weighted by its rows. Any subset of
//! the columns groups the combinations as it groups their rows, so the sizes
//! are the same, and a staff list of a million rows has a few thousand
//! combinations.

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
        self.tally(std::iter::repeat(1))
    }

    /// Size of each group when row `r` stands for `weights[r]` rows (a
    /// grouping of [`Combinations`]).
    pub fn weighted_sizes(&self, weights: &[u32]) -> Vec<u32> {
        self.tally(weights.iter().copied())
    }

    fn tally(&self, weights: impl Iterator<Item = u32>) -> Vec<u32> {
        let mut sizes = vec![0u32; self.count as usize];
        for (&g, w) in self.ids.iter().zip(weights) {
            if let Some(s) = sizes.get_mut(g as usize) {
                *s = s.saturating_add(w);
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
        rows_in_groups_below(&self.sizes(), k)
    }

    /// How many rows are in groups smaller than `k` when row `r` stands for
    /// `weights[r]` rows.
    pub fn weighted_rows_below(&self, k: u32, weights: &[u32]) -> usize {
        rows_in_groups_below(&self.weighted_sizes(weights), k)
    }

    /// Folds a column into the ids without renumbering them: the id becomes
    /// `id * card + value`, and `count` the product of the key spaces, which
    /// the caller keeps within [`DENSE_LIMIT`]. One pass, no allocation.
    fn fold(&mut self, values: &[u16], card: u32) {
        self.ids.truncate(values.len());
        for (id, &v) in self.ids.iter_mut().zip(values) {
            *id = *id * card + u32::from(v);
        }
        self.count *= card;
    }

    /// Renumbers the ids `0..` in order of first appearance, so that `count`
    /// is the number of groups, not the key space (at most [`DENSE_LIMIT`]).
    fn compact(mut self) -> Groups {
        let mut map = vec![u32::MAX; self.count as usize];
        let mut next: u32 = 0;
        for id in &mut self.ids {
            *id = match map.get_mut(*id as usize) {
                Some(slot) => {
                    if *slot == u32::MAX {
                        *slot = next;
                        next += 1;
                    }
                    *slot
                }
                // Cannot happen (ids are below the key space).
                None => 0,
            };
        }
        self.count = next;
        self
    }
}

fn rows_in_groups_below(sizes: &[u32], k: u32) -> usize {
    sizes.iter().filter(|&&s| s < k).map(|&s| s as usize).sum()
}

/// The combination of several columns (each a slice of ids with its
/// cardinality); `None` for no columns. Group ids are numbered in order of
/// first appearance while the key spaces multiply to at most
/// [`DENSE_LIMIT`]: the columns are then folded into one key per row, a pass
/// each, and the keys renumbered once.
pub fn combine_all(columns: &[(&[u16], u32)]) -> Option<Groups> {
    let ((first, card), rest) = columns.split_first()?;
    let mut g = Groups::of_column(first, (*card).max(1));
    for &(col, card) in rest {
        let card = card.max(1);
        if u64::from(g.count) * u64::from(card) > DENSE_LIMIT {
            g = g.compact();
        }
        if u64::from(g.count) * u64::from(card) <= DENSE_LIMIT {
            g.fold(col, card);
        } else {
            g = g.with_column(col, card);
        }
    }
    Some(g.compact())
}

/// The distinct combinations of values of some columns, each weighted by the
/// rows that have it (see the module overview).
#[derive(Debug, Clone, PartialEq)]
pub struct Combinations {
    /// The combination of each row.
    pub of_row: Vec<u32>,
    /// Per column, its value id in each combination.
    pub columns: Vec<Vec<u16>>,
    /// How many rows have each combination.
    pub weights: Vec<u32>,
}

impl Combinations {
    /// The combinations of several columns over the same rows (each a slice
    /// of ids with its cardinality); `None` for no columns.
    pub fn new(columns: &[(&[u16], u32)]) -> Option<Combinations> {
        let all = combine_all(columns)?;
        let count = all.count as usize;
        let mut weights = vec![0u32; count];
        // The first row of each combination stands for it.
        let mut first = vec![0usize; count];
        for (r, &g) in all.ids.iter().enumerate() {
            if let (Some(w), Some(f)) = (weights.get_mut(g as usize), first.get_mut(g as usize)) {
                if *w == 0 {
                    *f = r;
                }
                *w = w.saturating_add(1);
            }
        }
        let columns = columns
            .iter()
            .map(|(values, _)| {
                first
                    .iter()
                    .map(|&r| values.get(r).copied().unwrap_or(0))
                    .collect()
            })
            .collect();
        Some(Combinations {
            of_row: all.ids,
            columns,
            weights,
        })
    }

    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.of_row.len()
    }

    /// The group size of row `r` in a grouping of the combinations
    /// (`sizes` from [`Groups::weighted_sizes`] with [`Self::weights`]).
    pub fn size_of_row(&self, groups: &Groups, sizes: &[u32], r: usize) -> Option<u32> {
        let c = *self.of_row.get(r)?;
        let g = *groups.ids.get(c as usize)?;
        sizes.get(g as usize).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Fixed-seed columns: `cards[j]` values in column j, skewed to small ids
    /// so that groups of every size occur.
    fn columns(rows: usize, cards: &[u32], seed: u64) -> Vec<Vec<u16>> {
        let mut x = seed;
        let mut next = move |n: u32| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % u64::from(n)) as u16
        };
        cards
            .iter()
            .map(|&c| (0..rows).map(|_| next(c).min(next(c))).collect())
            .collect()
    }

    /// Rows per combination of the columns `set`, counted the slow way.
    fn brute_sizes(cols: &[Vec<u16>], set: &[usize]) -> Vec<u32> {
        let rows = cols.first().map_or(0, Vec::len);
        let key = |r: usize| -> Vec<u16> { set.iter().map(|&j| cols[j][r]).collect() };
        let mut counts: HashMap<Vec<u16>, u32> = HashMap::new();
        for r in 0..rows {
            *counts.entry(key(r)).or_default() += 1;
        }
        (0..rows).map(|r| counts[&key(r)]).collect()
    }

    fn subsets(width: usize) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        for a in 0..width {
            out.push(vec![a]);
            for b in a + 1..width {
                out.push(vec![a, b]);
                for c in b + 1..width {
                    out.push(vec![a, b, c]);
                }
            }
        }
        out.push((0..width).collect());
        out
    }

    /// Folded, compacted, bucketed and dense paths all give the sizes
    /// counted by brute force, with ids numbered by first appearance.
    #[test]
    fn combine_all_matches_brute_force_on_every_path() {
        let cases: &[&[u32]] = &[
            &[7],
            &[7, 16, 21],
            // 3000 * 3000 passes the dense limit: compact, then buckets,
            // then fold again.
            &[3000, 3000, 5, 2],
            // The product passes the limit only at the last column.
            &[60, 60, 60, 30],
            &[2, 65_000, 65_000],
        ];
        for (i, cards) in cases.iter().enumerate() {
            let cols = columns(6000, cards, 99 + i as u64);
            let data: Vec<(&[u16], u32)> = cols
                .iter()
                .zip(*cards)
                .map(|(c, &k)| (c.as_slice(), k))
                .collect();
            let g = combine_all(&data).expect("columns given");
            let all: Vec<usize> = (0..cards.len()).collect();
            assert_eq!(g.row_sizes(), brute_sizes(&cols, &all), "cards {cards:?}");
            let mut next = 0;
            for &id in &g.ids {
                assert!(id <= next, "cards {cards:?}: id {id} before {next}");
                next = next.max(id + 1);
            }
            assert_eq!(g.count, next, "cards {cards:?}");
        }
        assert_eq!(combine_all(&[]), None);
    }

    /// Grouping the weighted combinations gives every row the size of its
    /// group among the rows, for every subset and k.
    #[test]
    fn subsets_of_combinations_count_like_rows() {
        for (seed, cards) in [(1u64, vec![7u32, 16, 21, 3]), (2, vec![40, 3000, 3, 12])] {
            let cols = columns(5000, &cards, seed);
            let data: Vec<(&[u16], u32)> = cols
                .iter()
                .zip(&cards)
                .map(|(c, &k)| (c.as_slice(), k))
                .collect();
            let combos = Combinations::new(&data).expect("columns given");
            assert_eq!(combos.rows(), 5000);
            assert_eq!(combos.weights.iter().sum::<u32>(), 5000);
            assert!(
                combos.weights.len() < 5000,
                "seed {seed}: rows repeat combinations"
            );
            for set in subsets(cards.len()) {
                let brute = brute_sizes(&cols, &set);
                let sub: Vec<(&[u16], u32)> = set
                    .iter()
                    .map(|&j| (combos.columns[j].as_slice(), cards[j]))
                    .collect();
                let g = combine_all(&sub).expect("a subset is not empty");
                let sizes = g.weighted_sizes(&combos.weights);
                for (r, &want) in brute.iter().enumerate() {
                    assert_eq!(
                        combos.size_of_row(&g, &sizes, r),
                        Some(want),
                        "{set:?} row {r}"
                    );
                }
                for k in [2, 3, 5, 10] {
                    let want = brute.iter().filter(|&&s| s < k).count();
                    assert_eq!(
                        g.weighted_rows_below(k, &combos.weights),
                        want,
                        "{set:?} k {k}"
                    );
                }
            }
        }
    }

    /// One row, one combination; a column shorter than the others (it
    /// cannot happen in a table, all the same) leaves rows aligned.
    #[test]
    fn combinations_of_one_row_and_of_uneven_columns() {
        let one = Combinations::new(&[(&[3u16][..], 4), (&[0u16][..], 1)]).expect("columns");
        assert_eq!(
            (one.weights.clone(), one.of_row.clone()),
            (vec![1], vec![0])
        );
        assert_eq!(one.columns, vec![vec![3], vec![0]]);
        let uneven =
            Combinations::new(&[(&[1u16, 1, 2][..], 3), (&[1u16, 1][..], 2)]).expect("columns");
        assert_eq!(uneven.rows(), 2);
        assert_eq!(uneven.weights, vec![2]);
    }
}
