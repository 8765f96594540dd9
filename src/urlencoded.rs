//! Strict decoding of `application/x-www-form-urlencoded` bodies.
//!
//! Names and values are split and decoded as the URL standard says (`+` is
//! a space, then `%`-codes), with rust-url's percent-decoding, but strictly. Browsers always send valid data, so anything else was
//! made by hand or damaged on the way: it is refused with a specific message
//! instead of being guessed at (a lenient decoder would turn `%zz` or invalid
//! UTF-8 into replacement characters and silently change an answer).

use std::borrow::Cow;
use std::fmt;

use percent_encoding::percent_decode;

/// Why a body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DecodeError {
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

/// One decoded `name=value` pair, borrowed from the body when nothing in
/// it was encoded (the usual case for ids and option values).
pub(crate) type Pair<'a> = (Cow<'a, str>, Cow<'a, str>);

/// Decodes `name=value&...` into pairs, in order; empty segments are skipped.
/// One pass over the body: a name or value is copied only when it holds a
/// `%`-code or a `+`.
pub(crate) fn decode(body: &[u8]) -> Result<Vec<Pair<'_>>, DecodeError> {
    if !body.iter().any(|&b| b == b'%' || b == b'+') {
        // Nothing encoded (what our forms send): one UTF-8 check for the
        // whole body, and every name and value borrowed from it.
        let text = std::str::from_utf8(body).map_err(|_| DecodeError::NotUtf8)?;
        let mut pairs = Vec::with_capacity(text.bytes().filter(|&b| b == b'&').count() + 1);
        for segment in text.split('&').filter(|segment| !segment.is_empty()) {
            let (name, value) = segment.split_once('=').unwrap_or((segment, ""));
            pairs.push((Cow::Borrowed(name), Cow::Borrowed(value)));
        }
        return Ok(pairs);
    }
    if let Some(at) = broken_percent(body) {
        return Err(DecodeError::BadPercent(at));
    }
    let mut pairs = Vec::with_capacity(body.iter().filter(|&&b| b == b'&').count() + 1);
    for segment in body.split(|&b| b == b'&').filter(|segment| !segment.is_empty()) {
        let (name, value) = match segment.iter().position(|&b| b == b'=') {
            Some(at) => (&segment[..at], &segment[at + 1..]),
            None => (segment, &segment[segment.len()..]),
        };
        // `&`, `=` and `+` are ASCII, so the body decodes to UTF-8 exactly
        // when every name and value does.
        pairs.push((text(name)?, text(value)?));
    }
    Ok(pairs)
}

/// One name or value: `+` is a space, then `%`-codes are bytes, which must be UTF-8.
fn text(raw: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    if !raw.iter().any(|&b| b == b'%' || b == b'+') {
        return std::str::from_utf8(raw).map(Cow::Borrowed).map_err(|_| DecodeError::NotUtf8);
    }
    let spaced: Vec<u8> = raw.iter().map(|&b| if b == b'+' { b' ' } else { b }).collect();
    let bytes: Vec<u8> = percent_decode(&spaced).collect();
    String::from_utf8(bytes).map(Cow::Owned).map_err(|_| DecodeError::NotUtf8)
}

/// The byte of the first `%` that is not followed by two hex digits.
fn broken_percent(body: &[u8]) -> Option<usize> {
    body.iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'%')
        .map(|(at, _)| at)
        .find(|&at| !body.get(at + 1..at + 3).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    fn owned(decoded: Result<Vec<Pair<'_>>, DecodeError>) -> Result<Vec<(String, String)>, DecodeError> {
        decoded.map(|pairs| pairs.into_iter().map(|(a, b)| (a.into_owned(), b.into_owned())).collect())
    }

    #[test]
    fn decodes_pairs_in_order_with_plus_and_percent() {
        assert_eq!(
            owned(decode(b"a=1&b=two+words&a=%C3%A9&flag&&c=")).unwrap(),
            pairs(&[("a", "1"), ("b", "two words"), ("a", "é"), ("flag", ""), ("c", "")])
        );
        assert_eq!(owned(decode(b"")).unwrap(), pairs(&[]));
        assert_eq!(owned(decode(b"a%26b=c%3Dd")).unwrap(), pairs(&[("a&b", "c=d")]));
        assert_eq!(owned(decode(b"a==b=")).unwrap(), pairs(&[("a", "=b=")]));
    }

    #[test]
    fn borrows_what_was_not_encoded() {
        let decoded = decode(b"fever=no&skin=a+b&pee=%41").unwrap();
        assert!(matches!(decoded[0], (Cow::Borrowed("fever"), Cow::Borrowed("no"))));
        assert!(matches!(&decoded[1].1, Cow::Owned(value) if value == "a b"));
        assert!(matches!(&decoded[2].1, Cow::Owned(value) if value == "A"));
    }

    #[test]
    fn refuses_broken_percent_codes_with_their_position() {
        assert_eq!(decode(b"a=%zz"), Err(DecodeError::BadPercent(2)));
        assert_eq!(decode(b"ab=1&c=%4"), Err(DecodeError::BadPercent(7)));
        assert_eq!(decode(b"%"), Err(DecodeError::BadPercent(0)));
        assert_eq!(decode(b"a=%FF&b=%z"), Err(DecodeError::BadPercent(8)), "named before bad UTF-8");
    }

    #[test]
    fn refuses_invalid_utf8_raw_or_encoded() {
        assert_eq!(decode(b"a=%FF"), Err(DecodeError::NotUtf8));
        assert_eq!(decode(b"a=\xff"), Err(DecodeError::NotUtf8));
        assert_eq!(decode(b"a=%C3&b=%A9"), Err(DecodeError::NotUtf8), "a character split by `&`");
    }

    proptest! {
        /// Whatever arrives, the answer is pairs or a specific refusal:
        /// never a panic, and a broken %-code is named where it is.
        #[test]
        fn any_body_decodes_or_is_refused(body in prop::collection::vec(any::<u8>(), 0..64)) {
            match owned(decode(&body)) {
                Ok(pairs) => {
                    prop_assert!(std::str::from_utf8(&percent_decode(&body).collect::<Vec<u8>>()).is_ok());
                    // The same pairs as the URL standard's (lenient) parser gives.
                    let standard: Vec<(String, String)> =
                        form_urlencoded::parse(&body).map(|(a, b)| (a.into_owned(), b.into_owned())).collect();
                    prop_assert_eq!(pairs, standard);
                }
                Err(DecodeError::BadPercent(at)) => prop_assert_eq!(body[at], b'%'),
                Err(DecodeError::NotUtf8) => {}
            }
        }

        /// What a browser encodes comes back unchanged.
        #[test]
        fn encoded_pairs_round_trip(list in prop::collection::vec((any::<String>(), any::<String>()), 0..6)) {
            let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(&list).finish();
            prop_assert_eq!(owned(decode(body.as_bytes())).unwrap(), list);
        }
    }
}
