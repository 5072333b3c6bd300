//! Settings of a check. Defaults are what an FOI clerk should get without asking.

use serde::{Deserialize, Serialize};

/// Settings of a check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// k for k-anonymity: a combination of attributes shared by fewer than
    /// `k` rows singles people out.
    pub k: u32,
    /// Counts of people from 1 to `small_count - 1` are flagged.
    pub small_count: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options { k: 3, small_count: 5 }
    }
}
