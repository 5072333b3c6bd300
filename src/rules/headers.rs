//! Header rules: what a column's header says it holds.
//!
//! A header is normalised (lower case, every run of characters that are not
//! letters or digits becomes one space) and matched against the phrases of
//! each rule **in table order**: the first rule with a phrase equal to the
//! header, or contained in it as whole words, wins. So the specific rules
//! (`Date of Birth`, `Collar Number`, `Contact Number`) come before the general
//! ones (`Date`, `Number`, `Contact`).

use super::Rule;
use crate::report::ColumnClass;

/// Who a name column is about, as its header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The header does not say (`Surname`, `Name`).
    Neutral,
    /// Staff (`Officer`, `Employee`, `Staff Name`, `Investigating Officer`).
    Staff,
    /// Members of the public (`Victim`, `Complainant`, `Requester`).
    Public,
}

/// One header rule.
#[derive(Debug, Clone, Copy)]
pub struct HeaderRule {
    /// Rule id (cited in column evidence).
    pub id: &'static str,
    /// The class the header implies.
    pub class: ColumnClass,
    /// Who the column is about.
    pub role: Role,
    /// Normalised phrases.
    pub phrases: &'static [&'static str],
    /// Whether a phrase may match inside a longer header (`Officer Surname`);
    /// when false only the whole header matches.
    pub inside: bool,
}

const fn h(
    id: &'static str,
    class: ColumnClass,
    role: Role,
    inside: bool,
    phrases: &'static [&'static str],
) -> HeaderRule {
    HeaderRule {
        id,
        class,
        role,
        phrases,
        inside,
    }
}

use ColumnClass as C;
use Role::{Neutral as N, Public as P, Staff as S};

/// Rule id: who used or changed a record (`Username`, `Login`, `Created
/// by`); read in [`crate::detect::cell::Mode::User`].
pub const USER: &str = "name.header.user";

/// Rule id: people or organisations (`Supplier`, `Account holder`,
/// `Payee`): only a person's full name there is read as a person's, and it
/// is masked where it is, not the whole column.
pub const PARTY: &str = "name.header.party";

/// Rule id: map coordinates, a location to a few metres.
pub const LOCATION_COORDINATES: &str = "location.coordinates";

/// Headers of map coordinates, in the detector's table and the risk
/// model's: to a few metres, a coordinate is a home (`54.597312`). `Long`
/// is left out: inside a header it is as often `Long service`.
pub const COORDINATES: &[&str] = &[
    "latitude",
    "longitude",
    "lat",
    "lng",
    "easting",
    "northing",
    "grid reference",
    "grid ref",
    "coordinates",
    "co ordinates",
    "x coordinate",
    "y coordinate",
];

/// The header rules in match order.
pub const HEADERS: &[HeaderRule] = &[
    h(
        "dob.header",
        C::DateOfBirth,
        N,
        true,
        &[
            "dob",
            "d o b",
            "date of birth",
            "birth date",
            "birthdate",
            "date born",
            "born",
        ],
    ),
    h(
        "contact.email.header",
        C::Email,
        N,
        true,
        &[
            "email",
            "e mail",
            "email address",
            "e mail address",
            "mail address",
        ],
    ),
    h(
        "contact.phone.header",
        C::Phone,
        N,
        true,
        &[
            "phone",
            "telephone",
            "tel",
            "tel no",
            "mobile",
            "mobile number",
            "contact number",
            "contact no",
            "direct line",
            "direct dial",
            "ddi",
            "extension",
            "ext",
            "phone number",
            "telephone number",
        ],
    ),
    h(
        "id.nino.header",
        C::NiNumber,
        N,
        true,
        &[
            "ni number",
            "ni no",
            "nino",
            "national insurance",
            "national insurance number",
            "nat ins",
        ],
    ),
    h("id.nino.header", C::NiNumber, N, false, &["ni"]),
    // Before the names (`Driver`): a licence's number is checked for the
    // shape of a driving licence, not read as a name.
    h(
        "id.licence.header",
        C::Reference,
        N,
        true,
        &[
            "driving licence",
            "driving license",
            "driver licence",
            "driver license",
            "driving licence number",
            "driving licence no",
            "driver licence number",
            "driver number",
            "dln",
            "licence number",
            "licence no",
            "license number",
        ],
    ),
    h(
        "id.nhs.header",
        C::NhsNumber,
        N,
        true,
        &[
            "nhs number",
            "nhs no",
            "nhs num",
            "nhs id",
            "new nhs number",
            "chi number",
            "chi no",
            "h c number",
            "h and c number",
            "health and care number",
            "health care number",
        ],
    ),
    h("id.nhs.header", C::NhsNumber, N, false, &["nhs", "chi"]),
    h(
        "id.passport.header",
        C::PassportNumber,
        N,
        true,
        &[
            "passport number",
            "passport no",
            "passport num",
            "passport id",
            "travel document number",
            "travel document no",
        ],
    ),
    h(
        "id.passport.header",
        C::PassportNumber,
        N,
        false,
        &["passport"],
    ),
    // Not a bare `Account number`: a council's account with a supplier in
    // spending data, or a ledger's. `Bank account name` is a name.
    h(
        "id.bank.header",
        C::BankDetails,
        N,
        true,
        &[
            "sort code",
            "bank sort code",
            "bank account number",
            "bank account no",
            "bank account num",
            "bank acc no",
            "bank acc number",
            "bank details",
            "iban",
        ],
    ),
    h(
        "id.bank.header",
        C::BankDetails,
        N,
        false,
        &["bank account", "account sort code"],
    ),
    // Before the address rule: `IP address` is no street address. Not a
    // bare `IP`, which in police records is as often the injured party.
    h(
        "id.ip.header",
        C::IpAddress,
        N,
        true,
        &[
            "ip address",
            "ip addresses",
            "ip addr",
            "ipv4",
            "ipv6",
            "ipv4 address",
            "ipv6 address",
            "client ip",
            "source ip",
            "src ip",
            "remote ip",
            "user ip",
            "visitor ip",
            "device ip",
            "workstation ip",
            "host ip",
            "server ip",
            "router ip",
            "login ip",
            "logon ip",
            "last ip",
            "public ip",
            "private ip",
            "internal ip",
            "external ip",
            "wan ip",
            "lan ip",
            "remote addr",
            "remote host",
            "ip number",
        ],
    ),
    h(
        "photo.header",
        C::Photo,
        N,
        true,
        &[
            "photo",
            "photograph",
            "photo file",
            "image",
            "image file",
            "picture",
            "mugshot",
            "headshot",
        ],
    ),
    h(
        "vetting.header",
        C::Vetting,
        N,
        true,
        &[
            "vetting",
            "vetting level",
            "vetting status",
            "clearance",
            "security clearance",
            "nppv",
            "nppv level",
        ],
    ),
    h(
        "number.header",
        C::StaffNumber,
        S,
        true,
        &[
            "collar",
            "collar number",
            "collar no",
            "col no",
            "coll no",
            "col number",
            "shoulder number",
            "shoulder no",
            "epaulette number",
            "warrant number",
            "warrant no",
            "service number",
            "service no",
            "payroll",
            "payroll number",
            "payroll no",
            "pay number",
            "pay no",
            "staff number",
            "staff no",
            "staff id",
            "employee number",
            "employee no",
            "employee id",
            "emp no",
            "officer number",
            "officer no",
            "officer id",
            "personnel number",
            "force number",
            "badge number",
            "pin",
            "pin number",
            "id number",
            "warrant card number",
        ],
    ),
    h(
        "age.header",
        C::Age,
        N,
        true,
        &["age", "age band", "age range", "age group", "ages"],
    ),
    h(
        "rank.header",
        C::RankGrade,
        N,
        true,
        &[
            "rank",
            "grade",
            "band",
            "rank grade",
            "pay grade",
            "grade band",
            "police rank",
            "substantive rank",
        ],
    ),
    h(
        "salary.header",
        C::Salary,
        N,
        true,
        &[
            "salary",
            "pay",
            "pay band",
            "pay scale",
            "salary band",
            "salary range",
            "wage",
            "pay point",
            "spine point",
        ],
    ),
    h(
        "jobtitle.header",
        C::JobTitle,
        N,
        false,
        &[
            "job title",
            "title",
            "position",
            "post",
            "post title",
            "role",
            "job role",
            "job",
            "job description",
            "designation",
            "occupation",
            "role title",
        ],
    ),
    h(
        "unit.header",
        C::Unit,
        N,
        true,
        &[
            "unit",
            "department",
            "dept",
            "team",
            "section",
            "squad",
            "branch",
            "division",
            "directorate",
            "command",
            "business area",
            "business unit",
            "function",
            "ocu",
            "bcu",
            "portfolio",
        ],
    ),
    h(
        "address.header",
        C::Address,
        N,
        true,
        &[
            "address",
            "home address",
            "street",
            "address line 1",
            "address 1",
            "addr",
            "residence",
            "home address line 1",
        ],
    ),
    h(
        "postcode.header",
        C::Postcode,
        N,
        true,
        &["postcode", "post code", "postal code", "zip", "zip code"],
    ),
    h(
        "location.header",
        C::Location,
        N,
        true,
        &[
            "station",
            "location",
            "base",
            "office",
            "area",
            "district",
            "region",
            "site",
            "town",
            "city",
            "beat",
            "sector",
            "neighbourhood",
            "ward",
            "borough",
            "county",
            "lpa",
            "place",
            "venue",
            "premises",
            "force",
        ],
    ),
    h(LOCATION_COORDINATES, C::Location, N, true, COORDINATES),
    h("gender.header", C::Gender, N, true, &["gender", "sex"]),
    h(
        "ethnicity.header",
        C::Ethnicity,
        N,
        true,
        &[
            "ethnicity",
            "ethnic",
            "ethnic group",
            "ethnic origin",
            "race",
        ],
    ),
    h(
        "nationality.header",
        C::Ethnicity,
        N,
        true,
        &["nationality"],
    ),
    // Special category data (`super::special`): never identifying, but
    // serious beside what is. Specific phrases may sit inside a header
    // (`Sickness absence reason`); general words count only as the whole
    // header (`Health`, `Injury`), as inside one they are often about
    // something else (`Health and safety`, `Date of diagnosis`).
    h(
        "special.header.health",
        C::SpecialCategory,
        N,
        true,
        &[
            "absence reason",
            "reason for absence",
            "sickness reason",
            "reason for sickness",
            "sickness absence reason",
            "medical condition",
            "medical conditions",
            "health condition",
            "health conditions",
            "sickness category",
            "cause of absence",
            "medical reason",
            "disability",
            "disabilities",
            "medical history",
            "illness",
            "nature of injury",
            "injury type",
            "type of injury",
            "injury sustained",
            "injuries sustained",
            "injury details",
        ],
    ),
    h(
        "special.header.health",
        C::SpecialCategory,
        N,
        false,
        &[
            "health",
            "mental health",
            "diagnosis",
            "injury",
            "injuries",
            "medical",
            "medication",
            "disabled",
            "impairment",
        ],
    ),
    h(
        "special.header.religion",
        C::SpecialCategory,
        N,
        true,
        &["religion", "religious belief", "religion or belief"],
    ),
    h(
        "special.header.religion",
        C::SpecialCategory,
        N,
        false,
        &["faith", "belief"],
    ),
    h(
        "special.header.sexual_orientation",
        C::SpecialCategory,
        N,
        true,
        &["sexual orientation", "sexuality"],
    ),
    h(
        "special.header.trade_union",
        C::SpecialCategory,
        N,
        true,
        &["trade union", "union membership", "union member"],
    ),
    h(
        "special.header.trade_union",
        C::SpecialCategory,
        N,
        false,
        &["union"],
    ),
    h(
        "special.header.political",
        C::SpecialCategory,
        N,
        true,
        &[
            "political opinion",
            "political opinions",
            "political views",
            "political affiliation",
        ],
    ),
    h(
        "service.header",
        C::Service,
        N,
        true,
        &[
            "length of service",
            "years of service",
            "service",
            "date joined",
            "joined",
            "year joined",
            "date of appointment",
            "appointed",
            "joining date",
        ],
    ),
    // Inside a longer header a start is often not the person's joining
    // (`Contract start date`, `Liability start date`): a date.
    h("service.header", C::Service, N, false, &["start date"]),
    h(
        "contract.header",
        C::Contract,
        N,
        true,
        &[
            "contract",
            "contract type",
            "working pattern",
            "fte",
            "hours",
            "full time",
            "part time",
            "employment type",
        ],
    ),
    h(
        "reference.header",
        C::Reference,
        N,
        true,
        &[
            "reference",
            "ref",
            "ref no",
            "id",
            "case number",
            "case no",
            "crime number",
            "crime reference",
            "crime ref",
            "urn",
            "serial",
            "incident number",
            "log number",
            "cad",
            "request number",
            "foi reference",
            "file number",
            "occurrence",
        ],
    ),
    h(
        "date.header",
        C::Date,
        N,
        true,
        &[
            "date",
            "year",
            "month",
            "period",
            "time",
            "date received",
            "date closed",
            "financial year",
        ],
    ),
    h(
        "name.header.surname",
        C::Surname,
        N,
        true,
        &[
            "surname",
            "last name",
            "lastname",
            "family name",
            "second name",
            // abbreviated, as exports of older systems write them
            "surn",
            "sname",
            "s name",
            "lname",
        ],
    ),
    h(
        "name.header.forename",
        C::Forename,
        N,
        true,
        &[
            "forename",
            "forenames",
            "first name",
            "firstname",
            "given name",
            "given names",
            "christian name",
            "first names",
            "fname",
            "f name",
        ],
    ),
    h(
        "name.header.initial",
        C::Initial,
        N,
        true,
        &[
            "initial",
            "initials",
            "first initial",
            "forename initial",
            "middle initial",
            "init",
            "inits",
        ],
    ),
    h(
        "name.header.public",
        C::Name,
        P,
        true,
        &[
            "requester",
            "requestor",
            "applicant",
            "complainant",
            "victim",
            "witness",
            "suspect",
            "offender",
            "caller",
            "driver",
            "informant",
            "claimant",
            "customer",
            "patient",
            "member of the public",
            "injured party",
            "accused",
            "defendant",
            "arrested person",
            "detained person",
            "person reporting",
            "next of kin",
            "nok",
        ],
    ),
    // Members of the public named by their part in a record, as whole
    // headers only: inside a longer one these words are often no person
    // (`Child protection`, `Parent company`, `Resident population`).
    h(
        "name.header.public",
        C::Name,
        P,
        false,
        &[
            "passenger",
            "passenger name",
            "registered keeper",
            "vehicle keeper",
            "tenant",
            "tenant name",
            "landlord",
            "landlord name",
            "pupil",
            "pupil name",
            "student",
            "student name",
            "child",
            "child name",
            "child s name",
            "parent",
            "parent name",
            "guardian",
            "carer",
            "resident",
            "resident name",
            "occupier",
            "householder",
            "beneficiary",
        ],
    ),
    h(
        PARTY,
        C::Name,
        P,
        true,
        &[
            "account holder",
            "account holder name",
            "licence holder",
            "license holder",
            "permit holder",
            "policy holder",
            "policyholder",
            "ratepayer",
            "rate payer",
            "supplier name",
            "vendor name",
            "creditor name",
            "payee name",
        ],
    ),
    h(
        PARTY,
        C::Name,
        P,
        false,
        &[
            "supplier",
            "vendor",
            "creditor",
            "payee",
            "licensee",
            "account name",
        ],
    ),
    h(
        "name.header.staff",
        C::Name,
        S,
        true,
        &[
            "officer",
            "officers",
            "officer name",
            "employee",
            "employee name",
            "staff name",
            "staff member",
            "member of staff",
            "oic",
            "officer in charge",
            "investigating officer",
            "reporting officer",
            "arresting officer",
            "line manager",
            "manager",
            "supervisor",
            "handler",
            "author",
            "decision maker",
            "post holder",
            "name of post holder",
            "subject officer",
            "officer involved",
            "trainer",
            "instructor",
            "assessor",
            "approved by",
            "authorised by",
            "reviewed by",
            "signed by",
        ],
    ),
    h("name.header.staff", C::Name, S, false, &["staff"]),
    // Who used or changed a record: a user name (`jsmith01`) or a name.
    h(
        USER,
        C::Name,
        N,
        false,
        &[
            "username",
            "user name",
            "user",
            "user id",
            "userid",
            "login",
            "logon",
            "login name",
            "logon name",
            "login id",
            "logon id",
            "network id",
            "network login",
            "created by",
            "modified by",
            "last modified by",
            "updated by",
            "last updated by",
            "entered by",
            "logged by",
            "recorded by",
            "assigned to",
            "accessed by",
            "viewed by",
        ],
    ),
    h(
        "name.header.full",
        C::Name,
        N,
        true,
        &[
            "name",
            "names",
            "full name",
            "fullname",
            "person",
            "individual",
            "contact",
            "contact name",
            "person name",
            "known as",
            "attendee",
            "attendees",
            "delegate",
            "recipient",
            "nominee",
            "deceased",
            "preferred name",
        ],
    ),
    h(
        "text.header",
        C::FreeText,
        N,
        true,
        &[
            "description",
            "details",
            "detail",
            "notes",
            "note",
            "comments",
            "comment",
            "summary",
            "narrative",
            "allegation",
            "allegations",
            "remarks",
            "circumstances",
            "text",
            "free text",
            "action taken",
            "synopsis",
            "reason",
            "reasons",
            "complaint",
            "incident details",
            "log",
            "observations",
            "outcome details",
            "case summary",
            "findings",
            "nature of complaint",
            "what happened",
            "subject",
        ],
    ),
    h(
        "count.header",
        C::Count,
        N,
        true,
        &[
            "count",
            "number",
            "no",
            "total",
            "number of",
            "no of",
            "amount",
            "cost",
            "value",
            "sum",
            "quantity",
            "frequency",
            "percentage",
            "rate",
        ],
    ),
];

/// The header rules as listed by `foi-check rules`.
pub const RULES: &[Rule] = &[
    Rule { id: "name.header.surname", description: "Column header means surnames (Surname, Last Name, Family Name)" },
    Rule { id: "name.header.forename", description: "Column header means forenames (Forename, First Name, Given Name)" },
    Rule { id: "name.header.initial", description: "Column header means initials (Initial, Initials)" },
    Rule { id: "name.header.full", description: "Column header means names (Name, Full Name, Contact)" },
    Rule { id: "name.header.staff", description: "Column header means names of staff (Officer, Employee, Staff Name, Investigating Officer)" },
    Rule { id: PARTY, description: "Column header means people or organisations (Supplier, Payee, Account holder, Licence holder, Ratepayer): a person's full name there (a known forename first, a title, a rank, or a surname and initial) is a member of the public's (a member of staff's after a rank), masked where it is; the column is not removed" },
    Rule { id: "name.header.public", description: "Column header means names of members of the public (Requester, Complainant, Victim, Witness, Suspect)" },
    Rule { id: "rank.header", description: "Column header means police ranks or staff grades (Rank, Grade, Band)" },
    Rule { id: "jobtitle.header", description: "Column header means job titles (Job Title, Role, Post)" },
    Rule { id: "number.header", description: "Column header means collar, shoulder, warrant, service, payroll or staff numbers" },
    Rule { id: "unit.header", description: "Column header means units, departments or teams" },
    Rule { id: "location.header", description: "Column header means stations or locations" },
    Rule { id: LOCATION_COORDINATES, description: "Column header means map coordinates (Latitude, Longitude, Easting, Northing, Grid reference): locations to a few metres" },
    Rule { id: "contact.email.header", description: "Column header means e-mail addresses" },
    Rule { id: "contact.phone.header", description: "Column header means telephone numbers" },
    Rule { id: "id.nino.header", description: "Column header means National Insurance numbers" },
    Rule { id: "id.licence.header", description: "Column header means licence numbers (Driving Licence, Licence Number, DLN): checked for driving licence numbers, not read as names" },
    Rule { id: "id.bank.header", description: "Column header means bank details (Sort Code, Bank Account Number, IBAN, Bank Details)" },
    Rule { id: "id.passport.header", description: "Column header means passport numbers (Passport Number, Passport No, Travel Document Number)" },
    Rule { id: "id.nhs.header", description: "Column header means NHS, CHI or Health and Care numbers (NHS Number, NHS No, CHI Number, H&C Number)" },
    Rule { id: "id.ip.header", description: "Column header means IP addresses (IP Address, Client IP, IPv4, Remote Addr)" },
    Rule { id: "dob.header", description: "Column header means dates of birth (DOB, Date of Birth)" },
    Rule { id: "address.header", description: "Column header means home or street addresses" },
    Rule { id: "postcode.header", description: "Column header means postcodes" },
    Rule { id: "vetting.header", description: "Column header means vetting levels" },
    Rule { id: "photo.header", description: "Column header means photographs (photo file names)" },
    Rule { id: "text.header", description: "Column header means free text (Description, Details, Notes, Comments)" },
    Rule { id: "age.header", description: "Column header means ages or age bands (not identifying alone)" },
    Rule { id: "gender.header", description: "Column header means gender or sex (not identifying alone)" },
    Rule { id: "ethnicity.header", description: "Column header means ethnicity (not identifying alone; special category data beside what identifies)" },
    Rule { id: "nationality.header", description: "Column header means nationality (not identifying alone)" },
    Rule { id: "special.header.health", description: "Column header means health information (Absence reason, Medical condition, Disability, Diagnosis, Injury): special category data" },
    Rule { id: "special.header.religion", description: "Column header means religion or belief (Religion, Faith): special category data" },
    Rule { id: "special.header.sexual_orientation", description: "Column header means sexual orientation: special category data" },
    Rule { id: "special.header.trade_union", description: "Column header means trade union membership (Trade union, Union member): special category data" },
    Rule { id: "special.header.political", description: "Column header means political opinions (Political opinion, Political affiliation): special category data" },
    Rule { id: "service.header", description: "Column header means length of service or joining dates (not identifying alone)" },
    Rule { id: "contract.header", description: "Column header means contract type or working pattern (not identifying alone)" },
    Rule { id: "salary.header", description: "Column header means salary or pay band (not identifying alone)" },
    Rule { id: "date.header", description: "Column header means dates that are not dates of birth" },
    Rule { id: "reference.header", description: "Column header means reference numbers (not identifying)" },
    Rule { id: "count.header", description: "Column header means counts or amounts (not identifying)" },
    Rule { id: ROW_LABEL, description: "A key/value row (Name, Surname, Collar number, Date of birth... in the first column, the value in the second): the value beside the label is read as that label says; also in a list with no header row, whose first pair (Name, John Morgan) was read as its header, and in a table on its side (Surname, MORGAN, PATEL...: one person to a column), where every value of the row is" },
];

/// The rule of a value identified by its row's label in a key/value table
/// (`Field,Value` over `Name,John Morgan`) or a table on its side
/// (`Surname,MORGAN,PATEL`).
pub const ROW_LABEL: &str = "layout.row_label";

/// Lower case, every run of non-alphanumeric characters as one space, trimmed.
pub fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut space = false;
    for c in header.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// Whether a header of staff names names one person a row (`Officer`,
/// `Investigating officer`, `OIC`, `Approved by`), not many (`Officers`,
/// `Staff`, `Employees`): numbers under the first are the officer's own,
/// under the second a count.
///
/// ```
/// use foi_check::rules::headers::one_person;
/// assert!(one_person("Officer"));
/// assert!(one_person("Officer in charge"));
/// assert!(!one_person("Officers"));
/// assert!(!one_person("Staff"));
/// ```
pub fn one_person(header: &str) -> bool {
    let norm = normalise(header);
    norm.rsplit(' ').next().is_some_and(|last| {
        !last.is_empty()
            && !last.ends_with('s')
            && !matches!(
                last,
                "staff" | "personnel" | "workforce" | "headcount" | "people"
            )
    })
}

/// The rule a header matches as a whole (`Surname`, `Officer name`), not by
/// a phrase inside it: for a lone cell, which may be a line of prose
/// (`Dear requester`) as easily as a header.
///
/// ```
/// use foi_check::rules::headers::match_whole_header;
/// use foi_check::ColumnClass;
/// assert_eq!(match_whole_header("Surname").map(|r| r.class), Some(ColumnClass::Surname));
/// assert!(match_whole_header("Dear requester").is_none());
/// ```
pub fn match_whole_header(header: &str) -> Option<&'static HeaderRule> {
    // The usual cell, short and ASCII, is normalised on the stack.
    let b = header.as_bytes();
    if b.len() <= 64 && b.is_ascii() {
        let mut buf = [0u8; 64];
        let mut n = 0;
        let mut space = false;
        for &c in b {
            if !c.is_ascii_alphanumeric() {
                space = true;
                continue;
            }
            for c in [b' ', c.to_ascii_lowercase()]
                .into_iter()
                .skip(usize::from(!(space && n > 0)))
            {
                if let Some(slot) = buf.get_mut(n) {
                    *slot = c;
                    n += 1;
                }
            }
            space = false;
        }
        return whole(std::str::from_utf8(buf.get(..n).unwrap_or_default()).unwrap_or_default());
    }
    whole(&normalise(header))
}

/// The rule one of whose phrases is the whole (normalised) header.
fn whole(norm: &str) -> Option<&'static HeaderRule> {
    if norm.is_empty() {
        return None;
    }
    phrases().get(norm).copied()
}

/// Every phrase of [`HEADERS`], with the first rule in table order that has
/// it: a lookup, where a scan of every rule cost microseconds (the table
/// finder asks for every ragged row of a table).
fn phrases() -> &'static crate::detect::FastMap<&'static str, &'static HeaderRule> {
    static INDEX: std::sync::OnceLock<crate::detect::FastMap<&'static str, &'static HeaderRule>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m = crate::detect::FastMap::default();
        for r in HEADERS {
            for p in r.phrases {
                m.entry(*p).or_insert(r);
            }
        }
        m
    })
}

/// The rule a header matches, if any.
///
/// ```
/// use foi_check::rules::headers::match_header;
/// use foi_check::ColumnClass;
/// assert_eq!(match_header("Officer Surname").map(|r| r.class), Some(ColumnClass::Surname));
/// assert_eq!(match_header("Date of Birth").map(|r| r.class), Some(ColumnClass::DateOfBirth));
/// assert!(match_header("Widgets").is_none());
/// ```
pub fn match_header(header: &str) -> Option<&'static HeaderRule> {
    let norm = normalise(header);
    if norm.is_empty() {
        return None;
    }
    let padded = format!(" {norm} ");
    // Whole-header matches first: `Staff` is a name header, `Staff Number` is not.
    if let Some(r) = whole(&norm) {
        return Some(r);
    }
    // `Number of Officers`, `Officer Type`, `Victim Count` are not names.
    let counted = COUNT_PREFIXES.iter().any(|p| norm.starts_with(p))
        || NOT_NAME_WORDS.iter().any(|w| has_words(&padded, w));
    if COUNT_PREFIXES.iter().any(|p| norm.starts_with(p)) {
        return HEADERS.iter().find(|r| r.id == "count.header");
    }
    // `Disability count`, `Headcount by religion` are counts of people, not
    // their health or beliefs.
    let counts = COUNT_WORDS.iter().any(|w| has_words(&padded, w));
    // A phrase found as whole words starts with one of the header's words,
    // so only the phrases that start with one are searched for (a search of
    // each of ~800 phrases cost ~0.3 ms a header, seconds for a file of
    // 10,000 columns); the first rule in table order that has one wins.
    let index = by_first_word();
    let mut found: Vec<usize> = norm
        .split(' ')
        .filter_map(|w| index.get(w))
        .flatten()
        .filter(|(_, p)| has_words(&padded, p))
        .map(|(r, _)| *r)
        .collect();
    found.sort_unstable();
    found
        .into_iter()
        .filter_map(|r| HEADERS.get(r))
        .find(|r| r.inside && !(counted && is_name_class(r.class)) && !(counts && is_special(r)))
}

/// Every phrase of [`HEADERS`] by its first word, with its rule's place in
/// the table.
fn by_first_word() -> &'static crate::detect::FastMap<&'static str, Vec<(usize, &'static str)>> {
    static INDEX: std::sync::OnceLock<
        crate::detect::FastMap<&'static str, Vec<(usize, &'static str)>>,
    > = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: crate::detect::FastMap<&'static str, Vec<(usize, &'static str)>> =
            crate::detect::FastMap::default();
        for (r, rule) in HEADERS.iter().enumerate() {
            for p in rule.phrases {
                let first = p.split(' ').next().unwrap_or(p);
                m.entry(first).or_default().push((r, p));
            }
        }
        m
    })
}

/// Whether a header holds one of `phrases` (normalised) as whole words:
/// `Recorded speed (mph)` holds `recorded speed`, `Top speed` does not hold
/// `speeding`.
pub fn holds_any(header: &str, phrases: &[&str]) -> bool {
    let padded = format!(" {} ", normalise(header));
    phrases.iter().any(|p| has_words(&padded, p))
}

/// Whether `padded` (a normalised header with a space at each end) holds
/// `phrase` as whole words: ` {phrase} ` in it, found without building it.
fn has_words(padded: &str, phrase: &str) -> bool {
    let b = padded.as_bytes();
    padded.match_indices(phrase).any(|(i, _)| {
        i > 0 && b.get(i - 1) == Some(&b' ') && b.get(i + phrase.len()) == Some(&b' ')
    })
}

/// Headers starting with these are counts (`Number of Officers`).
const COUNT_PREFIXES: &[&str] = &[
    "number of ",
    "no of ",
    "count of ",
    "total ",
    "num of ",
    "percentage of ",
    "proportion of ",
];

/// A header holding one of these words counts people: it is no column of
/// special category data (`Disability count`).
const COUNT_WORDS: &[&str] = &[
    "count",
    "total",
    "number",
    "numbers",
    "headcount",
    "fte",
    "percentage",
    "proportion",
    "rate",
];

fn is_special(r: &HeaderRule) -> bool {
    r.class == C::SpecialCategory
}

/// A header holding one of these words is not a name column (`Officer Type`).
const NOT_NAME_WORDS: &[&str] = &[
    "type",
    "types",
    "category",
    "count",
    "total",
    "status",
    "flag",
    "involved",
    "present",
    "numbers",
    "injured",
    "injury",
    "role",
    "age",
    "gender",
    "ethnicity",
];

fn is_name_class(c: ColumnClass) -> bool {
    matches!(c, C::Name | C::Surname | C::Forename | C::Initial)
}

/// Whether a class identifies a person directly or helps to. Rank, unit,
/// location and vetting are not: they identify only together with a name or
/// number (and rare combinations of them are the quasi-identifier check's job).
pub(crate) fn identifying(class: ColumnClass) -> bool {
    use ColumnClass as C;
    matches!(
        class,
        C::Name
            | C::Forename
            | C::Surname
            | C::Initial
            | C::StaffNumber
            | C::Email
            | C::Phone
            | C::NiNumber
            | C::NhsNumber
            | C::PassportNumber
            | C::BankDetails
            | C::IpAddress
            | C::DateOfBirth
            | C::Address
            | C::Postcode
            | C::Photo
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lookups agree with the scans they replaced: the first rule in
    /// table order whose phrase is the whole header, or is in it as whole
    /// words; the stack normalisation with `normalise`.
    #[test]
    fn lookups_agree_with_scans() {
        let scan_whole = |norm: &str| HEADERS.iter().find(|r| r.phrases.contains(&norm));
        let mut headers: Vec<String> = HEADERS
            .iter()
            .flat_map(|r| r.phrases.iter())
            .flat_map(|p| {
                [
                    p.to_string(),
                    p.to_uppercase(),
                    format!("  {p}:"),
                    format!("Officer {p}"),
                    format!("{p} type"),
                    p.replace(' ', "_"),
                    format!("{p}s"),
                ]
            })
            .collect();
        headers.extend(
            [
                "",
                " ",
                "Widgets",
                "Nº of officers",
                "Café name",
                "a--b",
                "IP",
            ]
            .map(String::from),
        );
        // `match_header` as it was before its phrases were first tested
        // against the header's words.
        let scan_header = |h: &str| {
            let norm = normalise(h);
            if norm.is_empty() {
                return None;
            }
            let padded = format!(" {norm} ");
            if let Some(r) = scan_whole(&norm) {
                return Some(r);
            }
            let counted = COUNT_PREFIXES.iter().any(|p| norm.starts_with(p))
                || NOT_NAME_WORDS.iter().any(|w| has_words(&padded, w));
            if COUNT_PREFIXES.iter().any(|p| norm.starts_with(p)) {
                return HEADERS.iter().find(|r| r.id == "count.header");
            }
            let counts = COUNT_WORDS.iter().any(|w| has_words(&padded, w));
            HEADERS.iter().find(|r| {
                r.inside
                    && !(counted && is_name_class(r.class))
                    && !(counts && is_special(r))
                    && r.phrases.iter().any(|p| has_words(&padded, p))
            })
        };
        for h in &headers {
            let norm = normalise(h);
            assert_eq!(
                match_whole_header(h).map(|r| r.id),
                scan_whole(&norm).map(|r| r.id),
                "{h:?}"
            );
            assert_eq!(
                match_header(h).map(|r| r.id),
                scan_header(h).map(|r| r.id),
                "{h:?}"
            );
            let padded = format!(" {norm} ");
            for p in ["officer", "name", "ip address", "s"] {
                assert_eq!(
                    has_words(&padded, p),
                    padded.contains(&format!(" {p} ")),
                    "{h:?} {p:?}"
                );
            }
        }
    }
}
