//! Reading an Excel workbook (.xlsx) into its sheets, each as CSV text that
//! the CSV reader then checks like any other file.
//!
//! A workbook's hidden sheet was where the 2023 PSNI leak was: every
//! worksheet is read, visible, hidden and "very hidden" (hidden so that only
//! a macro can show it) alike, and the rows and columns hidden inside a sheet
//! are listed. Bytes in, [`Workbook`] out: no I/O.
//!
//! ```
//! use foi_check::read::xlsx;
//! assert!(!xlsx::is_xlsx(b"Surname,Initial\nMORGAN,J\n"));
//! assert!(xlsx::sheets(b"Surname,Initial\n").is_err());
//! ```
//!
//! # The file
//!
//! An .xlsx file is a ZIP archive of XML files. The small ZIP reader here
//! reads the end-of-central-directory record, the central directory and the
//! local file headers; entries stored (method 0) or deflated (method 8), with
//! their CRC-32 checked. ZIP64, split archives, encrypted entries and other
//! compression methods are refused with a reason. Entry names are looked up
//! without regard to case (and `\` read as `/`), since some writers vary.
//!
//! `xl/workbook.xml` lists the sheets in tab order with their state;
//! `xl/_rels/workbook.xml.rels` says where each is. Worksheets and macro
//! sheets are read (their cells are laid out the same way); chart sheets and
//! dialog sheets hold no cells and are skipped. The shared strings and the
//! styles are found through the same relationships, falling back to
//! `xl/sharedStrings.xml` and `xl/styles.xml`. Element names are matched on
//! their local names, so Strict OOXML and prefixed names (`<x:row>`) read too.
//!
//! # The CSV of a sheet
//!
//! - Record k is Excel row k: rows missing from the XML (Excel leaves out
//!   empty rows) become empty records; trailing empty rows are not written.
//!   A cell keeps its column: a value in column C alone is `,,value`.
//! - Every record has as many fields as the widest row (up to the last
//!   column with a value anywhere in the sheet). A sheet with no values gives
//!   an empty CSV.
//! - Delimiter `,`, line break `\r\n`. A field is quoted (`"`, inner `"`
//!   doubled) when it holds `,` `;` tab `|` `"` or a line break, or starts or
//!   ends with a space, so `,` stays the clear winner of the delimiter sniffer.
//! - Values: shared and inline strings (rich text runs joined, phonetic runs
//!   left out), a formula's cached value, `TRUE`/`FALSE`, error values
//!   (`#N/A`), numbers as written. A number in a date or time format (built-in
//!   formats 14-22 and 45-47, or a custom format with d, m, y, h or s outside
//!   quoted text) is written as the date Excel shows, UK style:
//!   `dd/mm/yyyy`, `dd/mm/yyyy hh:mm` (`:ss` when the seconds are not zero),
//!   `hh:mm` for a time. The 1900 date system (with Excel's 29/02/1900,
//!   serial 60) or the 1904 one. A negative or too large serial stays a
//!   number. `_x000D_` escapes and XML character references are decoded;
//!   NUL characters are left out, and a first field that starts like
//!   another format (`%PDF` in A1) is quoted, so the reader takes the CSV
//!   for text.
//! - A formula without a cached value (some generators write none) is an
//!   empty cell: formulas themselves are not read. Of a cell repeated in a
//!   row the last is kept; rows out of order are an error (Excel repairs
//!   such a file too).
//! - Hidden rows are `hidden="1"` or zero height; hidden columns
//!   `hidden="1"` or zero width. Only those holding a value are listed.
//!
//! Not read: comments, pivot caches, links to other workbooks, embedded
//! files and pictures ([`Workbook::unchecked`] names those present), nor
//! drawings' text boxes, headers and footers, defined names, or document
//! properties (author names).
//!
//! # Limits
//!
//! See [`Limits`]: 1 GB uncompressed per ZIP entry and in all, 100,000 ZIP
//! entries, 10,000 sheets, 1 GB of CSV for all sheets together; a cell
//! beyond Excel's last column (XFD) or row (1,048,576) is an error that names
//! the sheet and the cell. A sheet's XML is inflated whole, then read as a
//! stream; the CSV is padded to the widest row in place.

use std::borrow::Cow;
use std::collections::BTreeMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::XmlVersion;

use super::decode::Verdict;
use crate::error::{Error, ErrorKind};

/// Whether a sheet shows in Excel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SheetState {
    /// A tab the reader sees.
    Visible,
    /// Hidden: Home > Format > Hide & Unhide > Unhide Sheet shows it.
    Hidden,
    /// Very hidden: no menu shows it, only the VBA editor or a macro.
    VeryHidden,
}

/// One worksheet, in workbook order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The tab's name, as Excel shows it.
    pub name: String,
    /// Visible, hidden or very hidden (`<sheet state="...">` in workbook.xml).
    pub state: SheetState,
    /// The cells as UTF-8 CSV text: record k is Excel row k (see the module docs).
    pub csv: Vec<u8>,
    /// 1-based Excel row numbers of hidden rows that hold at least one value.
    pub hidden_rows: Vec<u64>,
    /// 0-based column indices (A = 0) of hidden columns that hold at least one value.
    pub hidden_columns: Vec<u32>,
}

/// A workbook's worksheets, and what else in it is not checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Workbook {
    /// Every worksheet (and macro sheet), in tab order.
    pub sheets: Vec<Sheet>,
    /// Parts of the workbook that can hold people's data but are not sheets
    /// and are not checked, one entry per kind present (see [`unchecked_parts`]).
    pub unchecked: Vec<&'static str>,
    /// Who the document properties say created the workbook and last saved
    /// it (`docProps/core.xml`), each once, in that order: published with
    /// the file, and often a member of staff's name or user name.
    pub authors: Vec<String>,
}

/// How much of a workbook is read, at most. A hostile file (a "ZIP bomb")
/// must not exhaust memory; sizes written in the ZIP headers are never
/// trusted, the inflater stops at the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Uncompressed bytes of any one file inside the ZIP.
    pub entry_bytes: u64,
    /// Uncompressed bytes read from the ZIP in all.
    pub total_bytes: u64,
    /// Files listed in the ZIP.
    pub entries: usize,
    /// Sheets listed in the workbook.
    pub sheets: usize,
    /// Bytes of CSV text of all sheets together.
    pub csv_bytes: u64,
}

const GB: u64 = 1 << 30;

impl Default for Limits {
    /// 1 GB per entry and in all, 100,000 entries, 10,000 sheets, 1 GB of CSV.
    fn default() -> Self {
        Limits {
            entry_bytes: GB,
            total_bytes: GB,
            entries: 100_000,
            sheets: 10_000,
            csv_bytes: GB,
        }
    }
}

/// Excel's number of columns (A to XFD).
const MAX_COLUMNS: u32 = 16_384;
/// Excel's number of rows.
const MAX_ROWS: u64 = 1_048_576;
/// Elements nested deeper than this are refused (a sheet needs about 8).
const MAX_DEPTH: usize = 256;

/// Whether the bytes are an xlsx workbook: a ZIP whose entries include
/// `xl/workbook.xml`. Reads only the ZIP's list of files.
pub fn is_xlsx(bytes: &[u8]) -> bool {
    Zip::open(bytes, &Limits::default()).is_ok_and(|zip| zip.find("xl/workbook.xml").is_some())
}

/// Parts of the workbook that can hold people's data but are not sheets and
/// are not checked, by kind, from the names of the files in the ZIP: comments,
/// threaded comments, a pivot table's cached copy of its source data, links
/// to other workbooks (with cached values), embedded files, pictures. One
/// entry per kind present, always in that order; none when the bytes are not
/// a ZIP.
pub fn unchecked_parts(bytes: &[u8]) -> Vec<&'static str> {
    Zip::open(bytes, &Limits::default())
        .map(|zip| zip.unchecked())
        .unwrap_or_default()
}

/// Every worksheet of the workbook, in tab order (chart sheets and dialog
/// sheets are skipped), with the default [`Limits`].
pub fn sheets(bytes: &[u8]) -> Result<Workbook, Error> {
    sheets_with_limits(bytes, &Limits::default())
}

/// [`sheets`] with other limits.
pub fn sheets_with_limits(bytes: &[u8], limits: &Limits) -> Result<Workbook, Error> {
    let zip = Zip::open(bytes, limits)?;
    let mut budget = Budget {
        entry: limits.entry_bytes,
        total: limits.total_bytes,
        left: limits.total_bytes,
    };
    let Some(book_entry) = zip.find("xl/workbook.xml") else {
        return Err(malformed(
            "this is not an Excel workbook (.xlsx): it is a ZIP file without the list of \
             sheets (xl/workbook.xml)"
                .to_string(),
        ));
    };
    let what = "the list of sheets (xl/workbook.xml)";
    let book = read_workbook(&zip.text(book_entry, what, &mut budget)?, what, limits)?;

    let rels = match zip.find("xl/_rels/workbook.xml.rels") {
        Some(entry) => {
            let what = "the list of the workbook's parts (xl/_rels/workbook.xml.rels)";
            read_rels(&zip.text(entry, what, &mut budget)?, what)?
        }
        None => Vec::new(),
    };
    let part = |kind: &str, fallback: &str| {
        rels.iter()
            .find(|r| rel_kind(&r.kind) == kind && !r.external)
            .map(|r| resolve("xl/", &r.target))
            .and_then(|path| zip.find(&path))
            .or_else(|| zip.find(fallback))
    };
    let strings = match part("sharedStrings", "xl/sharedStrings.xml") {
        Some(entry) => {
            let what = "the workbook's shared text (xl/sharedStrings.xml)";
            read_shared_strings(&zip.text(entry, what, &mut budget)?, what)?
        }
        None => Strings::default(),
    };
    let styles = match part("styles", "xl/styles.xml") {
        Some(entry) => {
            let what = "the workbook's formats (xl/styles.xml)";
            read_styles(&zip.text(entry, what, &mut budget)?, what)?
        }
        None => Vec::new(),
    };
    let ctx = Context {
        strings,
        styles,
        date1904: book.date1904,
    };

    // By id, the first of duplicates (10,000 sheets must not mean 10,000
    // searches of 10,000 relationships).
    let mut by_id: BTreeMap<&str, &Rel> = BTreeMap::new();
    for rel in &rels {
        by_id.entry(rel.id.as_str()).or_insert(rel);
    }
    let mut sheets = Vec::new();
    let mut csv_left = limits.csv_bytes;
    for listed in &book.sheets {
        let name = &listed.name;
        let Some(rel) = by_id.get(listed.rel.as_str()) else {
            return Err(malformed(format!(
                "the workbook is damaged: it does not say where the sheet '{name}' is \
                 (no relationship '{}' in xl/_rels/workbook.xml.rels)",
                listed.rel
            )));
        };
        match rel_kind(&rel.kind) {
            "worksheet" | "xlMacrosheet" | "xlIntlMacrosheet" => {}
            // Chart sheets and dialog sheets hold no cells.
            _ => continue,
        }
        let path = resolve("xl/", &rel.target);
        let Some(entry) = zip.find(&path).filter(|_| !rel.external) else {
            return Err(malformed(format!(
                "the workbook is damaged: the sheet '{name}' should be in '{path}', which is \
                 missing from the file"
            )));
        };
        let xml = zip.text(entry, &format!("the sheet '{name}'"), &mut budget)?;
        let mut sheet = SheetReader::new(name, &ctx, csv_left);
        parse_xml(&xml, &format!("the sheet '{name}'"), &mut |ev| {
            sheet.event(ev)
        })?;
        drop(xml);
        let read = sheet.finish()?;
        csv_left = csv_left.saturating_sub(read.csv.len() as u64);
        sheets.push(Sheet {
            name: name.clone(),
            state: listed.state,
            csv: read.csv,
            hidden_rows: read.hidden_rows,
            hidden_columns: read.hidden_columns,
        });
    }
    Ok(Workbook {
        sheets,
        unchecked: zip.unchecked(),
        authors: authors(&zip, &mut budget),
    })
}

/// Longest author kept, in characters (a longer one is cut).
const MAX_AUTHOR: usize = 200;

/// The creator and the last to save the workbook, from its document
/// properties. The properties are no part of the check: damaged or missing,
/// they give none, and the sheets still count.
fn authors(zip: &Zip<'_>, budget: &mut Budget) -> Vec<String> {
    let what = "the document properties (docProps/core.xml)";
    let Some(xml) = zip
        .find("docProps/core.xml")
        .and_then(|entry| zip.text(entry, what, budget).ok())
    else {
        return Vec::new();
    };
    let mut found: Vec<String> = Vec::new();
    let mut inside = false;
    let mut text = String::new();
    let read = parse_xml(&xml, what, &mut |ev| {
        match ev {
            Ev::Start(e, empty) => {
                inside = !empty && matches!(local(e), "creator" | "lastModifiedBy");
                text.clear();
            }
            Ev::Text(t) if inside => text.push_str(t),
            Ev::End(_) if inside => {
                inside = false;
                let name: String = text.trim().chars().take(MAX_AUTHOR).collect();
                if !name.is_empty() && !found.contains(&name) {
                    found.push(name);
                }
            }
            _ => {}
        }
        Ok(())
    });
    if read.is_err() {
        return Vec::new();
    }
    found
}

// ---------------------------------------------------------------------------
// Errors

fn malformed(reason: String) -> Error {
    Error::new(ErrorKind::Malformed(reason), None, None)
}

fn limit(reason: String) -> Error {
    Error::new(ErrorKind::Limit(reason), None, None)
}

/// A size for a clerk: "1 GB", "20 MB", or bytes.
fn size(n: u64) -> String {
    match n {
        n if n >= GB && n % GB == 0 => format!("{} GB", n / GB),
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MB", n >> 20),
        n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{} KB", n >> 10),
        n => format!("{n} bytes"),
    }
}

// ---------------------------------------------------------------------------
// The ZIP archive

const SIG_END: u32 = 0x0605_4b50;
const SIG_END64_LOCATOR: u32 = 0x0706_4b50;
const SIG_CENTRAL: u32 = 0x0201_4b50;
const SIG_LOCAL: u32 = 0x0403_4b50;

fn le16(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes(s.try_into().ok()?))
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(s.try_into().ok()?))
}

/// One file listed in the ZIP's central directory.
struct Entry {
    name: String,
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u32,
    local: u32,
}

/// Uncompressed bytes allowed: per entry, in all, and still left.
struct Budget {
    entry: u64,
    total: u64,
    left: u64,
}

struct Zip<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
    /// Lower-cased name to entry (the first of duplicates).
    index: BTreeMap<String, usize>,
}

fn damaged_directory() -> Error {
    malformed(
        "the workbook is damaged: its list of files (the ZIP central directory) is broken"
            .to_string(),
    )
}

/// Why bytes without a ZIP end record are not a workbook.
fn not_zip(bytes: &[u8]) -> Error {
    let reason = if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        "this is not an .xlsx workbook: it is a password-protected (encrypted) workbook or an \
         old .xls one; remove the password in Excel, or save it as .xlsx, and try again"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "the workbook is damaged or cut short: its list of files (the ZIP central directory) \
         is missing"
    } else {
        "this is not an Excel workbook (.xlsx): it is not a ZIP file"
    };
    malformed(reason.to_string())
}

impl<'a> Zip<'a> {
    fn open(bytes: &'a [u8], limits: &Limits) -> Result<Zip<'a>, Error> {
        // The end record: 22 bytes and a comment of up to 65,535, at the end.
        let last = bytes.len().checked_sub(22).ok_or_else(|| not_zip(bytes))?;
        let first = last.saturating_sub(65_535);
        let end = (first..=last)
            .rev()
            .find(|&at| {
                le32(bytes, at) == Some(SIG_END)
                    && le16(bytes, at + 20).is_some_and(|c| at + 22 + usize::from(c) <= bytes.len())
            })
            .ok_or_else(|| not_zip(bytes))?;
        let field = |at: usize| le16(bytes, end + at).unwrap_or(0);
        let (disk, cd_disk, here, count) = (field(4), field(6), field(8), field(10));
        let cd_size = le32(bytes, end + 12).unwrap_or(0);
        let cd_offset = le32(bytes, end + 16).unwrap_or(0);
        let zip64_locator = end
            .checked_sub(20)
            .is_some_and(|at| le32(bytes, at) == Some(SIG_END64_LOCATOR));
        if zip64_locator || count == u16::MAX || cd_size == u32::MAX || cd_offset == u32::MAX {
            return Err(zip64());
        }
        if disk != 0 || cd_disk != 0 || here != count {
            return Err(malformed(
                "the workbook is a ZIP file split into several parts, which foi-check cannot \
                 read; open it in Excel and save it again"
                    .to_string(),
            ));
        }
        if usize::from(count) > limits.entries {
            return Err(limit(format!(
                "the workbook holds more than {} files inside it, more than foi-check reads",
                limits.entries
            )));
        }
        // Where the directory starts: as recorded, or, when something was
        // put in front of the ZIP, right before the end record.
        let mut pos = cd_offset as usize;
        if count > 0 && le32(bytes, pos) != Some(SIG_CENTRAL) {
            pos = end
                .checked_sub(cd_size as usize)
                .ok_or_else(damaged_directory)?;
        }
        let shift = pos.checked_sub(cd_offset as usize);
        let mut entries = Vec::with_capacity(usize::from(count));
        let mut index = BTreeMap::new();
        for _ in 0..count {
            if le32(bytes, pos) != Some(SIG_CENTRAL) {
                return Err(damaged_directory());
            }
            let h = |at: usize| le16(bytes, pos.saturating_add(at)).ok_or_else(damaged_directory);
            let w = |at: usize| le32(bytes, pos.saturating_add(at)).ok_or_else(damaged_directory);
            let (flags, method) = (h(8)?, h(10)?);
            let (crc, compressed, size, local) = (w(16)?, w(20)?, w(24)?, w(42)?);
            let (name_len, extra_len, comment_len) = (h(28)?, h(30)?, h(32)?);
            if compressed == u32::MAX || size == u32::MAX || local == u32::MAX {
                return Err(zip64());
            }
            let name_at = pos.saturating_add(46);
            let name_end = name_at.saturating_add(usize::from(name_len));
            let raw = bytes.get(name_at..name_end).ok_or_else(damaged_directory)?;
            let name = String::from_utf8_lossy(raw)
                .replace('\\', "/")
                .trim_start_matches('/')
                .to_string();
            index.entry(name.to_lowercase()).or_insert(entries.len());
            // Local headers are found with the same shift as the directory.
            let local = match shift {
                Some(s) => u32::try_from((local as usize).saturating_add(s)).unwrap_or(u32::MAX),
                None => local,
            };
            entries.push(Entry {
                name,
                flags,
                method,
                crc,
                compressed,
                local,
            });
            pos = name_end
                .saturating_add(usize::from(extra_len))
                .saturating_add(usize::from(comment_len));
        }
        Ok(Zip {
            bytes,
            entries,
            index,
        })
    }

    fn find(&self, name: &str) -> Option<&Entry> {
        self.index
            .get(&name.to_lowercase())
            .and_then(|&i| self.entries.get(i))
    }

    /// The kinds of unchecked parts present, in a fixed order.
    fn unchecked(&self) -> Vec<&'static str> {
        const KINDS: [(&str, &str); 6] = [
            ("xl/comments", "comments"),
            ("xl/threadedcomments/", "threaded comments"),
            (
                "xl/pivotcache/pivotcacherecords",
                "a pivot table's cached copy of its source data",
            ),
            (
                "xl/externallinks/",
                "links to other workbooks (with cached values)",
            ),
            ("xl/embeddings/", "embedded files"),
            ("xl/media/", "pictures"),
        ];
        KINDS
            .iter()
            .filter(|(prefix, _)| {
                self.index
                    .range(prefix.to_string()..)
                    .next()
                    .is_some_and(|(name, _)| name.starts_with(prefix))
            })
            .map(|(_, kind)| *kind)
            .collect()
    }

    /// The uncompressed bytes of an entry; `what` names it for a clerk.
    fn read(&self, entry: &Entry, what: &str, budget: &mut Budget) -> Result<Vec<u8>, Error> {
        let name = &entry.name;
        if entry.flags & 1 != 0 {
            return Err(malformed(
                "the workbook is password-protected (encrypted): remove the password in Excel \
                 and save it again"
                    .to_string(),
            ));
        }
        let local = entry.local as usize;
        let cut = || {
            malformed(format!(
                "the workbook is damaged or cut short: {what} ('{name}') is not where its list \
                 of files says"
            ))
        };
        if le32(self.bytes, local) != Some(SIG_LOCAL) {
            return Err(cut());
        }
        let name_len = le16(self.bytes, local.saturating_add(26)).ok_or_else(cut)?;
        let extra_len = le16(self.bytes, local.saturating_add(28)).ok_or_else(cut)?;
        let start = local
            .saturating_add(30)
            .saturating_add(usize::from(name_len))
            .saturating_add(usize::from(extra_len));
        let data = self
            .bytes
            .get(start..start.saturating_add(entry.compressed as usize))
            .ok_or_else(cut)?;
        let cap = budget.entry.min(budget.left);
        let over = || {
            if budget.entry <= budget.left {
                limit(format!(
                    "{what} is larger than {} uncompressed, more than foi-check reads",
                    size(budget.entry)
                ))
            } else {
                limit(format!(
                    "the workbook is larger than {} uncompressed, more than foi-check reads",
                    size(budget.total)
                ))
            }
        };
        let out = match entry.method {
            0 => {
                if data.len() as u64 > cap {
                    return Err(over());
                }
                data.to_vec()
            }
            8 => {
                let max = usize::try_from(cap.saturating_add(1)).unwrap_or(usize::MAX);
                match miniz_oxide::inflate::decompress_to_vec_with_limit(data, max) {
                    Ok(out) if out.len() as u64 > cap => return Err(over()),
                    Ok(out) => out,
                    Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                        return Err(over());
                    }
                    Err(_) => {
                        return Err(malformed(format!(
                            "the workbook is damaged: {what} ('{name}') cannot be decompressed"
                        )));
                    }
                }
            }
            m => {
                return Err(malformed(format!(
                    "{what} is compressed in a way foi-check cannot read (ZIP method {m}); open \
                     the workbook in Excel and save it again"
                )));
            }
        };
        if crc32(&out) != entry.crc {
            return Err(malformed(format!(
                "the workbook is damaged: {what} ('{name}') fails its checksum (CRC-32)"
            )));
        }
        budget.left = budget.left.saturating_sub(out.len() as u64);
        Ok(out)
    }

    /// An entry as text: UTF-8 (a byte-order mark dropped), or UTF-16 with
    /// a byte-order mark; bytes that are not UTF-8 become U+FFFD.
    fn text(&self, entry: &Entry, what: &str, budget: &mut Budget) -> Result<String, Error> {
        let mut bytes = self.read(entry, what, budget)?;
        if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(&bytes) {
            if enc == encoding_rs::UTF_8 {
                bytes.drain(..bom);
            } else {
                let (text, _) = enc.decode_with_bom_removal(&bytes);
                return Ok(text.into_owned());
            }
        }
        Ok(match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        })
    }
}

fn zip64() -> Error {
    malformed(
        "the workbook uses ZIP64 (a form of ZIP for very large files), which foi-check cannot \
         read"
            .to_string(),
    )
}

/// CRC-32 (IEEE), as ZIP uses, eight bytes a step ("slicing-by-8": a
/// table per byte position): byte by byte, the checksum took a fifth of the
/// time to read a large sheet. The 8 KB of tables are made on first use
/// rather than carried in the page.
fn crc32(data: &[u8]) -> u32 {
    static TABLES: std::sync::OnceLock<[[u32; 256]; 8]> = std::sync::OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        let mut t = [[0u32; 256]; 8];
        for (i, slot) in (0u32..).zip(t[0].iter_mut()) {
            *slot = (0..8).fold(i, |c, _| {
                if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                }
            });
        }
        for k in 1..8 {
            for i in 0..256 {
                let prev = t[k - 1][i];
                t[k][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
            }
        }
        t
    });
    let [t0, t1, t2, t3, t4, t5, t6, t7] = tables;
    let byte = |x: u32, shift: u32| ((x >> shift) & 0xFF) as usize;
    let mut crc = !0u32;
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let (lo, hi) = chunk.split_at(4);
        let lo = u32::from_le_bytes(lo.try_into().unwrap_or_default()) ^ crc;
        let hi = u32::from_le_bytes(hi.try_into().unwrap_or_default());
        crc = t7[byte(lo, 0)]
            ^ t6[byte(lo, 8)]
            ^ t5[byte(lo, 16)]
            ^ t4[byte(lo, 24)]
            ^ t3[byte(hi, 0)]
            ^ t2[byte(hi, 8)]
            ^ t1[byte(hi, 16)]
            ^ t0[byte(hi, 24)];
    }
    for &b in chunks.remainder() {
        crc = t0[usize::from((crc as u8) ^ b)] ^ (crc >> 8);
    }
    !crc
}

/// A relationship's target as a ZIP entry name: relative to `base`
/// (a folder ending in `/`), or absolute when it starts with `/`.
fn resolve(base: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{base}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The last segment of a relationship type (`.../worksheet` -> `worksheet`).
fn rel_kind(kind: &str) -> &str {
    kind.rsplit('/').next().unwrap_or(kind)
}

// ---------------------------------------------------------------------------
// XML

/// What the parts' readers see of the XML.
enum Ev<'e, 'x> {
    /// A start tag, and whether it is empty (`<c/>`: no end follows).
    Start(&'e BytesStart<'x>, bool),
    /// An end tag's local name.
    End(&'e str),
    /// Text, with references decoded.
    Text(&'e str),
}

/// The local name of a start tag.
fn local<'e>(e: &'e BytesStart<'_>) -> &'e str {
    e.local_name().into_inner()
}

/// An attribute's value by local name (`r:id` is `id`), references decoded.
fn attr<'e>(e: &'e BytesStart<'_>, name: &str) -> Option<Cow<'e, str>> {
    let [value] = attrs(e, [name]);
    value
}

/// Several attributes' values by local name, in one pass over the tag.
fn attrs<'e, const N: usize>(e: &'e BytesStart<'_>, names: [&str; N]) -> [Option<Cow<'e, str>>; N] {
    let mut out = std::array::from_fn(|_| None);
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.local_name();
        let Some(i) = names.iter().position(|n| *n == key.as_ref()) else {
            continue;
        };
        if let Some(slot @ None) = out.get_mut(i) {
            *slot = Some(
                a.normalized_value(XmlVersion::Implicit1_0)
                    .unwrap_or_else(|_| a.value.clone()),
            );
        }
    }
    out
}

fn is_true(v: Option<Cow<'_, str>>) -> bool {
    matches!(v.as_deref(), Some("1" | "true"))
}

/// Streams `xml` to `on`; `what` names the part in errors. `on` is a
/// `dyn`: one copy of the XML reader for every part (generic, it was five,
/// some 40 KB of the page).
fn parse_xml(
    xml: &str,
    what: &str,
    on: &mut dyn FnMut(Ev<'_, '_>) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            malformed(format!(
                "{what} is damaged: its XML cannot be read (at byte {}: {e})",
                reader.error_position()
            ))
        })?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(malformed(format!(
                        "{what} is damaged: its XML is nested more than {MAX_DEPTH} deep"
                    )));
                }
                on(Ev::Start(&e, false))?;
            }
            Event::Empty(e) => on(Ev::Start(&e, true))?,
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                on(Ev::End(e.local_name().as_ref()))?;
            }
            Event::Text(t) => on(Ev::Text(&t.xml10_content()))?,
            Event::CData(t) => on(Ev::Text(&t.xml10_content()))?,
            Event::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(c)) => on(Ev::Text(c.encode_utf8(&mut [0; 4])))?,
                _ => match quick_xml::escape::resolve_predefined_entity(&r) {
                    Some(s) => on(Ev::Text(s))?,
                    // An entity XML does not define: kept as written.
                    None => on(Ev::Text(&format!("&{};", &*r)))?,
                },
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Decodes OOXML's `_xHHHH_` escapes (ST_Xstring): `_x000D_` is a carriage
/// return, `_x005F_` an underscore (so `_x005F_x000D_` is the text
/// `_x000D_`); a pair of escaped surrogates is one character.
fn decode_xstring(s: &str) -> Cow<'_, str> {
    fn escape_at(s: &str) -> Option<u32> {
        let hex = s.strip_prefix("_x")?.get(..5)?.strip_suffix('_')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(hex, 16).ok()
    }
    if !s.contains("_x") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("_x") {
        out.push_str(rest.get(..at).unwrap_or_default());
        let from = rest.get(at..).unwrap_or_default();
        match escape_at(from) {
            Some(high @ 0xD800..=0xDBFF) => {
                let low = from.get(7..).and_then(escape_at);
                match low {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                        out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                        rest = from.get(14..).unwrap_or_default();
                    }
                    _ => {
                        out.push('\u{FFFD}');
                        rest = from.get(7..).unwrap_or_default();
                    }
                }
            }
            Some(code) => {
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                rest = from.get(7..).unwrap_or_default();
            }
            None => {
                out.push_str("_x");
                rest = from.get(2..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

// ---------------------------------------------------------------------------
// workbook.xml and its relationships

struct ListedSheet {
    name: String,
    state: SheetState,
    rel: String,
}

struct Book {
    sheets: Vec<ListedSheet>,
    date1904: bool,
}

fn read_workbook(xml: &str, what: &str, limits: &Limits) -> Result<Book, Error> {
    let mut book = Book {
        sheets: Vec::new(),
        date1904: false,
    };
    parse_xml(xml, what, &mut |ev| {
        let Ev::Start(e, _) = ev else { return Ok(()) };
        match local(e) {
            "workbookPr" => book.date1904 = is_true(attr(e, "date1904")),
            "sheet" => {
                if book.sheets.len() >= limits.sheets {
                    return Err(limit(format!(
                        "the workbook has more than {} sheets, more than foi-check reads",
                        limits.sheets
                    )));
                }
                let name = attr(e, "name").unwrap_or_default();
                let state = match attr(e, "state").as_deref() {
                    Some("hidden") => SheetState::Hidden,
                    Some("veryHidden") => SheetState::VeryHidden,
                    _ => SheetState::Visible,
                };
                book.sheets.push(ListedSheet {
                    name: decode_xstring(&name).into_owned(),
                    state,
                    rel: attr(e, "id").unwrap_or_default().into_owned(),
                });
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(book)
}

struct Rel {
    id: String,
    kind: String,
    target: String,
    external: bool,
}

fn read_rels(xml: &str, what: &str) -> Result<Vec<Rel>, Error> {
    let mut rels = Vec::new();
    parse_xml(xml, what, &mut |ev| {
        if let Ev::Start(e, _) = ev {
            if local(e) == "Relationship" {
                rels.push(Rel {
                    id: attr(e, "Id").unwrap_or_default().into_owned(),
                    kind: attr(e, "Type").unwrap_or_default().into_owned(),
                    target: attr(e, "Target").unwrap_or_default().into_owned(),
                    external: attr(e, "TargetMode").as_deref() == Some("External"),
                });
            }
        }
        Ok(())
    })?;
    Ok(rels)
}

// ---------------------------------------------------------------------------
// Shared strings

/// The shared strings, one text with their ends (4 bytes a string, so a
/// part of a million `<si/>` does not take a String each).
#[derive(Default)]
struct Strings {
    text: String,
    ends: Vec<u32>,
}

impl Strings {
    fn get(&self, i: usize) -> Option<&str> {
        let start = match i.checked_sub(1) {
            Some(prev) => *self.ends.get(prev)? as usize,
            None => 0,
        };
        let end = *self.ends.get(i)? as usize;
        self.text.get(start..end)
    }
}

fn read_shared_strings(xml: &str, what: &str) -> Result<Strings, Error> {
    let mut strings = Strings::default();
    let mut current = String::new();
    let (mut in_si, mut in_t, mut phonetic) = (false, false, 0usize);
    parse_xml(xml, what, &mut |ev| {
        match ev {
            Ev::Start(e, empty) => match local(e) {
                "si" if empty => push_string(&mut strings, "", what)?,
                "si" => {
                    in_si = true;
                    current.clear();
                }
                "t" => in_t = !empty && in_si,
                "rPh" if !empty => phonetic += 1,
                _ => {}
            },
            Ev::End(name) => match name {
                "si" => {
                    in_si = false;
                    push_string(&mut strings, &decode_xstring(&current), what)?;
                }
                "t" => in_t = false,
                "rPh" => phonetic = phonetic.saturating_sub(1),
                _ => {}
            },
            Ev::Text(t) => {
                if in_si && in_t && phonetic == 0 {
                    current.push_str(t);
                }
            }
        }
        Ok(())
    })?;
    Ok(strings)
}

fn push_string(strings: &mut Strings, s: &str, what: &str) -> Result<(), Error> {
    strings.text.push_str(s);
    let end = u32::try_from(strings.text.len()).map_err(|_| {
        limit(format!(
            "{what} is larger than 4 GB, more than foi-check reads"
        ))
    })?;
    strings.ends.push(end);
    Ok(())
}

// ---------------------------------------------------------------------------
// Number formats: which are dates

/// How a number format shows a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumKind {
    /// As a number (written as stored).
    Plain,
    /// A date.
    Date,
    /// A date and a time of day.
    DateTime,
    /// A time of day.
    Time,
    /// A duration in hours (`[h]:mm`): hours past 24 are shown.
    Elapsed,
}

/// Excel's built-in number formats that show dates and times.
fn builtin_kind(id: u32) -> NumKind {
    match id {
        14..=17 => NumKind::Date,
        18..=21 | 45 | 47 => NumKind::Time,
        22 => NumKind::DateTime,
        46 => NumKind::Elapsed,
        _ => NumKind::Plain,
    }
}

/// A custom format code's kind: d, m, y (date) or h, s (time) outside
/// quoted text, `\`-escaped characters, `_x` spacers, `*x` fills and `[...]`
/// (colours, conditions, locales), where `[h]`, `[mm]`, `[ss]` are elapsed
/// time. `m` is minutes beside h or s, else months.
fn format_kind(code: &str) -> NumKind {
    let b = code.as_bytes();
    let (mut date, mut time, mut month, mut elapsed) = (false, false, false, false);
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                let close = b
                    .get(i + 1..)
                    .and_then(|r| r.iter().position(|&x| x == b'"'));
                i = close.map_or(b.len(), |p| i + 1 + p);
            }
            b'\\' | b'_' | b'*' => i += 1,
            b'[' => {
                let close = b
                    .get(i + 1..)
                    .and_then(|r| r.iter().position(|&x| x == b']'));
                let end = close.map_or(b.len(), |p| i + 1 + p);
                let inside = b.get(i + 1..end).unwrap_or_default();
                if !inside.is_empty()
                    && inside
                        .iter()
                        .all(|x| matches!(x.to_ascii_lowercase(), b'h' | b'm' | b's'))
                {
                    elapsed = true;
                    time = true;
                }
                i = end;
            }
            _ => match c.to_ascii_lowercase() {
                b'd' | b'y' => date = true,
                b'm' => month = true,
                b'h' | b's' => time = true,
                _ => {}
            },
        }
        i += 1;
    }
    if month && !time {
        date = true;
    }
    match (date, time) {
        (true, true) => NumKind::DateTime,
        (true, false) => NumKind::Date,
        (false, true) if elapsed => NumKind::Elapsed,
        (false, true) => NumKind::Time,
        (false, false) => NumKind::Plain,
    }
}

/// The kind of each cell format (`<cellXfs><xf numFmtId>`), by index.
fn read_styles(xml: &str, what: &str) -> Result<Vec<NumKind>, Error> {
    let mut custom: BTreeMap<u32, NumKind> = BTreeMap::new();
    let mut ids: Vec<u32> = Vec::new();
    let mut in_xfs = false;
    parse_xml(xml, what, &mut |ev| {
        match ev {
            Ev::Start(e, empty) => match local(e) {
                "numFmt" => {
                    let id = attr(e, "numFmtId").and_then(|v| v.trim().parse().ok());
                    if let Some(id) = id {
                        let code = attr(e, "formatCode").unwrap_or_default();
                        custom.insert(id, format_kind(&code));
                    }
                }
                "cellXfs" => in_xfs = !empty,
                "xf" if in_xfs => {
                    let id = attr(e, "numFmtId").and_then(|v| v.trim().parse().ok());
                    ids.push(id.unwrap_or(0));
                }
                _ => {}
            },
            Ev::End("cellXfs") => in_xfs = false,
            _ => {}
        }
        Ok(())
    })?;
    Ok(ids
        .into_iter()
        .map(|id| custom.get(&id).copied().unwrap_or_else(|| builtin_kind(id)))
        .collect())
}

// ---------------------------------------------------------------------------
// Dates

/// The civil date (year, month, day) of a day count from 1970-01-01
/// (Howard Hinnant's `civil_from_days`, proleptic Gregorian).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

/// 1899-12-30, 1899-12-31 and 1904-01-01 as days from 1970-01-01.
const DAY_1899_12_30: i64 = -25_569;
const DAY_1899_12_31: i64 = -25_568;
const DAY_1904_01_01: i64 = -24_107;
/// The serial of 9999-12-31, Excel's last date, in the 1900 system
/// (1,462 less in the 1904 one).
const LAST_SERIAL_1900: f64 = 2_958_465.0;

/// The date of an Excel day number: 1900 system with its fictitious
/// 29/02/1900 (day 60), or 1904. None for the 1900 system's day 0
/// ("00/01/1900").
fn excel_date(day: i64, date1904: bool) -> Option<(i64, u32, u32)> {
    if date1904 {
        return Some(civil_from_days(day + DAY_1904_01_01));
    }
    match day {
        1..=59 => Some(civil_from_days(day + DAY_1899_12_31)),
        60 => Some((1900, 2, 29)),
        61.. => Some(civil_from_days(day + DAY_1899_12_30)),
        _ => None,
    }
}

/// `hh:mm`, or `hh:mm:ss` when the seconds are not zero.
fn clock(hours: i64, minutes: i64, seconds: i64) -> String {
    if seconds == 0 {
        format!("{hours:02}:{minutes:02}")
    } else {
        format!("{hours:02}:{minutes:02}:{seconds:02}")
    }
}

/// A serial number in a date or time format as Excel shows it (UK order);
/// None when it is not a number or out of range (it stays a number).
fn serial_text(raw: &str, kind: NumKind, date1904: bool) -> Option<String> {
    let serial: f64 = raw.parse().ok()?;
    let last = if date1904 {
        LAST_SERIAL_1900 - 1462.0
    } else {
        LAST_SERIAL_1900
    };
    if !serial.is_finite() || serial < 0.0 || serial >= last + 1.0 {
        return None;
    }
    // To the nearest second: 10:20 is stored as 0.43055555555555558.
    let total = (serial * 86_400.0).round() as i64;
    let (day, secs) = (total.div_euclid(86_400), total.rem_euclid(86_400));
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    match kind {
        NumKind::Plain => None,
        NumKind::Time => Some(clock(h, m, s)),
        NumKind::Elapsed => Some(clock(total / 3600, m, s)),
        NumKind::Date | NumKind::DateTime => {
            let (y, mo, d) = excel_date(day, date1904)?;
            let date = format!("{d:02}/{mo:02}/{y:04}");
            Some(if kind == NumKind::DateTime {
                format!("{date} {}", clock(h, m, s))
            } else {
                date
            })
        }
    }
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// An ISO 8601 date (`t="d"` cells): `2023-08-08`, `2023-08-08T14:30:05Z`...
/// in UK order, shaped by the cell's format (a date format drops the time,
/// a time format the date; no date format shows the time unless midnight).
fn iso_text(raw: &str, kind: NumKind) -> Option<String> {
    let b = raw.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let digits = b.get(from..from + len)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(digits).ok()?.parse().ok()
    };
    let sep = |at: usize, c: u8| b.get(at) == Some(&c);
    let (y, mo, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if !sep(4, b'-') || !sep(7, b'-') || !(1..=12).contains(&mo) {
        return None;
    }
    if d == 0 || d > days_in_month(i64::from(y), mo) {
        return None;
    }
    let (mut h, mut mi, mut s) = (0, 0, 0);
    if b.len() > 10 {
        if !(sep(10, b'T') || sep(10, b' ')) || !sep(13, b':') {
            return None;
        }
        h = num(11, 2)?;
        mi = num(14, 2)?;
        if sep(16, b':') {
            s = num(17, 2)?;
        }
        if h > 23 || mi > 59 || s > 60 {
            return None;
        }
    }
    let date = format!("{d:02}/{mo:02}/{y:04}");
    let time = clock(i64::from(h), i64::from(mi), i64::from(s));
    Some(match kind {
        NumKind::Date => date,
        NumKind::Time | NumKind::Elapsed => time,
        NumKind::DateTime => format!("{date} {time}"),
        NumKind::Plain if h == 0 && mi == 0 && s == 0 => date,
        NumKind::Plain => format!("{date} {time}"),
    })
}

// ---------------------------------------------------------------------------
// A worksheet's cells to CSV

/// What a sheet needs from the rest of the workbook.
struct Context {
    strings: Strings,
    styles: Vec<NumKind>,
    date1904: bool,
}

/// A cell's `t` attribute.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CellType {
    Shared,
    Inline,
    Str,
    Bool,
    Error,
    Iso,
    Number,
    Other,
}

/// The 0-based column of a cell reference (`B3`, `$B$3`); None without
/// letters. More than three letters give `u32::MAX` (beyond any column).
fn column_of(reference: &str) -> Option<u32> {
    let letters: Vec<u8> = reference
        .bytes()
        .skip_while(|&b| b == b'$')
        .take_while(u8::is_ascii_alphabetic)
        .collect();
    if letters.is_empty() {
        return None;
    }
    if letters.len() > 3 {
        return Some(u32::MAX);
    }
    let n = letters.iter().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    Some(n - 1)
}

/// Whether a CSV field must be quoted (see the module docs).
fn needs_quotes(field: &str) -> bool {
    field.starts_with(' ')
        || field.ends_with(' ')
        || field
            .bytes()
            .any(|b| matches!(b, b',' | b';' | b'\t' | b'|' | b'"' | b'\r' | b'\n'))
}

/// Writes a field, quoted when it must be. NUL characters (`_x0000_`) are
/// left out: Excel shows nothing for them, and the reader would take NUL
/// bytes for binary data. The first field of the CSV is quoted too when it
/// starts like another format (a cell `%PDF-1.4` in A1), which the reader
/// would refuse as not text.
fn write_field(out: &mut Vec<u8>, field: &str) {
    let field = if field.contains('\0') {
        Cow::Owned(field.replace('\0', ""))
    } else {
        Cow::Borrowed(field)
    };
    let head = field.as_bytes().get(..64).unwrap_or(field.as_bytes());
    let looks_binary = out.is_empty() && matches!(super::decode::detect(head), Verdict::Binary(_));
    if looks_binary || needs_quotes(&field) {
        out.push(b'"');
        for (i, part) in field.split('"').enumerate() {
            if i > 0 {
                out.extend_from_slice(b"\"\"");
            }
            out.extend_from_slice(part.as_bytes());
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(field.as_bytes());
    }
}

/// A sheet read: its CSV and what is hidden in it.
struct SheetCsv {
    csv: Vec<u8>,
    hidden_rows: Vec<u64>,
    hidden_columns: Vec<u32>,
}

/// Reads a worksheet's XML events into CSV, row by row.
struct SheetReader<'c> {
    name: &'c str,
    ctx: &'c Context,
    /// Bytes of CSV this sheet may still write.
    budget: u64,
    csv: Vec<u8>,
    /// Each record's end in `csv` and its number of fields.
    records: Vec<(usize, u32)>,
    /// Fields of the widest record.
    width: u32,
    /// The Excel row of the last record written (0: none yet).
    written: u64,
    hidden_columns: Vec<bool>,
    used_columns: Vec<bool>,
    hidden_rows: Vec<u64>,
    in_data: bool,
    // The row being read.
    row: u64,
    row_hidden: bool,
    next_col: u32,
    /// The row's values, one after another, and each cell's column and span.
    text: String,
    cells: Vec<(u32, usize, usize)>,
    // The cell being read.
    in_cell: bool,
    col: u32,
    kind: CellType,
    style: usize,
    v: String,
    inline: String,
    in_v: bool,
    in_is: bool,
    in_t: bool,
    phonetic: usize,
}

impl<'c> SheetReader<'c> {
    fn new(name: &'c str, ctx: &'c Context, budget: u64) -> Self {
        SheetReader {
            name,
            ctx,
            budget,
            csv: Vec::new(),
            records: Vec::new(),
            width: 0,
            written: 0,
            hidden_columns: vec![false; MAX_COLUMNS as usize],
            used_columns: vec![false; MAX_COLUMNS as usize],
            hidden_rows: Vec::new(),
            in_data: false,
            row: 0,
            row_hidden: false,
            next_col: 0,
            text: String::new(),
            cells: Vec::new(),
            in_cell: false,
            col: 0,
            kind: CellType::Number,
            style: 0,
            v: String::new(),
            inline: String::new(),
            in_v: false,
            in_is: false,
            in_t: false,
            phonetic: 0,
        }
    }

    fn damaged(&self, what: String) -> Error {
        malformed(format!("the sheet '{}' is damaged: {what}", self.name))
    }

    fn too_big(&self) -> Error {
        limit(format!(
            "the sheet '{}' makes the workbook larger than {} as CSV text, more than \
             foi-check checks",
            self.name,
            size(self.budget)
        ))
    }

    fn event(&mut self, ev: Ev<'_, '_>) -> Result<(), Error> {
        match ev {
            Ev::Start(e, empty) => match local(e) {
                "sheetData" => self.in_data = !empty,
                "col" if !self.in_data => self.hide_columns(e),
                "row" if self.in_data => {
                    self.start_row(e)?;
                    if empty {
                        self.end_row()?;
                    }
                }
                "c" if self.in_data => {
                    self.start_cell(e)?;
                    if empty {
                        self.end_cell()?;
                    }
                }
                "v" if self.in_cell => self.in_v = !empty,
                "is" if self.in_cell => self.in_is = !empty,
                "t" if self.in_is => self.in_t = !empty,
                "rPh" if self.in_is && !empty => self.phonetic += 1,
                _ => {}
            },
            Ev::End(name) => match name {
                "sheetData" => self.in_data = false,
                "row" if self.in_data => self.end_row()?,
                "c" if self.in_cell => self.end_cell()?,
                "v" => self.in_v = false,
                "is" => self.in_is = false,
                "t" => self.in_t = false,
                "rPh" => self.phonetic = self.phonetic.saturating_sub(1),
                _ => {}
            },
            Ev::Text(t) => {
                if self.in_v {
                    self.v.push_str(t);
                } else if self.in_is && self.in_t && self.phonetic == 0 {
                    self.inline.push_str(t);
                }
            }
        }
        Ok(())
    }

    /// `<col min max hidden>` (1-based, inclusive); a width of 0 hides too.
    fn hide_columns(&mut self, e: &BytesStart<'_>) {
        let number = |name: &str| attr(e, name).and_then(|v| v.trim().parse::<u32>().ok());
        let zero_width = attr(e, "width")
            .and_then(|v| v.trim().parse::<f64>().ok())
            .is_some_and(|w| w == 0.0);
        if !(is_true(attr(e, "hidden")) || zero_width) {
            return;
        }
        let (Some(min), Some(max)) = (number("min"), number("max")) else {
            return;
        };
        let (from, to) = (min.max(1) as usize - 1, max.min(MAX_COLUMNS) as usize);
        if let Some(cols) = self.hidden_columns.get_mut(from..to.max(from)) {
            cols.fill(true);
        }
    }

    fn start_row(&mut self, e: &BytesStart<'_>) -> Result<(), Error> {
        self.end_row()?;
        let [r, ht, hidden] = attrs(e, ["r", "ht", "hidden"]);
        self.row = match r {
            Some(r) => match r.trim().parse::<u64>() {
                Ok(n) if n >= 1 => n,
                _ => return Err(self.damaged(format!("a row has the number '{r}'"))),
            },
            None => self.row.saturating_add(1),
        };
        if self.row > MAX_ROWS {
            return Err(limit(format!(
                "the sheet '{}' has a row beyond Excel's last row (1,048,576): row {}",
                self.name, self.row
            )));
        }
        let zero_height = ht
            .and_then(|v| v.trim().parse::<f64>().ok())
            .is_some_and(|h| h == 0.0);
        self.row_hidden = is_true(hidden) || zero_height;
        self.next_col = 0;
        Ok(())
    }

    fn start_cell(&mut self, e: &BytesStart<'_>) -> Result<(), Error> {
        let [r, t, s] = attrs(e, ["r", "t", "s"]);
        let col = match r {
            Some(r) => match column_of(&r) {
                Some(col) if col < MAX_COLUMNS => col,
                Some(_) => {
                    return Err(limit(format!(
                        "the sheet '{}' has a cell beyond Excel's last column (XFD): {r}",
                        self.name
                    )));
                }
                None => return Err(self.damaged(format!("a cell has the reference '{r}'"))),
            },
            None if self.next_col < MAX_COLUMNS => self.next_col,
            None => {
                return Err(limit(format!(
                    "the sheet '{}' has a cell beyond Excel's last column (XFD) on row {}",
                    self.name, self.row
                )));
            }
        };
        self.col = col;
        self.next_col = col + 1;
        self.kind = match t.as_deref() {
            Some("s") => CellType::Shared,
            Some("inlineStr") => CellType::Inline,
            Some("str") => CellType::Str,
            Some("b") => CellType::Bool,
            Some("e") => CellType::Error,
            Some("d") => CellType::Iso,
            Some("n") | None => CellType::Number,
            Some(_) => CellType::Other,
        };
        self.style = s.and_then(|s| s.trim().parse().ok()).unwrap_or(0);
        self.v.clear();
        self.inline.clear();
        self.in_cell = true;
        (self.in_v, self.in_is, self.in_t, self.phonetic) = (false, false, false, 0);
        Ok(())
    }

    fn end_cell(&mut self) -> Result<(), Error> {
        self.in_cell = false;
        (self.in_v, self.in_is, self.in_t) = (false, false, false);
        let start = self.text.len();
        let v = self.v.trim();
        let kind = self
            .ctx
            .styles
            .get(self.style)
            .copied()
            .unwrap_or(NumKind::Plain);
        match self.kind {
            CellType::Shared if v.is_empty() => {}
            CellType::Shared => {
                let s = v
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| self.ctx.strings.get(i));
                match s {
                    Some(s) => self.text.push_str(s),
                    None => {
                        return Err(self.damaged(format!(
                            "cell {}{} refers to shared text number {v}, which is missing",
                            crate::detect::column_letters(self.col as usize),
                            self.row
                        )));
                    }
                }
            }
            CellType::Bool => self.text.push_str(match v {
                "1" => "TRUE",
                "0" => "FALSE",
                other => other,
            }),
            CellType::Iso => match iso_text(v, kind) {
                Some(s) => self.text.push_str(&s),
                None => self.text.push_str(v),
            },
            CellType::Number if v.is_empty() => self.text.push_str(&decode_xstring(&self.inline)),
            CellType::Number => match serial_text(v, kind, self.ctx.date1904) {
                Some(s) => self.text.push_str(&s),
                None => self.text.push_str(v),
            },
            CellType::Inline if !self.inline.is_empty() => {
                self.text.push_str(&decode_xstring(&self.inline));
            }
            CellType::Inline | CellType::Str | CellType::Error | CellType::Other => {
                self.text.push_str(&decode_xstring(&self.v));
            }
        }
        if self.text.len() > start {
            self.cells.push((self.col, start, self.text.len()));
            // A hostile row may repeat a cell without end: keep one per column.
            if self.cells.len() > 2 * MAX_COLUMNS as usize {
                self.sort_cells();
            }
        }
        Ok(())
    }

    /// Cells in column order, the last of a column kept.
    fn sort_cells(&mut self) {
        if !self
            .cells
            .windows(2)
            .all(|w| matches!(w, [a, b] if a.0 < b.0))
        {
            self.cells.sort_by_key(|c| c.0);
            self.cells.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    *kept = *later;
                }
                same
            });
        }
    }

    /// Writes the row read as a CSV record (and empty records before it for
    /// the rows the XML leaves out). A row without values writes nothing.
    fn end_row(&mut self) -> Result<(), Error> {
        if self.cells.is_empty() {
            self.text.clear();
            return Ok(());
        }
        if self.row == 0 {
            return Err(self.damaged("a cell is outside any row".to_string()));
        }
        if self.row <= self.written {
            return Err(self.damaged(format!(
                "its row {} comes after row {}",
                self.row, self.written
            )));
        }
        self.sort_cells();
        let gap = self.row - self.written - 1;
        let room = self.budget.saturating_sub(self.csv.len() as u64);
        if gap.saturating_mul(2) > room {
            return Err(self.too_big());
        }
        for _ in 0..gap {
            self.csv.extend_from_slice(b"\r\n");
            self.records.push((self.csv.len(), 1));
        }
        let mut commas = 0u32;
        for &(col, start, end) in &self.cells {
            while commas < col {
                self.csv.push(b',');
                commas += 1;
            }
            write_field(&mut self.csv, self.text.get(start..end).unwrap_or_default());
            if let Some(used) = self.used_columns.get_mut(col as usize) {
                *used = true;
            }
        }
        self.csv.extend_from_slice(b"\r\n");
        let fields = commas + 1;
        self.records.push((self.csv.len(), fields));
        self.width = self.width.max(fields);
        self.written = self.row;
        if self.row_hidden {
            self.hidden_rows.push(self.row);
        }
        self.cells.clear();
        self.text.clear();
        if self.csv.len() as u64 > self.budget {
            return Err(self.too_big());
        }
        Ok(())
    }

    /// Pads every record to the widest one, in place, from the end.
    fn finish(mut self) -> Result<SheetCsv, Error> {
        self.end_row()?;
        if self.width == 0 {
            return Ok(SheetCsv {
                csv: Vec::new(),
                hidden_rows: Vec::new(),
                hidden_columns: Vec::new(),
            });
        }
        let width = self.width;
        let extra: u64 = self
            .records
            .iter()
            .map(|&(_, fields)| u64::from(width.saturating_sub(fields)))
            .sum();
        let total = (self.csv.len() as u64).saturating_add(extra);
        if total > self.budget {
            return Err(self.too_big());
        }
        let total = usize::try_from(total).map_err(|_| self.too_big())?;
        let mut csv = std::mem::take(&mut self.csv);
        csv.resize(total, b',');
        let mut dst_end = total;
        for (i, &(end, fields)) in self.records.iter().enumerate().rev() {
            let start = match i.checked_sub(1) {
                Some(prev) => self.records.get(prev).map_or(0, |r| r.0),
                None => 0,
            };
            let content = end.saturating_sub(2).saturating_sub(start);
            let pad = width.saturating_sub(fields) as usize;
            let Some(dst) = dst_end.checked_sub(2 + pad + content) else {
                break;
            };
            if dst + content + pad + 2 <= csv.len() && start + content <= csv.len() {
                csv.copy_within(start..start + content, dst);
                if let Some(commas) = csv.get_mut(dst + content..dst + content + pad) {
                    commas.fill(b',');
                }
                if let Some(eol) = csv.get_mut(dst_end - 2..dst_end) {
                    eol.copy_from_slice(b"\r\n");
                }
            }
            dst_end = dst;
        }
        let hidden_columns = (0..MAX_COLUMNS)
            .filter(|&c| {
                let c = c as usize;
                self.hidden_columns.get(c) == Some(&true) && self.used_columns.get(c) == Some(&true)
            })
            .collect();
        Ok(SheetCsv {
            csv,
            hidden_rows: self.hidden_rows,
            hidden_columns,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Days from 1970-01-01 of a civil date (Hinnant's `days_from_civil`),
    /// the inverse of `civil_from_days`, written independently.
    fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    #[test]
    fn civil_dates() {
        for (days, date) in [
            (0, (1970, 1, 1)),
            (-1, (1969, 12, 31)),
            (DAY_1899_12_30, (1899, 12, 30)),
            (DAY_1899_12_31, (1899, 12, 31)),
            (DAY_1904_01_01, (1904, 1, 1)),
            (11_016, (2000, 2, 29)),
            (11_017, (2000, 3, 1)),
            (19_577, (2023, 8, 8)),
            (2_932_896, (9999, 12, 31)),
            (-719_468, (0, 3, 1)),
        ] {
            assert_eq!(civil_from_days(days), date, "day {days}");
        }
        // Every day from 1800 to 2400 goes there and back, one after another.
        let mut prev = civil_from_days(-62_000);
        for days in -61_999..157_000 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
            assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m));
            assert!((y, m, d) > prev);
            prev = (y, m, d);
        }
    }

    #[test]
    fn excel_serials() {
        for (serial, kind, date1904, want) in [
            ("1", NumKind::Date, false, Some("01/01/1900")),
            ("59", NumKind::Date, false, Some("28/02/1900")),
            ("60", NumKind::Date, false, Some("29/02/1900")),
            ("61", NumKind::Date, false, Some("01/03/1900")),
            ("45146", NumKind::Date, false, Some("08/08/2023")),
            (
                "45146.75",
                NumKind::DateTime,
                false,
                Some("08/08/2023 18:00"),
            ),
            ("0.4305555555555556", NumKind::Time, false, Some("10:20")),
            ("1.5", NumKind::Elapsed, false, Some("36:00")),
            ("0", NumKind::Date, true, Some("01/01/1904")),
            ("2958465", NumKind::Date, false, Some("31/12/9999")),
            ("2958466", NumKind::Date, false, None),
            ("0", NumKind::Date, false, None),
            ("-1", NumKind::Date, false, None),
            ("1e300", NumKind::Date, false, None),
            ("NaN", NumKind::Date, false, None),
            ("abc", NumKind::Date, false, None),
        ] {
            assert_eq!(
                serial_text(serial, kind, date1904).as_deref(),
                want,
                "{serial} {kind:?} 1904={date1904}"
            );
        }
    }

    #[test]
    fn format_kinds() {
        for (code, want) in [
            ("General", NumKind::Plain),
            ("0.00", NumKind::Plain),
            ("0.00E+00", NumKind::Plain),
            ("#,##0 \"days\"", NumKind::Plain),
            ("\"Day \"0", NumKind::Plain),
            ("[Red]0.0;[Blue]-0.0", NumKind::Plain),
            ("dd/mm/yyyy", NumKind::Date),
            ("mmm-yy", NumKind::Date),
            ("[$-F800]dddd, mmmm dd, yyyy", NumKind::Date),
            ("dd/mm/yyyy hh:mm", NumKind::DateTime),
            ("h:mm AM/PM", NumKind::Time),
            ("dd hh:mm", NumKind::DateTime),
            ("d-mmm", NumKind::Date),
            ("mm:ss", NumKind::Time),
            ("[h]:mm", NumKind::Elapsed),
            ("[mm]:ss", NumKind::Elapsed),
            ("0\\s", NumKind::Plain),
        ] {
            assert_eq!(format_kind(code), want, "{code}");
        }
    }

    #[test]
    fn xstrings_and_columns() {
        assert_eq!(decode_xstring("a_x000D_b"), "a\rb");
        assert_eq!(decode_xstring("_x005F_x000D_"), "_x000D_");
        assert_eq!(decode_xstring("_xD83D__xDE00_"), "\u{1F600}");
        assert_eq!(decode_xstring("_x00"), "_x00");
        assert_eq!(decode_xstring("_xZZZZ_"), "_xZZZZ_");
        for (name, col) in [("A", 0), ("Z", 25), ("AA", 26), ("XFD", 16_383)] {
            assert_eq!(column_of(&format!("{name}7")), Some(col));
            assert_eq!(crate::detect::column_letters(col as usize), name);
        }
        assert_eq!(column_of("$C$3"), Some(2));
        assert_eq!(column_of("12"), None);
        assert_eq!(column_of("ABCD1"), Some(u32::MAX));
    }

    #[test]
    fn paths() {
        assert_eq!(
            resolve("xl/", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/", "/xl/worksheets/s.xml"),
            "xl/worksheets/s.xml"
        );
        assert_eq!(resolve("xl/", "../xl/./a.xml"), "xl/a.xml");
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        // Against the bit-by-bit definition, at every length around the steps of 8.
        let data: Vec<u8> = (0..100u32).map(|i| (i * 37 % 251) as u8).collect();
        for n in 0..data.len() {
            let mut c = !0u32;
            for &b in &data[..n] {
                c ^= u32::from(b);
                for _ in 0..8 {
                    c = if c & 1 == 1 {
                        (c >> 1) ^ 0xEDB8_8320
                    } else {
                        c >> 1
                    };
                }
            }
            assert_eq!(crc32(&data[..n]), !c, "{n} bytes");
        }
    }
}
