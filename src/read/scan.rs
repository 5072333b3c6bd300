//! Finding the bytes that matter to the record machine (`records.rs`) 64 at
//! a time, instead of looking at every byte in turn.
//!
//! A block of 64 bytes becomes a 64-bit mask of its *candidates*: the
//! delimiter, `"`, and every byte below 0x0E (CR, LF, tab and a few control
//! characters). The machine then jumps from candidate to candidate and skips
//! those that do not matter where it is (a quote inside an unquoted field, a
//! delimiter inside quotes, a control character). Ordinary text, and every
//! byte of a multi-byte UTF-8 character (all >= 0x80), is never a candidate.
//!
//! Natively: plain integer arithmetic on 8 bytes at a time ("SIMD within a
//! register"), with no `unsafe` and no CPU features. In the page's
//! WebAssembly, which is built with `simd128`: 16 bytes at a time with its
//! SIMD instructions (about 3% of the page's check; the same test checks
//! both).

const LO: u64 = 0x0101_0101_0101_0101;
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
const HI: u64 = 0x8080_8080_8080_8080;

/// High bit of each byte of `x` that equals the byte repeated in `pat`. Exact:
/// no carry crosses a byte.
#[inline(always)]
fn eq(x: u64, pat: u64) -> u64 {
    let t = x ^ pat;
    !(((t & LOW7) + LOW7) | t) & HI
}

/// High bit of each byte of `x` below 0x0E. Exact, as [`eq`].
#[inline(always)]
fn below_0e(x: u64) -> u64 {
    !(((x & LOW7) + LO * (0x80 - 0x0E)) | x) & HI
}

/// The high bits of the 8 bytes of `m`, as 8 bits (byte `k` -> bit `k`).
#[inline(always)]
fn pack(m: u64) -> u64 {
    ((m >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Is `b` a candidate for a machine whose delimiter is `delim`?
#[inline(always)]
pub(crate) fn candidate(b: u8, delim: u8) -> bool {
    b == delim || b == b'"' || b < 0x0E
}

/// Candidates of one delimiter, found block by block in a piece of text.
pub(crate) struct Cursor {
    delim: u8,
    /// The block at `base` (up to 64 bytes): bit `k` is set when
    /// `text[base + k]` is a candidate.
    base: usize,
    mask: u64,
}

impl Cursor {
    /// A cursor over `text`, at its start.
    pub(crate) fn new(text: &[u8], delim: u8) -> Self {
        let mut c = Cursor {
            delim,
            base: 0,
            mask: 0,
        };
        c.mask = c.block(text, 0);
        c
    }

    /// The candidates of `text[base..base + 64]` (fewer at the end).
    #[inline]
    fn block(&self, text: &[u8], base: usize) -> u64 {
        let Some(block) = text.get(base..base.saturating_add(64)) else {
            let mut m = 0;
            for (k, &b) in text.get(base..).unwrap_or_default().iter().enumerate() {
                m |= u64::from(candidate(b, self.delim)) << k;
            }
            return m;
        };
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        return simd128_block(block, self.delim);
        #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
        return swar_block(block, self.delim);
    }

    /// Position of the first candidate at or after `pos`, if any.
    #[inline]
    pub(crate) fn next(&mut self, text: &[u8], mut pos: usize) -> Option<usize> {
        loop {
            let off = pos.wrapping_sub(self.base);
            if off >= 64 {
                if pos >= text.len() {
                    return None;
                }
                self.base = pos;
                self.mask = self.block(text, pos);
                continue;
            }
            let m = self.mask & (u64::MAX << off);
            if m != 0 {
                return Some(self.base + m.trailing_zeros() as usize);
            }
            pos = self.base + 64;
        }
    }
}

/// The candidates of a whole block of 64 bytes, 8 at a time in a `u64`.
#[cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    allow(dead_code)
)]
#[inline(always)]
fn swar_block(block: &[u8], delim: u8) -> u64 {
    let pat = LO * u64::from(delim);
    let quote = LO * u64::from(b'"');
    let mut m = 0;
    for (k, w) in block.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
        let hits = eq(x, pat) | eq(x, quote) | below_0e(x);
        m |= pack(hits) << (8 * k);
    }
    m
}

/// The candidates of a whole block of 64 bytes, 16 at a time with
/// WebAssembly's 128-bit SIMD (the page's build enables `simd128`: see
/// `.cargo/config.toml`).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn simd128_block(block: &[u8], delim: u8) -> u64 {
    use core::arch::wasm32::{u64x2, u8x16_bitmask, u8x16_eq, u8x16_lt, u8x16_splat, v128_or};
    let (delim, quote, low) = (u8x16_splat(delim), u8x16_splat(b'"'), u8x16_splat(0x0E));
    let mut m = 0;
    for (k, w) in block.chunks_exact(16).enumerate() {
        let half = |i: usize| {
            let bytes = w.get(i..i + 8).and_then(|h| h.try_into().ok());
            u64::from_le_bytes(bytes.unwrap_or([0; 8]))
        };
        let x = u64x2(half(0), half(8));
        let hits = v128_or(
            v128_or(u8x16_eq(x, delim), u8x16_eq(x, quote)),
            u8x16_lt(x, low),
        );
        m |= u64::from(u8x16_bitmask(hits)) << (16 * k);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every candidate, in order, at every starting offset, for every
    /// delimiter and every byte value: as a byte-at-a-time search finds them.
    /// Also run as wasm (`make test-wasm`), where the blocks are found with
    /// SIMD.
    #[test]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn finds_what_a_byte_loop_finds() {
        let mut text: Vec<u8> = (0..=255u8).collect();
        text.extend((0..=255u8).rev());
        text.extend(b"a,b;c\td|e\"f\r\ng\n".repeat(9));
        text.extend("é€\u{1F600}".as_bytes());
        for delim in [b',', b';', b'\t', b'|'] {
            for len in [0, 1, 7, 63, 64, 65, 127, 128, 200, text.len()] {
                let text = text.get(..len).unwrap_or_default();
                for start in 0..=text.len() {
                    let mut cursor = Cursor::new(text, delim);
                    let mut got = Vec::new();
                    let mut pos = start;
                    while let Some(j) = cursor.next(text, pos) {
                        got.push(j);
                        pos = j + 1 + (j % 3); // skip ahead sometimes, as the machine does
                    }
                    let mut want = Vec::new();
                    let mut pos = start;
                    while let Some(k) = text
                        .get(pos..)
                        .and_then(|r| r.iter().position(|&b| candidate(b, delim)))
                    {
                        let j = pos + k;
                        want.push(j);
                        pos = j + 1 + (j % 3);
                    }
                    assert_eq!(got, want, "delim {delim}, len {len}, start {start}");
                }
            }
        }
    }
}
