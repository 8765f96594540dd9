//! A few fixed strings found in long text: the numbers to call in every
//! article's prose (`markup::text_with_tel`) and `knotwise new`'s
//! placeholders in every article's source (`content::gate`). Both run on
//! every article at start-up, where comparing each string at every byte,
//! or searching the text once per string, was a tenth to a fifth of the
//! CPU at 10,000 articles (perf).

/// Strings to find, and the bytes that can begin one.
#[derive(Debug)]
pub(crate) struct Needles<'n> {
    needles: Vec<&'n str>,
    begins: [bool; 256],
}

impl<'n> Needles<'n> {
    /// The strings to find, in the order [`find`](Self::find) numbers
    /// them. An empty one is never found.
    pub(crate) fn new(needles: impl IntoIterator<Item = &'n str>) -> Needles<'n> {
        let needles: Vec<&'n str> = needles.into_iter().collect();
        let mut begins = [false; 256];
        for needle in &needles {
            if let Some(&first) = needle.as_bytes().first() {
                begins[usize::from(first)] = true;
            }
        }
        Needles { needles, begins }
    }

    /// Every place in `text` where a string starts, as its byte offset and
    /// the string's number, by offset and then in the strings' order. They
    /// are compared only where a byte that can begin one stands; a string
    /// starts with a character's first byte, so every offset is on a
    /// character boundary.
    pub(crate) fn find<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        let bytes = text.as_bytes();
        (0..bytes.len()).filter(|&at| self.begins[usize::from(bytes[at])]).flat_map(move |at| {
            self.needles
                .iter()
                .enumerate()
                .filter(move |(_, needle)| !needle.is_empty() && bytes[at..].starts_with(needle.as_bytes()))
                .map(move |(i, _)| (at, i))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Needles;

    #[test]
    fn every_place_is_found_in_order_on_character_boundaries() {
        let needles = Needles::new(["111", "11", "", "é9"]);
        let text = "é9 call 111, «11»";
        let found: Vec<(usize, usize)> = needles.find(text).collect();
        let at_111 = text.find("111").unwrap();
        let at_11 = text.rfind("11").unwrap();
        assert_eq!(found, [(0, 3), (at_111, 0), (at_111, 1), (at_111 + 1, 1), (at_11, 1)]);
        assert!(found.iter().all(|&(at, _)| text.is_char_boundary(at)));
        assert_eq!(Needles::new([""]).find("anything").count(), 0, "an empty string is never found");
    }
}
