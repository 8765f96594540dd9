//! Strict decoding of `application/x-www-form-urlencoded` bodies.
//!
//! Browsers always send valid data, so anything else was made by hand or
//! damaged on the way: it is refused with a specific message instead of
//! being guessed at (a lenient decoder would turn `%zz` or invalid UTF-8
//! into replacement characters and silently change an answer).

use std::fmt;

/// Why a body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A `%` not followed by two hex digits, at this byte.
    BadPercent(usize),
    /// The decoded bytes are not UTF-8.
    NotUtf8,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::BadPercent(at) => write!(
                f,
                "The form data has a broken %-code at byte {at}. Go back to the self-check, reload it and answer again."
            ),
            DecodeError::NotUtf8 => f.write_str(
                "The form data is not readable text (it is not UTF-8). Go back to the self-check, reload it and answer again.",
            ),
        }
    }
}

/// Decodes `name=value&...` into pairs, in order; empty segments are skipped.
pub fn decode(body: &[u8]) -> Result<Vec<(String, String)>, DecodeError> {
    let mut pairs = Vec::new();
    let mut offset = 0;
    for segment in body.split(|&b| b == b'&') {
        if !segment.is_empty() {
            let (name, value) = match segment.iter().position(|&b| b == b'=') {
                Some(eq) => (&segment[..eq], &segment[eq + 1..]),
                None => (segment, &segment[segment.len()..]),
            };
            let value_offset = offset + name.len() + 1;
            pairs.push((decode_part(name, offset)?, decode_part(value, value_offset)?));
        }
        offset += segment.len() + 1;
    }
    Ok(pairs)
}

fn decode_part(bytes: &[u8], offset: usize) -> Result<String, DecodeError> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |b: Option<&u8>| b.and_then(|&b| (b as char).to_digit(16));
                match (hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
                    (Some(hi), Some(lo)) => out.push((hi * 16 + lo) as u8),
                    _ => return Err(DecodeError::BadPercent(offset + i)),
                }
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| DecodeError::NotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn decodes_pairs_in_order_with_plus_and_percent() {
        assert_eq!(
            decode(b"a=1&b=two+words&a=%C3%A9&flag&&c=").unwrap(),
            pairs(&[("a", "1"), ("b", "two words"), ("a", "é"), ("flag", ""), ("c", "")])
        );
        assert_eq!(decode(b"").unwrap(), pairs(&[]));
    }

    #[test]
    fn refuses_broken_percent_codes_with_their_position() {
        assert_eq!(decode(b"a=%zz"), Err(DecodeError::BadPercent(2)));
        assert_eq!(decode(b"ab=1&c=%4"), Err(DecodeError::BadPercent(7)));
        assert_eq!(decode(b"%"), Err(DecodeError::BadPercent(0)));
    }

    #[test]
    fn refuses_invalid_utf8_raw_or_encoded() {
        assert_eq!(decode(b"a=%FF"), Err(DecodeError::NotUtf8));
        assert_eq!(decode(b"a=\xff"), Err(DecodeError::NotUtf8));
    }
}
