//! CSV records from decoded text, with spreadsheet row numbers and the byte
//! offset of each record in the original file.
//!
//! A small hand-written state machine rather than `csv_core`: `csv_core`
//! skips empty lines and may end a record at `\r` and skip the `\n` at the
//! start of the next, and we must count every line as a row. The machine
//! follows RFC 4180 as `csv_core` does: a quote opens a quoted field only at
//! the start of a field; `""` inside quotes is one quote; text after a closing
//! quote is kept literally; a quote inside an unquoted field is literal.
//! `\n`, `\r\n` and a lone `\r` all end a record.
//!
//! It is the reader's hot loop, so it does little per byte: it jumps between
//! the bytes that matter (delimiters, quotes, line ends), found 64 at a time
//! by `scan.rs`, and hands fields on as slices of the text it was given,
//! copying only what cannot be a slice (see [`Parser`]). The first,
//! byte-at-a-time version of the machine is kept in `records/reference.rs`
//! as the oracle this one is tested against.

use super::scan::Cursor;
use crate::error::{Error, ErrorKind};

#[cfg(test)]
mod reference;

/// Longest record accepted (bytes of decoded text).
pub const MAX_RECORD_BYTES: usize = 64 << 20;
/// Most fields in one record.
pub const MAX_FIELDS: usize = 100_000;

/// How a piece of decoded text maps back to bytes of the original file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    /// One text byte is one original byte (UTF-8 read as UTF-8).
    Identity,
    /// One character is one original byte (Windows-1252).
    Char1,
    /// One character is two original bytes, four for those outside the BMP (UTF-16).
    Utf16,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum St {
    /// Before the first byte of a record.
    RecordStart,
    /// Before the first byte of a field (after a delimiter).
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: closing, or the first of `""`.
    QuoteInQuoted,
}

/// Receives complete records.
pub(crate) trait Records {
    /// A record: its row number, the original byte offset where it starts,
    /// and its fields.
    fn record(&mut self, row: u64, byte: u64, fields: &[&str]);
}

/// Where a finished field of the current record is: `start..end` of the
/// piece of text being fed (most fields: no copy), or of `Parser::buf`.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    end: usize,
    owned: bool,
}

/// The record state machine. Feed it text with [`Parser::feed`].
///
/// Fields are not copied: a record that starts and ends in the same piece of
/// text is delivered as slices of it. Only what cannot be a slice is copied
/// into `buf`: a field with `""` or text after its closing quote, and the
/// fields of a record still open when a piece ends (the next piece is other
/// memory).
pub(crate) struct Parser {
    delim: u8,
    /// Bytes that end an unquoted field: the delimiter, CR and LF.
    special: [bool; 256],
    st: St,
    after_cr: bool,
    /// Number of the current record once started; of the last one otherwise.
    row: u64,
    /// Copied field text of the current record (see above).
    buf: Vec<u8>,
    /// The current record's finished fields.
    spans: Vec<Span>,
    /// Text bytes of the current record's finished fields.
    rec_len: usize,
    /// Start in `buf` of the current field's copied part (`buf.len()` if none).
    fbuf: usize,
    /// Original byte offset where the current record started.
    record_byte: u64,
    /// Original byte offset of the quote that opened the current quoted field.
    quote_byte: u64,
    /// Original byte offset of the start of the current piece of text.
    piece_byte: u64,
    unit: Unit,
    /// For non-identity units: (text position, original offset) already counted.
    cursor: (usize, u64),
    spare: Vec<&'static str>,
    max_bytes: usize,
    max_fields: usize,
}

fn char_bytes(unit: Unit, text: &[u8]) -> u64 {
    match unit {
        Unit::Identity => text.len() as u64,
        Unit::Char1 => text.iter().filter(|&&b| (b as i8) >= -0x40).count() as u64,
        Unit::Utf16 => text
            .iter()
            .map(|&b| match b {
                0x80..=0xBF => 0,
                0xF0..=0xFF => 4,
                _ => 2,
            })
            .sum(),
    }
}

/// Where the current field's text runs in the piece being fed: from `seg`
/// (its earlier part, if any, is in `buf[fbuf..]`); in `QuoteInQuoted`, up
/// to the quote at `quote` (0 when that quote ended the previous piece).
#[derive(Clone, Copy)]
struct Cur {
    seg: usize,
    quote: usize,
}

impl Parser {
    /// A parser for `delim`, starting at original byte offset `start` (after a BOM).
    pub(crate) fn new(delim: u8, start: u64) -> Self {
        Self::with_limits(delim, start, MAX_RECORD_BYTES, MAX_FIELDS)
    }

    /// A parser that starts at the record that starts at original byte offset
    /// `start` and has row number `row` (a record boundary an earlier read saw).
    pub(crate) fn resume(delim: u8, start: u64, row: u64) -> Self {
        let mut p = Self::new(delim, start);
        p.row = row.saturating_sub(1);
        p
    }

    /// [`Parser::new`] with other limits (tests use small ones).
    pub(crate) fn with_limits(delim: u8, start: u64, max_bytes: usize, max_fields: usize) -> Self {
        let mut special = [false; 256];
        for b in [delim, b'\r', b'\n'] {
            if let Some(s) = special.get_mut(b as usize) {
                *s = true;
            }
        }
        Parser {
            delim,
            special,
            st: St::RecordStart,
            after_cr: false,
            row: 0,
            buf: Vec::new(),
            spans: Vec::new(),
            rec_len: 0,
            fbuf: 0,
            record_byte: start,
            quote_byte: start,
            piece_byte: start,
            unit: Unit::Identity,
            cursor: (0, start),
            spare: Vec::new(),
            max_bytes,
            max_fields,
        }
    }

    /// Rows read so far: the number of the record in progress, or of the last one.
    pub(crate) fn rows(&self) -> u64 {
        self.row
    }

    /// The row the next byte belongs to.
    pub(crate) fn current_row(&self) -> u64 {
        match self.st {
            St::RecordStart => self.row + 1,
            _ => self.row,
        }
    }

    /// Original byte offset of `pos` in the current piece `text`.
    fn byte_at(&mut self, text: &[u8], pos: usize) -> u64 {
        if self.unit == Unit::Identity {
            return self.piece_byte + pos as u64;
        }
        let (from, at) = self.cursor;
        let counted = char_bytes(self.unit, text.get(from..pos).unwrap_or_default());
        self.cursor = (pos, at + counted);
        at + counted
    }

    /// The limit error; the state says whether the text that went over was
    /// inside quotes (then the quote may never have been closed).
    fn limit(&self, what: String) -> Error {
        let hint = if matches!(self.st, St::Quoted | St::QuoteInQuoted) {
            format!(
                "; a quoted field opened at byte {} may never be closed",
                self.quote_byte
            )
        } else {
            String::new()
        };
        Error::new(
            ErrorKind::Limit(format!(
                "{what}{hint}; the rest of the file was not checked"
            )),
            Some(self.row),
            Some(self.record_byte),
        )
    }

    /// The record is longer than the limit once the current field holds
    /// `more` bytes beyond its copied part.
    fn check_len(&self, more: usize) -> Result<(), Error> {
        let len = self.rec_len + self.buf.len().saturating_sub(self.fbuf) + more;
        if len > self.max_bytes {
            return Err(self.limit(format!(
                "row {} is longer than {} MB",
                self.row,
                self.max_bytes >> 20
            )));
        }
        Ok(())
    }

    /// Copy `text[a..b]` (and a quote, for `""`) to the current field's copied part.
    fn append(&mut self, text: &[u8], a: usize, b: usize, quote: bool) -> Result<(), Error> {
        self.buf
            .extend_from_slice(text.get(a..b).unwrap_or_default());
        if quote {
            self.buf.push(b'"');
        }
        self.check_len(0)
    }

    /// The current field ends with `text[a..b]`.
    #[inline(always)]
    fn end_field(&mut self, text: &[u8], a: usize, b: usize) -> Result<(), Error> {
        // The usual field: nothing copied, within the limits.
        let len = self.rec_len + b.saturating_sub(a);
        if self.fbuf == self.buf.len()
            && len <= self.max_bytes
            && self.spans.len() < self.max_fields
        {
            self.rec_len = len;
            self.spans.push(Span {
                start: a,
                end: b,
                owned: false,
            });
            return Ok(());
        }
        self.end_field_slow(text, a, b)
    }

    #[cold]
    #[inline(never)]
    fn end_field_slow(&mut self, text: &[u8], a: usize, b: usize) -> Result<(), Error> {
        self.check_len(b.saturating_sub(a))?;
        if self.spans.len() >= self.max_fields {
            return Err(self.limit(format!(
                "row {} has more than {} columns",
                self.row, self.max_fields
            )));
        }
        let span = if self.fbuf == self.buf.len() {
            Span {
                start: a,
                end: b,
                owned: false,
            }
        } else {
            self.buf
                .extend_from_slice(text.get(a..b).unwrap_or_default());
            Span {
                start: self.fbuf,
                end: self.buf.len(),
                owned: true,
            }
        };
        self.rec_len += span.end - span.start;
        self.spans.push(span);
        self.fbuf = self.buf.len();
        Ok(())
    }

    fn end_record(&mut self, text: &str, out: &mut dyn Records) -> Result<(), Error> {
        self.st = St::RecordStart;
        let mut fields = recycle(std::mem::take(&mut self.spare));
        if self.buf.is_empty() {
            // Nothing copied: every field is a slice of `text`.
            fields.extend(
                self.spans
                    .iter()
                    .map(|sp| text.get(sp.start..sp.end).unwrap_or("")),
            );
            out.record(self.row, self.record_byte, &fields);
            self.spare = recycle(fields);
            return Ok(());
        }
        for sp in &self.spans {
            let field = if sp.owned {
                // Copies of whole characters of valid text and quotes: valid.
                let bytes = self.buf.get(sp.start..sp.end).unwrap_or_default();
                std::str::from_utf8(bytes).map_err(|_| {
                    Error::new(
                        ErrorKind::Encoding(
                            "the decoded text is not valid UTF-8 (internal error)".into(),
                        ),
                        Some(self.row),
                        Some(self.record_byte),
                    )
                })?
            } else {
                text.get(sp.start..sp.end).unwrap_or("")
            };
            fields.push(field);
        }
        out.record(self.row, self.record_byte, &fields);
        self.spare = recycle(fields);
        Ok(())
    }

    /// The piece ends inside a record: copy what of it is still in `text`.
    fn flush(&mut self, text: &[u8], cur: Cur) -> Result<(), Error> {
        if self.st == St::RecordStart {
            return Ok(());
        }
        let old = self.buf.len();
        for sp in self.spans.iter_mut().filter(|sp| !sp.owned) {
            let start = self.buf.len();
            self.buf
                .extend_from_slice(text.get(sp.start..sp.end).unwrap_or_default());
            *sp = Span {
                start,
                end: self.buf.len(),
                owned: true,
            };
        }
        if self.fbuf == old {
            self.fbuf = self.buf.len();
        } else if self.buf.len() != old {
            // The current field's copied part must stay at the end of `buf`.
            let start = self.buf.len();
            self.buf.extend_from_within(self.fbuf..old);
            self.fbuf = start;
        }
        match self.st {
            St::RecordStart | St::FieldStart => Ok(()),
            St::Unquoted | St::Quoted => self.append(text, cur.seg, text.len(), false),
            St::QuoteInQuoted => self.append(text, cur.seg, cur.quote, false),
        }
    }

    /// First position from `i` of a byte that ends an unquoted field.
    #[inline]
    fn field_end(&self, cursor: &mut Cursor, text: &[u8], mut i: usize) -> Option<usize> {
        loop {
            let j = cursor.next(text, i)?;
            if text.get(j).is_some_and(|&b| self.special[b as usize]) {
                return Some(j);
            }
            i = j + 1;
        }
    }

    /// First position from `i` of a quote.
    #[inline]
    fn quote(cursor: &mut Cursor, text: &[u8], mut i: usize) -> Option<usize> {
        loop {
            let j = cursor.next(text, i)?;
            if text.get(j) == Some(&b'"') {
                return Some(j);
            }
            i = j + 1;
        }
    }

    /// Parse a piece of decoded text. `unit` says how it maps to the original
    /// bytes (the piece starts where the previous one ended).
    pub(crate) fn feed(
        &mut self,
        text: &str,
        unit: Unit,
        out: &mut dyn Records,
    ) -> Result<(), Error> {
        let s = text;
        let text = s.as_bytes();
        self.unit = unit;
        self.cursor = (0, self.piece_byte);
        let n = text.len();
        let mut i = 0;
        let mut cur = Cur { seg: 0, quote: 0 };
        let mut cursor = Cursor::new(text, self.delim);
        'piece: loop {
            match self.st {
                St::RecordStart => {
                    let Some(&b) = text.get(i) else { break };
                    if self.after_cr {
                        self.after_cr = false;
                        if b == b'\n' {
                            i += 1;
                            continue;
                        }
                    }
                    self.row += 1;
                    match b {
                        // A blank line: a row, counted, not a record.
                        b'\r' => {
                            self.after_cr = true;
                            i += 1;
                        }
                        b'\n' => i += 1,
                        _ => {
                            self.record_byte = self.byte_at(text, i);
                            self.buf.clear();
                            self.spans.clear();
                            self.rec_len = 0;
                            self.fbuf = 0;
                            self.st = St::FieldStart;
                        }
                    }
                }
                St::FieldStart => {
                    let Some(&b) = text.get(i) else { break };
                    if b == b'"' {
                        self.quote_byte = self.byte_at(text, i);
                        self.st = St::Quoted;
                        i += 1;
                    } else {
                        self.st = St::Unquoted;
                    }
                    cur.seg = i;
                }
                St::Unquoted => {
                    // Field after field while they are unquoted: the
                    // common case, without going round the machine.
                    loop {
                        let Some(j) = self.field_end(&mut cursor, text, i) else {
                            break 'piece;
                        };
                        self.end_field(text, cur.seg, j)?;
                        i = j + 1;
                        if text.get(j) != Some(&self.delim) {
                            self.after_cr = text.get(j) == Some(&b'\r');
                            self.end_record(s, out)?;
                            break;
                        }
                        if matches!(text.get(i), None | Some(b'"')) {
                            self.st = St::FieldStart;
                            break;
                        }
                        cur.seg = i;
                    }
                }
                St::Quoted => match Self::quote(&mut cursor, text, i) {
                    Some(j) => {
                        cur.quote = j;
                        i = j + 1;
                        self.st = St::QuoteInQuoted;
                    }
                    None => break,
                },
                St::QuoteInQuoted => {
                    let Some(&b) = text.get(i) else { break };
                    i += 1;
                    if b == b'"' {
                        self.append(text, cur.seg, cur.quote, true)?;
                        cur.seg = i;
                        self.st = St::Quoted;
                    } else if b == self.delim {
                        self.end_field(text, cur.seg, cur.quote)?;
                        self.st = St::FieldStart;
                    } else if b == b'\r' || b == b'\n' {
                        self.end_field(text, cur.seg, cur.quote)?;
                        self.after_cr = b == b'\r';
                        self.end_record(s, out)?;
                    } else {
                        // `"abc"def`: the rest of the field is literal.
                        self.append(text, cur.seg, cur.quote, false)?;
                        cur.seg = i - 1;
                        self.st = St::Unquoted;
                    }
                }
            }
        }
        self.flush(text, cur)?;
        self.piece_byte = self.byte_at(text, n);
        Ok(())
    }

    /// End of input: the last record if it has no final line break; an error
    /// if a quoted field is still open.
    pub(crate) fn finish(&mut self, out: &mut dyn Records) -> Result<(), Error> {
        match self.st {
            St::RecordStart => Ok(()),
            St::Quoted => Err(Error::new(
                ErrorKind::Malformed(format!(
                    "a quoted field opened on row {} is never closed: a \" with no closing \" \
                     runs to the end of the file (rows before it were checked)",
                    self.row
                )),
                Some(self.row),
                Some(self.quote_byte),
            )),
            St::FieldStart | St::Unquoted | St::QuoteInQuoted => {
                // Everything of the record is in `buf` since its last piece.
                self.end_field(&[], 0, 0)?;
                self.end_record("", out)
            }
        }
    }
}

/// Reuse the allocation of a `Vec<&str>` across records of different lifetimes.
fn recycle<'b>(mut v: Vec<&str>) -> Vec<&'b str> {
    v.clear();
    v.into_iter().map(|_| "").collect()
}

#[cfg(test)]
mod tests {
    use super::reference;
    use super::*;

    #[derive(Default)]
    struct Got(Vec<(u64, u64, Vec<String>)>);

    impl Records for Got {
        fn record(&mut self, row: u64, byte: u64, fields: &[&str]) {
            self.0
                .push((row, byte, fields.iter().map(|f| f.to_string()).collect()));
        }
    }

    /// What a parser did with `pieces`: per piece, the records so far (row,
    /// starting byte, fields), the result and the rows; then the same after `finish`.
    type Trace = Vec<(Vec<(u64, u64, Vec<String>)>, Result<(), Error>, u64, u64)>;

    /// The parser under test and the reference one, driven alike.
    trait Machine {
        fn feed(&mut self, text: &str, unit: Unit, out: &mut dyn Records) -> Result<(), Error>;
        fn finish(&mut self, out: &mut dyn Records) -> Result<(), Error>;
        fn rows(&self) -> u64;
        fn current_row(&self) -> u64;
    }

    macro_rules! machine {
        ($t:ty) => {
            impl Machine for $t {
                fn feed(&mut self, t: &str, u: Unit, out: &mut dyn Records) -> Result<(), Error> {
                    <$t>::feed(self, t, u, out)
                }
                fn finish(&mut self, out: &mut dyn Records) -> Result<(), Error> {
                    <$t>::finish(self, out)
                }
                fn rows(&self) -> u64 {
                    <$t>::rows(self)
                }
                fn current_row(&self) -> u64 {
                    <$t>::current_row(self)
                }
            }
        };
    }
    machine!(Parser);
    machine!(reference::Parser);

    fn trace(p: &mut dyn Machine, pieces: &[(&str, Unit)]) -> Trace {
        let mut got = Got::default();
        let mut trace = Vec::new();
        for &(text, unit) in pieces {
            let r = p.feed(text, unit, &mut got);
            let stop = r.is_err();
            trace.push((got.0.clone(), r, p.rows(), p.current_row()));
            if stop {
                return trace;
            }
        }
        let r = p.finish(&mut got);
        trace.push((got.0, r, p.rows(), p.current_row()));
        trace
    }

    fn fast(pieces: &[(&str, Unit)], delim: u8, bytes: usize, fields: usize) -> Trace {
        trace(&mut Parser::with_limits(delim, 3, bytes, fields), pieces)
    }

    fn oracle(pieces: &[(&str, Unit)], delim: u8, bytes: usize, fields: usize) -> Trace {
        trace(&mut reference::Parser::new(delim, 3, bytes, fields), pieces)
    }

    /// Random text cut into random pieces (some empty, some one byte, cuts
    /// at every kind of byte: inside quotes, between `""`, between CR and
    /// LF), with random units and limits: the fast machine does exactly
    /// what the byte-at-a-time one does.
    #[test]
    fn same_as_the_byte_at_a_time_machine() {
        const PARTS: &[&str] = &[
            "a",
            "Smith",
            "x y",
            ",",
            ",",
            ";",
            "\"",
            "\"",
            "\"\"",
            "\r",
            "\n",
            "\r\n",
            " ",
            "é",
            "€",
            "\u{1F600}",
        ];
        let mut state: u64 = 0x5EED_2EAD;
        let mut next = move |m: usize| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49EB_311C_E133);
            ((z ^ (z >> 31)) % m.max(1) as u64) as usize
        };
        let units = [Unit::Identity, Unit::Char1, Unit::Utf16];
        for case in 0..20_000 {
            let mut text = String::new();
            // Mostly short; some long enough for whole 64-byte blocks.
            let len = if next(5) == 0 { next(400) } else { next(50) };
            for _ in 0..len {
                text.push_str(PARTS[next(PARTS.len())]);
            }
            let delim = if next(4) == 0 { b';' } else { b',' };
            let (bytes, fields) = match next(3) {
                0 => (next(40), 1 + next(8)),
                _ => (MAX_RECORD_BYTES, MAX_FIELDS),
            };
            // Cut points at char boundaries, sorted, possibly repeated.
            let mut cuts: Vec<usize> = (0..next(6))
                .map(|_| next(text.len() + 1))
                .filter(|&c| text.is_char_boundary(c))
                .collect();
            if next(4) == 0 {
                // Every boundary: one-character pieces.
                cuts = (0..=text.len())
                    .filter(|&c| text.is_char_boundary(c))
                    .collect();
            }
            cuts.sort_unstable();
            let mut pieces = Vec::new();
            let mut from = 0;
            for c in cuts.into_iter().chain([text.len()]) {
                pieces.push((text.get(from..c).unwrap_or(""), units[next(3)]));
                from = c;
            }
            assert_eq!(
                fast(&pieces, delim, bytes, fields),
                oracle(&pieces, delim, bytes, fields),
                "case {case}: {pieces:?}, limits {bytes} bytes, {fields} fields"
            );
        }
    }
}
