//! The rule tables: every rule has an id a finding cites and a plain-English description.

/// A rule as `foi-check rules` lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable id, e.g. `name.surname_initial`.
    pub id: &'static str,
    /// What it finds, in plain English.
    pub description: &'static str,
}

/// Every rule, in listing order.
pub fn all() -> Vec<Rule> {
    Vec::new()
}
