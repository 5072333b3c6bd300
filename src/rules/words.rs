//! One table of every word on the word lists, with the lists that hold it.
//!
//! The lists stay the source of truth: the gazetteer files and the tables of
//! [`super::names`] (particles, titles, street, organisation and common
//! words, wordy forenames, redaction markers) and of [`super::patterns`]
//! (role-mailbox words). This table is built from them once, so a word asked
//! several questions (a role word? a street word? a surname?) is hashed once:
//! the e-mail classifier asks four questions of every token of every address.
//!
//! ```
//! use foi_check::rules::words::{self, Lists};
//! let hill = words::get("hill").map(|e| e.lists).unwrap_or_default();
//! assert!(hill.has(Lists::STREET) && hill.has(Lists::SURNAME));
//! assert!(!hill.has(Lists::ROLE));
//! let foi = words::get("foi").map(|e| (e.lists.has(Lists::ROLE), e.glued));
//! assert_eq!(foi, Some((true, 3)));
//! assert!(words::get("psdadmin").is_none());
//! ```

use super::{names, patterns, WordMap};
use std::sync::OnceLock;

/// A set of word lists (a bit per list).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lists(u16);

impl Lists {
    /// No list.
    pub const NONE: Lists = Lists(0);
    /// The gazetteer's surnames.
    pub const SURNAME: Lists = Lists(1);
    /// The gazetteer's forenames.
    pub const FORENAME: Lists = Lists(1 << 1);
    /// [`names::PARTICLES`].
    pub const PARTICLE: Lists = Lists(1 << 2);
    /// [`names::TITLES`].
    pub const TITLE: Lists = Lists(1 << 3);
    /// [`names::STREET_WORDS`].
    pub const STREET: Lists = Lists(1 << 4);
    /// [`names::ORG_WORDS`].
    pub const ORG: Lists = Lists(1 << 5);
    /// [`names::REDACTED`].
    pub const REDACTED: Lists = Lists(1 << 6);
    /// [`names::COMMON_WORDS`].
    pub const COMMON: Lists = Lists(1 << 7);
    /// [`names::WORDY_FORENAMES`].
    pub const WORDY: Lists = Lists(1 << 8);
    /// [`patterns::ROLE_MAILBOX_WORDS`].
    pub const ROLE: Lists = Lists(1 << 9);

    /// Whether every list of `other` is in `self`.
    pub fn has(self, other: Lists) -> bool {
        self.0 & other.0 == other.0
    }

    /// The lists of both.
    pub fn union(self, other: Lists) -> Lists {
        Lists(self.0 | other.0)
    }

    /// The lists of `self` that are not in `other`.
    pub fn without(self, other: Lists) -> Lists {
        Lists(self.0 & !other.0)
    }

    /// The lists of `self` that are in `other` too.
    pub fn only(self, other: Lists) -> Lists {
        Lists(self.0 & other.0)
    }
}

/// What the table knows of a word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Entry {
    /// The lists that hold the word.
    pub lists: Lists,
    /// The length of the first [`patterns::GLUED_ROLE_WORDS`] word inside
    /// it, as [`patterns::first_glued`] finds it (`3` for `foirequests`),
    /// or 0 when none is.
    pub glued: u8,
}

fn table() -> &'static WordMap<Entry> {
    static T: OnceLock<WordMap<Entry>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = WordMap::default();
        let mut add = |list: Lists, words: &mut dyn Iterator<Item = &'static str>| {
            for w in words {
                let e = t.entry(w).or_insert_with(|| Entry {
                    lists: Lists::NONE,
                    glued: patterns::glued_len(w),
                });
                e.lists = e.lists.union(list);
            }
        };
        let lines = |text: &'static str| text.lines().map(str::trim).filter(|l| !l.is_empty());
        add(Lists::SURNAME, &mut lines(names::SURNAMES_TXT));
        add(Lists::FORENAME, &mut lines(names::FORENAMES_TXT));
        add(Lists::PARTICLE, &mut names::PARTICLES.iter().copied());
        add(Lists::TITLE, &mut names::TITLES.iter().copied());
        add(Lists::STREET, &mut names::STREET_WORDS.iter().copied());
        add(Lists::ORG, &mut names::ORG_WORDS.iter().copied());
        add(Lists::REDACTED, &mut names::REDACTED.iter().copied());
        add(Lists::COMMON, &mut names::COMMON_WORDS.iter().copied());
        add(Lists::WORDY, &mut names::WORDY_FORENAMES.iter().copied());
        add(
            Lists::ROLE,
            &mut patterns::ROLE_MAILBOX_WORDS.iter().copied(),
        );
        t
    })
}

/// What the table holds for exactly `key`, if it holds it (no case
/// folding: the lists are in lower case, without apostrophes; see
/// [`names::key`]).
pub fn get(key: &str) -> Option<Entry> {
    table().get(key).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// A list's bit, its words as a set, and its lookup in `names`.
    type List = (Lists, HashSet<&'static str>, fn(&str) -> bool);

    /// Each list on its own, as a set: what the table must agree with.
    fn lists() -> Vec<List> {
        let lines = |text: &'static str| -> HashSet<&'static str> {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect()
        };
        let set = |words: &[&'static str]| words.iter().copied().collect();
        vec![
            (
                Lists::SURNAME,
                lines(names::SURNAMES_TXT),
                names::is_surname,
            ),
            (
                Lists::FORENAME,
                lines(names::FORENAMES_TXT),
                names::is_forename,
            ),
            (Lists::PARTICLE, set(names::PARTICLES), names::is_particle),
            (Lists::TITLE, set(names::TITLES), names::is_title),
            (
                Lists::STREET,
                set(names::STREET_WORDS),
                names::is_street_word,
            ),
            (Lists::ORG, set(names::ORG_WORDS), names::is_org_word),
            (
                Lists::COMMON,
                set(names::COMMON_WORDS),
                names::is_common_word,
            ),
            (
                Lists::WORDY,
                set(names::WORDY_FORENAMES),
                names::is_wordy_forename,
            ),
        ]
    }

    #[test]
    fn the_table_says_what_the_lists_say() {
        let lists = lists();
        let mut probes: Vec<String> = Vec::new();
        for (_, set, _) in &lists {
            for w in set {
                probes.push(w.to_string());
                probes.push(w.to_uppercase());
                probes.push(format!("{w}'"));
                probes.push(format!("{w}s"));
            }
        }
        probes.extend(
            [
                "O'Neill",
                "Seán",
                "SEÁN",
                "Öztürk",
                "Wójcik",
                "Ó",
                "d`arcy",
                "Mc.Donald",
                "",
                "\u{212a}aya",
                "o’neill",
                "x",
            ]
            .map(String::from),
        );
        for w in &probes {
            let folded = names::fold(w);
            let mut buf = String::new();
            let k = names::key(w, &mut buf);
            let mut want = Lists::NONE;
            for (list, set, is) in &lists {
                let has = set.contains(k) || (!w.is_ascii() && set.contains(folded.as_str()));
                assert_eq!(is(w), has, "{w:?} in {list:?}");
                if has {
                    want = want.union(*list);
                }
            }
            let got = names::lists_of(w).without(Lists::ROLE.union(Lists::REDACTED));
            assert_eq!(got, want, "{w:?}");
        }
    }

    #[test]
    fn role_and_redaction_words_are_in_the_table_as_written() {
        for w in patterns::ROLE_MAILBOX_WORDS {
            assert!(get(w).is_some_and(|e| e.lists.has(Lists::ROLE)), "{w}");
        }
        for w in names::REDACTED {
            assert!(get(w).is_some_and(|e| e.lists.has(Lists::REDACTED)), "{w}");
            assert!(names::is_redacted(&w.to_uppercase()), "{w}");
        }
        assert!(get("Foi").is_none() && get("smith").is_some_and(|e| !e.lists.has(Lists::ROLE)));
        // Glued role words as the e-mail classifier's search finds them.
        for (w, glued) in [
            ("foi", 3),
            ("inbox", 5),
            ("overstreet", 6),
            ("sunita", 4),
            ("smith", 0),
        ] {
            assert_eq!(get(w).map(|e| e.glued), Some(glued), "{w}");
        }
    }
}
