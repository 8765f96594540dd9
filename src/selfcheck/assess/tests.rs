use std::collections::BTreeSet;

use proptest::prelude::*;

use super::super::answers::parse_answers;
use super::super::model::Choice;
use super::super::testing::{answers, calm_except, real};
use super::*;
use Level::*;

/// Changes from calm answers -> expected level, and how many reasons are listed.
/// The count shows that a rule fired even when it leaves the level where it was.
const CASES: &[(&str, Level, usize)] = &[
    // Calm answers and neutral options
    ("", Expected, 0),
    ("pain=moderate", Expected, 0),
    ("pain=no_pain trend=none", Expected, 0),
    ("areas=head_neck,arms,thighs,calves,chest kind=firm,gun,hot_stones", Expected, 0),
    ("risks=blood_thinners,past_clot pregnancy=yes", Expected, 0),
    ("risks=diabetes,cancer_treatment areas=tummy pain=moderate", Expected, 0),
    // Every emergency sign on the first step
    ("right_now=stroke_signs", Emergency, 1),
    ("right_now=not_sure", Urgent, 1),
    ("right_now=sudden_headache", Emergency, 1),
    ("right_now=neck_artery", Emergency, 1),
    ("right_now=chest_pain", Emergency, 1),
    ("right_now=breathless", Emergency, 1),
    ("right_now=sepsis_skin", Emergency, 1),
    ("right_now=fainted_confused", Emergency, 1),
    ("right_now=allergy", Emergency, 1),
    ("right_now=cauda_equina", Emergency, 1),
    ("right_now=compartment", Emergency, 1),
    ("right_now=tummy", Emergency, 1),
    ("right_now=chest_pain,stroke_signs", Emergency, 2),
    ("fainted=fit", Emergency, 1),
    ("unwell=crisis", Emergency, 1),
    ("skin=swelling", Emergency, 1),
    ("skin=swelling,rash", Emergency, 2),
    // Diabetic ketoacidosis, a floppy child, meningitis and hearing, named after the first step
    ("unwell=diabetes", Emergency, 1),
    ("unwell=child", Emergency, 1),
    ("pee=more", Urgent, 1),
    ("pee=more unwell=yes", Emergency, 3),
    ("pee=more headache=worse", Emergency, 3),
    ("pee=poo_dark", Urgent, 1),
    ("limb=cold", Emergency, 1),
    ("pee=poo_blood", Emergency, 1),
    ("unwell=sick_blood", Emergency, 1),
    ("fall=head face=hearing", Emergency, 3),
    ("fall=head nerves=weak areas=lower_back", Emergency, 4),
    ("fall=head nerves=lasting", Contact, 2),
    ("pee=more risks=diabetes", Emergency, 2),
    ("breathing=not_sure risks=diabetes", Emergency, 2),
    ("breathing=not_sure", Urgent, 1),
    ("face=hearing", Urgent, 1),
    ("face=stiff_light", Contact, 1),
    ("face=stiff_light fever=yes", Emergency, 3),
    ("face=stiff_light fever=not_sure headache=easing", Emergency, 5),
    ("face=stiff_light fever=not_sure", Urgent, 3),
    ("fever=no headache=same", SelfCare, 1),
    // A baby under 6 months: a fever, or not being sure, is urgent
    ("risks=baby", Expected, 0),
    ("risks=baby fever=yes", Urgent, 2),
    ("risks=baby fever=not_sure", Urgent, 2),
    ("risks=baby skin=bruise", SelfCare, 1),
    // Signs a reader who ticked "None" on the first step can still give
    ("unwell=confused", Emergency, 1),
    ("unwell=low", Urgent, 1),
    ("unwell=low days=over_7_days trend=worse", Urgent, 1),
    // Anxiety or panic that keeps coming back is a GP's (NHS panic
    // disorder), apart from hopelessness or thoughts of self-harm (urgent)
    // and not being able to keep safe (emergency).
    ("unwell=anxious", Contact, 1),
    ("unwell=anxious days=days_1_2 trend=better", Contact, 1),
    ("unwell=anxious fever=yes", Contact, 2),
    ("fainted=fit", Emergency, 1),
    ("fainted=usual_fit", Contact, 1),
    ("fainted=usual_fit days=days_3_4 trend=same", Contact, 1),
    ("skin=deep_burn", Emergency, 1),
    ("skin=deep_burn,burn kind=hot_stones", Emergency, 2),
    ("skin=mottled", Emergency, 1),
    ("skin=mottled,bruise kind=gun", Emergency, 2),
    // Face, eyes, sight and nose, and balance, after "None" on the first
    // step; a fall or a knock onto a pregnant bump
    ("face=face_droop", Emergency, 1),
    ("face=speech", Emergency, 1),
    ("face=throat", Emergency, 1),
    ("face=blue_lips", Emergency, 1),
    ("unwell=crisis", Emergency, 1),
    ("unwell=tummy", Emergency, 1),
    ("face=swallowed", Emergency, 1),
    ("skin=limb_burn", Emergency, 1),
    ("skin=limb_burn kind=hot_stones areas=calves", Emergency, 1),
    ("breathing=blood", Emergency, 1),
    ("kind=needles breathing=blood", Emergency, 2),
    ("pee=trouble areas=lower_back", Emergency, 1),
    ("face=sight", Emergency, 1),
    ("face=eyelid", Emergency, 1),
    ("face=eye_bad", Emergency, 1),
    ("face=eye_oil", Urgent, 1),
    ("face=eye_rinsed", SelfCare, 1),
    ("face=nosebleed_bad", Emergency, 1),
    ("face=nosebleed", SelfCare, 1),
    ("face=nosebleed risks=blood_thinners", Contact, 2),
    ("face=nosebleed risks=bleeding_disorder", Contact, 2),
    ("face=nosebleed,eye_rinsed", SelfCare, 2),
    ("face=eye_oil,sight pregnancy=signs", Emergency, 3),
    ("dizzy=balance", Emergency, 1),
    ("dizzy=balance areas=head_neck", Emergency, 1),
    ("fall=bump", Urgent, 1),
    ("fall=bump pregnancy=yes", Urgent, 1),
    ("fall=bump pregnancy=signs", Emergency, 3),
    ("fall=bump pregnancy=heavy", Emergency, 3),
    ("fall=bump,head", Urgent, 2),
    // Sickle cell disease: a fever, very bad pain or feeling unwell
    ("risks=sickle_cell", Expected, 0),
    ("risks=sickle_cell fever=yes", Urgent, 2),
    ("risks=sickle_cell fever=not_sure", Urgent, 2),
    ("risks=sickle_cell pain=severe", Urgent, 2),
    ("risks=sickle_cell unwell=yes", Urgent, 2),
    ("risks=sickle_cell dizzy=lasting", Urgent, 2),
    ("risks=sickle_cell dizzy=brief pain=moderate", SelfCare, 1),
    // Every option that raises the level on its own
    ("unwell=yes", Urgent, 1),
    ("unwell=heart", Emergency, 1),
    ("unwell=sepsis fever=yes", Emergency, 2),
    ("unwell=heart fever=yes", Emergency, 2),
    ("fever=yes", Contact, 1),
    ("fever=not_sure", Contact, 1),
    ("fainted=recovered", Contact, 1),
    ("fainted=lying_or_hurt", Emergency, 1),
    ("headache=easing", SelfCare, 1),
    ("headache=same", SelfCare, 1),
    ("headache=worse", Urgent, 1),
    ("dizzy=brief", SelfCare, 1),
    ("dizzy=lasting", Contact, 1),
    ("chest=tender", SelfCare, 1),
    ("chest=more", Emergency, 1),
    ("limb=one_leg", Urgent, 1),
    ("limb=one_arm", Urgent, 1),
    ("limb=both_legs", Contact, 1),
    ("limb=not_sure", Contact, 1),
    ("limb=not_sure areas=calves", Contact, 1),
    ("limb=not_sure risks=past_clot", Urgent, 2),
    ("limb=not_sure pregnancy=yes", Urgent, 2),
    ("limb=not_sure risks=hormones", Urgent, 2),
    ("limb=one_leg risks=hormones", Urgent, 2),
    ("limb=both_legs risks=hormones", Contact, 1),
    // Needling with doubt about breathing; heat on the same day; a knock
    // to the head on blood thinners or with a bleeding disorder
    ("kind=needles breathing=not_sure", Emergency, 2),
    ("kind=needles breathing=not_sure areas=calves", Emergency, 2),
    ("kind=needles chest=tender", SelfCare, 1),
    ("kind=firm breathing=not_sure", Urgent, 1),
    ("kind=hot_stones days=under_1_day dizzy=lasting", Emergency, 2),
    ("kind=hot_stones days=under_1_day unwell=yes", Emergency, 2),
    ("kind=hot_stones days=days_1_2 dizzy=lasting", Contact, 1),
    ("kind=hot_stones days=under_1_day dizzy=brief", SelfCare, 1),
    ("kind=light days=under_1_day unwell=yes", Urgent, 1),
    ("fall=head risks=blood_thinners", Emergency, 2),
    ("fall=head risks=bleeding_disorder", Emergency, 2),
    ("fall=head_signs risks=blood_thinners", Emergency, 2),
    ("fall=cannot_stand risks=blood_thinners", Emergency, 1),
    ("fall=head fainted=recovered", Urgent, 3),
    ("fall=head headache=same", Emergency, 3),
    ("fall=head headache=worse", Emergency, 3),
    ("fall=head headache=easing", SelfCare, 2),
    ("fall=head dizzy=lasting", Contact, 2),
    ("risks=diabetes dizzy=lasting", Urgent, 2),
    ("risks=diabetes unwell=yes", Urgent, 2),
    ("risks=diabetes fainted=recovered", Urgent, 2),
    ("risks=diabetes dizzy=brief", SelfCare, 1),
    ("limb=one_leg,one_arm", Urgent, 2),
    ("nerves=fading", SelfCare, 1),
    ("nerves=lasting", Contact, 1),
    ("nerves=weak areas=arms", Urgent, 1),
    ("nerves=sudden_limb areas=arms", Emergency, 1),
    ("nerves=sudden_limb areas=calves", Emergency, 1),
    ("nerves=both_legs", Emergency, 1),
    ("nerves=saddle", Emergency, 1),
    ("fall=head", SelfCare, 1),
    ("fall=head_signs", Emergency, 1),
    ("fall=head_risk", Emergency, 1),
    ("fall=cannot_stand", Emergency, 1),
    ("fall=head,cannot_stand", Emergency, 2),
    ("pain=severe", Urgent, 1),
    ("skin=bruise", SelfCare, 1),
    ("skin=large", Urgent, 1),
    ("skin=spreading", Urgent, 1),
    ("skin=bleeding", Emergency, 1),
    ("skin=rash", Contact, 1),
    ("skin=burn", Urgent, 1),
    ("skin=small_burn", SelfCare, 1),
    ("pee=dark", Urgent, 1),
    ("pee=less", Urgent, 1),
    ("pee=not_looked", SelfCare, 1),
    ("pee=kidney", Urgent, 1),
    ("skin=shingles", Urgent, 1),
    ("breathing=struggling", Emergency, 1),
    ("breathing=yes fever=yes", Emergency, 3),
    ("breathing=yes risks=pregnant", Emergency, 2),
    ("breathing=not_sure chest=tender", Emergency, 3),
    ("fainted=recovered risks=pregnant", Urgent, 2),
    ("fainted=recovered fall=head", Urgent, 3),
    ("pregnancy=signs", Urgent, 1),
    ("pregnancy=heavy", Emergency, 1),
    ("pregnancy=heavy fever=yes", Emergency, 3),
    ("breathing=yes", Urgent, 1),
    ("breathing=not_sure", Urgent, 1),
    ("headache=sudden", Emergency, 1),
    ("pee=trouble", Emergency, 1),
    ("skin=rash dizzy=lasting", Emergency, 3),
    ("skin=rash dizzy=brief", Contact, 2),
    ("skin=rash breathing=not_sure", Emergency, 3),
    ("skin=rash unwell=yes", Urgent, 2),
    ("skin=rash fainted=recovered", Emergency, 3),
    ("pain=severe limb=one_leg", Emergency, 3),
    ("pee=less nerves=lasting areas=lower_back", Emergency, 4),
    ("areas=head_neck headache=worse dizzy=lasting", Emergency, 5),
    ("skin=bruise pee=not_looked nerves=lasting", Contact, 3),
    // Not too high: the over-triage the old questions had
    ("chest=tender areas=chest", SelfCare, 1),
    ("skin=small_burn kind=hot_stones", SelfCare, 1),
    ("areas=head_neck dizzy=brief", SelfCare, 1),
    // Every escalation rule
    ("limb=one_leg risks=past_clot", Urgent, 2),
    ("limb=one_arm pregnancy=yes", Urgent, 2),
    ("limb=one_leg risks=recent_surgery_travel", Urgent, 2),
    ("limb=one_leg areas=calves", Urgent, 2),
    ("limb=one_arm areas=arms", Urgent, 2),
    ("limb=one_leg kind=gun", Urgent, 2),
    ("limb=one_leg areas=calves risks=past_clot", Urgent, 3),
    ("limb=both_legs pregnancy=yes", Contact, 1),
    ("limb=both_legs pregnancy=signs", Urgent, 3),
    ("skin=spreading pain=severe", Emergency, 3),
    ("breathing=throat", Emergency, 1),
    ("chest=heart", Emergency, 1),
    ("limb=both_legs risks=past_clot", Contact, 1),
    ("pain=severe nerves=fading", Emergency, 3),
    ("pain=severe nerves=weak areas=arms", Emergency, 3),
    ("pain=severe skin=large", Emergency, 3),
    ("pee=dark pain=severe", Urgent, 3),
    ("pee=dark kind=gun", Urgent, 2),
    ("pee=dark pain=severe kind=firm,gun", Urgent, 3),
    ("pee=less kind=gun", Urgent, 1),
    ("pee=dark,less", Emergency, 3),
    ("areas=head_neck headache=worse", Urgent, 2),
    ("areas=head_neck headache=same", SelfCare, 1),
    ("areas=head_neck headache=same days=days_1_2", SelfCare, 1),
    ("areas=head_neck headache=same days=days_3_4", Contact, 2),
    ("headache=same days=days_5_7 trend=better", Contact, 2),
    ("headache=same days=over_7_days", Contact, 2),
    ("areas=head_neck headache=same days=days_3_4 nerves=lasting", Urgent, 3),
    ("headache=same days=days_3_4 fever=yes", Urgent, 3),
    ("areas=head_neck headache=same nerves=lasting", Urgent, 3),
    ("areas=head_neck headache=same face=stiff_light", Urgent, 3),
    ("areas=head_neck headache=worse", Urgent, 2),
    ("areas=head_neck dizzy=lasting", Urgent, 2),
    ("areas=head_neck headache=easing", SelfCare, 1),
    ("headache=same dizzy=lasting", Urgent, 3),
    ("risks=blood_thinners skin=bruise", Contact, 2),
    ("risks=bleeding_disorder skin=bruise", Contact, 2),
    ("risks=blood_thinners skin=large", Urgent, 2),
    ("risks=bleeding_disorder skin=large,bruise", Urgent, 4),
    ("risks=blood_thinners headache=worse", Urgent, 2),
    ("risks=blood_thinners fainted=recovered", Urgent, 2),
    ("risks=blood_thinners headache=same", Urgent, 2),
    ("risks=bleeding_disorder dizzy=lasting", Urgent, 2),
    ("risks=blood_thinners dizzy=brief headache=easing", SelfCare, 2),
    ("pregnancy=signs dizzy=lasting", Emergency, 3),
    ("pregnancy=signs fainted=recovered", Emergency, 4),
    ("pregnancy=yes dizzy=lasting", Contact, 1),
    ("fever=yes headache=worse", Emergency, 3),
    ("fever=yes headache=same", Urgent, 3),
    ("fever=not_sure headache=worse", Urgent, 2),
    ("skin=spreading fever=yes", Urgent, 3),
    ("skin=burn unwell=yes", Urgent, 3),
    ("fever=yes unwell=yes", Urgent, 3),
    ("fever=yes dizzy=lasting", Urgent, 3),
    ("fever=yes pee=less", Urgent, 3),
    ("nerves=weak areas=head_neck,arms", Emergency, 2),
    ("nerves=weak areas=shoulders", Emergency, 2),
    ("nerves=lasting areas=shoulders", Contact, 1),
    ("nerves=lasting areas=head_neck", Contact, 1),
    ("nerves=weak areas=lower_back", Urgent, 2),
    ("nerves=lasting areas=lower_back", Urgent, 2),
    ("nerves=fading areas=lower_back", SelfCare, 1),
    ("risks=cancer_treatment fever=yes", Urgent, 2),
    ("risks=cancer_treatment fever=not_sure", Urgent, 2),
    ("risks=cancer_treatment unwell=yes", Urgent, 2),
    ("risks=cancer_treatment skin=spreading", Urgent, 2),
    ("risks=diabetes fever=yes", Contact, 1),
    ("risks=cancer_treatment skin=bruise", Contact, 2),
    ("risks=cancer_treatment,blood_thinners skin=bruise", Contact, 3),
    ("fever=yes pregnancy=yes", Urgent, 2),
    ("fever=yes pregnancy=signs", Urgent, 3),
    ("fever=not_sure pregnancy=yes", Contact, 1),
    ("skin=small_burn risks=diabetes", Urgent, 2),
    ("skin=small_burn risks=cancer_treatment", Urgent, 2),
    ("skin=small_burn pregnancy=yes", Urgent, 2),
    ("skin=burn risks=diabetes", Urgent, 1),
    ("pain=severe areas=tummy", Emergency, 2),
    ("pain=moderate areas=tummy", Expected, 0),
    ("pain=severe trend=worse areas=calves", Emergency, 2),
    ("pain=severe trend=worse areas=arms,shoulders", Emergency, 2),
    ("pain=severe trend=worse areas=lower_back", Urgent, 1),
    ("pain=moderate trend=worse areas=thighs days=days_1_2", Expected, 0),
    ("days=days_3_4 trend=worse areas=calves", Contact, 1),
    ("days=days_3_4 trend=worse areas=calves limb=one_leg", Urgent, 2),
    ("days=over_7_days trend=worse areas=thighs", Contact, 1),
    ("days=days_3_4 trend=worse areas=lower_back,feet", Contact, 1),
    ("days=days_5_7 trend=same areas=calves", SelfCare, 1),
    ("pain=severe trend=worse areas=calves days=days_3_4", Emergency, 2),
    // Every timing rule, and where timing does not apply
    ("days=days_3_4 trend=worse", Contact, 1),
    ("days=days_5_7 trend=worse", Contact, 1),
    ("days=days_3_4 trend=same", SelfCare, 1),
    ("days=days_5_7 trend=same", SelfCare, 1),
    ("days=over_7_days trend=same", Contact, 1),
    ("days=over_7_days trend=worse", Contact, 1),
    ("days=over_7_days trend=better", Expected, 0),
    ("days=over_7_days trend=none", Expected, 0),
    ("days=days_1_2 trend=worse", Expected, 0),
    ("days=under_1_day trend=same", Expected, 0),
    ("days=days_5_7 trend=better", Expected, 0),
    // Timing applies on top of self_care, but not once something is higher
    ("days=days_5_7 trend=worse skin=bruise", Contact, 2),
    ("days=days_3_4 trend=same nerves=fading", SelfCare, 2),
    ("days=over_7_days trend=worse limb=both_legs", Contact, 1),
    ("days=days_3_4 trend=same headache=same", Contact, 3),
    ("days=over_7_days trend=same pain=severe", Urgent, 1),
];

/// Hazards H1 to H19, H24 and H25 (src/selfcheck/hazard-log.md).
#[test]
fn answers_lead_to_the_expected_level() {
    let q = real();
    let mut wrong = Vec::new();
    for (changes, level, reasons) in CASES {
        let result = assess(q, &answers(changes));
        if (result.level, result.reasons.len()) != (*level, *reasons) {
            wrong.push(format!("`{changes}`: {:?} with {} reasons", result.level, result.reasons.len()));
        }
        assert_eq!(result.advice, *q.result_advice(result.level, result.place), "`{changes}`");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Adding an option or a rule to the file without a case here fails, so
/// the table keeps covering every way the level can go up.
#[test]
fn the_cases_cover_every_raising_option_and_every_rule() {
    let q = real();
    let all: Vec<Answers> = CASES.iter().map(|(changes, ..)| answers(changes)).collect();
    for question in q.questions() {
        for option in question.options.iter().filter(|option| option.raises().is_some()) {
            let covered = all.iter().any(|a| a.is_selected(&question.id, &option.id));
            assert!(covered, "no case selects {}.{}", question.id, option.id);
        }
    }
    for (kind, rules) in [("escalation", q.escalations()), ("timing", q.timing())] {
        for (n, rule) in rules.iter().enumerate() {
            let fired = all.iter().any(|a| matches(q, rule, a).is_some());
            assert!(fired, "no case fires {kind} rule {} ({})", n + 1, rule.reason);
        }
    }
}

#[test]
fn an_emergency_is_assessed_even_with_none_of_these_also_ticked() {
    let q = real();
    let parsed = parse_answers(q, &calm_except("right_now=none,chest_pain"));
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(assess(q, &parsed.answers).level, Emergency);
}

#[test]
fn partial_answers_are_assessed() {
    let q = real();
    let only = parse_answers(q, &[("right_now", "stroke_signs")]);
    let everyone = q.questions().iter().filter(|q| q.topic.is_none() && q.also_if.is_empty()).count();
    assert_eq!(only.errors.len(), everyone - 1, "only the questions everyone is asked need an answer");
    assert_eq!(assess(q, &only.answers).level, Emergency);
    let nothing = assess(q, &Answers::none(q));
    assert_eq!((nothing.level, nothing.reasons.len()), (Expected, 0));
    assert_eq!(nothing.advice, *q.advice(Expected));
}

#[test]
fn reasons_come_highest_level_first() {
    let result = assess(real(), &answers("skin=bruise fever=yes limb=one_leg right_now=breathless"));
    let levels: Vec<Level> = result.reasons.iter().map(|reason| reason.level).collect();
    assert_eq!(levels, [Emergency, Urgent, Contact, SelfCare]);
}

#[test]
fn a_reason_names_the_question_and_the_answer() {
    let q = real();
    let result = assess(q, &answers("pain=severe"));
    let severe = q.question("pain").unwrap().option("severe").unwrap();
    assert_eq!(result.reasons[0].question, q.question("pain").unwrap().label);
    assert_eq!(result.reasons[0].answer, severe.label);
    assert_eq!(Some(&result.reasons[0].text), severe.reason.as_ref());
    assert_eq!(Some(&result.reasons[0].link), severe.link.as_ref());
}

#[test]
fn a_combination_names_every_question_and_answer_in_it() {
    let q = real();
    let result = assess(q, &answers("limb=one_leg risks=past_clot pregnancy=yes"));
    let rule = result.reasons.iter().find(|reason| reason.text == q.escalations()[0].reason).unwrap();
    let label = |question: &str| q.question(question).unwrap().label.clone();
    let option =
        |question: &str, option: &str| q.question(question).unwrap().option(option).unwrap().label.clone();
    assert_eq!(rule.question, format!("{}, {} and {}", label("limb"), label("risks"), label("pregnancy")));
    assert_eq!(
        rule.answer,
        format!(
            "{} + {} + {} + {}",
            option("limb", "one_leg"),
            option("risks", "past_clot"),
            option("pregnancy", "yes"),
            option("risks", "pregnant")
        )
    );
}

/// Hazard H22, wrong place of care (src/selfcheck/hazard-log.md).
#[test]
fn a_reason_carries_its_own_action() {
    let q = real();
    let result = assess(q, &answers("pee=dark"));
    let action = result.reasons[0].action.as_deref().unwrap_or_default();
    assert!(action.contains("A&E") && action.contains("ibuprofen"), "{action}");
    let stroke = assess(q, &answers("right_now=stroke_signs"));
    assert!(stroke.reasons[0].action.as_deref().unwrap_or_default().contains("ambulance"));
}

#[test]
fn two_rules_with_the_same_sentence_are_listed_once_with_both_causes() {
    let q = real();
    let result = assess(q, &answers("pee=dark pain=severe kind=gun"));
    let texts: BTreeSet<&str> = result.reasons.iter().map(|reason| reason.text.as_str()).collect();
    assert_eq!(texts.len(), result.reasons.len(), "a sentence is repeated");
    let gun = q.question("kind").unwrap().option("gun").unwrap();
    let severe = q.question("pain").unwrap().option("severe").unwrap();
    let merged = result.reasons.iter().find(|reason| reason.answer.contains(&gun.label)).unwrap();
    assert!(merged.answer.contains(&severe.label), "{merged:#?}");
}

#[test]
fn join_words_reads_as_a_list() {
    let words = |list: &[&str]| join_words(&list.iter().map(ToString::to_string).collect::<Vec<_>>());
    assert_eq!(words(&[]), "");
    assert_eq!(words(&["A"]), "A");
    assert_eq!(words(&["A", "B"]), "A and B");
    assert_eq!(words(&["A", "B", "C"]), "A, B and C");
}

/// A complete, valid answer set from one number per question.
fn answer_set(seeds: &[u64]) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (question, seed) in real().questions().iter().zip(seeds.iter().cycle()) {
        let count = question.options.len() as u64;
        let mut picked: Vec<&str> = match question.choice {
            Choice::Single => vec![question.options[(seed % count) as usize].id.as_str()],
            Choice::Multiple if question.exclusive().is_some() && seed % 4 == 0 => {
                vec![question.exclusive().unwrap().id.as_str()]
            }
            Choice::Multiple => {
                let open = question.options.iter().filter(|option| !option.exclusive);
                open.enumerate()
                    .filter(|(n, _)| seed >> (n + 2) & 1 == 1)
                    .map(|(_, o)| o.id.as_str())
                    .collect()
            }
        };
        if picked.is_empty() {
            picked.push(question.options[0].id.as_str());
        }
        pairs.extend(picked.into_iter().map(|option| (question.id.clone(), option.to_string())));
    }
    pairs
}

/// Every way to say "yes" to one more warning sign: tick another raising
/// checkbox, or move a radio answer to a more worrying option.
fn worse_answers(pairs: &[(String, String)]) -> Vec<Vec<(String, String)>> {
    let mut found = Vec::new();
    for question in real().questions() {
        let current: Vec<&String> =
            pairs.iter().filter(|(q, _)| *q == question.id).map(|(_, option)| option).collect();
        for option in question.options.iter().filter(|option| option.raises().is_some()) {
            if current.contains(&&option.id) {
                continue;
            }
            let mut worse = pairs.to_vec();
            if question.choice == Choice::Single {
                let now = current.first().and_then(|id| question.option(id)).and_then(|option| option.level);
                if option.level <= now {
                    continue;
                }
                worse.retain(|(q, _)| *q != question.id);
            }
            worse.push((question.id.clone(), option.id.clone()));
            found.push(worse);
        }
    }
    found
}

proptest! {
    /// Checks every "one more sign" from each generated answer set, not a
    /// sampled one, so a rule that only fires for a rare combination is
    /// still reached within the default number of cases.
    #[test]
    fn one_more_warning_sign_never_lowers_the_level(seeds in prop::collection::vec(any::<u64>(), 18)) {
        let q = real();
        let before = answer_set(&seeds);
        let parsed = parse_answers(q, &before);
        prop_assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let level = assess(q, &parsed.answers).level;
        for after in worse_answers(&before) {
            let worse = parse_answers(q, &after);
            prop_assert!(assess(q, &worse.answers).level >= level, "{before:?} -> {after:?}");
        }
    }
}
