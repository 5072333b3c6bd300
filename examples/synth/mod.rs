//! Synthetic people and the bits of an FOI spreadsheet around them, shared by
//! the corpus generator (`examples/gen_corpus.rs`) and the throughput
//! benchmark (`benches/throughput.rs`, which includes this file by `#[path]`).
//!
//! Everything is generated from a fixed seed with a tiny inline PRNG
//! (SplitMix64), so the same seed always gives the same bytes. Every person is
//! invented: a forename and a surname drawn independently from the lists below.
// Each includer uses a different part.
#![allow(dead_code)]

/// SplitMix64: small, fast, good enough for test data, no dependency.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + (self.next_u64() >> 11) % (hi - lo + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// One element, by weight.
    pub fn weighted<'a, T>(&mut self, xs: &'a [(T, u32)]) -> &'a T {
        let total: u32 = xs.iter().map(|x| x.1).sum();
        let mut r = self.below(total as usize) as u32;
        for (x, w) in xs {
            if r < *w {
                return x;
            }
            r -= w;
        }
        &xs[xs.len() - 1].0
    }
}

/// Forenames (female, male) and surnames of one community.
pub struct Community {
    pub name: &'static str,
    pub weight: u32,
    pub female: &'static [&'static str],
    pub male: &'static [&'static str],
    pub surnames: &'static [&'static str],
}

/// The UK's main communities, roughly weighted as a police workforce and the
/// public it serves. Spellings include the awkward cases: apostrophes ' and ’,
/// fadas, Mc/Mac, hyphens, particles, Polish and Turkish letters, short names.
pub const COMMUNITIES: &[Community] = &[
    Community {
        name: "English",
        weight: 40,
        female: &[
            "Sarah",
            "Emma",
            "Charlotte",
            "Sophie",
            "Rebecca",
            "Laura",
            "Claire",
            "Karen",
            "Helen",
            "Joanne",
            "Amy",
            "Hannah",
            "Lucy",
            "Victoria",
            "Gemma",
            "Rachel",
            "Nicola",
            "Lisa",
            "Jennifer",
            "Kate",
        ],
        male: &[
            "James",
            "Oliver",
            "Thomas",
            "Jack",
            "Harry",
            "George",
            "Michael",
            "David",
            "Paul",
            "Mark",
            "Daniel",
            "Matthew",
            "Andrew",
            "Richard",
            "Stephen",
            "Christopher",
            "Simon",
            "Peter",
            "Robert",
            "Benjamin",
        ],
        surnames: &[
            "Smith",
            "Taylor",
            "Brown",
            "Wilson",
            "Johnson",
            "Walker",
            "Wright",
            "Robinson",
            "Thompson",
            "White",
            "Hall",
            "Green",
            "Wood",
            "Harris",
            "Clarke",
            "Cooper",
            "Ward",
            "Turner",
            "Hill",
            "Baker",
            "Preston",
            "Lincoln",
            "Marsh",
            "Fletcher",
            "Booth",
            "Smith-Jones",
            "Taylor-Reid",
            "Ashworth-Clarke",
            "Constable",
            "King",
            "Bishop",
            "Sergeant",
        ],
    },
    Community {
        name: "Welsh",
        weight: 8,
        female: &[
            "Sian", "Cerys", "Bethan", "Gwen", "Ffion", "Rhiannon", "Angharad", "Megan",
        ],
        male: &[
            "Rhys", "Gareth", "Dafydd", "Owain", "Ieuan", "Gethin", "Huw", "Aled",
        ],
        surnames: &[
            "Jones",
            "Williams",
            "Davies",
            "Evans",
            "Thomas",
            "Roberts",
            "Lewis",
            "Morgan",
            "Griffiths",
            "Price",
            "Pritchard",
            "Llewellyn",
            "Hughes-Morgan",
            "Bowen",
        ],
    },
    Community {
        name: "Scottish",
        weight: 8,
        female: &[
            "Mhairi", "Eilidh", "Fiona", "Morag", "Kirsty", "Isla", "Catriona", "Ailsa",
        ],
        male: &[
            "Alasdair", "Callum", "Iain", "Euan", "Hamish", "Ruaridh", "Fraser", "Angus",
        ],
        surnames: &[
            "McDonald",
            "MacLeod",
            "McKenzie",
            "MacGregor",
            "Campbell",
            "Stewart",
            "Fraser",
            "Robertson",
            "Murray",
            "McAllister",
            "Macintyre",
            "MacAulay",
            "McIntosh",
        ],
    },
    Community {
        name: "Irish",
        weight: 14,
        female: &[
            "Siobhán", "Niamh", "Aoife", "Róisín", "Orla", "Gráinne", "Ciara", "Sinéad", "Siobhan",
            "Aisling",
        ],
        male: &[
            "Seán", "Ciarán", "Pádraig", "Eoin", "Declan", "Colm", "Cathal", "Seamus", "Sean",
            "Donal",
        ],
        surnames: &[
            "O'Neill",
            "O’Neill",
            "O'Brien",
            "Ó Briain",
            "Ó Súilleabháin",
            "McCann",
            "Murphy",
            "Kelly",
            "Quinn",
            "Doherty",
            "Gallagher",
            "Devlin",
            "Hamill",
            "O’Reilly",
            "O'Hare",
            "Mac Giolla Bhríde",
            "McGuinness",
            "Ní Bhriain",
        ],
    },
    Community {
        name: "Other European",
        weight: 3,
        female: &["Ana", "Sofia", "Inês", "Maria", "Anouk"],
        male: &["João", "Luca", "Pieter", "Carlos", "Marco"],
        surnames: &[
            "de Souza",
            "van der Berg",
            "D'Souza",
            "da Silva",
            "de la Cruz",
            "van Dijk",
            "Fernandes",
            "Rossi",
        ],
    },
    Community {
        name: "South Asian",
        weight: 12,
        female: &[
            "Priya", "Sunita", "Harpreet", "Gurpreet", "Ayesha", "Fatima", "Nadia", "Zainab",
            "Shabana", "Anjali", "Rukhsana", "Simran",
        ],
        male: &[
            "Amit", "Rajesh", "Mohammed", "Ahmed", "Imran", "Sanjay", "Anil", "Farhan", "Jaspal",
            "Tariq", "Vikram", "Kamran",
        ],
        surnames: &[
            "Patel",
            "Khan",
            "Singh",
            "Kaur",
            "Chowdhury",
            "Ahmed",
            "Hussain",
            "Begum",
            "Sharma",
            "Gill",
            "Sandhu",
            "Rahman",
            "Iqbal",
            "Mistry",
            "Shah",
            "Uddin",
            "Akhtar",
            "Bhatti",
        ],
    },
    Community {
        name: "Polish",
        weight: 5,
        female: &[
            "Katarzyna",
            "Agnieszka",
            "Małgorzata",
            "Joanna",
            "Magdalena",
            "Zofia",
        ],
        male: &["Piotr", "Tomasz", "Michał", "Łukasz", "Krzysztof", "Paweł"],
        surnames: &[
            "Kowalski",
            "Nowak",
            "Wiśniewska",
            "Wójcik",
            "Kowalczyk",
            "Lewandowski",
            "Zielińska",
            "Szymański",
            "Kamińska",
            "Dąbrowski",
        ],
    },
    Community {
        name: "West African",
        weight: 5,
        female: &[
            "Ngozi", "Ama", "Abena", "Chiamaka", "Folasade", "Adaeze", "Efua", "Yetunde",
        ],
        male: &[
            "Chinedu",
            "Oluwaseun",
            "Adebayo",
            "Kwame",
            "Kofi",
            "Emeka",
            "Tunde",
            "Yaw",
        ],
        surnames: &[
            "Okafor", "Adeyemi", "Mensah", "Boateng", "Okonkwo", "Owusu", "Asante", "Oyelaran",
            "Eze", "Adebayo", "Nwosu", "Appiah",
        ],
    },
    Community {
        name: "Chinese",
        weight: 3,
        female: &["Mei", "Jing", "Hui", "Xiaoling", "Yan", "Lin"],
        male: &["Wei", "Ming", "Jun", "Hao", "Kai", "Chun"],
        surnames: &[
            "Wong", "Chen", "Li", "Zhang", "Wang", "Liu", "Lam", "Cheung", "Ng", "Yip",
        ],
    },
    Community {
        name: "Somali",
        weight: 2,
        female: &["Hodan", "Fadumo", "Ayaan", "Hawa", "Sahra", "Ifrah"],
        male: &["Abdi", "Mahad", "Faisal", "Abdirahman", "Liban", "Mukhtar"],
        surnames: &[
            "Mohamed", "Ali", "Abdi", "Hassan", "Warsame", "Farah", "Jama", "Osman", "Hirsi",
            "Egal",
        ],
    },
    Community {
        name: "Turkish",
        weight: 2,
        female: &["Ayşe", "Elif", "Zeynep", "Emine", "Büşra"],
        male: &["Mehmet", "Emre", "Mustafa", "Hakan", "Murat"],
        surnames: &[
            "Yılmaz", "Demir", "Kaya", "Çelik", "Şahin", "Öztürk", "Aydın",
        ],
    },
];

/// A synthetic person.
#[derive(Clone, Debug)]
pub struct Person {
    pub forename: String,
    pub surname: String,
    pub female: bool,
}

impl Person {
    /// First letter of the forename.
    pub fn initial(&self) -> String {
        self.forename
            .chars()
            .next()
            .map(|c| c.to_string())
            .unwrap_or_default()
    }

    /// `Forename Surname`.
    pub fn full(&self) -> String {
        format!("{} {}", self.forename, self.surname)
    }

    /// `Mr`, `Mrs`, `Ms`, `Miss`.
    pub fn title(&self, rng: &mut Rng) -> &'static str {
        if self.female {
            ["Mrs", "Ms", "Miss", "Ms"][rng.below(4)]
        } else {
            "Mr"
        }
    }

    /// `first.last`, ASCII-folded, no spaces or apostrophes (as mail systems do).
    pub fn mailbox(&self) -> String {
        format!("{}.{}", fold(&self.forename), fold(&self.surname))
    }
}

/// Lower-case ASCII fold for e-mail local parts.
pub fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let m = match c {
            'á' | 'à' | 'ą' | 'Á' => "a",
            'é' | 'ę' | 'É' => "e",
            'í' | 'ı' | 'Í' => "i",
            'ó' | 'ö' | 'Ó' | 'Ö' => "o",
            'ú' | 'ü' | 'Ú' => "u",
            'ł' | 'Ł' => "l",
            'ś' | 'ş' | 'Ş' | 'Ś' => "s",
            'ń' => "n",
            'ç' | 'Ç' | 'ć' => "c",
            'ê' => "e",
            'ż' | 'ź' => "z",
            '\'' | '’' | ' ' => "",
            '-' => "-",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => "",
        };
        out.push_str(m);
    }
    out
}

/// A random person from the communities above.
pub fn person(rng: &mut Rng) -> Person {
    let weights: Vec<(usize, u32)> = COMMUNITIES
        .iter()
        .enumerate()
        .map(|(i, c)| (i, c.weight))
        .collect();
    let c = &COMMUNITIES[*rng.weighted(&weights)];
    let female = rng.chance(0.45);
    let forename = if female {
        rng.pick(c.female)
    } else {
        rng.pick(c.male)
    };
    // One in eight people have a surname from another community (marriage, history).
    let surname = if rng.chance(0.125) {
        let other = rng.pick(COMMUNITIES);
        rng.pick(other.surnames)
    } else {
        rng.pick(c.surnames)
    };
    Person {
        forename: forename.to_string(),
        surname: surname.to_string(),
        female,
    }
}

/// A person whose name is encodable in Windows-1252 (no ś, ł, ı, ş...).
pub fn person_1252(rng: &mut Rng) -> Person {
    loop {
        let p = person(rng);
        if to_1252(&p.full()).is_some() {
            return p;
        }
    }
}

/// Police ranks, as written in a staff list, with weights (most are constables).
pub const RANKS: &[(&str, u32)] = &[
    ("Constable", 620),
    ("Sergeant", 140),
    ("Inspector", 45),
    ("Chief Inspector", 14),
    ("Superintendent", 7),
    ("Chief Superintendent", 3),
];

/// Chief officer ranks and senior staff posts (staff_senior).
pub const CHIEF_RANKS: &[&str] = &[
    "Chief Constable",
    "Deputy Chief Constable",
    "Assistant Chief Constable",
    "T/Assistant Chief Constable",
    "Commander",
];

/// Rank abbreviations used in free text.
pub const RANK_ABBREV: &[&str] = &[
    "PC", "DC", "Sgt.", "Sgt", "DS", "PS", "Insp.", "DI", "DCI", "Ch Insp", "Supt", "Det Supt",
];

/// Police staff grades (PSNI / Home Office forces style).
pub const STAFF_GRADES: &[&str] = &[
    "Band A", "Band B", "Band C", "Band D", "Band E", "Band F", "AA", "AO", "EO", "SO1", "SO2",
    "PO1", "PO2",
];

/// Stations (a fictional force with real-sounding UK places).
pub const STATIONS: &[&str] = &[
    "Preston",
    "Lincoln",
    "Lisburn",
    "Banbridge",
    "Omagh",
    "Strand Road",
    "Musgrave Street",
    "Lurgan",
    "Ballymena",
    "Coleraine",
    "Enniskillen",
    "Newry",
    "Armagh",
    "Dungannon",
    "Bangor",
    "Antrim",
    "Headquarters",
    "Chorley",
    "Skegness",
    "Grantham",
];

/// Units; some sensitive (covert, surveillance, firearms...).
pub const UNITS: &[(&str, u32)] = &[
    ("Response", 300),
    ("Neighbourhood Policing", 160),
    ("CID", 80),
    ("Roads Policing", 40),
    ("Custody", 40),
    ("Public Protection Unit", 50),
    ("Contact Management", 60),
    ("Tactical Support Group", 25),
    ("Armed Response Unit", 20),
    ("C3 Intelligence Branch", 15),
    ("Surveillance Unit", 8),
    ("Close Protection", 6),
    ("Professional Standards", 10),
    ("Crime Operations", 30),
    ("Counter Terrorism Investigations", 8),
];

/// Vetting levels.
pub const VETTING: &[&str] = &[
    "NPPV1", "NPPV2", "NPPV2", "NPPV3", "SC", "RV", "CTC", "eSC", "DV",
];

/// A UK mobile in the Ofcom drama range (07700 900000-900999), formatted variously.
pub fn mobile(rng: &mut Rng) -> String {
    let n = rng.range(0, 999);
    match rng.below(3) {
        0 => format!("07700 900{n:03}"),
        1 => format!("07700900{n:03}"),
        _ => format!("+44 7700 900{n:03}"),
    }
}

/// A direct-dial landline in an Ofcom drama range.
pub fn direct_line(rng: &mut Rng) -> String {
    let n = rng.range(0, 999);
    match rng.below(2) {
        0 => format!("0113 496 0{n:03}"),
        _ => format!("028 9649 6{n:03}"),
    }
}

/// A National Insurance number with valid prefix letters (never a real one:
/// the letters are fixed to a small set and the suffix cycles A-D).
pub fn ni_number(rng: &mut Rng) -> String {
    // No D F I Q U V first, no D F I O Q U V second, and no K so the
    // unallocated KN / NK pairs cannot occur.
    let first = rng.pick(&[
        "A", "B", "C", "E", "H", "J", "L", "M", "N", "P", "R", "S", "W", "Y",
    ]);
    let second = rng.pick(&[
        "A", "B", "C", "E", "H", "J", "L", "M", "N", "P", "R", "S", "W", "Y",
    ]);
    let digits = rng.range(0, 999_999);
    let suffix = rng.pick(&["A", "B", "C", "D"]);
    if rng.chance(0.5) {
        format!("{first}{second}{digits:06}{suffix}")
    } else {
        let d = format!("{digits:06}");
        format!(
            "{first}{second} {} {} {} {suffix}",
            &d[0..2],
            &d[2..4],
            &d[4..6]
        )
    }
}

/// A date `dd/mm/yyyy` with the year in `lo..=hi`.
pub fn date(rng: &mut Rng, lo: u64, hi: u64) -> String {
    format!(
        "{:02}/{:02}/{}",
        rng.range(1, 28),
        rng.range(1, 12),
        rng.range(lo, hi)
    )
}

/// A postcode-shaped string in an area (e.g. "PR1" district + sector/unit).
pub fn postcode(rng: &mut Rng) -> String {
    let area = rng.pick(&["PR", "LN", "BT", "NR", "LS", "M", "B", "CF", "G", "E"]);
    let letters = b"ABDEFGHJLNPQRSTUWXYZ";
    format!(
        "{area}{} {}{}{}",
        rng.range(1, 29),
        rng.range(1, 9),
        letters[rng.below(letters.len())] as char,
        letters[rng.below(letters.len())] as char
    )
}

/// Street names (some are surnames or ranks: Constable Road, Sergeant's Way).
pub const STREETS: &[&str] = &[
    "Constable Road",
    "Sergeant's Way",
    "Church Street",
    "Victoria Road",
    "Station Road",
    "Mill Lane",
    "Preston Road",
    "Lincoln Avenue",
    "Morgan Close",
    "Kelly's Lane",
    "Park View",
    "Queen Street",
    "High Street",
    "Nelson Terrace",
    "Churchill Way",
    "Patel Court",
];

/// A home address.
pub fn address(rng: &mut Rng) -> String {
    let town = rng.pick(&[
        "Preston", "Lincoln", "Lisburn", "Norwich", "Leeds", "Belfast", "Cardiff", "Chorley",
    ]);
    format!("{} {}, {}", rng.range(1, 240), rng.pick(STREETS), town)
}

/// Windows-1252 encoding of `s`, or None if a character is not in it.
pub fn to_1252(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        let b = match c {
            c if (c as u32) < 0x80 => c as u8,
            '€' => 0x80,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '–' => 0x96,
            '—' => 0x97,
            c if (0xA0..=0xFF).contains(&(c as u32)) => c as u32 as u8,
            _ => return None,
        };
        out.push(b);
    }
    Some(out)
}

/// How a table is written out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16LeBom,
    Windows1252,
}

/// Output format of one file.
#[derive(Clone, Copy, Debug)]
pub struct Format {
    pub delimiter: u8,
    pub eol: &'static str,
    pub encoding: Encoding,
    pub final_newline: bool,
}

impl Default for Format {
    fn default() -> Self {
        Format {
            delimiter: b',',
            eol: "\r\n",
            encoding: Encoding::Utf8,
            final_newline: true,
        }
    }
}

/// Quote a field if it needs it (RFC 4180 style, as Excel writes).
pub fn quote(field: &str, delimiter: u8, out: &mut String) {
    let d = delimiter as char;
    if field.contains(d) || field.contains('"') || field.contains('\n') || field.contains('\r') {
        out.push('"');
        for c in field.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// One record as text (no line ending).
pub fn record_text(fields: &[String], delimiter: u8) -> String {
    let mut s = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            s.push(delimiter as char);
        }
        quote(f, delimiter, &mut s);
    }
    s
}

/// Write records in a format; panics if the text cannot be encoded (a bug in
/// the generator, not data).
pub fn encode(records: &[Vec<String>], fmt: Format) -> Vec<u8> {
    let mut text = String::new();
    for (i, r) in records.iter().enumerate() {
        text.push_str(&record_text(r, fmt.delimiter));
        if i + 1 < records.len() || fmt.final_newline {
            text.push_str(fmt.eol);
        }
    }
    match fmt.encoding {
        Encoding::Utf8 => text.into_bytes(),
        Encoding::Utf8Bom => {
            let mut v = vec![0xEF, 0xBB, 0xBF];
            v.extend_from_slice(text.as_bytes());
            v
        }
        Encoding::Utf16LeBom => {
            let mut v = vec![0xFF, 0xFE];
            for u in text.encode_utf16() {
                v.extend_from_slice(&u.to_le_bytes());
            }
            v
        }
        Encoding::Windows1252 => {
            to_1252(&text).expect("generator wrote a character outside Windows-1252")
        }
    }
}

/// Header of the benchmark's staff list.
pub const BIG_HEADER: &str =
    "Surname,Forename,Initial,Rank,Collar Number,Station,Unit,Email,Phone,Date joined,Notes";

/// The seed of the benchmarks' staff list (native and page benchmarks alike).
pub const BENCH_SEED: u64 = 0xB16_F11E;

/// A staff list of about `target` bytes (UTF-8, CRLF) for the benchmark:
/// returns the bytes and the number of records (header included).
pub fn big_staff_list(seed: u64, target: usize) -> (Vec<u8>, u64) {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(target + 4096);
    out.push_str(BIG_HEADER);
    out.push_str("\r\n");
    let mut rows = 1u64;
    let notes = [
        "",
        "",
        "",
        "",
        "Attached to Constable Road station during refurbishment",
        "Tutor constable",
        "On secondment to Professional Standards",
        "Part-time, compressed hours",
        "Covering for the Inspector while on leave",
    ];
    let mut fields: Vec<String> = Vec::with_capacity(11);
    while out.len() < target {
        let p = person(&mut rng);
        let rank = rng.weighted(RANKS).to_string();
        let collar = rng.range(1000, 99999);
        let note = if rng.chance(0.04) {
            let q = person(&mut rng);
            format!(
                "Line manager {} {}",
                rng.pick(&["Sgt", "Insp", "PS", "DS"]),
                q.surname
            )
        } else {
            rng.pick(&notes).to_string()
        };
        fields.clear();
        fields.push(p.surname.to_uppercase());
        fields.push(p.forename.clone());
        fields.push(p.initial());
        fields.push(rank);
        fields.push(collar.to_string());
        fields.push(rng.pick(STATIONS).to_string());
        fields.push(rng.weighted(UNITS).to_string());
        fields.push(format!("{}@northshire.police.uk", p.mailbox()));
        fields.push(if rng.chance(0.5) {
            mobile(&mut rng)
        } else {
            direct_line(&mut rng)
        });
        fields.push(date(&mut rng, 1985, 2023));
        fields.push(note);
        out.push_str(&record_text(&fields, b','));
        out.push_str("\r\n");
        rows += 1;
    }
    (out.into_bytes(), rows)
}

/// MB/s (1 MB = 1,000,000 bytes), for the benchmarks' figures.
pub fn mbs(bytes: usize, d: std::time::Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9)
}

/// Peak resident set size in MB (Linux; None elsewhere), for the
/// benchmarks' figures.
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
