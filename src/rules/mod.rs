//! The rule tables: every rule has an id a finding cites and a plain-English
//! description. The tables are data: header phrases ([`headers`]), name lists
//! and word lists ([`names`]), ranks, grades, vetting levels and sensitive units
//! ([`staff`]), contact details, identity numbers and free-text cues
//! ([`patterns`]). The detector ([`crate::detect`]) applies them.
//!
//! ```
//! let rules = foi_check::rules::all();
//! assert!(rules.iter().any(|r| r.id == "name.surname_initial"));
//! ```

/// A table of words with a fast, fixed hash: the lists are looked up for
/// nearly every cell, and SipHash's protection against chosen collisions
/// buys nothing for the tool's own tables.
type WordMap<V> = std::collections::HashMap<&'static str, V, foldhash::fast::FixedState>;

pub mod headers;
pub mod names;
pub mod patterns;
pub mod special;
pub mod staff;
pub mod words;

/// A rule as `foi-check rules` lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable id, e.g. `name.surname_initial`.
    pub id: &'static str,
    /// What it finds, in plain English.
    pub description: &'static str,
}

/// Every rule, in listing order: names, staff markers, contact details and
/// free text, the column header rules, then the risk models' rules (rare
/// combinations, small counts).
pub fn all() -> Vec<Rule> {
    let mut v = Vec::new();
    v.extend_from_slice(names::RULES);
    v.extend_from_slice(staff::RULES);
    v.extend_from_slice(patterns::RULES);
    v.extend_from_slice(headers::RULES);
    v.extend_from_slice(special::RULES);
    v.extend_from_slice(crate::profile::RULES);
    v.extend(crate::risk::rules());
    v
}

/// The rule with this id, if any.
pub fn find(id: &str) -> Option<Rule> {
    all().into_iter().find(|r| r.id == id)
}
