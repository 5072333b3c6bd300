//! Contact details, identity numbers and the other patterns: e-mail, UK phone
//! numbers, National Insurance numbers, postcodes, dates, photo file names,
//! collar numbers, and the cues that introduce a name in free text.
//!
//! The checks are small hand-written scanners over bytes rather than regular
//! expressions: they run on every cell of a column and must cost nanoseconds.

use super::words::{self, Entry, Lists};
use super::{Rule, WordMap};
use std::sync::OnceLock;

/// Rule id: a personal e-mail address.
pub const EMAIL_PERSONAL: &str = "contact.email.personal";
/// Rule id: a social media handle made from a name (`@jsmith_88`) in free text.
pub const SOCIAL_HANDLE: &str = "contact.social_handle";
/// Rule id: a role mailbox, which is no one's (it flags nothing).
pub const EMAIL_ROLE: &str = "not.email.role";
/// Rule id: a UK mobile number.
pub const PHONE_MOBILE: &str = "contact.phone.mobile";
/// Rule id: a direct line (geographic number that is not a shared switchboard).
pub const PHONE_DIRECT: &str = "contact.phone.direct";
/// Rule id: a National Insurance number.
pub const NINO: &str = "id.nino";
/// Rule id: an NHS, CHI or Health and Care number (a patient's).
pub const NHS_NUMBER: &str = "id.nhs_number";
/// Rule id: a passport number.
pub const PASSPORT: &str = "id.passport";
/// Rule id: bank details (a sort code, an account number, an IBAN).
pub const BANK: &str = "id.bank";
/// Rule id: a GB driving licence number.
pub const DRIVING_LICENCE: &str = "id.driving_licence";
/// Rule id: an IP address (an online identifier).
pub const IP_ADDRESS: &str = "id.ip_address";
/// Rule id: a date of birth.
pub const DOB: &str = "dob.value";
/// Rule id: a home address.
pub const ADDRESS: &str = "address.home";
/// Rule id: a full postcode.
pub const POSTCODE: &str = "address.postcode";
/// Rule id: a photo file name.
pub const PHOTO: &str = "photo.file";
/// Rule id: a value in a staff-number column.
pub const STAFF_NUMBER: &str = "number.staff";
/// Rule id: rank and number in one value (`PC 4521`).
pub const COLLAR_SHAPE: &str = "number.collar_shape";
/// Rule id: rank and name in free text.
pub const TEXT_RANK_NAME: &str = "text.rank_name";
/// Rule id: rank and number in free text.
pub const TEXT_RANK_NUMBER: &str = "text.rank_number";
/// Rule id: title and name in free text (`Mrs Patel`).
pub const TEXT_TITLE_NAME: &str = "text.title_name";
/// Rule id: a name after a cue in free text (`complainant John Smith`).
pub const TEXT_CUE_NAME: &str = "text.cue_name";
/// Rule id: a full name in free text (`John Smith`, forename and surname both in the gazetteer).
pub const TEXT_FULL_NAME: &str = "text.full_name";
/// Rule id: a date of birth in free text (`DOB 12/03/1985`).
pub const TEXT_DOB: &str = "text.dob";

/// Rule id: a house address in free text (`12 Elm Road`).
pub const TEXT_ADDRESS: &str = "text.address";
/// Rule id: a full postcode in free text.
pub const TEXT_POSTCODE: &str = "text.postcode";
/// Rule id: a vehicle registration in free text.
pub const TEXT_VEHICLE: &str = "text.vehicle";
/// Rule id: a vehicle registration in a table of offences or penalties.
pub const VEHICLE: &str = "vehicle.registration";
/// Rule id: a person's age in free text.
pub const TEXT_AGE: &str = "text.age";
/// Rule id: a member of staff's number after its cue in free text (`collar number 1234`).
pub const TEXT_STAFF_NUMBER: &str = "text.staff_number";

/// The pattern rules as listed by `foi-check rules`.
pub const RULES: &[Rule] = &[
    Rule { id: EMAIL_PERSONAL, description: "A personal e-mail address (first.last@, jsmith@, any webmail address)" },
    Rule { id: SOCIAL_HANDLE, description: "A social media handle made from a person's name in free text (@jsmith_88, @siobhan.kelly); an organisation's (@PSNIBelfast) is none" },
    Rule { id: EMAIL_ROLE, description: "Not personal: role mailboxes (foi@, info@, enquiries@, contact.centre@, a station mailbox named after a road)" },
    Rule { id: PHONE_MOBILE, description: "A UK mobile number (07..., +44 7...)" },
    Rule { id: PHONE_DIRECT, description: "A direct line: a geographic number (01..., 02...) in a phone column that is not shared by several rows; in free text it only adds to a flagged row" },
    Rule { id: "not.phone.switchboard", description: "Not personal: 101, 999, 111, 03xx, 08xx numbers and a number shared by several rows (a switchboard)" },
    Rule { id: NINO, description: "A National Insurance number (valid prefix: not D F I Q U V first, not D F I Q U V O second, not BG GB KN NK NT TN ZZ; suffix A-D)" },
    Rule { id: NHS_NUMBER, description: "An NHS number (England and Wales), CHI number (Scotland) or Health and Care number (Northern Ireland): ten digits (943 476 5919) in a column with such a header, or with a valid check digit filling a column with no header rule" },
    Rule { id: BANK, description: "Bank details: a sort code (12-34-56), an account number (six to ten digits) or an IBAN (check digits valid) in a column headed Sort code, Bank account number or IBAN; in free text an IBAN anywhere, a sort code or account number after the words sort code or account" },
    Rule { id: PASSPORT, description: "A passport number (123456789, PA1234567: six to ten letters and digits, at least six of them digits, at most two letters) in a column headed Passport number or Passport No, or after the word passport in free text" },
    Rule { id: DRIVING_LICENCE, description: "A GB driving licence number (MORGA753116SM9IJ: surname, date of birth, initials), in any column or free text" },
    Rule { id: IP_ADDRESS, description: "An IP address on the internet (203.0.113.7, 2001:db8::7, with a port or not) in an IP address column, or filling a column with no header rule: an online identifier. In free text: IPv6, or IPv4 after a word that says what it is (IP, address, host). An address of an organisation's own network (10.x, 172.16-31.x, 192.168.x, loopback, link-local) only adds to a flagged row" },
    Rule { id: DOB, description: "A date of birth (a date in a DOB column): adds to a flagged row; with a postcode or address it identifies" },
    Rule { id: ADDRESS, description: "A home address (house number and street) in an address column" },
    Rule { id: POSTCODE, description: "A full UK postcode in a postcode column: adds to a flagged row" },
    Rule { id: PHOTO, description: "A photo file name (.jpg, .png...): identifying when named after a person (smith_j.jpg), else adds to a flagged row" },
    Rule { id: STAFF_NUMBER, description: "A collar, shoulder, warrant, payroll or staff number in a column with such a header" },
    Rule { id: COLLAR_SHAPE, description: "Rank and number in one value (PC 4521, Sgt 1234)" },
    Rule { id: TEXT_RANK_NAME, description: "Free text naming an officer by rank (Sgt. O'Neill, Inspector Morgan, DS Priya Patel)" },
    Rule { id: TEXT_RANK_NUMBER, description: "Free text naming an officer by rank and number (Con May (5689), PC 4521 Jones)" },
    Rule { id: TEXT_TITLE_NAME, description: "Free text naming a person with a title (Mr Smith, Mrs Patel, Dr Okafor)" },
    Rule { id: TEXT_CUE_NAME, description: "Free text naming a person after a cue (made by, reported by, complainant, victim, from...)" },
    Rule { id: TEXT_FULL_NAME, description: "Free text holding a full name: a known forename followed by a known surname (John Smith, John A Smith, SMITH, John), or by a surname particle and any surname (Ciarán Ó Súilleabháin, Maria de Souza); a forename that is also a word only inside a sentence (her husband Mark Jones)" },
    Rule { id: TEXT_DOB, description: "Free text giving a date of birth (DOB 12/03/1985, born 12 March 1985): it flags its row (a date of birth column only adds to a flagged row, and identifies with a postcode or address)" },
    Rule { id: TEXT_ADDRESS, description: "Free text giving a house address (12 Elm Road, 3a Church Lane, with its postcode): identifying after words that say it is a home (lives at), else adds to a flagged row" },
    Rule { id: TEXT_POSTCODE, description: "Free text giving a full UK postcode (BT28 1AA): adds to a flagged row" },
    Rule { id: "not.reference", description: "Not a collar number or phone: reference numbers (PSD/2023/0001, Serial 4521, PONI-2023-0412, CAD 1234 12/03/23)" },
    Rule { id: TEXT_AGE, description: "Free text giving a person's age (aged 34, 34-year-old, 34 years old): adds to a flagged row" },
    Rule { id: TEXT_STAFF_NUMBER, description: "Free text giving a member of staff's own number after what it is: collar number 1234, shoulder no 4521, warrant card 123456, officer 4521, staff or pay number 12345, call handler 4521 (three digits or more, not a year); right after an officer's name, ID or no too: Constable Morgan (ID 4521)" },
    Rule { id: TEXT_VEHICLE, description: "Free text giving a vehicle registration (AB12 CDE): adds to a flagged row" },
    Rule { id: VEHICLE, description: "A vehicle registration (AB12 CDE) in a table whose headers are about offences or penalties (Fine, Penalty, PCN, Contravention, Offence, Recorded speed, Keeper, Seized): a registration leads to its keeper, a member of the public. In other tables (a fleet list) it is none" },
    Rule { id: "not.vehicle_registration", description: "Not a person on its own: a vehicle registration (AB12 CDE) is no collar number or name, and flags no row by itself" },
    Rule { id: "not.role_word", description: "Not identifying: a rank or role without a name, number or contact (the Inspector, ACC Operational Support)" },
];

/// Words of role mailboxes: an address whose local part holds one is not personal.
pub const ROLE_MAILBOX_WORDS: &[&str] = &[
    "foi",
    "foia",
    "freedomofinformation",
    "info",
    "information",
    "enquiries",
    "enquiry",
    "contact",
    "contactus",
    "centre",
    "center",
    "admin",
    "administration",
    "office",
    "reception",
    "press",
    "media",
    "communications",
    "comms",
    "hr",
    "recruitment",
    "careers",
    "jobs",
    "dataprotection",
    "dpo",
    "data",
    "complaints",
    "feedback",
    "noreply",
    "donotreply",
    "no",
    "reply",
    "support",
    "helpdesk",
    "servicedesk",
    "team",
    "unit",
    "general",
    "mail",
    "post",
    "accounts",
    "finance",
    "legal",
    "payroll",
    "sales",
    "webmaster",
    "web",
    "policing",
    "police",
    "force",
    "station",
    "custody",
    "control",
    "duty",
    "operations",
    "ops",
    "intelligence",
    "intel",
    "psd",
    "standards",
    "professional",
    "disclosure",
    "records",
    "licensing",
    "firearms",
    "hq",
    "headquarters",
    "secretariat",
    "correspondence",
    "ceo",
    "private",
    "office",
    "executive",
    "board",
    "governance",
    "corporate",
    "estates",
    "fleet",
    "it",
    "ict",
    "security",
    "vetting",
    "training",
    "wellbeing",
    "occupational",
    "health",
    "safety",
    "events",
    "community",
    "neighbourhood",
    "npt",
    "response",
    "cid",
    "desk",
    "hub",
    "requests",
    "request",
    "foirequests",
    "subjectaccess",
    "sar",
    "access",
    "service",
    "services",
    "department",
    "dept",
    "road",
    "street",
    "lane",
    "avenue",
    "way",
    "central",
    "city",
    "area",
    "district",
    "enquiry",
    "inbox",
    "mailbox",
    "group",
    "shared",
    "generic",
    "criminal",
    "crime",
    "justice",
    "victim",
    "victims",
    "witness",
    "care",
];

/// Webmail domains: any address there belongs to a person (unless a role word says otherwise).
pub const WEBMAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "hotmail.com",
    "hotmail.co.uk",
    "outlook.com",
    "live.com",
    "live.co.uk",
    "msn.com",
    "yahoo.com",
    "yahoo.co.uk",
    "icloud.com",
    "me.com",
    "aol.com",
    "aol.co.uk",
    "btinternet.com",
    "sky.com",
    "virginmedia.com",
    "ntlworld.com",
    "talktalk.net",
    "protonmail.com",
    "proton.me",
    "gmx.com",
    "gmx.co.uk",
    "mail.com",
    "tiscali.co.uk",
    "blueyonder.co.uk",
];

/// Domain endings of public bodies: a personal address there belongs to staff.
pub const STAFF_DOMAINS: &[&str] = &[
    "police.uk",
    "pnn.police.uk",
    "gov.uk",
    "gsi.gov.uk",
    "nhs.net",
    "nhs.uk",
    "mod.uk",
    "parliament.uk",
    "gov.scot",
    "gov.wales",
    "psni.police.uk",
    "met.police.uk",
    "justice.gov.uk",
    "hmrc.gov.uk",
    "cps.gov.uk",
];

/// Cues after which a name is expected in free text, and who it is about.
/// Generic cues need a two-word name (`complainant John Smith`,
/// `made by J. Smith`); a single word after them is not enough.
pub const CUES: &[(&str, Who)] = &[
    ("made by", Who::Public),
    ("reported by", Who::Public),
    ("complaint by", Who::Public),
    ("complaint from", Who::Public),
    ("submitted by", Who::Public),
    ("requested by", Who::Public),
    ("raised by", Who::Public),
    ("complainant", Who::Public),
    ("victim", Who::Public),
    ("witness", Who::Public),
    ("suspect", Who::Public),
    ("requester", Who::Public),
    ("requestor", Who::Public),
    ("from", Who::Public),
    ("named", Who::Public),
    ("called", Who::Public),
    ("offender", Who::Public),
    ("driver", Who::Public),
    ("caller", Who::Public),
    ("informant", Who::Public),
    ("spoke to", Who::Public),
    ("spoke with", Who::Public),
    ("on behalf of", Who::Public),
    ("signed by", Who::Staff),
    ("prepared by", Who::Staff),
    ("officer", Who::Staff),
    ("officers", Who::Staff),
    ("oic", Who::Staff),
    ("dealt with by", Who::Staff),
    ("allocated to", Who::Staff),
    ("assigned to", Who::Staff),
    ("handled by", Who::Staff),
    ("attended by", Who::Staff),
    ("investigated by", Who::Staff),
    ("reviewed by", Who::Staff),
    ("authorised by", Who::Staff),
    ("approved by", Who::Staff),
    ("colleague", Who::Staff),
    ("manager", Who::Staff),
    ("supervisor", Who::Staff),
];

/// The length of the longest of [`CUES`].
pub const CUE_MAX_LEN: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < CUES.len() {
        if CUES[i].0.len() > max {
            max = CUES[i].0.len();
        }
        i += 1;
    }
    max
};

/// What a run of lower-case words joined by single spaces is to [`CUES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A cue (the first of [`CUES`] that is these words), about `Who`.
    Is(Who),
    /// Not a cue, but the first words of one (`made`, `dealt with`).
    Starts,
    /// Neither: no more words make it a cue.
    No,
}

/// What `words` is to [`CUES`], in one lookup.
///
/// ```
/// use foi_check::rules::patterns::{cue, Cue, Who};
/// assert_eq!(cue("made"), Cue::Starts);
/// assert_eq!(cue("made by"), Cue::Is(Who::Public));
/// assert_eq!(cue("officer"), Cue::Is(Who::Staff));
/// assert_eq!(cue("made from"), Cue::No);
/// ```
pub fn cue(words: &str) -> Cue {
    static T: OnceLock<WordMap<Option<Who>>> = OnceLock::new();
    let table = T.get_or_init(|| {
        let mut t: WordMap<Option<Who>> = WordMap::default();
        for (c, who) in CUES {
            // The first entry of a cue listed twice is the one that counts.
            let e = t.entry(c).or_insert(None);
            if e.is_none() {
                *e = Some(*who);
            }
            for (at, _) in c.match_indices(' ') {
                if let Some(start) = c.get(..at) {
                    t.entry(start).or_insert(None);
                }
            }
        }
        t
    });
    match table.get(words) {
        Some(Some(who)) => Cue::Is(*who),
        Some(None) => Cue::Starts,
        None => Cue::No,
    }
}

/// Who a cue or header is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Who {
    /// A member of the public.
    Public,
    /// A member of staff.
    Staff,
}

/// Role words that also mark a mailbox when glued to another word (`foirequests`).
pub const GLUED_ROLE_WORDS: &[&str] = &[
    "foi", "enquir", "info", "admin", "station", "office", "team", "unit", "mailbox", "inbox",
    "noreply", "contact", "centre", "custody", "control", "road", "street",
];

fn glued_words() -> &'static aho_corasick::AhoCorasick {
    static G: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    G.get_or_init(|| {
        aho_corasick::AhoCorasick::new(GLUED_ROLE_WORDS).expect("the static role words build")
    })
}

/// The length of the first [`GLUED_ROLE_WORDS`] word in `text` (the one
/// that ends first), if any.
///
/// ```
/// use foi_check::rules::patterns::first_glued;
/// assert_eq!(first_glued("psdadmin"), Some(5));
/// assert_eq!(first_glued("jones"), None);
/// ```
pub fn first_glued(text: &str) -> Option<usize> {
    glued_words().find(text).map(|m| m.end() - m.start())
}

// ---------------------------------------------------------------- e-mail

/// An e-mail address found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Email {
    /// Byte range in the text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// Whether it belongs to a person (not a role mailbox).
    pub personal: bool,
    /// Whether the domain is a public body's (police.uk, gov.uk...).
    pub staff_domain: bool,
}

fn local_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'+' | b'\'' | b'%')
}

fn domain_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

/// Whether a value is a vehicle registration in the current UK format:
/// `AB12 CDE` or `AB12CDE` (two letters, two digits, three letters).
///
/// ```
/// use foi_check::rules::patterns::is_vehicle_registration;
/// assert!(is_vehicle_registration("KL71 LPV") && is_vehicle_registration("KL71LPV"));
/// assert!(!is_vehicle_registration("BT28 1AA") && !is_vehicle_registration("kl71 lpv"));
/// ```
pub fn is_vehicle_registration(v: &str) -> bool {
    let b = v.as_bytes();
    let (l, d) = (u8::is_ascii_uppercase, u8::is_ascii_digit);
    match b {
        [a, b, c, e, rest @ ..] if l(a) && l(b) && d(c) && d(e) => {
            matches!(rest, [x, y, z] | [b' ', x, y, z] if l(x) && l(y) && l(z))
        }
        _ => false,
    }
}

/// Headers that make a table's vehicle registrations members of the
/// public's: a list of offences, penalties or seizures, whose vehicles lead
/// to their keepers (normalised header words, whole words).
pub const VEHICLE_PUBLIC_HEADERS: &[&str] = &[
    "fine",
    "fines",
    "penalty",
    "fixed penalty",
    "fpn",
    "pcn",
    "penalty charge",
    "contravention",
    "offence",
    "offences",
    "speeding",
    "recorded speed",
    "alleged speed",
    "nip",
    "keeper",
    "registered keeper",
    "seized",
    "seizure",
    "clamped",
    "towed",
    "ticket",
];

/// Each social media handle in `text` made from a person's name, as byte
/// ranges with the `@`: an `@` that starts a word (after a space, a
/// bracket or a quote; an e-mail address has a local part before it), then
/// 2-30 letters, digits, `_` or inner dots, read as an e-mail address's
/// local part is read ([`personal_local`]): `@jsmith_88`, `@siobhan.kelly`;
/// not `@PSNIBelfast` or `@foi_team`.
///
/// ```
/// use foi_check::rules::patterns::find_handles;
/// let mut out = Vec::new();
/// find_handles("Contact via @jsmith_88, cc @PSNIBelfast and j.smith@example.org", &mut out);
/// assert_eq!(out, vec![(12, 22)]);
/// ```
pub fn find_handles(text: &str, out: &mut Vec<(usize, usize)>) {
    let b = text.as_bytes();
    for (at, _) in text.match_indices('@') {
        let starts_word = at == 0
            || b.get(at - 1).is_some_and(|&c| {
                c.is_ascii_whitespace()
                    || matches!(c, b'(' | b'[' | b'"' | b'\'' | b',' | b';' | b':')
            });
        if !starts_word {
            continue;
        }
        let rest = b.get(at + 1..).unwrap_or(&[]);
        let mut len = rest
            .iter()
            .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'_' || c == b'.')
            .count();
        // A full stop after the handle ends the sentence.
        while len > 0 && rest.get(len - 1) == Some(&b'.') {
            len -= 1;
        }
        let next = rest.get(len).copied();
        if !(2..=30).contains(&len) || next == Some(b'@') || next.is_some_and(|c| c >= 0x80) {
            continue;
        }
        let handle = text.get(at + 1..at + 1 + len).unwrap_or("");
        if personal_local(handle, false) {
            out.push((at, at + 1 + len));
        }
    }
}

/// Every e-mail address in `text`.
pub fn find_emails(text: &str, out: &mut Vec<Email>) {
    scan_emails(text, &mut domain_kind, |e| {
        out.push(e);
        true
    });
}

/// The first e-mail address in `text` that `wanted` accepts: what
/// [`find_emails`] finds first of those, without a list, and with the kind
/// of each domain taken from `domains` when it was the last one seen.
///
/// ```
/// use foi_check::rules::patterns::{first_email, Domains};
/// let mut domains = Domains::default();
/// let text = "foi@example.org or j.smith@example.org";
/// let e = first_email(text, &mut domains, |e| e.personal).map(|e| &text[e.start..e.end]);
/// assert_eq!(e, Some("j.smith@example.org"));
/// ```
pub fn first_email(
    text: &str,
    domains: &mut Domains,
    wanted: impl Fn(&Email) -> bool,
) -> Option<Email> {
    let mut first = None;
    scan_emails(text, &mut |d| domains.kind(d), |e| {
        if wanted(&e) {
            first = Some(e);
        }
        first.is_none()
    });
    first
}

/// The addresses in `text`, each given to `found` until it returns false;
/// `kind_of` says what each domain is.
fn scan_emails(
    text: &str,
    kind_of: &mut impl FnMut(&str) -> DomainKind,
    mut found: impl FnMut(Email) -> bool,
) {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(at) = b
        .get(from..)
        .and_then(|s| s.iter().position(|&c| c == b'@'))
        .map(|p| p + from)
    {
        from = at + 1;
        let mut s = at;
        while s > 0 && b.get(s - 1).is_some_and(|&c| local_char(c)) {
            s -= 1;
        }
        while b.get(s).is_some_and(|&c| c == b'.') {
            s += 1;
        }
        let mut e = at + 1;
        while b.get(e).is_some_and(|&c| domain_char(c)) {
            e += 1;
        }
        while e > at + 1 && b.get(e - 1).is_some_and(|&c| c == b'.' || c == b'-') {
            e -= 1;
        }
        if s >= at || e <= at + 1 {
            continue;
        }
        let (Some(local), Some(domain)) = (text.get(s..at), text.get(at + 1..e)) else {
            continue;
        };
        if !domain.contains('.') || domain.starts_with('.') {
            continue;
        }
        let kind = kind_of(domain);
        let more = found(Email {
            start: s,
            end: e,
            personal: personal_local(local, kind.webmail),
            staff_domain: kind.staff,
        });
        if !more {
            return;
        }
        from = e.max(from);
    }
}

/// Whether an address is personal, and whether its domain is a public body's.
///
/// ```
/// use foi_check::rules::patterns::classify_email;
/// assert_eq!(classify_email("john.smith", "psni.police.uk"), (true, true));
/// assert_eq!(classify_email("foi", "psni.police.uk"), (false, true));
/// ```
pub fn classify_email(local: &str, domain: &str) -> (bool, bool) {
    let kind = domain_kind(domain);
    (personal_local(local, kind.webmail), kind.staff)
}

/// What an address's domain is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DomainKind {
    /// A public body's ([`STAFF_DOMAINS`]).
    pub staff: bool,
    /// Webmail ([`WEBMAIL_DOMAINS`]).
    pub webmail: bool,
}

fn domain_kind(domain: &str) -> DomainKind {
    DomainKind {
        staff: STAFF_DOMAINS.iter().any(|d| ends_with_label(domain, d)),
        webmail: WEBMAIL_DOMAINS
            .iter()
            .any(|d| domain.eq_ignore_ascii_case(d)),
    }
}

/// The kind of the last e-mail domain seen: a column of addresses mostly
/// shares one domain, whose kind is then found once.
#[derive(Debug, Clone, Default)]
pub struct Domains {
    last: String,
    kind: DomainKind,
}

impl Domains {
    /// Domains longer than this are not remembered.
    const MAX_LEN: usize = 128;

    /// The kind of `domain`.
    pub fn kind(&mut self, domain: &str) -> DomainKind {
        if !self.last.is_empty() && self.last == domain {
            return self.kind;
        }
        let kind = domain_kind(domain);
        if domain.len() <= Self::MAX_LEN {
            self.last.clear();
            self.last.push_str(domain);
            self.kind = kind;
        }
        kind
    }
}

/// Whether a value is a user name made from a person's name, as systems
/// give staff to log on with: `jsmith01`, `smithj`, `mary.okafor`,
/// `k_byrne2`. It is read as an e-mail address's local part would be
/// (role words such as `admin` and `foi` are no person's); it has no
/// spaces and at least four letters.
///
/// ```
/// use foi_check::rules::patterns::is_username;
/// assert!(is_username("jsmith01") && is_username("mary.okafor"));
/// assert!(!is_username("admin1") && !is_username("FOI-2023-0012") && !is_username("J Smith"));
/// ```
pub fn is_username(v: &str) -> bool {
    (4..=40).contains(&v.len())
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        && v.bytes().filter(u8::is_ascii_alphabetic).count() >= 4
        && personal_local(v, false)
}

/// Whether an address's local part (the part before `@`) is a person's.
/// Its tokens (split at `.`, `_`, `-`, `+`, digits trimmed) are looked up
/// in the word table ([`super::words`]) once each.
fn personal_local(local: &str, webmail: bool) -> bool {
    let mut buf = [0u8; 64];
    let mut heap = String::new();
    let local_l = lower_ascii(local, &mut buf, &mut heap);
    let mut tokens: [(&str, Entry); 6] = [("", Entry::default()); 6];
    let mut n = 0;
    for t in local_l.split(['.', '_', '-', '+']) {
        let t = t.trim_matches(|c: char| c.is_ascii_digit());
        if t.is_empty() {
            continue;
        }
        match tokens.get_mut(n) {
            Some(slot) => *slot = (t, Entry::default()),
            None => return false,
        }
        n += 1;
    }
    let tokens = tokens.get_mut(..n).unwrap_or(&mut []);
    if tokens.is_empty() {
        return webmail;
    }
    for (t, e) in tokens.iter_mut() {
        *e = token_entry(t);
    }
    // A station mailbox named after a road (`marsh.lane@`); on webmail `hill` is a person.
    let place = |l: Lists| !webmail && l.has(Lists::STREET) && !l.has(Lists::SURNAME);
    if tokens
        .iter()
        .any(|(_, e)| e.lists.has(Lists::ROLE) || place(e.lists))
    {
        return false;
    }
    // A role word glued to another (`foirequests`, `psdadmin`, `lisburnroadstation`),
    // unless it is inside a name (`sunita` holds `unit`) or a long surname.
    // Role words hold letters only, so the first in the address is the
    // first in the first token holding one.
    let name = |l: Lists| l.has(Lists::FORENAME) || l.has(Lists::SURNAME);
    if let Some(w) = tokens
        .iter()
        .filter(|(_, e)| !name(e.lists))
        .map(|(_, e)| usize::from(e.glued))
        .find(|&w| w > 0)
    {
        if !tokens
            .iter()
            .any(|(t, e)| e.lists.has(Lists::SURNAME) && t.len() > w + 2)
        {
            return false;
        }
    }
    if webmail {
        return true;
    }
    use super::names::is_surname;
    match tokens {
        [(one, _)] => {
            let rest = one.get(1..).unwrap_or("");
            let init = one.get(..one.len().saturating_sub(1)).unwrap_or("");
            // `jsmith`, `smithj`; a bare word (`grantham@`) may be a place.
            (rest.len() >= 3 && is_surname(rest)) || (init.len() >= 3 && is_surname(init))
        }
        many => {
            many.len() <= 4
                && many
                    .iter()
                    .all(|(t, _)| t.chars().all(|c| c.is_alphabetic() || c == '\''))
                && many.iter().any(|(t, e)| {
                    t.len() == 1 || e.lists.has(Lists::FORENAME) || e.lists.has(Lists::SURNAME)
                })
                && many.iter().any(|(t, _)| t.len() > 1)
        }
    }
}

/// What the word lists say of a token of an address's (lower-cased) local
/// part: role words as written, names by their lookup key (see
/// [`super::names::lists_of`]), and its first glued role word.
fn token_entry(t: &str) -> Entry {
    // The usual token (ASCII, no apostrophe) is its own key: one lookup.
    if t.is_ascii() && !t.contains(['\'', '`']) {
        return words::get(t).unwrap_or_else(|| Entry {
            lists: Lists::NONE,
            glued: glued_len(t),
        });
    }
    let role = words::get(t).map_or(Lists::NONE, |e| e.lists.only(Lists::ROLE));
    let names = super::names::lists_of(t).without(Lists::ROLE);
    Entry {
        lists: names.union(role),
        glued: glued_len(t),
    }
}

/// [`first_glued`] as stored in an [`Entry`] (role words are short), or 0.
pub(crate) fn glued_len(t: &str) -> u8 {
    first_glued(t)
        .and_then(|n| u8::try_from(n).ok())
        .unwrap_or(0)
}

/// Whether `domain` is `suffix` or ends with `.suffix` (any case).
fn ends_with_label(domain: &str, suffix: &str) -> bool {
    let (d, s) = (domain.as_bytes(), suffix.as_bytes());
    d.len() >= s.len()
        && d.get(d.len() - s.len()..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(s))
        && (d.len() == s.len() || d.get(d.len() - s.len() - 1) == Some(&b'.'))
}

/// ASCII lower case of `s`, in `buf` when it fits, else in `heap`.
fn lower_ascii<'b>(s: &str, buf: &'b mut [u8; 64], heap: &'b mut String) -> &'b str {
    if s.len() <= buf.len() && s.is_ascii() {
        for (slot, b) in buf.iter_mut().zip(s.bytes()) {
            *slot = b.to_ascii_lowercase();
        }
        std::str::from_utf8(buf.get(..s.len()).unwrap_or_default()).unwrap_or_default()
    } else {
        *heap = s.to_lowercase();
        heap.as_str()
    }
}

// ---------------------------------------------------------------- phones

/// What a phone number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhoneKind {
    /// 07...: a mobile, personal.
    Mobile,
    /// 01.../02...: a geographic number: a direct line or a switchboard.
    Geographic,
    /// 03.../08.../09.../05..., 101, 999, 111: a switchboard or service number.
    Service,
    /// A short internal extension (4-6 digits).
    Extension,
}

/// A phone number found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phone {
    /// Byte range in the text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// What it is.
    pub kind: PhoneKind,
    /// The digits in national form (`07700900123`) packed as a number, for
    /// counting repeats.
    pub key: u64,
}

fn national(digits: &[u8]) -> Option<(PhoneKind, u64)> {
    // National form on the stack: at most 11 digits are a number.
    let mut buf = [0u8; 16];
    let mut n = 0;
    let mut put = |c: u8| match buf.get_mut(n) {
        Some(slot) => {
            *slot = c;
            n += 1;
            true
        }
        None => false,
    };
    if digits.starts_with(b"44") && digits.len() >= 11 {
        put(b'0');
        for &c in digits.iter().skip(2).skip_while(|&&c| c == b'0') {
            if !put(c) {
                return None;
            }
        }
    } else {
        for &c in digits {
            if !put(c) {
                return None;
            }
        }
    }
    let d = buf.get(..n).unwrap_or(&[]);
    if !(10..=11).contains(&d.len()) || d.first() != Some(&b'0') {
        return None;
    }
    let key = d.iter().fold(0u64, |k, &c| k * 10 + u64::from(c - b'0'));
    let kind = match d.get(1) {
        Some(b'7') if d.len() == 11 && d.get(2) != Some(&b'0') && d.get(2) != Some(&b'6') => {
            PhoneKind::Mobile
        }
        Some(b'1' | b'2') => PhoneKind::Geographic,
        Some(b'3' | b'5' | b'8' | b'9') => PhoneKind::Service,
        _ => return None,
    };
    Some((kind, key))
}

/// Every UK phone number in `text`: a run that starts with `0`, `+44` or
/// `(0`, is made of digits, spaces, hyphens, dots and brackets, and is not
/// glued to a letter, digit or slash (so `PSD/2023/0001` is not a number).
pub fn find_phones(text: &str, out: &mut Vec<Phone>) {
    scan_phones(text, |p| {
        out.push(p);
        true
    });
}

/// [`find_phones`], giving each number to `found` until it returns false.
fn scan_phones(text: &str, mut found: impl FnMut(Phone) -> bool) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b.get(i).copied().unwrap_or(0);
        let starts = c == b'0'
            || (c == b'+' && b.get(i + 1) == Some(&b'4'))
            || (c == b'(' && b.get(i + 1) == Some(&b'0'));
        let glued = i > 0
            && b.get(i - 1).is_some_and(|p| {
                p.is_ascii_alphanumeric() || matches!(p, b'/' | b'-' | b'.' | b'_')
            });
        if !starts || glued {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut digit_buf = [0u8; 14];
        let mut n = 0;
        while let Some(&d) = b.get(j) {
            if d.is_ascii_digit() {
                if let Some(slot) = digit_buf.get_mut(n) {
                    *slot = d;
                }
                n += 1;
                if n > 13 {
                    break;
                }
            } else if !matches!(d, b' ' | b'-' | b'(' | b')' | b'+' | b'.')
                || (d == b' ' && b.get(j + 1) == Some(&b' '))
            {
                break;
            }
            j += 1;
        }
        // Trim trailing separators.
        let mut end = j;
        while end > i && b.get(end - 1).is_some_and(|d| !d.is_ascii_digit()) {
            end -= 1;
        }
        let after = b.get(end).copied();
        let glued_after =
            after.is_some_and(|a| a.is_ascii_alphanumeric() || a == b'/' || a == b'@');
        if !glued_after && n <= 13 {
            if let Some((kind, key)) = national(digit_buf.get(..n).unwrap_or(&[])) {
                let more = found(Phone {
                    start: i,
                    end,
                    kind,
                    key,
                });
                if !more {
                    return;
                }
                i = end;
                continue;
            }
        }
        i = j.max(i + 1);
    }
}

/// The key ([`Phone::key`]) of the first number in a phone cell or in the
/// text of a phone match, or 0: how repeats of one number are counted.
/// (What [`classify_phone_cell`] finds: service numbers and extensions
/// have no key, and a 3-digit service number is never a national number.)
pub fn phone_key(text: &str) -> u64 {
    let mut key = 0;
    scan_phones(text.trim(), |p| {
        key = p.key;
        false
    });
    key
}

/// The kind of a phone-column cell holding one number (`101` and `999`
/// are service numbers; 4-6 digits alone are an extension).
pub fn classify_phone_cell(cell: &str) -> Option<Phone> {
    let t = cell.trim();
    let ndigits = t.bytes().filter(u8::is_ascii_digit).count();
    let mut first3 = [0u8; 3];
    for (slot, c) in first3.iter_mut().zip(t.bytes().filter(u8::is_ascii_digit)) {
        *slot = c;
    }
    if ndigits == 3 && matches!(&first3, b"101" | b"999" | b"111" | b"112") {
        return Some(Phone {
            start: 0,
            end: t.len(),
            kind: PhoneKind::Service,
            key: 0,
        });
    }
    let mut first = None;
    scan_phones(t, |p| {
        first = Some(p);
        false
    });
    if first.is_some() {
        return first;
    }
    if (4..=6).contains(&ndigits) && is_extension(t) {
        return Some(Phone {
            start: 0,
            end: t.len(),
            kind: PhoneKind::Extension,
            key: 0,
        });
    }
    None
}

/// Whether `t` is digits and spaces after an optional `ext`, `.` and `x`
/// (any case, each repeated: `Ext. 4521`, `x4521`).
fn is_extension(t: &str) -> bool {
    let mut rest = t.as_bytes();
    while let Some(r) = rest
        .get(..3)
        .filter(|p| p.eq_ignore_ascii_case(b"ext"))
        .and_then(|_| rest.get(3..))
    {
        rest = r;
    }
    for strip in [b'.', b'x'] {
        while let Some((_, r)) = rest
            .split_first()
            .filter(|(c, _)| c.to_ascii_lowercase() == strip)
        {
            rest = r;
        }
    }
    // Only ASCII was stripped: the rest starts at a char boundary.
    t.get(t.len() - rest.len()..)
        .unwrap_or_default()
        .trim()
        .bytes()
        .all(|c| c.is_ascii_digit() || c == b' ')
}

// ---------------------------------------------------------------- NI numbers

/// Whether the two-letter prefix of a National Insurance number is allowed.
pub fn nino_prefix_ok(a: u8, b: u8) -> bool {
    let a = a.to_ascii_uppercase();
    let b = b.to_ascii_uppercase();
    if !a.is_ascii_uppercase() || !b.is_ascii_uppercase() {
        return false;
    }
    if b"DFIQUV".contains(&a) || b"DFIQUVO".contains(&b) {
        return false;
    }
    !matches!(
        &[a, b],
        b"BG" | b"GB" | b"KN" | b"NK" | b"NT" | b"TN" | b"ZZ"
    )
}

/// Every National Insurance number in `text` (`QQ 12 34 56 C` style,
/// spaces optional, suffix A-D required unless `suffix_optional`). Letters
/// must be capitals unless `any_case`.
pub fn find_ninos(
    text: &str,
    any_case: bool,
    suffix_optional: bool,
    out: &mut Vec<(usize, usize)>,
) {
    let b = text.as_bytes();
    let up = |c: u8| if any_case { c.to_ascii_uppercase() } else { c };
    let mut i = 0;
    while i + 8 <= b.len() {
        let (Some(&a), Some(&c)) = (b.get(i), b.get(i + 1)) else {
            break;
        };
        let boundary = i == 0 || b.get(i - 1).is_some_and(|p| !p.is_ascii_alphanumeric());
        if !boundary
            || !up(a).is_ascii_uppercase()
            || !up(c).is_ascii_uppercase()
            || !nino_prefix_ok(up(a), up(c))
        {
            i += 1;
            continue;
        }
        let mut j = i + 2;
        let mut n = 0;
        while n < 6 {
            match b.get(j) {
                Some(d) if d.is_ascii_digit() => {
                    n += 1;
                    j += 1;
                }
                Some(b' ' | b'-') if n % 2 == 0 && b.get(j + 1).is_some_and(u8::is_ascii_digit) => {
                    j += 1
                }
                _ => break,
            }
        }
        if n != 6 {
            i += 1;
            continue;
        }
        let mut k = j;
        if matches!(b.get(k), Some(b' ' | b'-'))
            && b.get(k + 1).is_some_and(|s| b"ABCD".contains(&up(*s)))
        {
            k += 1;
        }
        let end = match b.get(k) {
            Some(s)
                if b"ABCD".contains(&up(*s))
                    && !b.get(k + 1).is_some_and(|x| x.is_ascii_alphanumeric()) =>
            {
                k + 1
            }
            _ if suffix_optional && !b.get(j).is_some_and(|x| x.is_ascii_alphanumeric()) => j,
            _ => {
                i += 1;
                continue;
            }
        };
        out.push((i, end));
        i = end;
    }
}

// ---------------------------------------------------------------- driving licences

/// Whether `b` (16 bytes) is a GB driving licence number: five letters of
/// the surname padded with `9`, the decade of birth, the month (plus 50 for
/// a woman), the day, the year's last digit, two initials padded with `9`,
/// a digit and two check letters (`MORGA753116SM9IJ`). Upper case only.
fn licence_at(b: &[u8]) -> bool {
    let letter9 = |c: &u8| c.is_ascii_uppercase() || *c == b'9';
    let d = |i: usize| b.get(i).filter(|c| c.is_ascii_digit()).map(|c| c - b'0');
    let (Some(m1), Some(m2), Some(d1), Some(d2)) = (d(6), d(7), d(8), d(9)) else {
        return false;
    };
    let month = (m1 * 10 + m2) % 50;
    let day = d1 * 10 + d2;
    b.len() == 16
        && b.first().is_some_and(u8::is_ascii_uppercase)
        && b.get(1..5).is_some_and(|s| s.iter().all(letter9))
        && d(5).is_some()
        && matches!(m1, 0 | 1 | 5 | 6)
        && (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && d(10).is_some()
        && b.get(11).is_some_and(u8::is_ascii_uppercase)
        && b.get(12).is_some_and(letter9)
        && d(13).is_some()
        && b.get(14..16)
            .is_some_and(|s| s.iter().all(u8::is_ascii_uppercase))
}

/// GB driving licence numbers in `text`, as byte ranges (not inside a
/// longer word; a two-digit issue number after a space may follow and is
/// not part of it).
///
/// ```
/// use foi_check::rules::patterns::find_driving_licences;
/// let mut out = Vec::new();
/// find_driving_licences("Licence MORGA753116SM9IJ 35 seen; XMORGA753116SM9IJ", &mut out);
/// assert_eq!(out, [(8, 24)]);
/// ```
pub fn find_driving_licences(text: &str, out: &mut Vec<(usize, usize)>) {
    let b = text.as_bytes();
    if b.len() < 16 {
        return;
    }
    let word = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_alphanumeric());
    let mut i = 0;
    while i + 16 <= b.len() {
        if b.get(i).is_some_and(u8::is_ascii_uppercase)
            && !(i > 0 && word(i - 1))
            && !word(i + 16)
            && b.get(i..i + 16).is_some_and(licence_at)
        {
            out.push((i, i + 16));
            i += 16;
        } else {
            i += 1;
        }
    }
}

// ---------------------------------------------------------------- NHS numbers

/// `s` (trimmed) as an NHS, CHI or Health and Care number: ten digits, run
/// together or grouped 3-3-4 by spaces or hyphens (`943 476 5919`,
/// `943-476-5919`). `checked`: its last digit must also be the modulus 11
/// check digit of the first nine, as every issued number's is (a tenth of
/// ten-digit numbers pass by chance, so a column with no header rule is
/// judged by how many of its cells pass).
///
/// ```
/// use foi_check::rules::patterns::nhs_number;
/// assert!(nhs_number("943 476 5919", true));
/// assert!(!nhs_number("943 476 5918", true));
/// assert!(nhs_number("943 476 5918", false));
/// assert!(!nhs_number("94347 65919", false));
/// ```
pub fn nhs_number(s: &str, checked: bool) -> bool {
    let b = s.trim().as_bytes();
    // `0000000000`, `9999999999`: a placeholder, whatever its check digit
    if !nhs_shape(b) || placeholder(b) {
        return false;
    }
    if !checked {
        return true;
    }
    let digits: Vec<u32> = b
        .iter()
        .filter(|c| c.is_ascii_digit())
        .map(|&c| u32::from(c - b'0'))
        .collect();
    let sum: u32 = digits
        .iter()
        .take(9)
        .zip((2..=10u32).rev())
        .map(|(d, w)| d * w)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    digits.get(9) == Some(&check)
}

/// Ten digits run together, or grouped 3-3-4 by one kind of separator (a
/// space or a hyphen).
fn nhs_shape(b: &[u8]) -> bool {
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    match b.len() {
        10 => (0..10).all(digit),
        12 => {
            matches!(b.get(3), Some(b' ' | b'-'))
                && b.get(3) == b.get(7)
                && (0..12).filter(|&k| k != 3 && k != 7).all(digit)
        }
        _ => false,
    }
}

/// NHS numbers in free text, as byte ranges: ten digits with a valid check
/// digit, grouped 3-3-4 (`943 476 5919`), or run together after `NHS` or
/// `CHI` (`NHS no. 9434765919`); not inside a longer number or word.
///
/// ```
/// use foi_check::rules::patterns::find_nhs_numbers;
/// let mut out = Vec::new();
/// find_nhs_numbers("Patient 943 476 5919 seen; NHS no 9434765919; order 9434765919", &mut out);
/// assert_eq!(out, [(8, 20), (34, 44)]);
/// ```
pub fn find_nhs_numbers(text: &str, out: &mut Vec<(usize, usize)>) {
    let b = text.as_bytes();
    let word = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_alphanumeric());
    let mut i = 0;
    while i < b.len() {
        if !b.get(i).is_some_and(u8::is_ascii_digit) || (i > 0 && word(i - 1)) {
            i += 1;
            continue;
        }
        // grouped, or run together after its cue
        let at = |end: usize| {
            b.get(i..end).is_some_and(nhs_shape)
                && !word(end)
                && text.get(i..end).is_some_and(|s| nhs_number(s, true))
        };
        if let Some(end) = [i + 12, i + 10]
            .into_iter()
            .find(|&end| at(end) && (end == i + 12 || cue_before(b, i, &[b"nhs", b"chi"])))
        {
            out.push((i, end));
            i = end;
            continue;
        }
        // past this run of digits
        while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
    }
}

/// Whether `v` (trimmed) has the shape of a passport number: six to ten
/// letters and digits, at least six of them digits and at most two letters
/// (a UK passport's nine digits, `PA1234567`, `12AB34567`); a placeholder
/// (`000000000`, `999999999`) is none.
///
/// ```
/// use foi_check::rules::patterns::passport_number;
/// assert!(passport_number("123456789"));
/// assert!(passport_number(" PA1234567 "));
/// assert!(!passport_number("000000000"));
/// assert!(!passport_number("N/A"));
/// assert!(!passport_number("ABC12345"));
/// ```
pub fn passport_number(v: &str) -> bool {
    let b = v.trim().as_bytes();
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    (6..=10).contains(&b.len())
        && b.iter().all(u8::is_ascii_alphanumeric)
        && digits >= 6
        && b.len() - digits <= 2
        && !placeholder(b)
}

/// Whether a number's digits are all the same (`000000000`, `99-99-99`):
/// a placeholder typed where the number was not known, no one's number.
fn placeholder(b: &[u8]) -> bool {
    let mut digits = b.iter().filter(|c| c.is_ascii_digit());
    let first = digits.next();
    digits.all(|c| Some(c) == first)
}

/// Passport numbers in free text: a word of [`passport_number`]'s shape
/// among the three words after `passport` (`passport no. 123456789`,
/// `Passport: PA1234567`), as byte ranges.
///
/// ```
/// use foi_check::rules::patterns::find_passports;
/// let mut found = Vec::new();
/// find_passports("Seen passport no. 123456789 at the desk; order 223456789", &mut found);
/// assert_eq!(found, [(18, 27)]);
/// ```
pub fn find_passports(text: &str, out: &mut Vec<(usize, usize)>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
            continue;
        }
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
        if text.get(start..i).is_some_and(passport_number) && cue_before(b, start, &[b"passport"]) {
            out.push((start, i));
        }
    }
}

/// Whether `v` (trimmed) is bank details as a column of them holds them: a
/// sort code (`12-34-56`, `12 34 56`, `123456`), an account number (six to
/// ten digits) or an [`iban`]; a placeholder (`00-00-00`, `99999999`) is
/// none.
///
/// ```
/// use foi_check::rules::patterns::bank_details;
/// assert!(bank_details("12-34-56"));
/// assert!(bank_details("12345678"));
/// assert!(bank_details("GB82 WEST 1234 5698 7654 32"));
/// assert!(!bank_details("00-00-00"));
/// assert!(!bank_details("Paid by cheque"));
/// assert!(!bank_details("1234"));
/// ```
pub fn bank_details(v: &str) -> bool {
    let t = v.trim();
    if iban(t) {
        return true;
    }
    let b = t.as_bytes();
    (6..=10).contains(&b.iter().filter(|c| c.is_ascii_digit()).count())
        && b.iter()
            .all(|&c| c.is_ascii_digit() || c == b'-' || c == b' ')
        && !placeholder(b)
}

/// Whether `s` is an IBAN: two letters, two check digits and 11 to 30
/// letters and digits (spaces between groups allowed), whose check digits
/// are right (ISO 13616: the number mod 97 is 1).
///
/// ```
/// use foi_check::rules::patterns::iban;
/// assert!(iban("GB82WEST12345698765432"));
/// assert!(iban("GB82 WEST 1234 5698 7654 32"));
/// assert!(!iban("GB83 WEST 1234 5698 7654 32"));
/// ```
pub fn iban(s: &str) -> bool {
    let c: Vec<u8> = s.bytes().filter(|&b| b != b' ').collect();
    let shape = (15..=34).contains(&c.len())
        && c.iter().take(2).all(u8::is_ascii_uppercase)
        && c.iter().skip(2).take(2).all(u8::is_ascii_digit)
        && c.iter()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase());
    if !shape || s.contains("  ") {
        return false;
    }
    let mut r: u32 = 0;
    for &ch in c.iter().skip(4).chain(c.iter().take(4)) {
        r = if ch.is_ascii_digit() {
            (r * 10 + u32::from(ch - b'0')) % 97
        } else {
            (r * 100 + u32::from(ch - b'A') + 10) % 97
        };
    }
    r == 1
}

/// Bank details in free text, as byte ranges: an [`iban`] anywhere; a sort
/// code (`12-34-56`, or six digits) among the three words after `sort`; an
/// account number (six to ten digits) among the three words after
/// `account` or `acc`.
///
/// ```
/// use foi_check::rules::patterns::find_bank_details;
/// let mut found = Vec::new();
/// let text = "Refund to sort code 12-34-56 account 12345678. Order number 22345678";
/// find_bank_details(text, &mut found);
/// let got: Vec<&str> = found.iter().map(|&(a, b)| &text[a..b]).collect();
/// assert_eq!(got, ["12-34-56", "12345678"]);
/// ```
pub fn find_bank_details(text: &str, out: &mut Vec<(usize, usize)>) {
    let b = text.as_bytes();
    let word = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphanumeric);
    let mut i = 0;
    while i < b.len() {
        if !word(i) || (i > 0 && word(i - 1)) {
            i += 1;
            continue;
        }
        // An IBAN: a country's two letters and two check digits, then
        // letters and digits, in groups of four or not.
        let country = b.get(i..i + 4).is_some_and(|s| {
            s.iter().take(2).all(u8::is_ascii_uppercase) && s.iter().skip(2).all(u8::is_ascii_digit)
        });
        if country {
            let mut end = i;
            let mut best = None;
            while end < b.len() && end - i < 42 {
                if word(end) {
                    end += 1;
                    if !word(end) && text.get(i..end).is_some_and(iban) {
                        best = Some(end);
                    }
                } else if b.get(end) == Some(&b' ') && word(end + 1) {
                    end += 1;
                } else {
                    break;
                }
            }
            if let Some(end) = best {
                out.push((i, end));
                i = end;
                continue;
            }
        }
        // A sort code or an account number after its cue.
        let mut end = i;
        while let Some(&c) = b.get(end) {
            let digit =
                c.is_ascii_digit() || (c == b'-' && b.get(end + 1).is_some_and(u8::is_ascii_digit));
            if !digit {
                break;
            }
            end += 1;
        }
        if end > i && !word(end) {
            let token = text.get(i..end).unwrap_or("");
            let n = token.bytes().filter(u8::is_ascii_digit).count();
            let sort =
                (n == 6 && (token.len() == 6 || token.len() == 8)) && cue_before(b, i, &[b"sort"]);
            let account = !token.contains('-')
                && (6..=10).contains(&n)
                && cue_before(b, i, &[b"account", b"acc", b"acct"]);
            if (sort || account) && bank_details(token) {
                out.push((i, end));
            }
            i = end;
            continue;
        }
        while word(i) {
            i += 1;
        }
    }
}

/// Whether one of `cues` (lower case) is among the three words before
/// byte `at` (`NHS no 9434765919`, `from IP 203.0.113.7`).
fn cue_before(b: &[u8], at: usize, cues: &[&[u8]]) -> bool {
    let before = b.get(at.saturating_sub(32)..at).unwrap_or(&[]);
    let lower: Vec<u8> = before.iter().map(u8::to_ascii_lowercase).collect();
    lower
        .split(|c| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| cues.contains(&w))
}

// ---------------------------------------------------------------- IP addresses

/// Whether an IP address reaches the internet, or only an organisation's own
/// network (a device on a private, loopback or link-local address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpKind {
    /// On the internet: a visitor, a home connection, a phone.
    Public,
    /// Private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7),
    /// loopback, link-local, unspecified, multicast or broadcast.
    Internal,
}

/// `s` (trimmed) as one IP address: IPv4 dotted decimal (no leading zeros)
/// or IPv6, optionally with a port (`203.0.113.7:443`, `[2001:db8::7]:443`)
/// or a prefix length (`/24`). Times (`12:30:45`), MAC addresses and version
/// numbers with a part over 255 are not addresses.
///
/// ```
/// use foi_check::rules::patterns::{ip_address, IpKind};
/// assert_eq!(ip_address("203.0.113.7"), Some(IpKind::Public));
/// assert_eq!(ip_address("[2001:db8::7]:443"), Some(IpKind::Public));
/// assert_eq!(ip_address("192.168.1.20"), Some(IpKind::Internal));
/// assert_eq!(ip_address("12:30:45"), None);
/// ```
pub fn ip_address(s: &str) -> Option<IpKind> {
    use std::net::{Ipv4Addr, Ipv6Addr};
    let s = s.trim();
    if !(3..=53).contains(&s.len()) {
        return None;
    }
    // A prefix length: `10.0.0.0/8`.
    let s = match s.rsplit_once('/') {
        Some((a, n)) if (1..=3).contains(&n.len()) && n.bytes().all(|c| c.is_ascii_digit()) => a,
        Some(_) => return None,
        None => s,
    };
    if let Some(rest) = s.strip_prefix('[') {
        // `[2001:db8::7]` or `[2001:db8::7]:443`
        let (addr, tail) = rest.split_once(']')?;
        let port_ok = tail.is_empty()
            || tail.strip_prefix(':').is_some_and(|p| {
                (1..=5).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit())
            });
        if !port_ok {
            return None;
        }
        return addr.parse::<Ipv6Addr>().ok().map(v6_kind);
    }
    let dots = s.bytes().filter(|&c| c == b'.').count();
    if dots == 3 {
        let addr = match s.split_once(':') {
            Some((a, p)) if (1..=5).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit()) => {
                a
            }
            Some(_) => return None,
            None => s,
        };
        return addr.parse::<Ipv4Addr>().ok().map(v4_kind);
    }
    // IPv6 needs at least two colons and nothing but hex digits, colons and
    // (for an embedded IPv4 address) dots.
    if s.bytes().filter(|&c| c == b':').count() >= 2
        && s.bytes()
            .all(|c| c.is_ascii_hexdigit() || c == b':' || c == b'.')
    {
        return s.parse::<Ipv6Addr>().ok().map(v6_kind);
    }
    None
}

/// IP addresses in free text, as byte ranges with their kind: an IPv6
/// address anywhere (`2001:db8::7`), an IPv4 address after a word that
/// says what it is (`IP`, `address`, `host`: `from IP 203.0.113.7`), so
/// that a section number (`see 1.2.3.4`) is not one.
///
/// ```
/// use foi_check::rules::patterns::{find_ips, IpKind};
/// let mut out = Vec::new();
/// find_ips("Logged in from IP 203.0.113.7. See 1.2.3.4", &mut out);
/// assert_eq!(out, [(18, 29, IpKind::Public)]);
/// ```
pub fn find_ips(text: &str, out: &mut Vec<(usize, usize, IpKind)>) {
    let b = text.as_bytes();
    let part = |c: u8| c.is_ascii_hexdigit() || matches!(c, b'.' | b':');
    let mut i = 0;
    while i < b.len() {
        let starts = b
            .get(i)
            .is_some_and(|&c| c.is_ascii_hexdigit() || c == b':')
            && !(i > 0
                && b.get(i - 1)
                    .is_some_and(|&c| part(c) || c.is_ascii_alphanumeric()));
        if !starts {
            i += 1;
            continue;
        }
        let mut end = i;
        while b.get(end).is_some_and(|&c| part(c)) {
            end += 1;
        }
        // a full stop or colon ending the sentence is not part of it
        while end > i && b.get(end - 1).is_some_and(|&c| c == b'.' || c == b':') {
            end -= 1;
        }
        let followed = b.get(end).is_some_and(|c| c.is_ascii_alphanumeric());
        let token = text.get(i..end).unwrap_or("");
        let v6 = token.contains(':');
        if !followed && (v6 || cue_before(b, i, IP_CUES)) {
            if let Some(kind) = ip_address(token) {
                out.push((i, end, kind));
            }
        }
        i = end.max(i + 1);
    }
}

/// Words that say an IP address follows.
const IP_CUES: &[&[u8]] = &[
    b"ip", b"ipv4", b"ipv6", b"address", b"addr", b"host", b"device", b"router",
];

fn v4_kind(a: std::net::Ipv4Addr) -> IpKind {
    let [x, y, ..] = a.octets();
    let shared = x == 100 && (64..128).contains(&y);
    if a.is_private()
        || a.is_loopback()
        || a.is_link_local()
        || a.is_unspecified()
        || a.is_broadcast()
        || a.is_multicast()
        || shared
        || x == 0
    {
        IpKind::Internal
    } else {
        IpKind::Public
    }
}

fn v6_kind(a: std::net::Ipv6Addr) -> IpKind {
    if let Some(v4) = a.to_ipv4_mapped() {
        return v4_kind(v4);
    }
    let [first, ..] = a.segments();
    let unique_local = first & 0xfe00 == 0xfc00;
    let link_local = first & 0xffc0 == 0xfe80;
    if a.is_loopback() || a.is_unspecified() || a.is_multicast() || unique_local || link_local {
        IpKind::Internal
    } else {
        IpKind::Public
    }
}

// ---------------------------------------------------------------- postcodes, dates, files

/// Whether `s` (trimmed) is a full UK postcode (`BT1 1AA`, `SW1A 2AA`).
pub fn is_postcode(s: &str) -> bool {
    let t = s.trim();
    // At most 7 bytes besides one space: upper-cased on the stack.
    let mut buf = [0u8; 7];
    let (mut n, mut spaces) = (0, 0);
    for b in t.bytes() {
        if b == b' ' {
            spaces += 1;
        } else {
            match buf.get_mut(n) {
                Some(slot) => *slot = b.to_ascii_uppercase(),
                None => return false,
            }
            n += 1;
        }
    }
    let c = buf.get(..n).unwrap_or_default();
    if !(5..=7).contains(&c.len()) || spaces > 1 {
        return false;
    }
    let (out, inw) = c.split_at(c.len() - 3);
    let inward_ok = matches!(inw, [d, x, y] if d.is_ascii_digit() && x.is_ascii_uppercase() && y.is_ascii_uppercase());
    let outward_ok = match out {
        [a, d] => a.is_ascii_uppercase() && d.is_ascii_digit(),
        [a, b, c] => {
            a.is_ascii_uppercase()
                && ((b.is_ascii_digit() && c.is_ascii_alphanumeric())
                    || (b.is_ascii_uppercase() && c.is_ascii_digit()))
        }
        [a, b, c, d] => {
            a.is_ascii_uppercase()
                && b.is_ascii_uppercase()
                && c.is_ascii_digit()
                && d.is_ascii_alphanumeric()
        }
        _ => false,
    };
    inward_ok && outward_ok
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_name(w: &str) -> Option<u32> {
    // Lower case on the stack: a longer word is no month.
    const NAMES: &str = "january february march april may june july august september october november december sept";
    let mut buf = [0u8; NAMES.len()];
    let lower = buf.get_mut(..w.len())?;
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    let l = std::str::from_utf8(lower).ok()?;
    let l = l.trim_end_matches('.');
    if l.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| l.starts_with(m) && (NAMES.contains(l) || l.len() == 3))
        .map(|p| p as u32 + 1)
}

/// A date at the start of `s`: `12/03/1985`, `1985-03-12`, `12.03.85`,
/// `12 March 1985`, `12-Mar-1985`, `March 12, 1985`. Returns (year, month,
/// day) with a 2-digit year as given, and the byte length used.
pub fn parse_date(s: &str) -> Option<((u32, u32, u32), usize)> {
    let b = s.as_bytes();
    let num = |i: &mut usize| -> Option<(u32, usize)> {
        let st = *i;
        let mut v = 0u32;
        while let Some(d) = b.get(*i).filter(|d| d.is_ascii_digit()) {
            v = v.checked_mul(10)?.checked_add(u32::from(d - b'0'))?;
            *i += 1;
            if *i - st > 4 {
                return None;
            }
        }
        (*i > st).then_some((v, *i - st))
    };
    let mut i = 0;
    if b.first().is_some_and(u8::is_ascii_digit) {
        let (a, la) = num(&mut i)?;
        let sep = *b.get(i)?;
        if matches!(sep, b'/' | b'-' | b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            let (m, _) = num(&mut i)?;
            if *b.get(i)? != sep {
                return None;
            }
            i += 1;
            let (c, lc) = num(&mut i)?;
            let (y, d) = if la == 4 {
                (a, c)
            } else if lc == 4 || lc == 2 {
                (c, a)
            } else {
                return None;
            };
            if b.get(i).is_some_and(u8::is_ascii_digit) {
                return None;
            }
            return valid(y, m, d).then_some(((y, m, d), i));
        }
        // 12 March 1985 / 12-Mar-85
        if !matches!(sep, b' ' | b'-') || la > 2 {
            return None;
        }
        i += 1;
        let ws = i;
        while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
        }
        let m = month_name(s.get(ws..i)?)?;
        if !matches!(b.get(i), Some(b' ' | b'-')) {
            return None;
        }
        i += 1;
        let (y, ly) = num(&mut i)?;
        return (matches!(ly, 2 | 4) && valid(y, m, a)).then_some(((y, m, a), i));
    }
    // March 12, 1985
    while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        i += 1;
    }
    let m = month_name(s.get(..i)?)?;
    if b.get(i) != Some(&b' ') {
        return None;
    }
    i += 1;
    let (d, _) = num(&mut i)?;
    if b.get(i) == Some(&b',') {
        i += 1;
    }
    if b.get(i) != Some(&b' ') {
        return None;
    }
    i += 1;
    let (y, ly) = num(&mut i)?;
    (ly == 4 && valid(y, m, d)).then_some(((y, m, d), i))
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && (1..=31).contains(&d) && (y < 100 || (1900..=2100).contains(&y))
}

/// Whether the whole of `s` (trimmed) is a date, optionally followed by a time.
pub fn is_date(s: &str) -> bool {
    let t = s.trim();
    match parse_date(t) {
        Some((_, n)) => t
            .get(n..)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' ') || rest.starts_with('T')),
        None => false,
    }
}

const IMAGE_EXT: &[&str] = &[
    ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".heic", ".webp", ".jfif",
];

/// A photo file name: `Some(true)` when the stem looks like a person's name
/// (`smith_j.jpg`, `John Smith.png`), `Some(false)` for other stems (`12345.jpg`).
pub fn photo_file(s: &str) -> Option<bool> {
    let t = s.trim();
    let ext = IMAGE_EXT.iter().find(|e| {
        t.len() >= e.len()
            && t.as_bytes()
                .get(t.len() - e.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(e.as_bytes()))
    })?;
    let stem = t.get(..t.len() - ext.len())?;
    let stem = stem.rsplit(['/', '\\']).next().unwrap_or(stem);
    if stem.is_empty() {
        return None;
    }
    let letters = stem.chars().filter(|c| c.is_alphabetic()).count();
    let namey = letters >= 3
        && !stem.chars().any(|c| c.is_ascii_digit())
        && stem
            .split(['_', '.', '-', ' '])
            .filter(|w| !w.is_empty())
            .any(|w| w.len() > 1 && (super::names::is_surname(w) || super::names::is_forename(w)));
    Some(namey)
}

/// Whether an address-column value is a house address: it starts with a
/// house number (`12`, `12a`, `Flat 3`) followed by words, or holds a postcode.
pub fn is_house_address(s: &str) -> bool {
    let t = s.trim();
    let mut words = t.split([' ', ',']).filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("");
    let numbered = first.bytes().next().is_some_and(|c| c.is_ascii_digit())
        && first.len() <= 6
        && first
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'/');
    let flat = ["flat", "apartment", "apt", "unit", "house"]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w));
    let rest_alpha = t.chars().filter(|c| c.is_alphabetic()).count() >= 4;
    ((numbered || flat) && rest_alpha) || t.split(',').any(|part| is_postcode(part.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::names::{is_forename, is_street_word, is_surname};

    /// The e-mail classifier as it was before the word table and the
    /// per-token glued words (kept as the specification the fast one must
    /// match): a set lookup per list and question, one search for glued
    /// role words over the whole local part. `names::is_*` are checked
    /// against their own lists in `words`' tests.
    fn classify_email_reference(local: &str, domain: &str) -> (bool, bool) {
        static SETS: OnceLock<(std::collections::HashSet<&str>, aho_corasick::AhoCorasick)> =
            OnceLock::new();
        let (role, glued) = SETS.get_or_init(|| {
            (
                ROLE_MAILBOX_WORDS.iter().copied().collect(),
                aho_corasick::AhoCorasick::new(GLUED_ROLE_WORDS).expect("builds"),
            )
        });
        let staff_domain = STAFF_DOMAINS.iter().any(|d| ends_with_label(domain, d));
        let webmail = WEBMAIL_DOMAINS
            .iter()
            .any(|d| domain.eq_ignore_ascii_case(d));
        let local_l = local.to_lowercase();
        let mut tokens = Vec::new();
        for t in local_l.split(['.', '_', '-', '+']) {
            let t = t.trim_matches(|c: char| c.is_ascii_digit());
            if !t.is_empty() {
                tokens.push(t);
            }
        }
        if tokens.len() > 6 {
            return (false, staff_domain);
        }
        if tokens.is_empty() {
            return (webmail, staff_domain);
        }
        let place = |t: &str| !webmail && is_street_word(t) && !is_surname(t);
        if tokens.iter().any(|t| role.contains(t) || place(t)) {
            return (false, staff_domain);
        }
        // Not inside a word that is a name (`unit` in `sunita`).
        let not_name = |t: &&&str| !is_forename(t) && !is_surname(t);
        if let Some(m) = tokens.iter().filter(not_name).find_map(|t| glued.find(*t)) {
            let w = m.end() - m.start();
            if !tokens.iter().any(|t| is_surname(t) && t.len() > w + 2) {
                return (false, staff_domain);
            }
        }
        if webmail {
            return (true, staff_domain);
        }
        let personal = match tokens.as_slice() {
            [one] => {
                let rest = one.get(1..).unwrap_or("");
                let init = one.get(..one.len().saturating_sub(1)).unwrap_or("");
                (rest.len() >= 3 && is_surname(rest)) || (init.len() >= 3 && is_surname(init))
            }
            many => {
                many.len() <= 4
                    && many
                        .iter()
                        .all(|t| t.chars().all(|c| c.is_alphabetic() || c == '\''))
                    && many
                        .iter()
                        .any(|t| t.len() == 1 || is_forename(t) || is_surname(t))
                    && many.iter().any(|t| t.len() > 1)
            }
        };
        (personal, staff_domain)
    }

    /// Words an address's tokens are made of: names, role and street words,
    /// glued role words, surnames holding a role word, digits, apostrophes,
    /// accents, letters that lower-case to ASCII (the Kelvin sign).
    const PARTS: &[&str] = &[
        "john",
        "JOHN",
        "Smith",
        "smith",
        "j",
        "x",
        "jsmith",
        "smithj",
        "kx",
        "47",
        "2024",
        "o'neill",
        "O'Neill",
        "d`arcy",
        "seán",
        "Seán",
        "Ó",
        "obriain",
        "wójcik",
        "\u{212a}aya",
        "kaya",
        "mehmet",
        "priya",
        "brown0",
        "0brown",
        "br0wn",
        "foi",
        "FOI",
        "info",
        "enquiries",
        "foirequests",
        "psdadmin",
        "lisburnroadstation",
        "contactus",
        "smithfoi",
        "noreply",
        "lane",
        "marsh",
        "hill",
        "Hill",
        "road",
        "street",
        "streeter",
        "overstreet",
        "broadway",
        "broadnax",
        "sunita",
        "station",
        "teamleader",
        "unit",
        "grantham",
        "may",
        "will",
        "a%b",
        "100%",
        "data",
        "it",
        "no",
        "reply",
        "x'y",
        "'",
        "''",
        "ab'c",
        "mc'donald",
        "verylongtokenthatkeepsgoingandgoingpastsixtyfourbytesofthelocalpart",
    ];

    const DOMAINS: &[&str] = &[
        "northshire.police.uk",
        "PSNI.POLICE.UK",
        "psni.police.uk",
        "police.uk",
        "notpolice.uk",
        "gmail.com",
        "GMail.Com",
        "gmail.com.example.org",
        "example.org",
        "hotmail.co.uk",
        "nhs.net",
        "x.gov.uk",
        "gov.uk.example.com",
    ];

    /// A fixed-seed generator of addresses from [`PARTS`] and [`DOMAINS`].
    fn addresses(n: usize) -> Vec<(String, &'static str)> {
        let mut rng = crate::testgen::Xorshift::new(0x9e37_79b9_7f4a_7c15_u64);
        let mut next = move |m: usize| rng.below(m);
        let seps = [".", "_", "-", "+", "", ".."];
        (0..n)
            .map(|_| {
                let mut local = String::new();
                for i in 0..1 + next(8) {
                    if i > 0 {
                        local.push_str(seps[next(seps.len())]);
                    }
                    local.push_str(PARTS[next(PARTS.len())]);
                }
                (local, DOMAINS[next(DOMAINS.len())])
            })
            .collect()
    }

    #[test]
    fn email_classifier_matches_the_reference() {
        let mut failures = Vec::new();
        let mut cases: Vec<(String, &str)> = PARTS
            .iter()
            .flat_map(|p| DOMAINS.iter().map(move |d| (p.to_string(), *d)))
            .collect();
        cases.extend(addresses(40_000));
        let mut personal = 0;
        for (local, domain) in &cases {
            let want = classify_email_reference(local, domain);
            let got = classify_email(local, domain);
            personal += usize::from(got.0);
            if got != want {
                failures.push(format!("{local}@{domain}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        // Both answers are common in the generated addresses.
        assert!(
            personal > cases.len() / 10 && personal < cases.len() * 9 / 10,
            "{personal}"
        );
    }

    #[test]
    fn first_email_is_the_first_find_emails_finds() {
        let mut domains = Domains::default();
        let list = addresses(5_000);
        for pair in list.chunks(2) {
            let text = pair
                .iter()
                .map(|(l, d)| format!("{l}@{d}"))
                .collect::<Vec<_>>()
                .join(" or ");
            let mut all = Vec::new();
            find_emails(&text, &mut all);
            for e in &all {
                let (local, domain) = text
                    .get(e.start..e.end)
                    .and_then(|a| a.rsplit_once('@'))
                    .expect("an address");
                let want = classify_email_reference(local, domain);
                assert_eq!((e.personal, e.staff_domain), want, "{text}");
            }
            assert_eq!(
                first_email(&text, &mut domains, |_| true),
                all.first().copied()
            );
            assert_eq!(
                first_email(&text, &mut domains, |e| e.personal),
                all.iter().find(|e| e.personal).copied(),
                "{text}"
            );
        }
    }

    /// `classify_phone_cell` as it was before the extension test without a
    /// lower-case copy (the specification).
    fn classify_phone_cell_reference(cell: &str) -> Option<Phone> {
        let t = cell.trim();
        let ndigits = t.bytes().filter(u8::is_ascii_digit).count();
        let mut first3 = [0u8; 3];
        for (slot, c) in first3.iter_mut().zip(t.bytes().filter(u8::is_ascii_digit)) {
            *slot = c;
        }
        if ndigits == 3 && matches!(&first3, b"101" | b"999" | b"111" | b"112") {
            return Some(Phone {
                start: 0,
                end: t.len(),
                kind: PhoneKind::Service,
                key: 0,
            });
        }
        let mut first = None;
        scan_phones(t, |p| {
            first = Some(p);
            false
        });
        if first.is_some() {
            return first;
        }
        let lower = t.to_ascii_lowercase();
        let ext = lower
            .trim_start_matches("ext")
            .trim_start_matches('.')
            .trim_start_matches('x')
            .trim();
        if (4..=6).contains(&ndigits) && ext.bytes().all(|c| c.is_ascii_digit() || c == b' ') {
            return Some(Phone {
                start: 0,
                end: t.len(),
                kind: PhoneKind::Extension,
                key: 0,
            });
        }
        None
    }

    /// A fixed-seed generator of phone-column cells: numbers in every
    /// form, service numbers, extensions with `ext`, `.` and `x` in any
    /// case, letters, slashes and spaces.
    fn phone_cells(n: usize) -> Vec<String> {
        const PARTS: &[&str] = &[
            "0",
            "07700 900123",
            "+44 7700 900123",
            "07700",
            "900123",
            "028",
            "9065",
            "0222",
            "+44",
            "(0)",
            "(028)",
            "44",
            "7700",
            "101",
            "999",
            "111",
            "112",
            "4521",
            "45",
            "21",
            "123456",
            "1234567",
            " ",
            "  ",
            "-",
            ".",
            "/",
            "ext",
            "Ext",
            "EXT",
            "ext.",
            "x",
            "X",
            "Tel",
            "é",
            "0300",
            "0845",
            "a",
        ];
        let mut rng = crate::testgen::Xorshift::new(0x853c_49e6_748f_ea9b_u64);
        let mut next = move |m: usize| rng.below(m);
        (0..n)
            .map(|_| (0..1 + next(5)).map(|_| PARTS[next(PARTS.len())]).collect())
            .collect()
    }

    #[test]
    fn phone_cells_match_the_reference() {
        let mut kinds = std::collections::HashMap::new();
        let name = |p: Option<Phone>| p.map(|p| format!("{:?}", p.kind));
        for cell in phone_cells(60_000) {
            let want = classify_phone_cell_reference(&cell);
            assert_eq!(classify_phone_cell(&cell), want, "{cell:?}");
            assert_eq!(phone_key(&cell), want.map_or(0, |p| p.key), "{cell:?}");
            *kinds.entry(name(want)).or_insert(0) += 1;
        }
        // Every answer is common in the generated cells.
        assert_eq!(kinds.len(), 5, "{kinds:?}");
        assert!(kinds.values().all(|&n| n > 100), "{kinds:?}");
    }

    // Postcodes, month names, photo files and house addresses as they were
    // before they stopped copying each cell (the specification).

    fn is_postcode_reference(s: &str) -> bool {
        let c: Vec<u8> = s
            .trim()
            .bytes()
            .filter(|b| *b != b' ')
            .map(|b| b.to_ascii_uppercase())
            .collect();
        if !(5..=7).contains(&c.len()) || s.trim().bytes().filter(|b| *b == b' ').count() > 1 {
            return false;
        }
        let (out, inw) = c.split_at(c.len() - 3);
        let inward_ok = matches!(inw, [d, x, y] if d.is_ascii_digit() && x.is_ascii_uppercase() && y.is_ascii_uppercase());
        let outward_ok = match out {
            [a, d] => a.is_ascii_uppercase() && d.is_ascii_digit(),
            [a, b, c] => {
                a.is_ascii_uppercase()
                    && ((b.is_ascii_digit() && c.is_ascii_alphanumeric())
                        || (b.is_ascii_uppercase() && c.is_ascii_digit()))
            }
            [a, b, c, d] => {
                a.is_ascii_uppercase()
                    && b.is_ascii_uppercase()
                    && c.is_ascii_digit()
                    && d.is_ascii_alphanumeric()
            }
            _ => false,
        };
        inward_ok && outward_ok
    }

    fn month_name_reference(w: &str) -> Option<u32> {
        let l = w.to_ascii_lowercase();
        let l = l.trim_end_matches('.');
        if l.len() < 3 {
            return None;
        }
        MONTHS
            .iter()
            .position(|m| l.starts_with(m) && ("january february march april may june july august september october november december sept".contains(l) || l.len() == 3))
            .map(|p| p as u32 + 1)
    }

    fn photo_file_reference(s: &str) -> Option<bool> {
        let t = s.trim();
        let l = t.to_ascii_lowercase();
        let ext = IMAGE_EXT.iter().find(|e| l.ends_with(*e))?;
        let stem = t.get(..t.len() - ext.len())?;
        let stem = stem.rsplit(['/', '\\']).next().unwrap_or(stem);
        if stem.is_empty() {
            return None;
        }
        let letters = stem.chars().filter(|c| c.is_alphabetic()).count();
        let namey = letters >= 3
            && !stem.chars().any(|c| c.is_ascii_digit())
            && stem
                .split(['_', '.', '-', ' '])
                .filter(|w| !w.is_empty())
                .any(|w| w.len() > 1 && (is_surname(w) || is_forename(w)));
        Some(namey)
    }

    fn is_house_address_reference(s: &str) -> bool {
        let t = s.trim();
        let mut words = t.split([' ', ',']).filter(|w| !w.is_empty());
        let first = words.next().unwrap_or("");
        let lower = first.to_ascii_lowercase();
        let numbered = first.bytes().next().is_some_and(|c| c.is_ascii_digit())
            && first.len() <= 6
            && first
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'/');
        let flat = matches!(
            lower.as_str(),
            "flat" | "apartment" | "apt" | "unit" | "house"
        );
        let rest_alpha = t.chars().filter(|c| c.is_alphabetic()).count() >= 4;
        ((numbered || flat) && rest_alpha)
            || t.split(',').any(|part| is_postcode_reference(part.trim()))
    }

    /// A fixed-seed generator of short cells: postcodes, months, photo
    /// file names, addresses, in any case, with spaces, dots and accents.
    fn short_cells(n: usize) -> Vec<String> {
        const PARTS: &[&str] = &[
            "BT1",
            "1AA",
            "SW1A",
            "2AA",
            "M1",
            "EC1A1BB",
            "bt7",
            "1nn",
            "AB12",
            "CDE",
            "12",
            "12a",
            "Flat",
            "FLAT",
            "apt",
            "Unit",
            "house",
            "3",
            "High",
            "Street",
            ",",
            " ",
            "  ",
            "Jan",
            "JAN",
            "january",
            "Sept",
            "sept.",
            "September",
            "Mar.",
            "march",
            "may",
            "Ma",
            "smith_j",
            "John Smith",
            ".jpg",
            ".JPEG",
            ".png",
            ".Gif",
            "photo",
            "/",
            "\\",
            "é",
            "Öz",
            "12345",
            "-",
            "0",
            "x",
        ];
        let mut rng = crate::testgen::Xorshift::new(0xbb67_ae85_84ca_a73b_u64);
        let mut next = move |m: usize| rng.below(m);
        (0..n)
            .map(|_| (0..1 + next(4)).map(|_| PARTS[next(PARTS.len())]).collect())
            .collect()
    }

    #[test]
    fn short_cell_patterns_match_the_reference() {
        let mut yes = [0usize; 4];
        for cell in short_cells(80_000) {
            let got = [
                is_postcode(&cell),
                month_name(&cell).is_some(),
                photo_file(&cell).is_some(),
                is_house_address(&cell),
            ];
            assert_eq!(is_postcode(&cell), is_postcode_reference(&cell), "{cell:?}");
            assert_eq!(month_name(&cell), month_name_reference(&cell), "{cell:?}");
            assert_eq!(photo_file(&cell), photo_file_reference(&cell), "{cell:?}");
            assert_eq!(
                is_house_address(&cell),
                is_house_address_reference(&cell),
                "{cell:?}"
            );
            for (n, g) in yes.iter_mut().zip(got) {
                *n += usize::from(g);
            }
        }
        // Each says yes often enough to be tested.
        assert!(yes.iter().all(|&n| n > 200), "{yes:?}");
    }

    #[test]
    fn cue_table_is_the_cue_list() {
        let mut words: Vec<&str> = CUES.iter().flat_map(|(c, _)| c.split(' ')).collect();
        words.extend(["the", "about", "", "madeby", "by"]);
        let mut runs: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        for a in &words {
            for b in &words {
                runs.push(format!("{a} {b}"));
                for c in ["by", "of", "to", "with"] {
                    runs.push(format!("{a} {b} {c}"));
                }
            }
        }
        let mut seen = [0usize; 3];
        for run in &runs {
            let want = match CUES.iter().find(|(c, _)| c == run) {
                Some((_, who)) => Cue::Is(*who),
                None if CUES.iter().any(|(c, _)| c.starts_with(&format!("{run} "))) => Cue::Starts,
                None => Cue::No,
            };
            assert_eq!(cue(run), want, "{run:?}");
            seen[match want {
                Cue::Is(_) => 0,
                Cue::Starts => 1,
                Cue::No => 2,
            }] += 1;
        }
        assert!(seen.iter().all(|&n| n >= 5), "{seen:?}");
        assert!(CUES.iter().all(|(c, _)| c.len() <= CUE_MAX_LEN));
        assert!(CUES.iter().any(|(c, _)| c.len() == CUE_MAX_LEN));
    }

    #[test]
    fn domains_remember_only_the_last_domain() {
        let mut d = Domains::default();
        let police = DomainKind {
            staff: true,
            webmail: false,
        };
        let gmail = DomainKind {
            staff: false,
            webmail: true,
        };
        assert_eq!(d.kind("psni.police.uk"), police);
        assert_eq!(d.kind("psni.police.uk"), police);
        assert_eq!(d.kind("gmail.com"), gmail);
        assert_eq!(d.kind("psni.police.uk.example.org"), DomainKind::default());
        assert_eq!(d.kind("GMAIL.COM"), gmail);
        let long = format!("{}.police.uk", "a".repeat(200));
        assert_eq!(d.kind(&long), police);
        assert_eq!(d.kind(&long), police);
        assert_eq!(d.kind("example.org"), DomainKind::default());
    }
}
