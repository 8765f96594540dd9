//! Clinical stories a reader might bring after a massage, each with the
//! answers a real reader would plausibly give and the lowest (and highest)
//! level the NHS advice for that story allows. Run through the real
//! questionnaire and the real step flow, so a change to the questions or
//! rules that under-triages any story fails here.
//!
//! The expected levels are our own reading of the NHS pages named with each
//! story; they have not been reviewed by a clinician.

use std::path::Path;

use knotwise::selfcheck::{
    ACTION_FIELD, Level, Outcome, Questionnaire, STEP_FIELD, assess, load, next, parse_answers, position,
};

use Level::{Emergency, Urgent};

/// Every question answered with its calmest option: ordinary soreness.
/// A calm reader ticks no topic, so the topics' questions are not asked and
/// their answers here are dropped unless the story's reader ticks the topic.
const CALM: &str = "right_now=none areas=shoulders kind=light days=under_1_day trend=better pain=mild risks=none \
    topics=none unwell=no fever=no breathing=no chest=no fainted=no headache=no dizzy=no face=no fall=no \
    limb=no nerves=no skin=no pee=no pregnancy=no";

pub struct Story {
    name: &'static str,
    /// `question=option,option ...`, replacing the calm answers for those questions.
    answers: &'static str,
    /// The lowest level the NHS advice allows.
    min: Level,
    /// The highest level that is not over-triage.
    max: Level,
    /// The NHS page that sets the level.
    source: &'static str,
}

pub const fn story(
    name: &'static str,
    answers: &'static str,
    min: Level,
    max: Level,
    source: &'static str,
) -> Story {
    Story { name, answers, min, max, source }
}

mod fifth_set;
mod first_set;
mod fourth_set;
mod independent;
mod seventh_set;
mod sixth_set;
mod sources;
mod third_set;
mod worried_well;

/// Stories the questionnaire gets right today (each asserted by `every_story`).
fn stories() -> impl Iterator<Item = &'static Story> {
    first_set::STORIES
        .iter()
        .chain(independent::STORIES)
        .chain(third_set::STORIES)
        .chain(fourth_set::STORIES)
        .chain(fifth_set::STORIES)
        .chain(sixth_set::STORIES)
        .chain(seventh_set::DANGER)
        .chain(seventh_set::WORRIED)
        .chain(worried_well::STORIES)
}

fn questionnaire() -> Questionnaire {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles/self-check.toml");
    load(&path).unwrap_or_else(|problems| panic!("self-check.toml: {} problems", problems.len()))
}

fn pairs(spec: &str) -> Vec<(String, String)> {
    spec.split_whitespace()
        .flat_map(|field| {
            let (question, options) = field.split_once('=').expect("question=option");
            options.split(',').map(move |option| (question.to_string(), option.to_string()))
        })
        .collect()
}

/// The story's answers over the calm ones. Unless the story names the
/// topics itself, its reader ticks the topic of every question whose answer
/// differs from the calm one, and the earlier answer that opens a question
/// without a topic ("pregnant" for the pregnancy signs), as a reader with
/// those signs would.
fn form(q: &Questionnaire, changes: &str) -> Vec<(String, String)> {
    let changed = pairs(changes);
    let mut all: Vec<_> =
        pairs(CALM).into_iter().filter(|(q, _)| changed.iter().all(|(c, _)| c != q)).collect();
    if changed.iter().all(|(question, _)| question != "topics") {
        let mut topics: Vec<String> = Vec::new();
        for (question, _) in &changed {
            if let Some(topic) = q.question(question).and_then(|question| question.topic.clone())
                && !topics.contains(&topic)
            {
                topics.push(topic);
            }
        }
        if !topics.is_empty() {
            all.retain(|(question, _)| question != "topics");
            all.extend(topics.into_iter().map(|topic| ("topics".to_string(), topic)));
        }
    }
    // A reader who answers a question opened by an earlier answer that is
    // not a topic (the pregnancy signs, opened by "pregnant") gave it.
    let topics = q.topics_question().map(|question| question.id.as_str());
    let opened: Vec<(String, String)> = changed
        .iter()
        .filter(|(_, option)| option != "no")
        .filter_map(|(question, _)| q.question(question).filter(|question| question.topic.is_none()))
        .flat_map(|question| &question.also_if)
        .filter(|answer| Some(answer.question.as_str()) != topics)
        .map(|answer| (answer.question.clone(), answer.option.clone()))
        .collect();
    for (question, option) in opened {
        let exclusive = q.question(&question).and_then(|found| found.exclusive()).map(|o| o.id.clone());
        all.retain(|(name, chosen)| *name != question || Some(chosen) != exclusive.as_ref());
        if !all.iter().chain(&changed).any(|(name, chosen)| *name == question && *chosen == option) {
            all.push((question, option));
        }
    }
    all.extend(changed);
    all
}

/// The level a reader gets walking the steps one by one, posting only the
/// questions of the steps seen so far, as the browser does; a step with no
/// question for this reader is skipped, as the flow says. Returns the level
/// and the step the result came after.
fn walk(q: &Questionnaire, changes: &str) -> (Level, usize) {
    let all = form(q, changes);
    let mut step = 0;
    for _ in 0..q.steps().len() {
        let seen: Vec<String> =
            (0..=step).flat_map(|s| q.step_questions(s).iter().map(|question| question.id.clone())).collect();
        let mut posted: Vec<_> = all.iter().filter(|(k, _)| seen.contains(k)).cloned().collect();
        posted.push((STEP_FIELD.to_string(), step.to_string()));
        posted.push((ACTION_FIELD.to_string(), "continue".to_string()));
        match next(q, &parse_answers(q, &posted), position(q, &posted)) {
            Outcome::Result(result) => return (result.level, step),
            Outcome::Ask { step: asked, errors } => {
                assert!(errors.is_empty(), "`{changes}`: step {step} asks again with {errors:?}");
                assert!(asked > step, "`{changes}`: step {step} went back to {asked}");
                step = asked;
            }
        }
    }
    panic!("`{changes}`: no result after the last step")
}

fn level(q: &Questionnaire, story: &Story) -> Level {
    let parsed = parse_answers(q, &form(q, story.answers));
    assert!(parsed.errors.is_empty(), "{}: {:?}", story.name, parsed.errors);
    let direct = assess(q, &parsed.answers).level;
    let (walked, _) = walk(q, story.answers);
    assert_eq!(direct, walked, "{}: the step flow and assess disagree", story.name);
    direct
}

fn table(q: &Questionnaire, stories: &[&Story]) -> Vec<String> {
    let mut wrong = Vec::new();
    for story in stories {
        let given = level(q, story);
        let verdict = if given < story.min {
            "UNDER"
        } else if given > story.max {
            "OVER"
        } else {
            "ok"
        };
        println!(
            "{verdict:5} | {} | {} | min {:?} max {:?} | given {given:?} | {}",
            story.name, story.answers, story.min, story.max, story.source
        );
        if verdict != "ok" {
            wrong.push(format!("{verdict}: {} gave {given:?}", story.name));
        }
    }
    wrong
}

/// Hazards H1 to H20: every story gets a level its NHS page allows (see src/selfcheck/hazard-log.md).
#[test]
fn every_story_gets_a_level_the_nhs_advice_allows() {
    let q = questionnaire();
    let stories: Vec<&Story> = stories().collect();
    assert!(stories.len() >= 100);
    let wrong = table(&q, &stories);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Hazards H1 to H19 and H25 (control C1 in src/selfcheck/hazard-log.md).
#[test]
fn an_answer_on_the_first_step_ends_the_check_there() {
    let q = questionnaire();
    for story in stories().filter(|story| story.answers.contains("right_now=")) {
        let (given, step) = walk(&q, story.answers);
        assert_eq!(step, 0, "{}", story.name);
        let expected = if story.answers.contains("right_now=not_sure") { Urgent } else { Emergency };
        assert_eq!(given, expected, "{}", story.name);
    }
}

/// Over-triage: a worried reader whom the NHS would send to a
/// GP, a pharmacist, NHS 111 or self-care is never given more than that.
/// Hazard H20 (src/selfcheck/hazard-log.md).
#[test]
fn no_worried_well_reader_is_sent_above_the_nhs_level() {
    let q = questionnaire();
    let stories: Vec<&Story> = worried_well::STORIES.iter().chain(seventh_set::WORRIED).collect();
    assert!(stories.len() >= 15, "only {} worried-well stories", stories.len());
    for story in &stories {
        assert!(
            story.max < Emergency,
            "{}: a worried-well story's NHS level must be below an emergency",
            story.name
        );
    }
    let wrong = table(&q, &stories);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
