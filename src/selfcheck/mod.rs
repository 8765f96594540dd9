//! The post-massage self-check: a short questionnaire that suggests how soon
//! to get help. It triages; it never diagnoses.
//!
//! The pipeline, each step a plain value that can be tested on its own:
//!
//! 1. `articles/self-check.toml` --[`load`]/[`parse`]--> [`Questionnaire`]
//!    (checked once at start-up; every problem reported with its line);
//! 2. decoded form pairs --[`parse_answers`]--> [`Parsed`]: the [`Answers`]
//!    plus a [`FieldError`] for every question that needs an answer (nothing
//!    a form can send is refused: a changed hidden field is a field error);
//! 3. [`Answers`] --[`assess`]--> [`Assessment`]: the [`Level`], the
//!    [`Reason`]s (each with its own action, if any) and the [`Advice`];
//! 4. [`Parsed`] and the posted [`Position`] --[`next`]--> [`Outcome`]: the
//!    result, or which step to ask with which messages. An emergency is never
//!    held back behind a validation message; the web layer holds no rule.
//!
//! No HTTP, templates or I/O live here, apart from reading the file in [`load`].

mod answers;
mod assess;
mod checker;
mod flow;
mod headline;
mod model;
mod raw;

pub use answers::{Answers, FieldError, Parsed, parse_answers};
pub use assess::{Assessment, Reason, assess};
pub use checker::{load, parse};
pub use flow::{ACTION_FIELD, Action, Outcome, Position, STEP_FIELD, next, position};
pub use model::{Advice, AnswerOption, AnswerRef, Choice, Level, Place, Question, Questionnaire, Rule, Step};

/// Shared by the tests of all three steps: the real questionnaire, and answer
/// sets written as one readable line.
#[cfg(test)]
mod testing {
    use std::path::Path;
    use std::sync::OnceLock;

    use super::{Answers, Questionnaire, load, parse_answers};

    /// `articles/self-check.toml`, loaded once.
    pub(super) fn real() -> &'static Questionnaire {
        static REAL: OnceLock<Questionnaire> = OnceLock::new();
        REAL.get_or_init(|| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles/self-check.toml");
            load(&path).unwrap_or_else(|problems| {
                let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
                panic!("articles/self-check.toml has problems:\n{}", list.join("\n"))
            })
        })
    }

    /// A complete answer set that describes ordinary soreness: every question
    /// answered with its calmest option (a calm reader is not asked the
    /// topics' questions; their answers here are dropped unless a topic is ticked).
    pub(super) const CALM: &str = "right_now=none areas=shoulders kind=light days=under_1_day trend=better \
        pain=mild risks=none topics=none unwell=no fever=no breathing=no chest=no fainted=no headache=no \
        dizzy=no face=no fall=no limb=no nerves=no skin=no pee=no pregnancy=no";

    /// Form pairs from `question=option,option ...`.
    pub(super) fn pairs(spec: &str) -> Vec<(String, String)> {
        spec.split_whitespace()
            .flat_map(|field| {
                let (question, options) = field.split_once('=').expect("write question=option");
                options.split(',').map(move |option| (question.to_string(), option.to_string()))
            })
            .collect()
    }

    /// Form pairs for [`CALM`] with the questions named in `changes` answered
    /// as written there instead. Unless `changes` names the topics, the reader
    /// ticks the topic of every changed question that has one, as a reader
    /// with those signs would.
    pub(super) fn calm_except(changes: &str) -> Vec<(String, String)> {
        let changed = pairs(changes);
        let mut all: Vec<(String, String)> = pairs(CALM)
            .into_iter()
            .filter(|(question, _)| changed.iter().all(|(q, _)| q != question))
            .collect();
        if changed.iter().all(|(q, _)| q != "topics") {
            let mut topics: Vec<String> = changed
                .iter()
                .filter_map(|(q, _)| real().question(q).and_then(|question| question.topic.clone()))
                .collect();
            topics.dedup();
            if !topics.is_empty() {
                all.retain(|(q, _)| q != "topics");
                all.extend(topics.into_iter().map(|topic| ("topics".to_string(), topic)));
            }
        }
        // A reader who answers a question opened by an earlier answer that
        // is not a topic (the pregnancy signs, opened by "pregnant") gave it.
        let topics = real().topics_question().map(|question| question.id.as_str());
        let opened: Vec<(String, String)> = changed
            .iter()
            .filter(|(_, option)| option != "no")
            .filter_map(|(question, _)| real().question(question).filter(|q| q.topic.is_none()))
            .flat_map(|question| &question.also_if)
            .filter(|answer| Some(answer.question.as_str()) != topics)
            .map(|answer| (answer.question.clone(), answer.option.clone()))
            .collect();
        for (question, option) in opened {
            let exclusive = real().question(&question).and_then(|q| q.exclusive()).map(|o| o.id.clone());
            all.retain(|(q, o)| *q != question || Some(o) != exclusive.as_ref());
            if !all.iter().chain(&changed).any(|(q, o)| *q == question && *o == option) {
                all.push((question, option));
            }
        }
        all.extend(changed);
        all
    }

    /// Answers for [`CALM`] changed by `changes`, which must leave no field errors.
    pub(super) fn answers(changes: &str) -> Answers<'static> {
        let parsed = parse_answers(real(), &calm_except(changes));
        assert!(parsed.errors.is_empty(), "`{changes}` left errors: {:?}", parsed.errors);
        parsed.answers
    }
}
