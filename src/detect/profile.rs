//! The organisation's profile and the session's roster, applied to one row
//! after the rule tables have classified its cells (see [`crate::profile`]):
//!
//! - a personal e-mail address at one of the organisation's domains becomes
//!   [`What::ProfileEmail`] (a member of staff's);
//! - a cell (or a word, or two words, of free text) of one of the profile's
//!   number shapes is [`What::ProfileNumber`], in any column;
//! - a name on the allow-list is dropped (the row's other hits stay);
//! - a name (full, or surname and initial) or a number on the roster is
//!   [`What::RosterName`] / [`What::RosterNumber`];
//! - a unit on the profile's sensitive list, in a unit column, is
//!   [`What::ProfileUnit`] (a reason added to a flagged row, as the built-in
//!   sensitive units are).

use super::cell::{Mode, What};
use super::{Hit, TableScanner};

/// Characters trimmed from the ends of a word of free text.
const PUNCT: &[char] = &[
    ',', '.', ';', ':', '(', ')', '[', ']', '"', '\'', '!', '?', '<', '>',
];

/// Roster numbers shorter than this (letters and digits) are not matched:
/// a count of 12 is not staff number 012.
const MIN_NUMBER_CHARS: usize = 3;

/// The words of a cell as byte ranges, punctuation trimmed from their ends.
fn words(cell: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let ends = cell
        .char_indices()
        .chain(std::iter::once((cell.len(), ' ')));
    for (i, c) in ends {
        if !c.is_whitespace() {
            start.get_or_insert(i);
            continue;
        }
        let Some(s) = start.take() else { continue };
        let w = cell.get(s..i).unwrap_or("");
        let t = w.trim_start_matches(PUNCT);
        let a = s + (w.len() - t.len());
        let t = t.trim_end_matches(PUNCT);
        if !t.is_empty() {
            out.push((a, a + t.len()));
        }
    }
    out
}

/// Runs of one to `n` adjacent words, as byte ranges of the cell.
fn runs(words: &[(usize, usize)], n: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    (0..words.len()).flat_map(move |i| {
        (1..=n).filter_map(move |k| {
            let first = words.get(i)?;
            let last = words.get(i + k - 1)?;
            Some((first.0, last.1))
        })
    })
}

/// A hit's text: in the arena, or in the memo's key buffer.
fn hit_text<'a>(arena: &'a str, keys: &'a str, h: &Hit) -> &'a str {
    if h.text.is_key() {
        h.text.get(keys)
    } else {
        h.text.get(arena)
    }
}

fn push(hits: &mut Vec<Hit>, arena: &mut String, col: usize, what: What, text: &str) {
    hits.push(Hit {
        text: super::stash(arena, text),
        col: col as u32,
        what,
    });
}

fn has_digit(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
}

fn number_like(s: &str) -> bool {
    has_digit(s) && s.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_NUMBER_CHARS
}

impl TableScanner {
    /// Apply the profile and the roster to the row just recorded, whose hits
    /// start at `first`.
    pub(super) fn apply_profile(&mut self, fields: &[&str], first: usize) {
        let TableScanner {
            hits,
            arena,
            keys,
            profile,
            roster,
            cols,
            ..
        } = self;
        let profile = profile.as_deref();
        let roster = roster.as_deref().filter(|r| !r.is_empty());
        let allowed = |t: &str| profile.is_some_and(|p| p.allows(t));

        // The row's hits: staff domains, allowed names, names in separate columns.
        let mut drop: Vec<usize> = Vec::new();
        let (mut surname, mut forename, mut initial) = (None, None, None);
        for (k, h) in hits.iter_mut().enumerate().skip(first) {
            let t = hit_text(arena, keys, h);
            match h.what {
                What::Email { .. } if profile.is_some_and(|p| p.is_staff_email(t)) => {
                    h.what = What::ProfileEmail;
                }
                What::Name(_)
                | What::TextFullName
                | What::TextRankName(_)
                | What::TextTitleName
                | What::TextCueName(_)
                | What::Labelled(..)
                    if allowed(t) =>
                {
                    drop.push(k);
                }
                What::Surname => surname = surname.or(Some(k)),
                What::Forename => forename = forename.or(Some(k)),
                What::Initial => initial = initial.or(Some(k)),
                _ => {}
            }
        }
        let text_of = |k: Option<usize>| {
            k.and_then(|k| hits.get(k))
                .map(|h| (h.col as usize, hit_text(arena, keys, h).trim().to_string()))
        };
        let (sn, fnm, ini) = (text_of(surname), text_of(forename), text_of(initial));
        let mut roster_hit: Option<(usize, String)> = None;
        if let Some((col, s)) = &sn {
            if let Some((_, f)) = &fnm {
                let full = format!("{f} {s}");
                if allowed(&full) {
                    drop.extend([surname, forename, initial].into_iter().flatten());
                } else if roster.is_some_and(|r| r.has_name(&full)) {
                    roster_hit = Some((*col, full));
                }
            } else if let Some((_, i)) = &ini {
                if roster.is_some_and(|r| r.has_surname_initial(s, i)) {
                    roster_hit = Some((*col, format!("{s} {i}")));
                }
            }
        }
        if !drop.is_empty() {
            let mut k = 0;
            hits.retain(|_| {
                let keep = k < first || !drop.contains(&k);
                k += 1;
                keep
            });
        }
        if let Some((col, t)) = roster_hit {
            push(hits, arena, col, What::RosterName, &t);
        }

        // Each cell: number shapes, roster numbers and names.
        for (j, field) in fields.iter().enumerate() {
            let v = field.trim();
            if v.is_empty() {
                continue;
            }
            let ws = if v.contains(char::is_whitespace) {
                words(field)
            } else {
                Vec::new()
            };
            let sub = |(a, b): (usize, usize)| field.get(a..b).unwrap_or("");
            if let Some(p) = profile.filter(|p| p.has_shapes()) {
                if let Some(i) = p.number_shape_index(v) {
                    let what = What::ProfileNumber(i as u16);
                    let same = hits.iter_mut().skip(first).find(|h| {
                        h.col as usize == j
                            && matches!(h.what, What::StaffNumber | What::CollarShape(_))
                    });
                    match same {
                        Some(h) => h.what = what,
                        None => push(hits, arena, j, what, v),
                    }
                } else if let Some((i, t)) = runs(&ws, 2)
                    .map(sub)
                    .find_map(|t| p.number_shape_index(t).map(|i| (i, t)))
                {
                    push(hits, arena, j, What::ProfileNumber(i as u16), t);
                }
            }
            // The organisation's own sensitive units, in unit columns, where
            // the built-in list has not already named the unit.
            let unit_column = cols.get(j).is_some_and(|c| c.mode == Mode::Unit);
            if unit_column
                && profile.is_some_and(|p| p.is_sensitive_unit(v))
                && !hits
                    .iter()
                    .skip(first)
                    .any(|h| h.col as usize == j && matches!(h.what, What::Unit(_)))
            {
                push(hits, arena, j, What::ProfileUnit, v);
            }
            let Some(r) = roster else { continue };
            if number_like(v) && r.has_number(v) {
                push(hits, arena, j, What::RosterNumber, v);
            } else if let Some(t) = ws
                .iter()
                .map(|w| sub(*w))
                .find(|t| number_like(t) && r.has_number(t))
            {
                push(hits, arena, j, What::RosterNumber, t);
            }
            // Names: the shortest run of words on the roster (two words,
            // then three), so that only the name is reported and masked.
            if v.contains(char::is_alphabetic) && ws.len() >= 2 {
                let found = (2..=3)
                    .flat_map(|k| ws.windows(k))
                    .filter_map(|w| Some((w.first()?.0, w.last()?.1)))
                    .map(sub)
                    .filter(|t| !has_digit(t))
                    .find(|t| r.matches_name(t) && !allowed(t));
                if let Some(t) = found {
                    push(hits, arena, j, What::RosterName, t);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_trim_punctuation() {
        let cell = "Seen by (PC NS1234), then Doe.";
        let got: Vec<&str> = words(cell)
            .into_iter()
            .map(|(a, b)| cell.get(a..b).unwrap_or(""))
            .collect();
        assert_eq!(got, ["Seen", "by", "PC", "NS1234", "then", "Doe"]);
        let w = words("a b c");
        let r: Vec<_> = runs(&w, 2).collect();
        assert_eq!(r, [(0, 1), (0, 3), (2, 3), (2, 5), (4, 5)]);
    }
}
