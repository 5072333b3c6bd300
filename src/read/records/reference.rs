//! The first record machine, byte at a time and copying every field: kept
//! as the oracle the fast one (`super`) is tested against, record for
//! record, error for error, on random inputs cut into random pieces.

use super::{Records, Unit};
use crate::error::{Error, ErrorKind};

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

/// The record state machine. Feed it text with [`Parser::feed`].
pub(crate) struct Parser {
    max_bytes: usize,
    max_fields: usize,
    delim: u8,
    special: [bool; 256],
    st: St,
    after_cr: bool,
    /// Number of the current record once started; of the last one otherwise.
    row: u64,
    buf: Vec<u8>,
    ends: Vec<usize>,
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

impl Parser {
    /// A parser for `delim`, starting at original byte offset `start` (after a BOM).
    pub(crate) fn new(delim: u8, start: u64, max_bytes: usize, max_fields: usize) -> Self {
        let mut special = [false; 256];
        for b in [delim, b'\r', b'\n'] {
            if let Some(s) = special.get_mut(b as usize) {
                *s = true;
            }
        }
        Parser {
            max_bytes,
            max_fields,
            delim,
            special,
            st: St::RecordStart,
            after_cr: false,
            row: 0,
            buf: Vec::new(),
            ends: Vec::new(),
            record_byte: start,
            quote_byte: start,
            piece_byte: start,
            unit: Unit::Identity,
            cursor: (0, start),
            spare: Vec::new(),
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

    fn end_field(&mut self) -> Result<(), Error> {
        if self.ends.len() >= self.max_fields {
            return Err(self.limit(format!(
                "row {} has more than {} columns",
                self.row, self.max_fields
            )));
        }
        self.ends.push(self.buf.len());
        Ok(())
    }

    fn extend(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() > self.max_bytes {
            return Err(self.limit(format!(
                "row {} is longer than {} MB",
                self.row,
                self.max_bytes >> 20
            )));
        }
        Ok(())
    }

    fn end_record(&mut self, out: &mut dyn Records) -> Result<(), Error> {
        self.st = St::RecordStart;
        let text = std::str::from_utf8(&self.buf).map_err(|_| {
            Error::new(
                ErrorKind::Encoding("the decoded text is not valid UTF-8 (internal error)".into()),
                Some(self.row),
                Some(self.record_byte),
            )
        })?;
        let mut fields = recycle(std::mem::take(&mut self.spare));
        let mut start = 0;
        for &end in &self.ends {
            fields.push(text.get(start..end).unwrap_or(""));
            start = end;
        }
        out.record(self.row, self.record_byte, &fields);
        self.spare = recycle(fields);
        Ok(())
    }

    /// Parse a piece of decoded text. `unit` says how it maps to the original
    /// bytes (the piece starts where the previous one ended).
    pub(crate) fn feed(
        &mut self,
        text: &str,
        unit: Unit,
        out: &mut dyn Records,
    ) -> Result<(), Error> {
        let text = text.as_bytes();
        self.unit = unit;
        self.cursor = (0, self.piece_byte);
        let n = text.len();
        let mut i = 0;
        while i < n {
            let b = text[i];
            match self.st {
                St::RecordStart => {
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
                            self.ends.clear();
                            self.st = St::FieldStart;
                        }
                    }
                }
                St::FieldStart => {
                    if b == b'"' {
                        self.quote_byte = self.byte_at(text, i);
                        self.st = St::Quoted;
                        i += 1;
                    } else {
                        self.st = St::Unquoted;
                    }
                }
                St::Unquoted => {
                    let start = i;
                    while i < n && !self.special[text[i] as usize] {
                        i += 1;
                    }
                    self.extend(&text[start..i])?;
                    if i < n {
                        let b = text[i];
                        i += 1;
                        self.end_field()?;
                        if b == self.delim {
                            self.st = St::FieldStart;
                        } else {
                            self.after_cr = b == b'\r';
                            self.end_record(out)?;
                        }
                    }
                }
                St::Quoted => {
                    let rest = &text[i..];
                    match rest.iter().position(|&c| c == b'"') {
                        Some(k) => {
                            self.extend(&rest[..k])?;
                            i += k + 1;
                            self.st = St::QuoteInQuoted;
                        }
                        None => {
                            self.extend(rest)?;
                            i = n;
                        }
                    }
                }
                St::QuoteInQuoted => {
                    if b == b'"' {
                        self.extend(b"\"")?;
                        self.st = St::Quoted;
                        i += 1;
                    } else if b == self.delim {
                        self.end_field()?;
                        self.st = St::FieldStart;
                        i += 1;
                    } else if b == b'\r' || b == b'\n' {
                        self.end_field()?;
                        self.after_cr = b == b'\r';
                        i += 1;
                        self.end_record(out)?;
                    } else {
                        // `"abc"def`: the rest of the field is literal.
                        self.st = St::Unquoted;
                    }
                }
            }
        }
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
                self.end_field()?;
                self.end_record(out)
            }
        }
    }
}

/// Reuse the allocation of a `Vec<&str>` across records of different lifetimes.
fn recycle<'b>(mut v: Vec<&str>) -> Vec<&'b str> {
    v.clear();
    v.into_iter().map(|_| "").collect()
}
