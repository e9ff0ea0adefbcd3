//! The lines of an NDJSON batch, found eight bytes at a time: a batch is mostly long lines, and
//! a byte-by-byte search for each line's end was 6 to 8 % of a batch's time.

/// The lines of `text`, split at each `\n` (the `\n` not included), as `<[u8]>::split` gives them:
/// an empty text is one empty line, and a text ending with `\n` ends with an empty line.
pub fn lines(text: &[u8]) -> Lines<'_> {
    Lines { rest: Some(text) }
}

/// The iterator of [`lines`].
pub struct Lines<'a> {
    rest: Option<&'a [u8]>,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let rest = self.rest?;
        match find_newline(rest) {
            Some(at) => {
                let (line, tail) = rest.split_at_checked(at)?;
                self.rest = tail.get(1..);
                Some(line)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// Where the first `\n` of `bytes` is. Each word of eight bytes is tested at once: a byte of
/// `word ^ NEWLINES` is zero where `word` has a `\n`, and `(x - ONES) & !x & HIGHS` marks the
/// zero bytes of `x`, the lowest of them exactly (a borrow only runs upwards from a zero byte).
fn find_newline(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const NEWLINES: u64 = ONES * b'\n' as u64;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut words {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let x = u64::from_le_bytes(word) ^ NEWLINES;
        let marks = x.wrapping_sub(ONES) & !x & HIGHS;
        if marks != 0 {
            return Some(at + marks.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let tail = words.remainder();
    tail.iter().position(|b| *b == b'\n').map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn splits_as_std_does() {
        let texts: [&[u8]; 9] = [
            b"",
            b"\n",
            b"\n\n",
            b"a",
            b"abc\ndef",
            b"0123456\n89abcdef\n",
            b"0123456789abcdef0123\n\n\nxyz\r\n",
            "é\n€\n😀\u{a}\u{8a}\u{10a}".as_bytes(),
            &[
                0x0a, 0x8a, 0x0b, 0x09, 0xff, 0x0a, 0x00, 0x0a, 0x0a, 0x7f, 0x80, 0x0a,
            ],
        ];
        for text in texts {
            let want: Vec<&[u8]> = text.split(|b| *b == b'\n').collect();
            assert_eq!(lines(text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    #[test]
    fn finds_a_newline_at_every_place_of_a_word() {
        for len in 0..40 {
            for at in 0..len {
                let mut text = vec![b'x'; len];
                if let Some(b) = text.get_mut(at) {
                    *b = b'\n';
                }
                let want: Vec<&[u8]> = text.split(|b| *b == b'\n').collect();
                assert_eq!(lines(&text).collect::<Vec<_>>(), want, "len {len}, at {at}");
            }
        }
    }
}
