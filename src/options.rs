//! Settings of a check. Defaults are what an FOI clerk should get without asking.
//!
//! The page builds [`Options`] from a JavaScript object (every field optional,
//! missing ones take their defaults) and the CLI from flags; both can go
//! through [`Options::set`], which takes a setting's name and its text value.
//!
//! ```
//! use foi_check::options::{Options, Preset};
//! let mut o = Options::default();
//! o.set("preset", "under10_zeros").unwrap();
//! let rule = o.count_rule();
//! assert_eq!((rule.threshold, rule.zeros), (10, true));
//! assert_eq!(Preset::Under10Zeros.label(), "<10 including zeros");
//! ```

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
    /// Flag counts of 0 too (a zero can disclose: "no female officers at X").
    pub count_zeros: bool,
    /// When not 0, counts of `small_count` and above must be multiples of this
    /// (a "rounded to 5" policy); counts that are not get advice.
    pub round_to: u32,
    /// A named suppression policy; when set it overrides `small_count`,
    /// `count_zeros` and `round_to` (see [`Options::count_rule`]).
    pub preset: Option<Preset>,
    /// Headers of columns to treat as quasi-identifiers whatever their
    /// classification (matched without regard to case or spacing).
    pub qi_columns: Vec<String>,
    /// Headers of columns never to treat as quasi-identifiers.
    pub not_qi_columns: Vec<String>,
    /// At most this many quasi-identifier columns are combined in subsets of
    /// 1 to 3 columns (the full combination always uses all of them); bounds
    /// the work on wide files.
    pub max_qi_columns: u32,
    /// The organisation's profile (e-mail domains, number shapes, stations,
    /// allow-listed names...), if one is loaded. See [`crate::profile`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<crate::profile::Profile>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            k: 3,
            small_count: 5,
            count_zeros: false,
            round_to: 0,
            preset: None,
            qi_columns: Vec::new(),
            not_qi_columns: Vec::new(),
            max_qi_columns: 10,
            profile: None,
        }
    }
}

/// Common suppression policies for counts of people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// Counts from 1 to 2 are flagged.
    Under3,
    /// Counts from 1 to 4 are flagged (the default).
    Under5,
    /// Counts from 0 to 9 are flagged.
    Under10Zeros,
    /// Counts from 1 to 7 are flagged and larger counts must be rounded to 5.
    Suppress7Round5,
}

impl Preset {
    /// Every preset, in menu order.
    pub const ALL: [Preset; 4] = [
        Preset::Under3,
        Preset::Under5,
        Preset::Under10Zeros,
        Preset::Suppress7Round5,
    ];

    /// The id used in JSON and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Preset::Under3 => "under3",
            Preset::Under5 => "under5",
            Preset::Under10Zeros => "under10_zeros",
            Preset::Suppress7Round5 => "suppress7_round5",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Preset::Under3 => "<3",
            Preset::Under5 => "<5",
            Preset::Under10Zeros => "<10 including zeros",
            Preset::Suppress7Round5 => "1-7 suppressed and the rest rounded to 5",
        }
    }

    /// The preset with this id or label (`under5`, `<5`...).
    pub fn parse(s: &str) -> Option<Preset> {
        let s = s.trim();
        Preset::ALL
            .into_iter()
            .find(|p| p.id().eq_ignore_ascii_case(s) || p.label().eq_ignore_ascii_case(s))
    }

    /// The rule the preset stands for.
    pub fn rule(self) -> CountRule {
        match self {
            Preset::Under3 => CountRule {
                threshold: 3,
                zeros: false,
                round_to: 0,
            },
            Preset::Under5 => CountRule {
                threshold: 5,
                zeros: false,
                round_to: 0,
            },
            Preset::Under10Zeros => CountRule {
                threshold: 10,
                zeros: true,
                round_to: 0,
            },
            Preset::Suppress7Round5 => CountRule {
                threshold: 8,
                zeros: false,
                round_to: 5,
            },
        }
    }
}

/// What counts of people are too small, as used by the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountRule {
    /// Counts below this are flagged.
    pub threshold: u32,
    /// Whether 0 is flagged too.
    pub zeros: bool,
    /// When not 0, larger counts must be multiples of this.
    pub round_to: u32,
}

impl CountRule {
    /// Whether a count of people `v` is too small under this rule.
    pub fn is_small(&self, v: f64) -> bool {
        if !v.is_finite() || v < 0.0 {
            return false;
        }
        if v == 0.0 {
            return self.zeros;
        }
        v < f64::from(self.threshold)
    }

    /// A phrase for people: "from 1 to 4", "from 0 to 9".
    pub fn describe(&self) -> String {
        let low = if self.zeros { 0 } else { 1 };
        let high = self.threshold.saturating_sub(1);
        let mut s = format!("from {low} to {high}");
        if self.round_to > 1 {
            s.push_str(&format!(", larger counts rounded to {}", self.round_to));
        }
        s
    }
}

impl Options {
    /// The small-count rule in force: the preset's when one is set, else the
    /// individual settings.
    pub fn count_rule(&self) -> CountRule {
        match self.preset {
            Some(p) => p.rule(),
            None => CountRule {
                threshold: self.small_count,
                zeros: self.count_zeros,
                round_to: self.round_to,
            },
        }
    }

    /// k, never below 2 (k = 1 or 0 would flag nothing and mean nothing).
    pub fn k_effective(&self) -> u32 {
        self.k.max(2)
    }

    /// Set one setting from text, as the CLI flags and the page's settings
    /// panel give it. Names: `k`, `small_count` (or `small-count`),
    /// `count_zeros`, `round_to`, `preset`, `qi_columns` / `not_qi_columns`
    /// (comma-separated headers), `max_qi_columns`. Returns a plain-English
    /// error for an unknown name or a bad value.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let v = value.trim();
        let whole = |what: &str| -> Result<u32, String> {
            v.parse::<u32>()
                .map_err(|_| format!("{what} takes a whole number, not {v:?}"))
        };
        match name
            .trim()
            .trim_start_matches('-')
            .replace('-', "_")
            .as_str()
        {
            "k" => self.k = whole("k")?,
            "small_count" | "t" => self.small_count = whole("small_count")?,
            "round_to" => self.round_to = whole("round_to")?,
            "max_qi_columns" => self.max_qi_columns = whole("max_qi_columns")?,
            "count_zeros" | "zeros" => {
                self.count_zeros = match v.to_ascii_lowercase().as_str() {
                    "" | "1" | "true" | "yes" | "on" => true,
                    "0" | "false" | "no" | "off" => false,
                    _ => return Err(format!("count_zeros takes yes or no, not {v:?}")),
                }
            }
            "preset" => {
                self.preset = if v.is_empty() || v.eq_ignore_ascii_case("none") {
                    None
                } else {
                    Some(Preset::parse(v).ok_or_else(|| {
                        let ids: Vec<&str> = Preset::ALL.iter().map(|p| p.id()).collect();
                        format!("unknown preset {v:?}: use one of {}", ids.join(", "))
                    })?)
                }
            }
            "qi_columns" | "qi" => self.qi_columns.extend(split_list(v)),
            "not_qi_columns" | "not_qi" => self.not_qi_columns.extend(split_list(v)),
            other => return Err(format!("unknown setting {other:?}")),
        }
        Ok(())
    }

    /// A one-line summary of the settings used, for the report's reader.
    pub fn describe(&self) -> String {
        let rule = self.count_rule();
        let policy = match self.preset {
            Some(p) => format!("preset \"{}\"", p.label()),
            None => format!("counts of people {} flagged", rule.describe()),
        };
        format!("k = {}; {}", self.k_effective(), policy)
    }
}

fn split_list(v: &str) -> impl Iterator<Item = String> + '_ {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}
