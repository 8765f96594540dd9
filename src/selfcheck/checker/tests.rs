//! The checker's tests: one snippet per problem, each named by its line.

use super::super::model::Care;
use super::super::testing::real;
use super::*;

const FILE: &str = "articles/self-check.toml";

/// Valid advice for every level, put after each snippet so that a snippet
/// only shows the problem it is about and its line numbers stay put.
const ADVICE: &str = r#"
[advice.expected]
now = "a"
if_worse = "b"
[advice.self_care]
now = "a"
if_worse = "b"
[advice.contact]
now = "a"
if_worse = "b"
[advice.urgent]
now = "a"
if_worse = "b"
[advice.emergency]
now = "a"
if_worse = "b"
"#;

/// A valid red-flag question to build snippets on (lines 1 to 19).
const RED_FLAG: &str = r#"[[question]]
id = "leg"
label = "Leg"
legend = "Is one leg swollen?"
choice = "single"
red_flag = true
error = "Select whether one leg is swollen"

[[question.option]]
id = "yes"
label = "Yes"
level = "urgent"
reason = "It can be a clot."
link = "/articles/warning-signs#blood-clot"

[[question.option]]
id = "no"
label = "No"

"#;

/// The first question must be the emergency step (tested on its own below);
/// the snippets start with an ordinary question to keep their line numbers
/// short, so that one problem is left out here.
fn problems(snippet: &str) -> Vec<Problem> {
    match parse(Path::new(FILE), &format!("{snippet}{ADVICE}")) {
        Ok(_) => panic!("no problem found in:\n{snippet}"),
        Err(problems) => {
            let rest: Vec<Problem> =
                problems.into_iter().filter(|p| !p.message.starts_with("the first question")).collect();
            assert!(!rest.is_empty(), "no problem found in:\n{snippet}");
            rest
        }
    }
}

/// A valid emergency question (lines 1 to 19), to put first where a whole
/// file must be valid.
const EMERGENCY: &str = r#"[[question]]
id = "right_now"
label = "Now"
legend = "Do you have any of these?"
choice = "multiple"
red_flag = true
error = "Select any you have"

[[question.option]]
id = "stroke"
label = "Stroke"
level = "emergency"
reason = "It can be a stroke."
link = "/articles/warning-signs#stroke-signs"

[[question.option]]
id = "not_sure"
label = "Not sure"
level = "urgent"
reason = "Call the urgent line now."
link = "/articles/warning-signs#stroke-signs"

[[question.option]]
id = "none"
label = "None of these"
exclusive = true
"#;

/// Asserts that one problem is on `line` and its message contains `words`.
#[track_caller]
fn assert_problem(problems: &[Problem], line: usize, words: &str) {
    let found = problems.iter().any(|p| p.line == Some(line) && p.message.contains(words));
    let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(found, "no problem on line {line} saying `{words}` in:\n{}", all.join("\n"));
    assert!(problems.iter().all(|p| p.file == Path::new(FILE) && !p.fix.is_empty()));
}

#[test]
fn the_real_questionnaire_has_no_problems() {
    let q = real();
    assert!(q.review().is_none(), "no clinical review has happened yet: leave the review fields out");
}

#[test]
fn the_real_questionnaire_starts_with_the_emergency_signs() {
    let first = &real().questions()[0];
    assert!(first.red_flag && first.is_multiple());
    let signs = first.options.iter().filter(|o| !o.exclusive && o.id != "not_sure");
    assert!(signs.clone().count() >= 10);
    assert!(signs.into_iter().all(|o| o.level == Some(Level::Emergency)));
    assert_eq!(first.option("not_sure").and_then(|o| o.level), Some(Level::Urgent), "not sure: call 111 now");
    assert_eq!(first.exclusive().map(|o| o.label.as_str()), Some("None of these"));
}

#[test]
fn the_real_questionnaire_links_only_to_sections_being_written() {
    const SECTIONS: &[&str] = &[
        "/articles/warning-signs#blood-clot",
        "/articles/warning-signs#muscle-breakdown",
        "/articles/warning-signs#nerve-injury",
        "/articles/warning-signs#infection",
        "/articles/warning-signs#large-bruises",
        "/articles/warning-signs#headache-after-neck-massage",
        "/articles/warning-signs#stroke-signs",
        "/articles/warning-signs#soreness-that-lasts",
        "/articles/warning-signs#fever",
        "/articles/soreness-after-massage#what-is-normal",
        "/articles/soreness-after-massage#how-long-it-lasts",
        "/articles/soreness-after-massage#when-to-worry",
        "/articles/soreness-after-massage#heart-attack",
        "/articles/soreness-after-massage#feeling-low",
        "/articles/soreness-after-massage#fits",
        "/articles/soreness-after-massage#long-term-conditions",
        "/articles/soreness-after-massage#children",
        "/articles/soreness-after-massage#high-blood-sugar",
        "/articles/soreness-after-massage#fever-and-headache",
        "/articles/soreness-after-massage#hearing",
        "/articles/muscle-pain-that-lasts#heat-and-painkillers",
        "/articles/mistakes-that-make-knots-worse#near-nerves",
        "/articles/mistakes-that-make-knots-worse#massage-guns",
        "/articles/mistakes-that-make-knots-worse#swollen-calf",
        "/articles/mistakes-that-make-knots-worse#dry-needling",
        "/articles/aftercare-first-three-days",
        "/articles/aftercare-first-three-days#head-injury",
        "/articles/aftercare-first-three-days#too-hot",
        "/articles/aftercare-first-three-days#low-blood-sugar",
        "/articles/aftercare-first-three-days#bleeding",
        "/articles/aftercare-first-three-days#oil-in-eye",
        "/articles/aftercare-first-three-days#nosebleed",
        "/articles/massage-in-pregnancy#warning-signs",
        "/articles/massage-in-pregnancy#fall-or-knock",
        "/articles/emergency-signs",
        "/articles/emergency-signs#stroke-and-tia",
        "/articles/emergency-signs#clot-in-the-lungs",
        "/articles/emergency-signs#chest-tenderness",
        "/articles/emergency-signs#sepsis",
        "/articles/emergency-signs#clot-in-the-arm",
        "/articles/emergency-signs#compartment-syndrome",
        "/articles/emergency-signs#cauda-equina",
        "/articles/emergency-signs#allergic-reaction",
        "/articles/emergency-signs#burns",
        "/articles/emergency-signs#pregnancy-warning-signs",
        "/articles/emergency-signs#torn-neck-artery",
        "/articles/emergency-signs#fainting",
        "/articles/emergency-signs#dizziness",
        "/articles/emergency-signs#feeling-very-unwell",
    ];
    let links = real().links();
    assert!(links.len() > 30);
    for (line, link) in links {
        assert!(SECTIONS.contains(&link.as_str()), "{FILE}:{line}: `{link}` is not a planned section");
    }
}

#[test]
fn links_carry_the_line_they_are_on() {
    let q = parse(Path::new(FILE), &format!("{EMERGENCY}{RED_FLAG}{ADVICE}")).unwrap();
    let links = q.links();
    assert_eq!(
        links,
        [
            (14, "/articles/warning-signs#stroke-signs".to_string()),
            (21, "/articles/warning-signs#stroke-signs".to_string()),
            (40, "/articles/warning-signs#blood-clot".to_string())
        ]
    );
}

#[test]
fn level_ids_round_trip_and_titles_name_no_phone_number() {
    for level in Level::ALL {
        assert_eq!(Level::from_id(level.id()), Some(level));
        assert!(!level.title().contains(|c: char| c.is_ascii_digit()), "{}", level.title());
    }
    assert!(Level::Expected < Level::SelfCare && Level::Urgent < Level::Emergency);
    assert_eq!(Level::from_id("self-care"), None);
}

#[test]
fn a_toml_syntax_error_names_its_line() {
    let problems = problems("[[question]]\nid = \"leg\"\nlabel = \"Leg\nlegend = \"x\"\n");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, Some(3), "{}", problems[0]);
}

#[test]
fn an_unknown_field_names_its_line() {
    let snippet = RED_FLAG.replace("label = \"No\"", "lable = \"No\"");
    let problems = problems(&snippet);
    assert_problem(&problems, 18, "unknown field `lable`");
    assert!(problems[0].fix.contains("Rename"));
}

#[test]
fn an_unknown_level_names_its_line() {
    let problems = problems(&RED_FLAG.replace("\"urgent\"", "\"urgnt\""));
    assert_problem(&problems, 12, "`urgnt` is not a level");
    assert!(problems[0].fix.contains("self_care"));
}

#[test]
fn advice_for_an_unknown_level_is_a_problem() {
    let problems = problems(&format!("{RED_FLAG}[advice.selfcare]\nnow = \"a\"\nif_worse = \"b\"\n"));
    assert_problem(&problems, 20, "`selfcare` is not a level");
}

#[test]
fn a_level_without_advice_is_a_problem() {
    let text = format!("{RED_FLAG}{}", ADVICE.replace("[advice.contact]", "[advice.urgent_spare]"));
    let problems = parse(Path::new(FILE), &text).unwrap_err();
    assert!(problems.iter().any(|p| p.message == "level `contact` has no advice" && p.line.is_some()));
}

#[test]
fn a_file_with_no_advice_at_all_says_so_for_every_level() {
    let problems = parse(Path::new(FILE), RED_FLAG).unwrap_err();
    assert_eq!(problems.iter().filter(|p| p.message.ends_with("has no advice")).count(), 5);
}

#[test]
fn a_duplicate_question_id_names_both_lines() {
    let problems = problems(&format!("{RED_FLAG}{RED_FLAG}"));
    assert_problem(&problems, 21, "question id `leg` is already used on line 2");
}

#[test]
fn a_duplicate_option_id_names_both_lines() {
    let problems = problems(&RED_FLAG.replace("id = \"no\"", "id = \"yes\""));
    assert_problem(&problems, 17, "option id `yes` is already used in question `leg` on line 10");
}

#[test]
fn an_id_that_cannot_be_a_field_name_is_a_problem() {
    let problems = problems(&RED_FLAG.replace("id = \"no\"", "id = \"No way\""));
    assert_problem(&problems, 17, "may only use lower-case letters");
}

#[test]
fn an_exclusive_option_in_a_single_choice_question_is_a_problem() {
    let problems = problems(&RED_FLAG.replace("label = \"No\"", "label = \"No\"\nexclusive = true"));
    assert_problem(&problems, 19, "a single-choice question is exclusive already");
}

#[test]
fn a_second_exclusive_option_is_a_problem() {
    let snippet = RED_FLAG
        .replace("\"single\"", "\"multiple\"")
        .replace("label = \"No\"", "label = \"No\"\nexclusive = true\n\n[[question.option]]\nid = \"unsure\"\nlabel = \"Not sure\"\nexclusive = true");
    let problems = problems(&snippet);
    assert_problem(&problems, 24, "second exclusive option `unsure` (the first is `no`)");
    assert_eq!(problems.len(), 1);
}

#[test]
fn an_exclusive_option_with_a_level_is_a_problem() {
    let snippet = RED_FLAG
        .replace("\"single\"", "\"multiple\"")
        .replace("label = \"No\"", "label = \"No\"\nlevel = \"expected\"\nexclusive = true");
    assert_problem(&problems(&snippet), 20, "exclusive option `leg.no` has a level");
}

#[test]
fn a_raising_option_without_reason_or_link_is_a_problem() {
    let snippet = RED_FLAG
        .replace("reason = \"It can be a clot.\"\n", "")
        .replace("link = \"/articles/warning-signs#blood-clot\"\n", "");
    let problems = problems(&snippet);
    assert_problem(&problems, 10, "raises the level to `urgent` but has no reason");
    assert_problem(&problems, 10, "raises the level to `urgent` but has no link");
}

#[test]
fn a_reason_on_an_option_that_raises_nothing_is_a_problem() {
    let problems = problems(&RED_FLAG.replace("label = \"No\"", "label = \"No\"\nreason = \"Fine.\""));
    assert_problem(&problems, 19, "has a reason but does not raise the level");
}

#[test]
fn a_link_that_is_not_an_article_path_is_a_problem() {
    let problems = problems(&RED_FLAG.replace("/articles/warning-signs#blood-clot", "https://example.com"));
    assert_problem(&problems, 14, "is not a path to an article");
}

#[test]
fn an_error_message_must_say_what_to_do() {
    let problems = problems(&RED_FLAG.replace("Select whether", "You must say whether"));
    assert_problem(&problems, 7, "does not say what to do");
}

/// Hazards H1 to H19, control C1 (src/selfcheck/hazard-log.md).
#[test]
fn the_first_question_must_ask_only_about_emergency_signs() {
    let problems = parse(Path::new(FILE), &format!("{RED_FLAG}{ADVICE}")).unwrap_err();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_problem(&problems, 2, "must ask only about emergency signs");
    assert!(problems.iter().any(|p| p.fix.contains("exclusive = true")));
    assert_problem(&problems, 2, "has no \"I'm not sure\" answer at `urgent`");
    let emergency_not_sure = EMERGENCY.replace("level = \"urgent\"", "level = \"emergency\"");
    let problems = parse(Path::new(FILE), &format!("{emergency_not_sure}{RED_FLAG}{ADVICE}")).unwrap_err();
    assert_problem(&problems, 2, "must ask only about emergency signs");
}

#[test]
fn the_emergency_question_is_a_step_of_its_own_and_step_starts_a_new_one() {
    let second = RED_FLAG.replace("id = \"leg\"", "id = \"arm\"");
    let third = RED_FLAG.replace("choice = \"single\"", "step = \"Your legs\"\nchoice = \"single\"");
    let q = parse(Path::new(FILE), &format!("{EMERGENCY}{RED_FLAG}{second}{third}{ADVICE}"));
    let problems = q.clone().err().unwrap_or_default();
    assert_eq!(problems.len(), 1, "only the duplicate id: {problems:#?}");
    let fixed = format!("{EMERGENCY}{RED_FLAG}{second}{}{ADVICE}", third.replace("\"leg\"", "\"foot\""));
    let q = parse(Path::new(FILE), &fixed).unwrap();
    let steps: Vec<(&str, usize)> =
        q.steps().iter().map(|step| (step.heading.as_str(), step.questions.len())).collect();
    assert_eq!(steps, [("Emergency signs", 1), ("More questions", 2), ("Your legs", 1)]);
    assert_eq!(q.step_of("foot"), Some(2));
    assert_eq!(q.step_questions(1)[1].id, "arm");
    assert!(q.step_questions(9).is_empty());
}

#[test]
fn a_question_id_the_form_uses_itself_is_a_problem() {
    for reserved in RESERVED_NAMES {
        let problems = problems(&RED_FLAG.replace("id = \"leg\"", &format!("id = \"{reserved}\"")));
        assert_problem(&problems, 2, &format!("question id `{reserved}` is a name the self-check form uses"));
        assert!(problems[0].fix.contains("`change`"), "{}", problems[0].fix);
    }
}

#[test]
fn an_action_on_an_option_that_raises_nothing_is_a_problem() {
    let problems = problems(&RED_FLAG.replace("label = \"No\"", "label = \"No\"\naction = \"Rest.\""));
    assert_problem(&problems, 19, "has a action but does not raise the level");
}

/// Hazards H1 to H19, control C4 (src/selfcheck/hazard-log.md).
#[test]
fn an_urgent_answer_in_a_question_that_is_not_a_red_flag_is_a_problem() {
    let problems = problems(&RED_FLAG.replace("red_flag = true\n", ""));
    assert_problem(&problems, 2, "needs help today or sooner, but is not a red flag");
}

#[test]
fn a_rule_naming_a_missing_question_or_option_is_a_problem() {
    let rule = "[[escalation]]\nwhen = [[\"leg.yes\"], [\"arms.weak\", \"leg.maybe\", \"legyes\"]]\nlevel = \"emergency\"\nreason = \"r\"\nlink = \"/articles/warning-signs#blood-clot\"\n";
    let problems = problems(&format!("{RED_FLAG}{rule}"));
    assert_problem(&problems, 21, "rule names question `arms`, which does not exist");
    assert_problem(&problems, 21, "rule names option `maybe`, which question `leg` does not have");
    assert_problem(&problems, 21, "`legyes` does not name a question and an answer");
    assert_eq!(problems.len(), 3);
}

#[test]
fn a_rule_without_reason_link_or_conditions_is_a_problem() {
    let problems = problems(&format!("{RED_FLAG}[[escalation]]\nwhen = []\nlevel = \"urgent\"\n"));
    assert_problem(&problems, 21, "has an empty `when`");
    assert_problem(&problems, 22, "this escalation rule has no reason");
    assert_problem(&problems, 22, "this escalation rule has no link");
}

#[test]
fn a_rule_that_raises_nothing_is_a_problem() {
    let rule = "[[escalation]]\nwhen = [[\"leg.yes\"]]\nlevel = \"expected\"\nreason = \"r\"\nlink = \"/articles/warning-signs#blood-clot\"\n";
    assert_problem(&problems(&format!("{RED_FLAG}{rule}")), 22, "does not raise the level");
}

#[test]
fn a_timing_rule_above_contact_is_a_problem() {
    let rule = "[[timing]]\nwhen = [[\"leg.no\"]]\nlevel = \"urgent\"\nreason = \"r\"\nlink = \"/articles/warning-signs#blood-clot\"\n";
    let problems = problems(&format!("{RED_FLAG}{rule}"));
    assert_problem(&problems, 22, "a timing rule can raise the level to `contact` at most");
    assert!(problems[0].fix.contains("[[escalation]]"));
}

#[test]
fn every_problem_is_reported_at_once_in_line_order() {
    let snippet = RED_FLAG
        .replace("\"urgent\"", "\"urgnt\"")
        .replace("id = \"no\"", "id = \"yes\"")
        .replace("\"single\"", "\"one\"");
    let problems = problems(&format!("{snippet}[[timing]]\nwhen = [[\"leg.never\"]]\nlevel = \"contact\"\n"));
    let lines: Vec<Option<usize>> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [Some(5), Some(12), Some(17), Some(21), Some(22), Some(22)], "{problems:#?}");
}

/// Hazard H23, stale advice (src/selfcheck/hazard-log.md).
#[test]
fn review_fields_go_together() {
    let problems = problems(&format!("reviewed = 2027-01-15\n{RED_FLAG}"));
    assert_problem(&problems, 1, "a clinical review needs `reviewed`, `next_review` and `reviewer` together");
}

#[test]
fn a_complete_review_is_read() {
    let head = "reviewed = 2027-01-15\nnext_review = 2028-01-15\nreviewer = { name = \"Dr A Example\", role = \"GP\" }\n";
    let q = parse(Path::new(FILE), &format!("{head}{EMERGENCY}{RED_FLAG}{ADVICE}")).unwrap();
    let review = q.review().unwrap();
    assert_eq!((review.reviewed.iso(), review.next_review.iso()), ("2027-01-15".into(), "2028-01-15".into()));
    assert_eq!(review.reviewer.name, "Dr A Example");
    let backwards = head.replace("2028-01-15", "2026-01-15");
    assert_problem(&problems(&format!("{backwards}{RED_FLAG}")), 2, "is not after `reviewed`");
}

#[test]
fn an_unreadable_file_is_a_problem_too() {
    let problems = load(Path::new("/no/such/dir/self-check.toml")).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, None);
    assert!(problems[0].message.contains("cannot read"), "{}", problems[0]);
}

#[test]
fn the_real_questionnaire_reads_at_grade_9_or_below() {
    let prose = real().prose();
    assert!(prose.contains("Do you feel very unwell, or feel that something is seriously wrong?"));
    let grade = crate::content::readability::measure(&prose).grade;
    println!("questionnaire grade {grade:.2}");
    assert!(grade <= crate::content::readability::DEFAULT_MAX_GRADE, "grade {grade:.1}");
}

#[test]
fn a_question_with_more_options_than_answers_can_hold_is_a_problem() {
    let extra: String = (0..MAX_OPTIONS)
        .map(|n| format!("[[question.option]]\nid = \"o{n}\"\nlabel = \"O {n}\"\n\n"))
        .collect();
    let problems = problems(&format!("{RED_FLAG}{extra}"));
    assert_problem(&problems, 2, &format!("has {} options, more than {MAX_OPTIONS}", MAX_OPTIONS + 2));
}

/// A topics question and one question asked by topic, after the emergency
/// step (lines: EMERGENCY is 1 to 28, the topics question 29 to 47).
const TOPICS: &str = r#"[[question]]
id = "topics"
label = "Else"
legend = "Anything else?"
choice = "multiple"
topics = true
error = "Select what else"

[[question.option]]
id = "legs"
label = "Legs"

[[question.option]]
id = "other"
label = "Not sure"
all_topics = true

[[question.option]]
id = "none"
label = "No, only the soreness"
exclusive = true

"#;

fn with_topics(snippet: &str) -> Result<Questionnaire, Vec<Problem>> {
    parse(Path::new(FILE), &format!("{EMERGENCY}{TOPICS}{snippet}{ADVICE}"))
}

/// Hazard H28, routing (src/selfcheck/hazard-log.md).
#[test]
fn a_question_asked_by_topic_opens_for_its_topic_or_not_sure_only() {
    let q = with_topics(&RED_FLAG.replace("red_flag = true", "red_flag = true\ntopic = \"legs\"")).unwrap();
    let leg = q.position("leg").unwrap();
    let topics = q.position("topics").unwrap();
    let ticked = |option: usize| move |question: usize, o: usize| question == topics && o == option;
    assert!(q.asks(leg, ticked(0)) && q.asks(leg, ticked(1)) && !q.asks(leg, ticked(2)));
    assert!(q.asks(topics, ticked(2)), "questions without a topic are asked of everyone");
}

#[test]
fn a_topic_must_be_an_answer_of_the_topics_question_and_open_something() {
    let problems =
        with_topics(&RED_FLAG.replace("red_flag = true", "red_flag = true\ntopic = \"arms\"")).unwrap_err();
    assert_problem(&problems, 55, "topic `arms` is not an answer of the topics question");
    assert!(problems.iter().any(|p| p.message.contains("topic `legs` opens no question")));
}

#[test]
fn a_topic_s_question_ends_with_the_same_no() {
    let flagged = RED_FLAG.replace("red_flag = true", "red_flag = true\ntopic = \"legs\"");
    let problems = with_topics(&flagged.replace("label = \"No\"", "label = \"No, it is fine\"")).unwrap_err();
    assert_problem(&problems, 50, "does not end with the \"No\" answer");
}

/// Hazard H25, "not sure" (src/selfcheck/hazard-log.md).
#[test]
fn not_sure_is_never_more_than_one_level_below_the_question_s_lowest_sign() {
    let not_sure = "[[question.option]]\nid = \"not_sure\"\nlabel = \"Not sure\"\nlevel = \"self_care\"\nreason = \"Check.\"\nlink = \"/articles/warning-signs#blood-clot\"\n\n";
    let snippet = RED_FLAG
        .replace("[[question.option]]\nid = \"no\"", &format!("{not_sure}[[question.option]]\nid = \"no\""));
    let problems = parse(Path::new(FILE), &format!("{EMERGENCY}{snippet}{ADVICE}")).unwrap_err();
    assert_problem(&problems, 28, "`leg.not_sure` is below `contact`");
    let fever = snippet
        .replace("id = \"leg\"", "id = \"fever\"")
        .replace("level = \"urgent\"", "level = \"contact\"");
    let problems = parse(Path::new(FILE), &format!("{EMERGENCY}{fever}{ADVICE}")).unwrap_err();
    assert_problem(&problems, 28, "`fever.not_sure` is below `contact`");
    let fine = fever.replace("level = \"self_care\"", "level = \"contact\"");
    assert!(parse(Path::new(FILE), &format!("{EMERGENCY}{fine}{ADVICE}")).is_ok());
}

/// The 1-based line of the `n`th line of `text` that starts with `start`.
fn nth_line(text: &str, start: &str, n: usize) -> usize {
    let found = text.lines().enumerate().filter(|(_, line)| line.starts_with(start)).nth(n);
    found.map(|(at, _)| at + 1).expect("the line is in the text")
}

/// One rule per sign: the emergency step's stroke answer and a later
/// answer both report a weak arm. Hazards H20 and H22 (src/selfcheck/hazard-log.md).
#[test]
fn one_sign_with_two_levels_or_places_or_named_once_is_a_problem() {
    let first = EMERGENCY.replace("id = \"stroke\"\n", "id = \"stroke\"\nsigns = [\"weak_arm\"]\n");
    let later = |level: &str, extra: &str| {
        RED_FLAG
            .replace("level = \"urgent\"", &format!("level = \"{level}\"{extra}\nsigns = [\"weak_arm\"]"))
            .replace("id = \"leg\"", "id = \"arm\"")
    };
    let file = |later: &str| format!("{first}{later}{ADVICE}");

    let text = file(&later("urgent", ""));
    let problems = parse(Path::new(FILE), &text).unwrap_err();
    assert_problem(
        &problems,
        nth_line(&text, "signs", 1),
        "sign `weak_arm` sends the reader to `urgent` at `arm.yes`, but to `emergency` (`ambulance`) at `right_now.stroke`",
    );
    assert_eq!(problems.len(), 1, "{problems:?}");

    let text = file(&later("emergency", "\nplace = \"a_and_e\""));
    let problems = parse(Path::new(FILE), &text).unwrap_err();
    assert_problem(&problems, nth_line(&text, "signs", 1), "`emergency` (`a_and_e`) at `arm.yes`");

    assert!(parse(Path::new(FILE), &file(&later("emergency", ""))).is_ok(), "same level, same place");
    assert!(
        parse(Path::new(FILE), &file(&later("emergency", "\nplace = \"ambulance\""))).is_ok(),
        "an emergency with no place calls an ambulance"
    );

    let text = format!("{first}{RED_FLAG}{ADVICE}");
    let problems = parse(Path::new(FILE), &text).unwrap_err();
    assert_problem(&problems, nth_line(&text, "signs", 0), "sign `weak_arm` is named by one answer only");

    let on_no = RED_FLAG.replace("label = \"No\"", "label = \"No\"\nsigns = [\"weak_arm\"]");
    let text = format!("{first}{on_no}{ADVICE}");
    let problems = parse(Path::new(FILE), &text).unwrap_err();
    assert_problem(&problems, nth_line(&text, "signs", 1), "reports no sign that raises the level");
}

/// Every sign the real questionnaire asks in more than one place, found by
/// reading every question, with the answers that ask it. A sign dropped
/// from one answer, or a new answer naming it, fails here; the checker makes
/// sure all of them send the reader to the same level and place.
#[test]
fn every_sign_the_real_questionnaire_asks_twice_has_one_level_and_place() {
    const ASKED_TWICE: &[(&str, &[&str])] = &[
        ("blotchy_or_blue_skin", &["right_now.sepsis_skin", "unwell.sepsis", "skin.mottled"]),
        ("blue_or_grey_lips", &["right_now.sepsis_skin", "unwell.sepsis", "face.blue_lips"]),
        ("both_legs_weak_or_numb", &["right_now.cauda_equina", "nerves.both_legs"]),
        ("chest_pain", &["right_now.chest_pain", "chest.more"]),
        ("cold_pale_or_blue_limb", &["right_now.compartment", "limb.cold"]),
        ("confused_or_very_sleepy", &["right_now.fainted_confused", "unwell.confused"]),
        ("coughing_up_blood", &["right_now.breathless", "breathing.blood"]),
        ("drooping_eyelid_or_unequal_pupils", &["right_now.neck_artery", "face.eyelid"]),
        ("face_drooping", &["right_now.stroke_signs", "face.face_droop"]),
        ("heavy_or_tight_feeling_spreading", &["unwell.heart", "chest.heart"]),
        ("limb_suddenly_weak_or_numb", &["right_now.stroke_signs", "nerves.sudden_limb"]),
        ("lost_balance", &["right_now.sudden_headache", "dizzy.balance"]),
        ("new_trouble_peeing_or_holding_poo", &["right_now.cauda_equina", "pee.trouble"]),
        ("numb_around_bottom_or_genitals", &["right_now.cauda_equina", "nerves.saddle"]),
        ("rash_that_does_not_fade", &["right_now.sepsis_skin", "unwell.sepsis", "skin.mottled"]),
        ("slurred_speech", &["right_now.stroke_signs", "unwell.confused", "face.speech"]),
        ("struggling_to_breathe", &["right_now.breathless", "unwell.sepsis", "breathing.struggling"]),
        ("sudden_change_in_sight", &["right_now.sudden_headache", "face.sight"]),
        ("sudden_very_bad_headache", &["right_now.sudden_headache", "headache.sudden"]),
        ("sudden_very_bad_tummy_or_testicle_pain", &["right_now.tummy", "unwell.tummy"]),
        ("swollen_lips_mouth_or_tongue", &["right_now.allergy", "skin.swelling"]),
        (
            "tight_throat_or_hard_to_swallow",
            &["right_now.allergy", "breathing.throat", "face.throat", "skin.swelling"],
        ),
    ];
    let mut found: BTreeMap<&str, Vec<(String, Care)>> = BTreeMap::new();
    for question in real().questions() {
        for option in &question.options {
            for sign in &option.signs {
                found
                    .entry(sign)
                    .or_default()
                    .push((format!("{}.{}", question.id, option.id), option.care()));
            }
        }
    }
    let names: Vec<&str> = found.keys().copied().collect();
    let expected: Vec<&str> = ASKED_TWICE.iter().map(|(sign, _)| *sign).collect();
    assert_eq!(names, expected, "the signs named in articles/self-check.toml");
    for (sign, answers) in ASKED_TWICE {
        let asked = &found[sign];
        let at: Vec<&str> = asked.iter().map(|(answer, _)| answer.as_str()).collect();
        assert_eq!(&at, answers, "the answers that ask about `{sign}`");
        assert!(asked.iter().all(|(_, care)| *care == asked[0].1), "`{sign}`: {asked:?}");
        assert!(asked[0].1.0 >= Some(Level::Emergency), "`{sign}` is asked twice: an emergency");
    }
}
