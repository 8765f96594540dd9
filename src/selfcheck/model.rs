//! The questionnaire as data: questions, their options, the steps they are
//! asked in, the escalation and timing rules, and the advice for each level.
//!
//! The clinical content lives in `articles/self-check.toml`, not in code, so a
//! clinician can review it as one document and a change of wording never needs
//! a programmer. [`super::checker`] builds these values only from a file with
//! no problems, so everything here can be trusted as checked.

use std::ops::Range;

use crate::review::Review;

/// How worrying the answers are, lowest first. `Ord` follows that order, so
/// "the highest level wins" is `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Matches the normal soreness many people get after a massage.
    Expected,
    /// Look after it at home and keep an eye on it.
    SelfCare,
    /// See a GP or a pharmacist in the next few days.
    Contact,
    /// Get medical advice today.
    Urgent,
    /// Call an emergency number now.
    Emergency,
}

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Level; 5] =
        [Level::Expected, Level::SelfCare, Level::Contact, Level::Urgent, Level::Emergency];

    /// The id used in the TOML file and in CSS classes, e.g. `self_care`.
    pub fn id(self) -> &'static str {
        match self {
            Level::Expected => "expected",
            Level::SelfCare => "self_care",
            Level::Contact => "contact",
            Level::Urgent => "urgent",
            Level::Emergency => "emergency",
        }
    }

    /// The level with this [`id`](Level::id).
    pub(crate) fn from_id(id: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.id() == id)
    }

    /// The level's short name, shown in words on the care card so the level
    /// never depends on colour alone.
    pub fn name(self) -> &'static str {
        match self {
            Level::Expected => "Expected",
            Level::SelfCare => "Self-care",
            Level::Contact => "Contact",
            Level::Urgent => "Urgent",
            Level::Emergency => "Emergency",
        }
    }

    /// The headline on the result page. No phone numbers: they differ by
    /// country, so the advice text gives examples instead.
    pub fn title(self) -> &'static str {
        match self {
            Level::Expected => "This sounds like normal soreness",
            Level::SelfCare => "Look after it at home",
            Level::Contact => "Contact your GP or a pharmacist in the next few days",
            Level::Urgent => "Get medical advice today",
            Level::Emergency => "Call an emergency number now",
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

/// Where a reason sends the reader, when its level alone does not say: the
/// result's headline follows the reasons' places, so the headline and the
/// reasons never give two instructions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// Emergency: call an ambulance; do not go by car (stroke, chest pain,
    /// anaphylaxis, sepsis: the crew starts treatment on the way).
    Ambulance,
    /// Emergency: go to A&E now (or call an ambulance if you cannot get there safely).
    AandE,
    /// Urgent: go to A&E today (a blood test, for example).
    AandEToday,
    /// Urgent: call the urgent health line now; it can send an ambulance.
    CallNow,
}

impl Place {
    /// Every place.
    pub const ALL: [Place; 4] = [Place::Ambulance, Place::AandE, Place::AandEToday, Place::CallNow];

    /// The id used in the TOML file.
    pub fn id(self) -> &'static str {
        match self {
            Place::Ambulance => "ambulance",
            Place::AandE => "a_and_e",
            Place::AandEToday => "a_and_e_today",
            Place::CallNow => "call_now",
        }
    }

    /// The place with this [`id`](Place::id).
    pub(crate) fn from_id(id: &str) -> Option<Place> {
        Place::ALL.into_iter().find(|place| place.id() == id)
    }

    /// The level a reason with this place has.
    pub fn level(self) -> Level {
        match self {
            Place::Ambulance | Place::AandE => Level::Emergency,
            Place::AandEToday | Place::CallNow => Level::Urgent,
        }
    }

    /// The result's headline for this place.
    pub fn title(self) -> &'static str {
        match self {
            Place::Ambulance => "Call an ambulance now. Do not go by car",
            Place::AandE => "Go to A&E now",
            Place::AandEToday => "Go to A&E today",
            Place::CallNow => "Call your urgent health line now",
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

/// Whether a question takes one answer (radio buttons) or several (checkboxes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Radio buttons: exactly one answer.
    Single,
    /// Checkboxes: one or more answers.
    Multiple,
}

/// One question of the self-check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Form field name and HTML id; lower-case letters, digits and `_`.
    pub id: String,
    /// A short name for the result page and the answer summary.
    pub label: String,
    /// The full question, shown as the fieldset legend.
    pub legend: String,
    /// Extra help shown under the legend.
    pub hint: Option<String>,
    /// Radio buttons or checkboxes.
    pub choice: Choice,
    /// Asks about a warning sign; only these may lead to help today or sooner.
    pub(crate) red_flag: bool,
    /// The message when the question is left unanswered ("Select ...").
    pub error: String,
    /// The answers offered, in the order shown.
    pub options: Vec<AnswerOption>,
    /// The topic (an option of the topics question) whose readers are asked
    /// this question; `None` for questions everyone is asked.
    pub topic: Option<String>,
    /// Answers on an earlier step that also open this question, whatever
    /// topics were ticked (a reader who says they are pregnant is asked the
    /// pregnancy signs).
    pub also_if: Vec<AnswerRef>,
}

impl Question {
    /// The option with this id.
    pub fn option(&self, id: &str) -> Option<&AnswerOption> {
        self.options.iter().find(|option| option.id == id)
    }

    /// The "None of these" option, if the question has one.
    pub fn exclusive(&self) -> Option<&AnswerOption> {
        self.options.iter().find(|option| option.exclusive)
    }

    /// Whether the question is shown as checkboxes.
    pub(crate) fn is_multiple(&self) -> bool {
        self.choice == Choice::Multiple
    }
}

/// One answer a question offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerOption {
    /// Form value; unique within its question.
    pub id: String,
    /// The words next to the radio button or checkbox.
    pub label: String,
    /// The level this answer alone leads to; `None` for neutral answers.
    pub level: Option<Level>,
    /// Why this answer matters; always present when the option raises the level.
    pub reason: Option<String>,
    /// The article section that explains it; always present when the option raises the level.
    pub link: Option<String>,
    /// What to do about this answer in particular, shown with the reason.
    pub action: Option<String>,
    /// "None of these": must be ticked on its own.
    pub exclusive: bool,
    /// On the topics question: "Something else, or I'm not sure", which
    /// opens every topic's questions, so the short way is never a trap.
    pub(crate) all_topics: bool,
    /// Where this answer sends the reader, if its level alone does not say.
    pub place: Option<Place>,
    /// The signs this answer reports that another answer reports too (on
    /// another page, or in other words): each has one level and one place
    /// wherever it is asked (the checker enforces it).
    pub(super) signs: Vec<String>,
    pub(super) link_line: usize,
}

impl AnswerOption {
    /// The level this answer raises the result to, if it is above `expected`.
    pub fn raises(&self) -> Option<Level> {
        self.level.filter(|level| *level > Level::Expected)
    }

    /// Where a reader who gives this answer is sent: its place, or an
    /// ambulance for an emergency that names none (as the headline does).
    pub(super) fn care(&self) -> Care {
        let place = self.place.or((self.level == Some(Level::Emergency)).then_some(Place::Ambulance));
        (self.level, place)
    }

    /// Whether the answer describes a sign the reader has, rather than
    /// their doubt ("I'm not sure", id `not_sure`): a doubt may raise the
    /// level, but its words name nothing a search should take for a sign.
    pub(crate) fn names_a_sign(&self) -> bool {
        self.id != NOT_SURE
    }
}

/// Where an answer sends the reader: its level and its place.
pub(super) type Care = (Option<Level>, Option<Place>);

/// The option id of an "I'm not sure" answer.
const NOT_SURE: &str = "not_sure";

/// A question and one of its options, written `question.option` in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRef {
    /// The question id.
    pub question: String,
    /// The option id within that question.
    pub option: String,
    /// Where both are in the questionnaire (question, option), found once by
    /// the checker so that rules read answers without comparing ids.
    pub(super) at: (usize, usize),
}

/// A rule that raises the level for a combination of answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Every group must match; within a group, any one selected answer will do.
    pub when: Vec<Vec<AnswerRef>>,
    /// The level the rule raises the result to.
    pub level: Level,
    /// Why the combination matters.
    pub reason: String,
    /// The article section that explains it.
    pub link: String,
    /// What to do about this combination in particular, shown with the reason.
    pub action: Option<String>,
    /// Where it sends the reader; every emergency rule has one.
    pub place: Option<Place>,
    pub(super) link_line: usize,
}

/// One page of the self-check: a heading and the questions asked on it.
/// The first step is always the emergency question on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The page's heading.
    pub heading: String,
    /// Which of [`Questionnaire::questions`] it asks, in order.
    pub questions: Range<usize>,
}

/// What to do at one level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    /// What to do now.
    pub now: String,
    /// What to do if it gets worse.
    pub(crate) if_worse: String,
}

/// The whole self-check, checked and ready to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Questionnaire {
    pub(super) questions: Vec<Question>,
    pub(super) steps: Vec<Step>,
    pub(super) escalations: Vec<Rule>,
    pub(super) timing: Vec<Rule>,
    pub(super) advice: Vec<Advice>,
    /// The advice for each place, in [`Place::ALL`] order (the ambulance's
    /// is the emergency level's, so its entry is empty).
    pub(super) place_advice: Vec<Advice>,
    pub(super) review: Option<Review>,
    /// Where the topics question is ("Is anything else bothering you?").
    pub(super) topics: Option<usize>,
}

impl Questionnaire {
    /// Every question, in the order they are asked.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.position(id).map(|at| &self.questions[at])
    }

    /// Where the question with this id is in [`questions`](Self::questions).
    pub fn position(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|question| question.id == id)
    }

    /// The steps, in the order they are asked; never empty.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The questions asked on step `index` (none past the last step).
    pub fn step_questions(&self, index: usize) -> &[Question] {
        self.steps.get(index).map_or(&[], |step| &self.questions[step.questions.clone()])
    }

    /// Whether the question at `question` is asked of a reader whose answers
    /// tick what `ticked(question, option)` says: every question without a
    /// topic or `also_if` is; a topic's question is when its topic, or "not
    /// sure", is ticked on the topics question, or one of its `also_if`
    /// answers is. A question opened only by an earlier answer that is not a
    /// topic (the pregnancy signs, by "pregnant") is not opened by "not sure":
    /// that answer is asked of everyone already.
    pub fn asks(&self, question: usize, ticked: impl Fn(usize, usize) -> bool) -> bool {
        let Some(asked) = self.questions.get(question).filter(|q| q.topic.is_some() || !q.also_if.is_empty())
        else {
            return true;
        };
        let topic = asked.topic.as_deref();
        let routed = topic.is_some() || asked.also_if.iter().any(|answer| Some(answer.at.0) == self.topics);
        let by_topic = routed
            && self.topics.is_some_and(|at| {
                self.questions[at].options.iter().enumerate().any(|(option_at, option)| {
                    (option.all_topics || Some(option.id.as_str()) == topic) && ticked(at, option_at)
                })
            });
        by_topic || asked.also_if.iter().any(|answer| ticked(answer.at.0, answer.at.1))
    }

    /// The topics question, if the questionnaire routes by topic.
    pub fn topics_question(&self) -> Option<&Question> {
        self.topics.map(|at| &self.questions[at])
    }

    /// The index of the step that asks this question.
    pub fn step_of(&self, question: &str) -> Option<usize> {
        let at = self.position(question)?;
        self.steps.iter().position(|step| step.questions.contains(&at))
    }

    /// Rules that raise the level for combinations of answers.
    pub(crate) fn escalations(&self) -> &[Rule] {
        &self.escalations
    }

    /// Rules about how long ago the massage was and how the soreness is going.
    pub fn timing(&self) -> &[Rule] {
        &self.timing
    }

    /// The advice for a level; every level has some.
    pub fn advice(&self, level: Level) -> &Advice {
        &self.advice[level.index()]
    }

    /// The advice for a result at `level` whose headline is `place`: an
    /// ambulance is the emergency level's own advice; the other places have
    /// their own.
    pub(crate) fn result_advice(&self, level: Level, place: Option<Place>) -> &Advice {
        match place {
            Some(place) if place != Place::Ambulance => &self.place_advice[place.index()],
            _ => self.advice(level),
        }
    }

    /// The clinical review, or `None` while the questions have not been reviewed.
    pub fn review(&self) -> Option<&Review> {
        self.review.as_ref()
    }

    /// Every sentence a reader sees (legends, hints, answers, reasons,
    /// actions and advice), one per line, for the readability check the
    /// articles pass too. Labels without a full stop get one, so each counts
    /// as a sentence of its own.
    pub fn prose(&self) -> String {
        let mut lines: Vec<&str> = Vec::new();
        for question in &self.questions {
            lines.push(&question.legend);
            lines.extend(question.hint.as_deref());
            for option in &question.options {
                lines.push(&option.label);
                lines.extend(option.reason.as_deref());
                lines.extend(option.action.as_deref());
            }
        }
        for rule in self.escalations.iter().chain(&self.timing) {
            lines.push(&rule.reason);
            lines.extend(rule.action.as_deref());
        }
        for advice in self.advice.iter().chain(&self.place_advice) {
            lines.extend([advice.now.as_str(), advice.if_worse.as_str()]);
        }
        lines
            .into_iter()
            .map(|line| {
                let line = line.trim();
                if line.ends_with(['.', '?', '!']) { line.to_string() } else { format!("{line}.") }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Every article link with its line in the file, so the site can check
    /// that each one points at a section that exists.
    pub fn links(&self) -> Vec<(usize, String)> {
        let options = self.questions.iter().flat_map(|question| &question.options);
        let from_options =
            options.filter_map(|option| option.link.clone().map(|link| (option.link_line, link)));
        let rules = self.escalations.iter().chain(&self.timing);
        from_options.chain(rules.map(|rule| (rule.link_line, rule.link.clone()))).collect()
    }
}
