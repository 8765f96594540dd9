//! One rule per sign: a sign asked in two places (on the first page and
//! again later, or in two topics) must send the reader to the same level and
//! the same place in both, or a reader's result would depend on which page
//! they happened to tick it on. Answers that report the same sign name it in
//! `signs = ["..."]`, and the checker compares them.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use super::{Checker, NOT_SURE};
use crate::selfcheck::model::{Care, Question};
use crate::selfcheck::raw::RawQuestion;

/// One answer that names a sign.
struct Naming {
    answer: String,
    care: Care,
    span: Range<usize>,
}

impl Checker<'_> {
    /// Every sign named in `signs` must be named by at least two answers,
    /// and all of them must have the same level and the same place.
    pub(super) fn one_rule_per_sign(&mut self, raw: &[Spanned<RawQuestion>], questions: &[Question]) {
        let mut by_sign: BTreeMap<String, Vec<Naming>> = BTreeMap::new();
        for (raw_question, question) in raw.iter().zip(questions) {
            for (raw_option, option) in raw_question.get_ref().option.iter().zip(&question.options) {
                let answer = format!("{}.{}", question.id, option.id);
                for (sign, spanned) in option.signs.iter().zip(&raw_option.get_ref().signs) {
                    if option.id == NOT_SURE || option.raises().is_none() {
                        self.report(
                            &spanned.span(),
                            format!("answer `{answer}` names sign `{sign}` but reports no sign that raises the level"),
                            "Delete `signs`: only an answer that raises the level reports a sign (\"not sure\" \
                             reports a doubt).",
                        );
                        continue;
                    }
                    let naming = Naming { answer: answer.clone(), care: option.care(), span: spanned.span() };
                    by_sign.entry(sign.clone()).or_default().push(naming);
                }
            }
        }
        for (sign, namings) in &by_sign {
            let [first, rest @ ..] = &namings[..] else { continue };
            if rest.is_empty() {
                self.report(
                    &first.span,
                    format!("sign `{sign}` is named by one answer only, `{}`", first.answer),
                    format!(
                        "Add `signs = [\"{sign}\"]` to the other answer that asks about this sign, or delete \
                         it here if no other answer does."
                    ),
                );
            }
            for other in rest.iter().filter(|other| other.care != first.care) {
                let first_line = self.line(&first.span);
                self.report(
                    &other.span,
                    format!(
                        "sign `{sign}` sends the reader to {} at `{}`, but to {} at `{}` on line {first_line}",
                        describe(other.care),
                        other.answer,
                        describe(first.care),
                        first.answer,
                    ),
                    "Give both answers the same `level` and `place` (the level the NHS page gives this \
                     sign), or, if they ask about different signs, give each its own name.",
                );
            }
        }
    }
}

/// "`urgent`", "`emergency` (`a_and_e`)".
fn describe((level, place): Care) -> String {
    let level = level.map_or("no level".to_string(), |level| format!("`{}`", level.id()));
    match place {
        Some(place) => format!("{level} (`{}`)", place.id()),
        None => level,
    }
}
