//! Emergency signs named in a query.
//!
//! The list is data: the self-check's emergency answers (whatever the
//! questionnaire holds, so a new red flag there is found here too) and the
//! editors' phrases in the synonyms file, for words readers use that the
//! questionnaire does not ("can't breathe", "stroke").

use std::collections::HashSet;

use super::synonyms::Phrase;
use super::text::{FastSet, Stems, fold, is_stopword, words};
use crate::selfcheck::{Level, Questionnaire};

/// Body parts and everyday words for pain. Emergency answers use them to
/// say where a sign is ("spreads to your arms, neck, jaw or back"), so a
/// query made of these alone ("back pain", "neck pain", "sore arm") is in
/// an answer's words without naming its sign: after a massage it is the
/// commonest search there is, and telling that reader to call an ambulance
/// is wrong. A sign that is only such words ("chest pain") is an editors'
/// phrase, which always counts. "Feet" stems apart from "foot", and a
/// blister alone (from shoes, or cupping) is no sign: the burn answer
/// names both, and "blisters on my feet" must find articles first.
const EVERYDAY: [&str; 26] = [
    "pain", "painful", "hurt", "hurts", "ache", "aching", "sore", "tender", "stiff", "back", "neck", "head",
    "arm", "leg", "shoulder", "hip", "knee", "calf", "foot", "feet", "hand", "jaw", "tummy", "belly",
    "bottom", "blister",
];

/// The signs, as stems.
#[derive(Debug, Clone, Default)]
pub(crate) struct Signs {
    /// Editors' phrases: all their words must be in the query, in any order.
    phrases: Vec<Vec<String>>,
    /// The words of each emergency answer of the self-check (stopwords
    /// left out): a query of two or more words, all of them from one
    /// answer and at least one not an [`EVERYDAY`] word, names that sign
    /// ("slurred speech", "swollen lips").
    answers: Vec<HashSet<String>>,
    /// The stems of [`EVERYDAY`].
    everyday: HashSet<String>,
}

impl Signs {
    pub(crate) fn new(questionnaire: &Questionnaire, phrases: &[Phrase], stems: &Stems) -> Signs {
        let answers = questionnaire
            .questions()
            .iter()
            .flat_map(|q| &q.options)
            .filter(|o| o.raises() == Some(Level::Emergency) && o.names_a_sign())
            .map(|o| content_stems(&o.label, stems).into_iter().collect())
            .collect();
        let everyday = EVERYDAY.iter().map(|w| stems.stem(w)).collect();
        Signs { phrases: phrases.iter().map(|p| p.stems.clone()).collect(), answers, everyday }
    }

    /// Whether the query names an emergency sign. `all` is every stem of the
    /// query, stopwords included; `content` the others.
    pub(crate) fn named_in(&self, all: &[String], content: &[&str]) -> bool {
        // Up to 100 words, against every phrase's words: a set, not a scan.
        let all: FastSet<&str> = all.iter().map(String::as_str).collect();
        let phrase = self.phrases.iter().any(|p| p.iter().all(|s| all.contains(s.as_str())));
        let answer = content.len() >= 2
            && content.iter().any(|s| !self.everyday.contains(*s))
            && self.answers.iter().any(|a| content.iter().all(|s| a.contains(*s)));
        phrase || answer
    }
}

/// The stems of the words of `text` that are not stopwords.
pub(crate) fn content_stems(text: &str, stems: &Stems) -> Vec<String> {
    words(text).map(|w| fold(w.text)).filter(|f| !is_stopword(f)).map(|f| stems.stem(&f)).collect()
}
