//! Short texts as integers: a text of at most 16 bytes is hashed and
//! compared as two words and its length, not as a string. The risk models'
//! column dictionaries and the detector's memo look cells up this way.

/// A text of at most 16 bytes as two words and its length. Given the
/// length, the words hold every byte (overlapping when the text is shorter
/// than 16), so equal keys are equal texts: a short value is hashed and
/// compared as three integers, not as a string (about a quarter less time per
/// lookup on a staff list, where most values are short).
pub(crate) type ShortKey = (u64, u64, usize);

#[inline(always)]
pub(crate) fn short_key(text: &str) -> Option<ShortKey> {
    let b = text.as_bytes();
    let n = b.len();
    let byte = |i: usize| -> Option<u64> { b.get(i).map(|&x| u64::from(x)) };
    let u32_at = |i: usize| -> Option<u64> {
        let w: [u8; 4] = b.get(i..i + 4)?.try_into().ok()?;
        Some(u64::from(u32::from_le_bytes(w)))
    };
    let u64_at = |i: usize| -> Option<u64> {
        let w: [u8; 8] = b.get(i..i + 8)?.try_into().ok()?;
        Some(u64::from_le_bytes(w))
    };
    match n {
        0 => Some((0, 0, 0)),
        // Bytes 0, n/2 and n-1 are all the bytes of 1 to 3.
        1..=3 => Some((byte(0)? | byte(n / 2)? << 8 | byte(n - 1)? << 16, 0, n)),
        4..=7 => Some((u32_at(0)?, u32_at(n - 4)?, n)),
        8..=16 => Some((u64_at(0)?, u64_at(n - 8)?, n)),
        _ => None,
    }
}

/// Whether two texts longer than 16 bytes are the same, 8 bytes at a time
/// (the last 8 compared overlapping). Slices' `==` calls `memcmp`, which the
/// wasm build takes from compiler-builtins: a byte-by-byte loop.
#[inline(always)]
pub(crate) fn same_long(a: &[u8], b: &[u8]) -> bool {
    let word = |t: &[u8], i: usize| -> Option<u64> {
        let w: [u8; 8] = t.get(i..i + 8)?.try_into().ok()?;
        Some(u64::from_le_bytes(w))
    };
    let n = a.len();
    if n != b.len() || n < 8 {
        return a == b;
    }
    (0..n - 8).step_by(8).all(|i| word(a, i) == word(b, i)) && word(a, n - 8) == word(b, n - 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts of 0 to 40 bytes, against themselves and every text one byte
    /// away (each byte changed in turn) and one byte longer or shorter.
    #[test]
    fn same_long_is_equality() {
        for n in 0..=40usize {
            let a: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
            assert!(same_long(&a, &a.clone()), "{n}");
            for i in 0..n {
                let mut b = a.clone();
                b[i] = b'#';
                assert!(!same_long(&a, &b), "{n} {i}");
            }
            let mut longer = a.clone();
            longer.push(b'a');
            assert!(!same_long(&a, &longer) && !same_long(&longer, &a), "{n}");
        }
    }

    /// Texts of 0 to 20 bytes, and for each every text one byte away: two
    /// texts have the same short key only when they are the same text, and
    /// texts over 16 bytes have none.
    #[test]
    fn short_keys_tell_every_text_apart() {
        for n in 0..=20usize {
            let base: String = (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            let mut texts = vec![base.clone()];
            for i in 0..n {
                let mut b = base.clone().into_bytes();
                b[i] = b'#';
                texts.push(String::from_utf8(b).expect("ASCII"));
            }
            // Same bytes in a different place, and one byte longer.
            texts.push(format!("{base}a"));
            texts.push(format!("a{base}"));
            for a in &texts {
                let ka = short_key(a);
                assert_eq!(ka.is_some(), a.len() <= 16, "{a:?}");
                for b in &texts {
                    if a != b && ka.is_some() {
                        assert_ne!(ka, short_key(b), "{a:?} and {b:?}");
                    }
                }
            }
        }
        assert_eq!(short_key("Sergeant"), short_key(&String::from("Sergeant")));
        assert_ne!(short_key("Ó Briain"), short_key("O Briain"));
    }
}
