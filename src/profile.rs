//! The organisation's profile: what IT tells the checker once about the
//! organisation it works for (see `docs/profile.md` for the file format).
//!
//! A [`Profile`] is plain data (serde, JSON, `"version": 1`): the e-mail
//! domains of staff, the shapes of staff, collar, warrant and payroll numbers
//! (regular expressions), stations with their districts, units, extra
//! sensitive unit names, names that may be published (chief officers, press
//! officers), and default thresholds and suppression marker. It travels in
//! [`crate::Options::profile`], so the page passes it as part of its settings
//! object and the report records which profile a check used.
//!
//! [`Profile::compile`] validates it once (every pattern compiled, anchored to
//! the whole cell) into a [`Compiled`] profile that the detector asks
//! questions of. A [`Roster`] (an HR export of names and numbers) is the
//! strongest signal there is; it is loaded for one session and kept in memory
//! only: it is never part of a profile, of the options or of a report.
//!
//! ```
//! use foi_check::profile::Profile;
//! let p = Profile::from_json(r#"{"version": 1, "name": "Example Police",
//!     "email_domains": ["example.police.uk"],
//!     "number_shapes": [{"kind": "collar", "pattern": "[A-Z]{2}\\d{4}"}],
//!     "stations": [{"name": "Lisburn Road", "district": "Belfast South"}]}"#).unwrap();
//! let c = p.compile().unwrap();
//! assert!(c.is_staff_email("j.morgan@example.police.uk"));
//! assert_eq!(c.number_shape("AB1234").map(|s| s.kind), Some(foi_check::profile::NumberKind::Collar));
//! assert_eq!(p.district_of("lisburn road"), Some("Belfast South"));
//! ```

use regex::bytes::Regex;
use serde::{Deserialize, Serialize};

/// The profile format version this build reads.
pub const PROFILE_VERSION: u32 = 1;

/// Rule id: a personal e-mail address at one of the organisation's domains.
pub const RULE_DOMAIN: &str = "profile.domain";
/// Rule id: a value of one of the organisation's number shapes.
pub const RULE_NUMBER_SHAPE: &str = "profile.number_shape";
/// Rule id: a name on the allow-list, not flagged.
pub const RULE_ALLOWED_NAME: &str = "profile.allowed_name";
/// Rule id: a name or number on the session's staff roster.
pub const RULE_ROSTER: &str = "profile.roster";
/// Rule id: a unit on the profile's list of sensitive units.
pub const RULE_SENSITIVE_UNIT: &str = "profile.sensitive_unit";

/// The rules the profile and the roster add (listed by `foi-check rules`).
#[rustfmt::skip]
pub const RULES: &[crate::rules::Rule] = &[
    crate::rules::Rule { id: RULE_DOMAIN, description: "A personal e-mail address at one of the organisation's e-mail domains (profile): a member of staff's; role mailboxes are still not flagged" },
    crate::rules::Rule { id: RULE_NUMBER_SHAPE, description: "A value (a whole cell, or a word in free text) of one of the organisation's staff, collar, warrant or payroll number shapes (profile), in any column: a staff number" },
    crate::rules::Rule { id: RULE_ALLOWED_NAME, description: "Not flagged: a name on the profile's allow-list of names that may be published (chief officers, press officers), written in full (Jane Doe, DOE, Jane); other identifiers in the row are still flagged" },
    crate::rules::Rule { id: RULE_ROSTER, description: "A name (full name, or surname and initial) or a number on the staff roster loaded for the session: a member of staff, the strongest signal" },
    crate::rules::Rule { id: RULE_SENSITIVE_UNIT, description: "A unit on the organisation's own list of sensitive units (profile), in a unit column: added to the reasons of a row that identifies someone (like the built-in sensitive units, it does not flag a row on its own)" },
];

/// Names of the built-in profiles, for [`Profile::builtin`].
pub const BUILTIN: [&str; 2] = ["uk-police", "generic"];

/// What kind of number a shape describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    /// Staff or employee number.
    Staff,
    /// Collar or shoulder number.
    Collar,
    /// Warrant number.
    Warrant,
    /// Payroll number.
    Payroll,
}

impl NumberKind {
    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            NumberKind::Staff => "staff number",
            NumberKind::Collar => "collar number",
            NumberKind::Warrant => "warrant number",
            NumberKind::Payroll => "payroll number",
        }
    }
}

/// The shape of one kind of number, as a regular expression matched against
/// the whole cell (or a whole word in prose).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberShape {
    /// What the number is.
    pub kind: NumberKind,
    /// A regular expression (Rust `regex` syntax, ASCII: `\d` is 0-9), e.g. `[A-Z]{2}\d{4}`.
    pub pattern: String,
    /// An optional note for people ("PSNI collar numbers").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A station (or office) and the district it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Station {
    /// The station's name as it appears in files.
    pub name: String,
    /// Its district (what coarsening replaces the station with).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub district: String,
}

/// Default settings the organisation publishes under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Defaults {
    /// k for rare combinations (`None`: the tool's default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub k: Option<u32>,
    /// Counts of people below this are small (`None`: the tool's default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub small_count: Option<u32>,
    /// The suppression marker written in safe copies (`<5`, `*`, `[c]`).
    pub marker: String,
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults {
            k: None,
            small_count: None,
            marker: "*".to_string(),
        }
    }
}

/// The organisation's profile. Every field but `version` is optional in the
/// JSON. See `docs/profile.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// Format version: 1.
    pub version: u32,
    /// The organisation's name, shown in reports and records.
    pub name: String,
    /// E-mail domains of staff (`example.police.uk`); an address at one of
    /// them (or a subdomain) is a member of staff's.
    pub email_domains: Vec<String>,
    /// Shapes of the organisation's staff, collar, warrant and payroll numbers.
    pub number_shapes: Vec<NumberShape>,
    /// Stations and offices, with their districts.
    pub stations: Vec<Station>,
    /// Units, departments and teams.
    pub units: Vec<String>,
    /// Districts (or areas, divisions).
    pub districts: Vec<String>,
    /// Extra unit names whose members must never be published (beyond the
    /// built-in list: Special Branch, covert units...).
    pub sensitive_units: Vec<String>,
    /// Names that may be published (chief officers, press officers): found
    /// but shown apart as allowed, not flagged.
    pub allow_names: Vec<String>,
    /// Default thresholds and suppression marker.
    pub defaults: Defaults,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            version: PROFILE_VERSION,
            name: String::new(),
            email_domains: Vec::new(),
            number_shapes: Vec::new(),
            stations: Vec::new(),
            units: Vec::new(),
            districts: Vec::new(),
            sensitive_units: Vec::new(),
            allow_names: Vec::new(),
            defaults: Defaults::default(),
        }
    }
}

/// Why a profile cannot be used: what and where, in plain English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError(pub String);

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ProfileError {}

/// Lowercase, inner whitespace collapsed, trimmed: how names, stations and
/// domains are compared.
pub fn fold(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Profile {
    /// Read a profile from JSON and validate it (version, patterns).
    pub fn from_json(json: &str) -> Result<Profile, ProfileError> {
        let p: Profile = serde_json::from_str(json)
            .map_err(|e| ProfileError(format!("the profile is not valid JSON: {e}")))?;
        p.compile()?;
        Ok(p)
    }

    /// A built-in profile: `uk-police` (police e-mail domains, collar and
    /// warrant number shapes, `*` for small counts under 5) or `generic` (a
    /// public body: gov.uk and nhs.net domains, `[c]` marker).
    pub fn builtin(name: &str) -> Option<Profile> {
        match name {
            "uk-police" => Some(Profile {
                name: "UK police force (built-in)".to_string(),
                email_domains: vec!["police.uk".to_string(), "pnn.police.uk".to_string()],
                number_shapes: vec![
                    NumberShape {
                        kind: NumberKind::Collar,
                        pattern: r"(?i)(PC|DC|PS|DS|SGT)\s?\d{3,5}".to_string(),
                        note: "collar or shoulder numbers written with the rank (PC 1234, PS 567)"
                            .to_string(),
                    },
                    NumberShape {
                        kind: NumberKind::Warrant,
                        pattern: r"(?i)W\d{5,7}".to_string(),
                        note: "warrant numbers (W and 5 to 7 digits)".to_string(),
                    },
                ],
                defaults: Defaults {
                    k: Some(3),
                    small_count: Some(5),
                    marker: "*".to_string(),
                },
                ..Profile::default()
            }),
            "generic" => Some(Profile {
                name: "Generic public body (built-in)".to_string(),
                email_domains: vec!["gov.uk".to_string(), "nhs.net".to_string()],
                defaults: Defaults {
                    k: Some(3),
                    small_count: Some(5),
                    marker: "[c]".to_string(),
                },
                ..Profile::default()
            }),
            _ => None,
        }
    }

    /// Validate and compile: the version must be 1, every pattern must
    /// compile and must not match the empty cell.
    pub fn compile(&self) -> Result<Compiled, ProfileError> {
        if self.version != PROFILE_VERSION {
            return Err(ProfileError(format!(
                "profile version {} is not supported (this foi-check reads version {PROFILE_VERSION})",
                self.version
            )));
        }
        let mut shapes = Vec::with_capacity(self.number_shapes.len());
        for (i, s) in self.number_shapes.iter().enumerate() {
            let whole = format!("^(?:{})$", s.pattern);
            // Byte regexes with ASCII classes: staff-number shapes are ASCII
            // (`\d` is 0-9, `.` any one byte), and the Unicode tables the
            // full engine would bring cost the page ~0.9 MB.
            let re = regex::bytes::RegexBuilder::new(&whole)
                .unicode(false)
                .size_limit(1 << 20)
                .build()
                .map_err(|e| {
                    ProfileError(format!(
                        "number_shapes[{i}] ({}): the pattern {:?} is not a valid regular expression: {e}",
                        s.kind.label(),
                        s.pattern
                    ))
                })?;
            if re.is_match(b"") {
                return Err(ProfileError(format!(
                    "number_shapes[{i}] ({}): the pattern {:?} matches an empty cell",
                    s.kind.label(),
                    s.pattern
                )));
            }
            shapes.push((s.clone(), re));
        }
        for (i, d) in self.email_domains.iter().enumerate() {
            let d = d.trim().trim_start_matches('@');
            if d.is_empty() || d.contains(char::is_whitespace) || d.contains('@') {
                return Err(ProfileError(format!(
                    "email_domains[{i}]: {d:?} is not a domain (write example.police.uk)"
                )));
            }
        }
        Ok(Compiled {
            domains: self
                .email_domains
                .iter()
                .map(|d| fold(d.trim().trim_start_matches('@')))
                .collect(),
            shapes,
            allow: self.allow_names.iter().map(|n| fold(n)).collect(),
            sensitive: self.sensitive_units.iter().map(|n| fold(n)).collect(),
        })
    }

    /// The district of a station named in the profile (compared without
    /// regard to case or spacing).
    pub fn district_of(&self, station: &str) -> Option<&str> {
        let s = fold(station);
        self.stations
            .iter()
            .find(|st| fold(&st.name) == s && !st.district.trim().is_empty())
            .map(|st| st.district.trim())
    }

    /// Apply the profile's default thresholds to settings the user did not set.
    pub fn apply_defaults(&self, options: &mut crate::Options) {
        let base = crate::Options::default();
        if let Some(k) = self.defaults.k {
            if options.k == base.k {
                options.k = k;
            }
        }
        if let Some(t) = self.defaults.small_count {
            if options.small_count == base.small_count && options.preset.is_none() {
                options.small_count = t;
            }
        }
    }
}

/// A validated profile, patterns compiled once: what the detector asks.
#[derive(Debug, Clone)]
pub struct Compiled {
    domains: Vec<String>,
    shapes: Vec<(NumberShape, Regex)>,
    allow: Vec<String>,
    sensitive: Vec<String>,
}

impl Compiled {
    /// Whether an address is at one of the organisation's domains (or a subdomain).
    pub fn is_staff_email(&self, address: &str) -> bool {
        let Some((_, domain)) = address.trim().rsplit_once('@') else {
            return false;
        };
        let domain = fold(domain.trim_end_matches('>'));
        self.domains
            .iter()
            .any(|d| domain == *d || domain.ends_with(&format!(".{d}")))
    }

    /// The first number shape the whole text matches.
    pub fn number_shape(&self, text: &str) -> Option<&NumberShape> {
        self.number_shape_index(text).and_then(|i| self.shape(i))
    }

    /// The index of the first number shape the whole text matches.
    pub fn number_shape_index(&self, text: &str) -> Option<usize> {
        let t = text.trim();
        self.shapes
            .iter()
            .position(|(_, re)| re.is_match(t.as_bytes()))
    }

    /// The number shape at `index` (as [`Compiled::number_shape_index`] gives).
    pub fn shape(&self, index: usize) -> Option<&NumberShape> {
        self.shapes.get(index).map(|(s, _)| s)
    }

    /// Whether the profile has number shapes.
    pub fn has_shapes(&self) -> bool {
        !self.shapes.is_empty()
    }

    /// [`Compiled::is_allowed_name`], also for a name written surname first
    /// (`DOE, Jane`). A surname with an initial is never allowed: `J Doe`
    /// may be someone else than the allowed Jane Doe.
    pub fn allows(&self, name: &str) -> bool {
        if self.allow.is_empty() {
            return false;
        }
        match name.split_once(',') {
            Some((last, first)) => {
                self.is_allowed_name(&format!("{} {}", first.trim(), last.trim()))
            }
            None => self.is_allowed_name(name),
        }
    }

    /// Whether a name is on the allow-list (compared without regard to case,
    /// spacing, or a title or rank in front: `Chief Constable Jane Doe`
    /// matches `Jane Doe`).
    pub fn is_allowed_name(&self, name: &str) -> bool {
        let n = fold(name);
        self.allow
            .iter()
            .any(|a| !a.is_empty() && (n == *a || n.ends_with(&format!(" {a}"))))
    }

    /// Whether a unit is on the organisation's sensitive list.
    pub fn is_sensitive_unit(&self, unit: &str) -> bool {
        let u = fold(unit);
        self.sensitive
            .iter()
            .any(|s| !s.is_empty() && (u == *s || u.contains(s.as_str())))
    }
}

/// A staff roster loaded for one session: names and numbers to match against.
/// In memory only; never serialised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    names: std::collections::HashSet<String>,
    surnames: std::collections::HashSet<String>,
    /// `j doe`: initial and surname of every full name.
    initials: std::collections::HashSet<String>,
    numbers: std::collections::HashSet<String>,
}

/// A number folded for comparison: no spaces, upper case, no leading zeros.
fn fold_number(text: &str) -> String {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let trimmed = t.trim_start_matches('0');
    if trimmed.is_empty() {
        t
    } else {
        trimmed.to_string()
    }
}

impl Roster {
    /// Read a roster from CSV bytes (any encoding and delimiter the checker
    /// reads): the first table's columns whose headers say name, surname,
    /// forename (or first name) and number (staff, collar, warrant, payroll,
    /// employee). Rows with a forename and surname give the full name too.
    pub fn from_csv(bytes: &[u8]) -> Result<Roster, ProfileError> {
        use crate::read::{Reader, Sink, Table};
        #[derive(Default)]
        struct Cols {
            name: Option<usize>,
            surname: Option<usize>,
            forename: Option<usize>,
            numbers: Vec<usize>,
            table: Option<usize>,
            roster: Roster,
        }
        impl Sink for Cols {
            fn table_start(&mut self, t: &Table) {
                if self.table.is_some() {
                    return;
                }
                self.table = Some(t.index);
                for (j, h) in t.header.iter().enumerate() {
                    let h = fold(h);
                    if h.contains("surname") || h.contains("last name") || h == "family name" {
                        self.surname = Some(j);
                    } else if h.contains("forename")
                        || h.contains("first name")
                        || h == "given name"
                    {
                        self.forename = Some(j);
                    } else if h.contains("number")
                        || h.contains("no.")
                        || h.ends_with(" no")
                        || h == "id"
                    {
                        self.numbers.push(j);
                    } else if h.contains("name") && self.name.is_none() {
                        self.name = Some(j);
                    }
                }
            }
            fn record(&mut self, t: Option<usize>, _row: u64, f: &[&str]) {
                if t.is_none() || t != self.table {
                    return;
                }
                let get = |j: Option<usize>| {
                    j.and_then(|j| f.get(j))
                        .map(|s| s.trim())
                        .filter(|s| !s.is_empty())
                };
                let r = &mut self.roster;
                if let Some(n) = get(self.name) {
                    r.add_name(n);
                }
                if let Some(s) = get(self.surname) {
                    r.surnames.insert(fold(s));
                    if let Some(fname) = get(self.forename) {
                        r.add_name(&format!("{fname} {s}"));
                    }
                }
                for &j in &self.numbers {
                    if let Some(n) = get(Some(j)) {
                        r.numbers.insert(fold_number(n));
                    }
                }
            }
            fn table_end(&mut self, _: usize, _: u64) {}
        }
        let mut cols = Cols::default();
        let mut reader = Reader::new();
        reader
            .push(bytes, &mut cols)
            .and_then(|()| reader.finish(&mut cols))
            .map_err(|e| ProfileError(format!("the roster cannot be read: {e}")))?;
        if cols.table.is_none()
            || (cols.name.is_none() && cols.surname.is_none() && cols.numbers.is_empty())
        {
            return Err(ProfileError(
                "the roster has no column headed name, surname or number".to_string(),
            ));
        }
        Ok(cols.roster)
    }

    /// Add a full name ("Jane Doe" or "DOE, Jane").
    pub fn add_name(&mut self, name: &str) {
        let n = match name.split_once(',') {
            Some((last, first)) => format!("{} {}", first.trim(), last.trim()),
            None => name.to_string(),
        };
        let n = fold(&n);
        if let Some((first, last)) = n.split_once(' ').zip(n.rsplit(' ').next()) {
            self.surnames.insert(last.to_string());
            if let Some(i) = first.0.chars().next() {
                self.initials.insert(format!("{i} {last}"));
            }
        }
        if !n.is_empty() {
            self.names.insert(n);
        }
    }

    /// Add a number.
    pub fn add_number(&mut self, number: &str) {
        self.numbers.insert(fold_number(number));
    }

    /// Names, surnames and numbers held.
    pub fn len(&self) -> usize {
        self.names.len() + self.numbers.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.numbers.is_empty() && self.surnames.is_empty()
    }

    /// Whether a full name is on the roster ("Jane Doe", "DOE, Jane", with
    /// a title or rank in front).
    pub fn has_name(&self, text: &str) -> bool {
        let n = match text.split_once(',') {
            Some((last, first)) => fold(&format!("{} {}", first.trim(), last.trim())),
            None => fold(text),
        };
        if self.names.contains(&n) {
            return true;
        }
        // Drop leading words (titles, ranks) one by one.
        let mut rest = n.as_str();
        while let Some((_, tail)) = rest.split_once(' ') {
            if tail.contains(' ') && self.names.contains(tail) {
                return true;
            }
            rest = tail;
        }
        false
    }

    /// Whether a name is on the roster, written in full ([`Roster::has_name`])
    /// or as surname and initial (`DOE J`, `J. Doe`, `Doe, J`).
    pub fn matches_name(&self, text: &str) -> bool {
        if self.has_name(text) {
            return true;
        }
        let cleaned: String = text
            .chars()
            .map(|c| if c == '.' || c == ',' { ' ' } else { c })
            .collect();
        let folded = fold(&cleaned);
        let words: Vec<&str> = folded.split(' ').collect();
        let single = |w: &str| w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
        match words.as_slice() {
            [a, b] if single(a) && !single(b) => self.initials.contains(&format!("{a} {b}")),
            [a, b] if single(b) && !single(a) => self.initials.contains(&format!("{b} {a}")),
            _ => false,
        }
    }

    /// Whether a surname and an initial (or forename) are on the roster
    /// together.
    pub fn has_surname_initial(&self, surname: &str, initial: &str) -> bool {
        match fold(initial).chars().next() {
            Some(i) => self.initials.contains(&format!("{i} {}", fold(surname))),
            None => false,
        }
    }

    /// Whether a surname is on the roster.
    pub fn has_surname(&self, text: &str) -> bool {
        self.surnames.contains(&fold(text))
    }

    /// Whether a number is on the roster (spaces, case and leading zeros ignored).
    pub fn has_number(&self, text: &str) -> bool {
        !text.trim().is_empty() && self.numbers.contains(&fold_number(text))
    }
}
