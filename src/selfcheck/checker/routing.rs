//! Checks on routing (which reader is asked which question) and on the
//! answers every reader must find the same way: the "no" answer and
//! "I'm not sure".

use toml::Spanned;

use super::{Checker, FIRST_NOT_SURE, NO_ID, NO_LABEL, NOT_SURE, NOT_SURE_FLOOR};
use crate::selfcheck::model::{Level, Question};
use crate::selfcheck::raw::RawQuestion;

impl Checker<'_> {
    /// Finds the topics question and checks every `topic`, `all_topics` and
    /// `also_if`: a topic must name one of its answers, every topic must
    /// open a question, "not sure" must open them all, and a question asked
    /// by topic must come on a later step. Returns where the topics question is.
    pub(super) fn routing(
        &mut self,
        raw: &[Spanned<RawQuestion>],
        questions: &mut [Question],
    ) -> Option<usize> {
        let flagged: Vec<usize> =
            raw.iter().enumerate().filter(|(_, q)| q.get_ref().topics).map(|(at, _)| at).collect();
        if let [_, second, ..] = flagged[..] {
            self.report(
                &raw[second].get_ref().id.span(),
                "a second question has `topics = true`",
                "Keep `topics = true` on the one question that asks what else is bothering the reader.",
            );
        }
        let topics = flagged.first().copied();
        for (at, spanned) in raw.iter().enumerate() {
            for option in &spanned.get_ref().option {
                if let Some(flag) = option.get_ref().all_topics.as_ref().filter(|flag| *flag.get_ref())
                    && Some(at) != topics
                {
                    self.report(
                        &flag.span(),
                        "`all_topics` is only for an answer of the topics question",
                        "Delete it, or add `topics = true` to this question.",
                    );
                }
            }
        }
        if let Some(at) = topics {
            self.topics_question(&raw[at], &questions[at], at);
        }
        for (at, spanned) in raw.iter().enumerate() {
            let raw_question = spanned.get_ref();
            if let Some(topic) = &raw_question.topic {
                self.topic(topic, at, topics, questions);
                self.no_answer(raw_question, &questions[at]);
            }
            let also_if: Vec<_> = raw_question
                .also_if
                .iter()
                .map(|answer| {
                    let found = self.answer_ref(answer, questions);
                    let (question, _) = found.at;
                    if question != usize::MAX
                        && (question >= at || questions[question].topic.is_some() || !raw[question].get_ref().also_if.is_empty())
                    {
                        self.report(
                            &answer.span(),
                            format!("`also_if` answer `{}` is not asked of everyone before this question", answer.get_ref()),
                            "Name an answer of an earlier question that everyone is asked (no `topic` or `also_if`).",
                        );
                    }
                    found
                })
                .collect();
            questions[at].also_if = also_if;
        }
        if let Some(at) = topics {
            for option in questions[at].options.iter().filter(|o| !o.exclusive && !o.all_topics) {
                if !questions.iter().any(|q| q.topic.as_deref() == Some(option.id.as_str())) {
                    self.report(
                        &raw[at].get_ref().id.span(),
                        format!("topic `{}` opens no question", option.id),
                        format!(
                            "Add `topic = \"{}\"` to the questions it is about, or delete the answer.",
                            option.id
                        ),
                    );
                }
            }
        }
        topics
    }

    fn topics_question(&mut self, raw: &Spanned<RawQuestion>, question: &Question, at: usize) {
        let span = raw.get_ref().id.span();
        let exclusive = question.options.iter().any(|o| o.exclusive);
        let all = question.options.iter().any(|o| o.all_topics);
        if at == 0 || !question.is_multiple() || !exclusive || !all || raw.get_ref().topic.is_some() {
            self.report(
                &span,
                format!("the topics question `{}` cannot route every reader", question.id),
                "Make it `choice = \"multiple\"`, after the first step, with no `topic`, one exclusive \
                 answer for \"only the soreness\" and one `all_topics = true` answer for \"something \
                 else, or not sure\", which opens every topic's questions.",
            );
        }
        if let Some(raised) = question.options.iter().find(|o| o.level.is_some()) {
            self.report(
                &span,
                format!("topic `{}` has a level", raised.id),
                "Delete its `level`: ticking a topic only opens its questions.",
            );
        }
    }

    fn topic(&mut self, topic: &Spanned<String>, at: usize, topics: Option<usize>, questions: &[Question]) {
        let Some(topics_at) = topics else {
            self.report(
                &topic.span(),
                format!("question `{}` has a topic, but no question has `topics = true`", questions[at].id),
                "Add the topics question, or delete `topic`.",
            );
            return;
        };
        let options = &questions[topics_at].options;
        let named = options.iter().any(|o| o.id == *topic.get_ref() && !o.exclusive && !o.all_topics);
        if !named {
            let known: Vec<&str> =
                options.iter().filter(|o| !o.exclusive && !o.all_topics).map(|o| o.id.as_str()).collect();
            self.report(
                &topic.span(),
                format!(
                    "topic `{}` is not an answer of the topics question `{}`",
                    topic.get_ref(),
                    questions[topics_at].id
                ),
                format!("Use one of: {}.", known.join(", ")),
            );
        }
        if at <= topics_at {
            self.report(
                &topic.span(),
                format!(
                    "question `{}` is asked by topic, but comes before the topics question",
                    questions[at].id
                ),
                "Move it after the topics question, on a later step.",
            );
        }
    }

    /// Every topic's question ends with the same "No": a reader finds it
    /// in the same place, in the same words, on every question.
    fn no_answer(&mut self, raw: &RawQuestion, question: &Question) {
        let last = question.options.last();
        let fits = last.is_some_and(|o| {
            o.id == NO_ID && o.label == NO_LABEL && o.level.is_none() && o.exclusive == question.is_multiple()
        });
        if !fits {
            self.report(
                &raw.id.span(),
                format!("question `{}` does not end with the \"No\" answer", question.id),
                format!(
                    "Make its last answer `id = \"{NO_ID}\"`, `label = \"{NO_LABEL}\"`, with no level{}.",
                    if question.is_multiple() { " and `exclusive = true`" } else { "" }
                ),
            );
        }
    }

    /// "I'm not sure" has one policy: urgent on the first step (checked with
    /// the first question), and elsewhere at most one level below the
    /// question's lowest sign, never below the floor some questions have.
    pub(super) fn not_sure_policy(&mut self, raw: &[Spanned<RawQuestion>], questions: &[Question]) {
        for (at, (spanned, question)) in raw.iter().zip(questions).enumerate() {
            let span = spanned.get_ref().id.span();
            let not_sure = question.option(NOT_SURE);
            let floor = NOT_SURE_FLOOR.iter().find(|(id, _)| *id == question.id).map(|(_, level)| *level);
            if at == 0 {
                if not_sure.is_none_or(|o| o.level != Some(FIRST_NOT_SURE)) {
                    self.report(
                        &span,
                        "the first question has no \"I'm not sure\" answer at `urgent`",
                        "Add `[[question.option]]` with `id = \"not_sure\"` and `level = \"urgent\"`: a reader \
                         who cannot tell is told to call the urgent line now, which can send an ambulance.",
                    );
                }
                continue;
            }
            let lowest_sign = question
                .options
                .iter()
                .filter(|o| o.id != NOT_SURE)
                .filter_map(|o| o.level.filter(|level| *level > Level::Expected))
                .min();
            let Some(lowest_sign) = lowest_sign else { continue };
            let mut least = Level::ALL[lowest_sign.index().saturating_sub(1)];
            if let Some(floor) = floor {
                least = least.max(floor);
            }
            match not_sure {
                Some(option) if option.level.is_some_and(|level| level >= least) => {}
                Some(_) => self.report(
                    &span,
                    format!("`{}.not_sure` is below `{}`", question.id, least.id()),
                    format!(
                        "Give it `level = \"{}\"` or higher: \"not sure\" is at most one level below the \
                         question's lowest sign{}.",
                        least.id(),
                        if floor.is_some() {
                            ", and never below contact for fever, breathing or a swollen limb"
                        } else {
                            ""
                        }
                    ),
                ),
                None if floor.is_some() => self.report(
                    &span,
                    format!("question `{}` has no \"I'm not sure\" answer", question.id),
                    format!("Add one with `id = \"not_sure\"` and `level = \"{}\"` or higher.", least.id()),
                ),
                None => {}
            }
        }
    }
}
