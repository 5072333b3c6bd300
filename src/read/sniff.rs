//! Which delimiter: `,` `;` tab or `|`, from the content.

/// The candidates, in order of preference on a tie.
pub(crate) const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Most lines looked at.
const MAX_LINES: usize = 2000;

/// Pick the delimiter of `text` (the first ~64 KB of the file, decoded).
///
/// Each line (a line break inside a quoted field does not end it) gets a count
/// of each candidate outside quotes. For each candidate, the most common
/// non-zero count is found; the candidate whose most common count occurs on
/// the most lines wins (ties: the larger count, then more lines with the
/// candidate at all, then the order `,` `;` tab `|`). A decimal comma in a
/// semicolon file varies from line to line; the semicolons do not.
/// A file with none of them is read as comma-separated (one column).
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let mut lines: Vec<[u32; 4]> = Vec::new();
    let mut counts = [0u32; 4];
    let mut in_quotes = false;
    let mut at_field_start = true;
    let mut non_blank = false;
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        if in_quotes {
            if b == b'"' {
                if bytes.peek() == Some(&b'"') {
                    bytes.next();
                } else {
                    in_quotes = false;
                }
            }
            continue;
        }
        match b {
            b'\r' | b'\n' => {
                if non_blank {
                    lines.push(counts);
                    if lines.len() >= MAX_LINES {
                        break;
                    }
                }
                counts = [0; 4];
                non_blank = false;
                at_field_start = true;
            }
            b'"' if at_field_start => {
                in_quotes = true;
                non_blank = true;
                at_field_start = false;
            }
            _ => {
                if let Some(k) = CANDIDATES.iter().position(|&c| c == b) {
                    if let Some(c) = counts.get_mut(k) {
                        *c += 1;
                    }
                    at_field_start = true;
                } else if b != b' ' {
                    at_field_start = false;
                }
                non_blank = true;
            }
        }
    }
    if non_blank && lines.len() < MAX_LINES {
        lines.push(counts);
    }

    let mut best: Option<((usize, u32, usize), u8)> = None;
    for (k, &cand) in CANDIDATES.iter().enumerate() {
        let mut freq: Vec<(u32, usize)> = Vec::new();
        let mut with_any = 0usize;
        for line in &lines {
            let n = line.get(k).copied().unwrap_or(0);
            if n == 0 {
                continue;
            }
            with_any += 1;
            match freq.iter_mut().find(|(c, _)| *c == n) {
                Some((_, f)) => *f += 1,
                None => freq.push((n, 1)),
            }
        }
        let Some(&(mode, f)) = freq.iter().max_by_key(|(c, f)| (*f, *c)) else {
            continue;
        };
        let key = (f, mode, with_any);
        if best.is_none_or(|(b, _)| key > b) {
            best = Some((key, cand));
        }
    }
    best.map_or(b',', |(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::sniff_delimiter;

    #[test]
    fn picks_consistent_delimiter() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(
            sniff_delimiter("Name;Amount;Rate\nA;1,5;2,25\nB;3,75;1\n"),
            b';'
        );
        assert_eq!(
            sniff_delimiter("SMITH, J\tPC\tBelfast\nJONES, K\tPS\tLarne\n"),
            b'\t'
        );
        assert_eq!(sniff_delimiter("a|b\n1|2\n"), b'|');
        assert_eq!(sniff_delimiter("just text\nmore text\n"), b',');
        assert_eq!(sniff_delimiter("\"a;b\",c\n\"x;y\",z\n"), b',');
    }
}
