//! Is this text at all, and in which encoding? Decided once, on the first
//! [`PRELUDE`] bytes of the file.

/// How many bytes the reader looks at before deciding the encoding and the
/// delimiter (less for a shorter file).
pub(crate) const PRELUDE: usize = 64 * 1024;

/// The encodings the reader understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Enc {
    /// UTF-8 (invalid bytes later in the file are read as Windows-1252, with a warning).
    Utf8,
    /// UTF-16, little-endian (Excel's "Unicode Text").
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Windows-1252 (the whole file).
    Win1252,
}

impl Enc {
    /// The name shown in [`super::ReadInfo::encoding`].
    pub(crate) fn name(self) -> &'static str {
        match self {
            Enc::Utf8 => "UTF-8",
            Enc::Utf16Le => "UTF-16LE",
            Enc::Utf16Be => "UTF-16BE",
            Enc::Win1252 => "windows-1252",
        }
    }

    /// The encoding named `name` (as [`Enc::name`] gives it), if any.
    pub(crate) fn from_name(name: &str) -> Option<Enc> {
        [Enc::Utf8, Enc::Utf16Le, Enc::Utf16Be, Enc::Win1252]
            .into_iter()
            .find(|e| e.name() == name)
    }

    /// The `encoding_rs` decoder for the transcoded encodings.
    pub(crate) fn encoding(self) -> &'static encoding_rs::Encoding {
        match self {
            Enc::Utf8 => encoding_rs::UTF_8,
            Enc::Utf16Le => encoding_rs::UTF_16LE,
            Enc::Utf16Be => encoding_rs::UTF_16BE,
            Enc::Win1252 => encoding_rs::WINDOWS_1252,
        }
    }
}

/// What the first bytes say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Text in this encoding, after a byte-order mark of `bom` bytes.
    Text {
        /// The encoding.
        enc: Enc,
        /// Length of the byte-order mark to skip.
        bom: usize,
    },
    /// Not text: what it looks like.
    Binary(&'static str),
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Known binary formats by their magic bytes.
fn magic(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(b"PK\x03\x04") || b.starts_with(b"PK\x05\x06") || b.starts_with(b"PK\x07\x08")
    {
        let head = &b[..b.len().min(PRELUDE)];
        return Some(if contains(head, b"xl/") {
            "XLSX"
        } else if contains(head, b"word/") {
            "DOCX"
        } else if contains(head, b"ppt/") {
            "PPTX"
        } else if contains(head, b"opendocument.spreadsheet") {
            "ODS"
        } else if contains(head, b"[Content_Types].xml") {
            "an Office document"
        } else {
            "ZIP"
        });
    }
    const TABLE: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "XLS"),
        (b"\x1F\x8B", "gzip"),
        (b"7z\xBC\xAF\x27\x1C", "7-Zip"),
        (b"Rar!\x1A\x07", "RAR"),
        (b"II*\x00", "TIFF image"),
        (b"MM\x00*", "TIFF image"),
        (b"{\\rtf", "RTF"),
    ];
    TABLE
        .iter()
        .find(|(m, _)| b.starts_with(m))
        .map(|(_, n)| *n)
}

/// Decide on the first bytes of the file (`head`, up to [`PRELUDE`] bytes;
/// the whole file if shorter).
pub(crate) fn detect(head: &[u8]) -> Verdict {
    if let Some(kind) = magic(head) {
        return Verdict::Binary(kind);
    }
    if head.starts_with(b"\xEF\xBB\xBF") {
        return Verdict::Text {
            enc: Enc::Utf8,
            bom: 3,
        };
    }
    if head.starts_with(b"\xFF\xFE") {
        return Verdict::Text {
            enc: Enc::Utf16Le,
            bom: 2,
        };
    }
    if head.starts_with(b"\xFE\xFF") {
        return Verdict::Text {
            enc: Enc::Utf16Be,
            bom: 2,
        };
    }
    // UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte.
    let sample = &head[..head.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs >= 2 {
        let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
        let odd = sample
            .iter()
            .skip(1)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count();
        if odd * 10 >= pairs * 4 && even * 20 <= pairs {
            return Verdict::Text {
                enc: Enc::Utf16Le,
                bom: 0,
            };
        }
        if even * 10 >= pairs * 4 && odd * 20 <= pairs {
            return Verdict::Text {
                enc: Enc::Utf16Be,
                bom: 0,
            };
        }
    }
    let nul = head.iter().filter(|&&b| b == 0).count();
    if nul > 0 && nul * 100 >= head.len() {
        return Verdict::Binary("binary data");
    }
    Verdict::Text {
        enc: utf8_or_1252(head),
        bom: 0,
    }
}

/// UTF-8 when the bytes are UTF-8, or mostly: at least one valid multi-byte
/// sequence for every two invalid bytes (valid UTF-8 sequences are rare in real
/// Windows-1252 text: they need an accented capital followed by
/// punctuation such as `’` or `£`). Windows-1252 otherwise.
fn utf8_or_1252(mut b: &[u8]) -> Enc {
    let mut invalid = 0usize;
    let mut multibyte = 0usize;
    loop {
        match std::str::from_utf8(b) {
            Ok(s) => {
                multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (good, rest) = b.split_at(e.valid_up_to());
                multibyte += good.iter().filter(|&&c| c >= 0xC0).count();
                match e.error_len() {
                    Some(n) => {
                        invalid += 1;
                        b = rest.get(n..).unwrap_or_default();
                    }
                    None => break, // cut at the end of the sample
                }
            }
        }
    }
    if invalid == 0 || multibyte * 2 >= invalid {
        Enc::Utf8
    } else {
        Enc::Win1252
    }
}

/// Decode the head of the file for sniffing the delimiter (a copy; the
/// stream is decoded separately).
pub(crate) fn decode_head(head: &[u8], enc: Enc, bom: usize) -> String {
    let body = head.get(bom..).unwrap_or_default();
    match enc {
        Enc::Utf8 => String::from_utf8_lossy(body).into_owned(),
        _ => enc
            .encoding()
            .decode_without_bom_handling(body)
            .0
            .into_owned(),
    }
}
