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

use Level::{Contact, Emergency, Expected, SelfCare, Urgent};

/// Every question answered with its calmest option: ordinary soreness.
const CALM: &str = "right_now=none unwell=no breathing=no fever=no fainted=no headache=no dizzy=no \
    chest=no limb=no nerves=no pain=mild skin=normal pee=normal pregnancy=no risks=none \
    areas=shoulders kind=light days=under_1_day trend=better";

struct Story {
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

const fn story(
    name: &'static str,
    answers: &'static str,
    min: Level,
    max: Level,
    source: &'static str,
) -> Story {
    Story { name, answers, min, max, source }
}

const TIA: &str = "https://www.nhs.uk/conditions/transient-ischaemic-attack-tia/";
const STROKE: &str = "https://www.nhs.uk/conditions/stroke/symptoms/";
const PE: &str = "https://www.nhs.uk/conditions/pulmonary-embolism/";
const DVT: &str = "https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/";
const SEPSIS: &str = "https://www.nhs.uk/conditions/sepsis/";
const COMPARTMENT: &str = "https://www.nhs.uk/conditions/compartment-syndrome/";
const CAUDA: &str = "https://www.nhs.uk/conditions/cauda-equina-syndrome/";
const SCIATICA: &str = "https://www.nhs.uk/conditions/sciatica/";
const ANAPHYLAXIS: &str = "https://www.nhs.uk/conditions/anaphylaxis/";
const HIVES: &str = "https://www.nhs.uk/conditions/hives/";
const BURNS: &str = "https://www.nhs.uk/conditions/burns-and-scalds/";
const PRE_ECLAMPSIA: &str = "https://www.nhs.uk/conditions/pre-eclampsia/";
const FAINTING: &str = "https://www.nhs.uk/conditions/fainting/";
const CHEST_PAIN: &str = "https://www.nhs.uk/conditions/chest-pain/";
const RHABDO: &str = "clinical-notes.md section 3.2 (rhabdomyolysis; no NHS conditions page)";
const FEVER: &str = "https://www.nhs.uk/conditions/fever-in-adults/";
const CELLULITIS: &str = "https://www.nhs.uk/conditions/cellulitis/";
const BRUISES: &str = "https://www.nhs.uk/conditions/bruises/";
const HEADACHE: &str = "https://www.nhs.uk/conditions/headaches/";
const DIZZY: &str = "https://www.nhs.uk/conditions/dizziness/";
const PINS: &str = "https://www.nhs.uk/conditions/pins-and-needles/";
const STRAINS: &str = "https://www.nhs.uk/conditions/sprains-and-strains/";
const VOMITING: &str = "https://www.nhs.uk/conditions/vomiting-adults/";

/// Stories the questionnaire gets right today (each asserted by `every_story`).
const STORIES: &[Story] = &[
    // Stroke and mini-stroke.
    story(
        "face felt odd on one side after a neck massage; cannot tell if it drooped, ticks \"not sure\"",
        "right_now=not_sure areas=head_neck",
        Emergency,
        Emergency,
        STROKE,
    ),
    story(
        "TIA after neck massage, arm weak and speech slurred for 20 min, now gone",
        "right_now=stroke_signs areas=head_neck",
        Emergency,
        Emergency,
        TIA,
    ),
    story(
        "face drooped on one side in the car home, back to normal now",
        "right_now=stroke_signs",
        Emergency,
        Emergency,
        TIA,
    ),
    story(
        "TIA, reader ticks step 1 and also (wrongly) 'weak' on nerves",
        "right_now=stroke_signs nerves=weak areas=head_neck",
        Emergency,
        Emergency,
        TIA,
    ),
    story(
        "misread: skips step 1, sudden arm weakness after neck massage ticked as nerves=weak",
        "nerves=weak areas=head_neck",
        Emergency,
        Emergency,
        TIA,
    ),
    story(
        "thunderclap headache after neck massage",
        "right_now=sudden_headache areas=head_neck",
        Emergency,
        Emergency,
        HEADACHE,
    ),
    story(
        "double vision and cannot walk straight after massage gun on neck",
        "right_now=sudden_headache areas=head_neck kind=gun dizzy=lasting",
        Emergency,
        Emergency,
        STROKE,
    ),
    story(
        "neck artery tear: one-sided neck pain, drooping eyelid",
        "right_now=neck_artery headache=worse areas=head_neck",
        Emergency,
        Emergency,
        STROKE,
    ),
    story(
        "neck artery tear: unequal pupils noticed by partner",
        "right_now=neck_artery areas=head_neck kind=firm",
        Emergency,
        Emergency,
        STROKE,
    ),
    // Clots.
    story(
        "PE 3 weeks after birth: out of breath on stairs, racing heart, legs normal",
        "right_now=breathless pregnancy=yes",
        Emergency,
        Emergency,
        PE,
    ),
    story(
        "pleuritic chest pain after calf massage, one calf swollen",
        "right_now=chest_pain limb=one_leg areas=calves",
        Emergency,
        Emergency,
        PE,
    ),
    story(
        "coughing blood after leg massage, past DVT",
        "right_now=breathless risks=past_clot areas=calves",
        Emergency,
        Emergency,
        PE,
    ),
    story(
        "chest hurts without pressing and worse on breathing in (step 4)",
        "chest=more areas=chest",
        Emergency,
        Emergency,
        PE,
    ),
    story(
        "DVT: one calf swollen and warm after calf massage, no risk factors",
        "limb=one_leg areas=calves pain=moderate",
        Urgent,
        Urgent,
        DVT,
    ),
    story("DVT: one calf throbs, massage was on the back only", "limb=one_leg", Urgent, Urgent, DVT),
    story(
        "DVT: one leg swollen, flew 6 hours last week",
        "limb=one_leg risks=recent_surgery_travel",
        Urgent,
        Urgent,
        DVT,
    ),
    story(
        "pregnant at 30 weeks, calf cramping and warm on one side",
        "limb=one_leg pregnancy=yes areas=calves",
        Urgent,
        Urgent,
        DVT,
    ),
    story(
        "2 weeks after knee operation, thigh swollen after massage",
        "limb=one_leg risks=recent_surgery_travel areas=thighs",
        Urgent,
        Urgent,
        DVT,
    ),
    story(
        "arm DVT: one arm swollen, warm and heavy after arm massage",
        "limb=one_arm areas=arms",
        Urgent,
        Urgent,
        DVT,
    ),
    story(
        "both ankles a bit puffy after long leg massage, not pregnant",
        "limb=both_legs areas=calves",
        Contact,
        Urgent,
        DVT,
    ),
    story(
        "both legs swollen at 36 weeks pregnant",
        "limb=both_legs pregnancy=yes",
        Urgent,
        Urgent,
        PRE_ECLAMPSIA,
    ),
    // Sepsis and infection.
    story(
        "sepsis: fever, shivering, mottled skin, fast breathing, no red skin",
        "right_now=sepsis_skin,breathless fever=yes unwell=yes",
        Emergency,
        Emergency,
        SEPSIS,
    ),
    story(
        "sepsis: confused and very sleepy, relative fills the form",
        "right_now=fainted_confused fever=yes",
        Emergency,
        Emergency,
        SEPSIS,
    ),
    story(
        "feels very unwell with fever and shivers, no other signs",
        "unwell=yes fever=yes",
        Urgent,
        Urgent,
        SEPSIS,
    ),
    story("fever and peeing much less", "fever=yes pee=less", Urgent, Emergency, SEPSIS),
    story("fever alone the day after a massage, otherwise well", "fever=yes", Contact, Urgent, FEVER),
    story(
        "cellulitis: hot spreading redness where massaged, no fever",
        "skin=spreading",
        Urgent,
        Urgent,
        CELLULITIS,
    ),
    story("cellulitis with fever", "skin=spreading fever=yes", Urgent, Emergency, CELLULITIS),
    // Muscle and nerves.
    story(
        "compartment syndrome after massage gun: severe pain, tight calf, pins and needles",
        "right_now=compartment kind=gun areas=calves",
        Emergency,
        Emergency,
        COMPARTMENT,
    ),
    story(
        "misread compartment: skips step 1, severe pain plus tingling",
        "pain=severe nerves=fading kind=gun areas=calves",
        Emergency,
        Emergency,
        COMPARTMENT,
    ),
    story(
        "misread compartment: severe pain, tight swelling ticked as large lump",
        "pain=severe skin=large kind=gun areas=thighs",
        Emergency,
        Emergency,
        COMPARTMENT,
    ),
    story(
        "cauda equina: numb saddle area and trouble peeing after lower-back massage",
        "right_now=cauda_equina areas=lower_back",
        Emergency,
        Emergency,
        CAUDA,
    ),
    story(
        "both legs weak after lower-back massage",
        "right_now=cauda_equina areas=lower_back nerves=weak",
        Emergency,
        Emergency,
        CAUDA,
    ),
    story(
        "one foot weak (foot drop) after lower-back massage",
        "nerves=weak areas=lower_back",
        Urgent,
        Urgent,
        SCIATICA,
    ),
    story(
        "rhabdo: cola-coloured pee after massage gun",
        "pee=dark kind=gun pain=moderate",
        Urgent,
        Urgent,
        RHABDO,
    ),
    story(
        "rhabdo: dark pee and severe pain after deep tissue",
        "pee=dark pain=severe kind=firm",
        Urgent,
        Urgent,
        RHABDO,
    ),
    story(
        "rhabdo: dark pee and peeing much less",
        "pee=dark,less pain=severe kind=firm",
        Emergency,
        Emergency,
        RHABDO,
    ),
    story("dark pee after a light massage, nothing else", "pee=dark", Urgent, Urgent, RHABDO),
    story(
        "tingling in fingers after neck work, fading within hours",
        "nerves=fading areas=shoulders",
        SelfCare,
        Contact,
        PINS,
    ),
    story(
        "numb patch on forearm lasting 3 days",
        "nerves=lasting areas=arms days=days_3_4",
        Contact,
        Urgent,
        PINS,
    ),
    story("hand weak after forearm massage", "nerves=weak areas=arms", Urgent, Urgent, PINS),
    // Allergy and burns.
    story(
        "swollen lips and hives after oil",
        "right_now=allergy skin=rash",
        Emergency,
        Emergency,
        ANAPHYLAXIS,
    ),
    story("itchy hives on the back after oil, nothing else", "skin=rash", SelfCare, Contact, HIVES),
    story("hot-stone burn with blisters on the back", "skin=burn kind=hot_stones", Urgent, Urgent, BURNS),
    story(
        "small red hot-stone mark, no blisters",
        "skin=small_burn kind=hot_stones",
        SelfCare,
        SelfCare,
        BURNS,
    ),
    // Pregnancy.
    story(
        "pre-eclampsia at 34 weeks: bad headache, puffy face and hands",
        "pregnancy=signs headache=same",
        Urgent,
        Emergency,
        PRE_ECLAMPSIA,
    ),
    story(
        "pre-eclampsia at 34 weeks with blurred vision (ticks step 1)",
        "right_now=sudden_headache pregnancy=signs",
        Urgent,
        Emergency,
        PRE_ECLAMPSIA,
    ),
    story("pregnant, soreness only", "pregnancy=yes pain=moderate", Expected, SelfCare, STRAINS),
    // Faints and dizziness.
    story(
        "simple faint getting off the table, fully recovered",
        "fainted=recovered dizzy=brief",
        Contact,
        Urgent,
        FAINTING,
    ),
    story("fainted while lying on the table", "fainted=lying_or_hurt", Emergency, Emergency, FAINTING),
    story("faint on warfarin, recovered", "fainted=recovered risks=blood_thinners", Urgent, Urgent, FAINTING),
    story("light-headed for a moment standing up", "dizzy=brief", Expected, SelfCare, DIZZY),
    story("dizzy for two days, no neck massage", "dizzy=lasting", Contact, Urgent, DIZZY),
    story("dizzy that lasts after neck massage", "dizzy=lasting areas=head_neck", Urgent, Urgent, DIZZY),
    // Headache.
    story(
        "mild headache after neck massage, easing",
        "headache=easing areas=head_neck",
        SelfCare,
        SelfCare,
        HEADACHE,
    ),
    story(
        "headache after neck massage getting worse, been sick",
        "headache=worse areas=head_neck",
        Urgent,
        Urgent,
        HEADACHE,
    ),
    story("headache not easing after back massage", "headache=same", Contact, Urgent, HEADACHE),
    // Chest and bruises.
    story(
        "chest tender only where pressed after pec massage",
        "chest=tender areas=chest pain=moderate",
        SelfCare,
        SelfCare,
        CHEST_PAIN,
    ),
    story("ordinary bruises after deep tissue", "skin=bruise kind=firm", SelfCare, SelfCare, BRUISES),
    story("large growing bruise on warfarin", "skin=large risks=blood_thinners", Urgent, Urgent, BRUISES),
    story("bruise on apixaban, small", "skin=bruise risks=blood_thinners", Contact, Urgent, BRUISES),
    // Soreness, timing, not sure.
    story("ordinary soreness day 1, getting better", "", Expected, Expected, STRAINS),
    story(
        "moderate soreness same on day 3",
        "pain=moderate days=days_3_4 trend=same",
        SelfCare,
        SelfCare,
        STRAINS,
    ),
    story("soreness worse on day 5", "days=days_5_7 trend=worse pain=moderate", Contact, Contact, STRAINS),
    story("still sore after 10 days", "days=over_7_days trend=same", Contact, Contact, STRAINS),
    story(
        "not sure everywhere it is offered",
        "fever=not_sure pee=not_sure kind=not_sure",
        SelfCare,
        SelfCare,
        FEVER,
    ),
    story(
        "elderly, on clopidogrel, recent hospital stay, calm otherwise",
        "risks=blood_thinners,recent_surgery_travel",
        Expected,
        SelfCare,
        STRAINS,
    ),
    story("very unwell, cannot say why", "unwell=yes", Urgent, Urgent, SEPSIS),
    story("vomiting once after massage, otherwise well", "unwell=no", Expected, Contact, VOMITING),
    story(
        "upper-back soreness after upper-back massage ticked as step-1 chest_pain ('pain in your chest or upper back')",
        "kind=firm",
        Expected,
        SelfCare,
        CHEST_PAIN,
    ),
    story(
        "faint getting off the table, bumped knee ('hurt myself when I fell')",
        "fainted=recovered",
        Urgent,
        Urgent,
        FAINTING,
    ),
    story(
        "hives after oil and light-headed that will not pass (anaphylaxis)",
        "skin=rash dizzy=lasting",
        Emergency,
        Emergency,
        ANAPHYLAXIS,
    ),
    story(
        "hives after oil and fainted (anaphylaxis)",
        "skin=rash fainted=recovered",
        Emergency,
        Emergency,
        ANAPHYLAXIS,
    ),
    story(
        "misread cauda equina, 'None' on step 1, trouble peeing ticked as 'peeing less' + leg numb after lower-back massage",
        "pee=less nerves=lasting areas=lower_back",
        Emergency,
        Emergency,
        CAUDA,
    ),
    story(
        "worst-ever headache after neck massage, 'sudden' missed, ticks headache=worse",
        "headache=sudden areas=head_neck",
        Emergency,
        Emergency,
        HEADACHE,
    ),
    story(
        "misread compartment, severe pain and one calf swollen after massage gun",
        "pain=severe limb=one_leg kind=gun areas=calves",
        Emergency,
        Emergency,
        COMPARTMENT,
    ),
    story(
        "misread PE, breathless 'came on slowly' so 'None', risk: had a baby",
        "pregnancy=yes unwell=yes breathing=yes",
        Emergency,
        Emergency,
        PE,
    ),
    story(
        "one-sided neck pain after neck massage with dizziness that lasts (vertebral artery)",
        "headache=worse dizzy=lasting areas=head_neck",
        Emergency,
        Emergency,
        STROKE,
    ),
];

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

fn form(changes: &str) -> Vec<(String, String)> {
    let changed = pairs(changes);
    let mut all: Vec<_> =
        pairs(CALM).into_iter().filter(|(q, _)| changed.iter().all(|(c, _)| c != q)).collect();
    all.extend(changed);
    all
}

/// The level a reader gets walking the steps one by one, posting only the
/// questions of the steps seen so far, as the browser does.
fn walk(q: &Questionnaire, changes: &str) -> (Level, usize) {
    let all = form(changes);
    for step in 0..q.steps().len() {
        let seen: Vec<String> =
            (0..=step).flat_map(|s| q.step_questions(s).iter().map(|question| question.id.clone())).collect();
        let mut posted: Vec<_> = all.iter().filter(|(k, _)| seen.contains(k)).cloned().collect();
        posted.push((STEP_FIELD.to_string(), step.to_string()));
        posted.push((ACTION_FIELD.to_string(), "continue".to_string()));
        match next(q, &parse_answers(q, &posted), position(q, &posted)) {
            Outcome::Result(result) => return (result.level, step),
            Outcome::Ask { step: asked, errors } => {
                assert!(errors.is_empty(), "`{changes}`: step {step} asks again with {errors:?}");
                assert_eq!(asked, step + 1, "`{changes}`: step {step} went to {asked}");
            }
        }
    }
    panic!("`{changes}`: no result after the last step")
}

fn level(q: &Questionnaire, story: &Story) -> Level {
    let parsed = parse_answers(q, &form(story.answers));
    assert!(parsed.errors.is_empty(), "{}: {:?}", story.name, parsed.errors);
    let direct = assess(q, &parsed.answers).level;
    let (walked, _) = walk(q, story.answers);
    assert_eq!(direct, walked, "{}: the step flow and assess disagree", story.name);
    direct
}

fn table(q: &Questionnaire, stories: &[Story]) -> Vec<String> {
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

#[test]
fn every_story_gets_a_level_the_nhs_advice_allows() {
    let q = questionnaire();
    assert!(STORIES.len() >= 50);
    let wrong = table(&q, STORIES);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_emergency_on_the_first_step_ends_the_check_there() {
    let q = questionnaire();
    for story in STORIES.iter().filter(|story| story.answers.contains("right_now=")) {
        let (given, step) = walk(&q, story.answers);
        assert_eq!((given, step), (Emergency, 0), "{}", story.name);
    }
}
