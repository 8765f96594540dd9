//! "Was this page useful?": the few answers a reader can give about an
//! article, read from the form's fields. Fixed choices only: free text
//! would invite health details, which the site never collects.

use crate::urlencoded::Pair;

/// Yes or No.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    Yes = 0,
    No = 1,
}

impl Answer {
    pub(crate) const ALL: [Answer; 2] = [Answer::Yes, Answer::No];

    /// The form value and the metrics label.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
        }
    }
}

/// What was wrong, asked after No.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reason {
    HardToUnderstand = 0,
    DidNotAnswer = 1,
    LooksWrong = 2,
}

impl Reason {
    pub(crate) const ALL: [Reason; 3] = [Reason::HardToUnderstand, Reason::DidNotAnswer, Reason::LooksWrong];

    /// The form value and the metrics label.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Reason::HardToUnderstand => "hard-to-understand",
            Reason::DidNotAnswer => "did-not-answer",
            Reason::LooksWrong => "looks-wrong",
        }
    }

    /// The words on its button.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Reason::HardToUnderstand => "It was hard to understand",
            Reason::DidNotAnswer => "It did not answer my question",
            Reason::LooksWrong => "Something on it looks wrong",
        }
    }
}

/// One form sent: an answer, or the reason after No, about one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Feedback<'a> {
    Answer { page: &'a str, answer: Answer },
    Reason { page: &'a str, reason: Reason },
}

impl<'a> Feedback<'a> {
    /// The article's slug.
    pub(crate) fn page(&self) -> &'a str {
        match self {
            Feedback::Answer { page, .. } | Feedback::Reason { page, .. } => page,
        }
    }
}

/// The form's fields: `page` and exactly one of `answer` or `reason`, each
/// once, with a value of ours; anything else is refused with what is wrong.
pub(crate) fn parse<'a>(pairs: &'a [Pair<'a>]) -> Result<Feedback<'a>, &'static str> {
    let one = |name: &str| {
        let mut values = pairs.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_ref());
        match (values.next(), values.next()) {
            (value, None) => Ok(value),
            _ => Err("The form was sent with a field twice."),
        }
    };
    if pairs.iter().any(|(name, _)| !matches!(name.as_ref(), "page" | "answer" | "reason")) {
        return Err("The form was sent with a field it does not have.");
    }
    let page =
        one("page")?.filter(|p| !p.is_empty()).ok_or("The form did not say which page it is about.")?;
    match (one("answer")?, one("reason")?) {
        (Some(answer), None) => Answer::ALL
            .into_iter()
            .find(|a| a.id() == answer)
            .map(|answer| Feedback::Answer { page, answer })
            .ok_or("The answer must be Yes or No."),
        (None, Some(reason)) => Reason::ALL
            .into_iter()
            .find(|r| r.id() == reason)
            .map(|reason| Feedback::Reason { page, reason })
            .ok_or("That is not one of the reasons on the form."),
        _ => Err("Choose Yes or No."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::urlencoded::decode;

    fn read(body: &'static str) -> Result<Feedback<'static>, &'static str> {
        let pairs: &'static [Pair<'static>] = Box::leak(decode(body.as_bytes()).unwrap().into_boxed_slice());
        parse(pairs)
    }

    #[test]
    fn reads_an_answer_or_a_reason() {
        assert_eq!(read("page=a-b&answer=yes"), Ok(Feedback::Answer { page: "a-b", answer: Answer::Yes }));
        assert_eq!(read("answer=no&page=a"), Ok(Feedback::Answer { page: "a", answer: Answer::No }));
        assert_eq!(
            read("page=a&reason=looks-wrong"),
            Ok(Feedback::Reason { page: "a", reason: Reason::LooksWrong })
        );
    }

    #[test]
    fn refuses_anything_but_our_fixed_choices() {
        for body in [
            "",
            "page=a",
            "answer=yes",
            "page=&answer=yes",
            "page=a&answer=maybe",
            "page=a&answer=yes&reason=looks-wrong",
            "page=a&answer=yes&answer=no",
            "page=a&page=b&answer=yes",
            "page=a&reason=my+knee+hurts",
            "page=a&answer=yes&comment=hello",
        ] {
            assert!(read(body).is_err(), "{body}");
        }
    }
}
