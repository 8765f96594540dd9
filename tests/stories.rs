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
const STOMACH: &str = "https://www.nhs.uk/conditions/stomach-ache/";
const CHEMO: &str = "https://www.nhs.uk/conditions/chemotherapy/side-effects/";
const BABY_MOVES: &str = "https://www.nhs.uk/pregnancy/keeping-well/your-babys-movements/";
const PREGNANCY_BLEEDING: &str =
    "https://www.nhs.uk/pregnancy/related-conditions/common-symptoms/vaginal-bleeding/";
const HEAD_INJURY: &str = "https://www.nhs.uk/conditions/head-injury-and-concussion/";
const BACK_PAIN: &str = "https://www.nhs.uk/conditions/back-pain/";
const DIABETIC_FEET: &str = "https://www.nhs.uk/conditions/diabetes/complications/";
const OEDEMA: &str = "https://www.nhs.uk/conditions/oedema/";
const WARFARIN: &str = "https://www.nhs.uk/medicines/warfarin/side-effects-of-warfarin/";
const ECTOPIC: &str = "https://www.nhs.uk/conditions/ectopic-pregnancy/";
const MENINGITIS: &str = "https://www.nhs.uk/conditions/meningitis/";
const LEG_ARTERIES: &str = "https://www.nhs.uk/conditions/peripheral-arterial-disease-pad/";
const RIBS: &str = "https://www.nhs.uk/conditions/broken-or-bruised-ribs/";
const HYPO: &str = "https://www.nhs.uk/conditions/low-blood-sugar-hypoglycaemia/";

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
    // A second set, written apart from the rules and their table: varied
    // readers, vague or partial answers, "None of these" on the first step
    // with a warning sign later. Expected levels are our reading of the NHS
    // page named with each story.
    story(
        "33 weeks pregnant, back massage, baby moving less since; no other signs",
        "pregnancy=signs areas=shoulders,lower_back kind=light",
        Urgent,
        Emergency,
        BABY_MOVES,
    ),
    story(
        "26 weeks pregnant, tummy cramps and spotting of blood after a pregnancy massage",
        "pregnancy=signs areas=lower_back kind=light",
        Urgent,
        Emergency,
        PREGNANCY_BLEEDING,
    ),
    story(
        "2 weeks after the birth, back massage, now hot and shivery, otherwise feels fine",
        "pregnancy=yes fever=yes areas=shoulders",
        Urgent,
        Emergency,
        SEPSIS,
    ),
    story(
        "on chemotherapy, gentle massage, temperature 38.2 the next day, feels fine",
        "risks=cancer_treatment fever=yes kind=light days=days_1_2",
        Urgent,
        Emergency,
        CHEMO,
    ),
    story(
        "on chemotherapy, not sure if feverish, feels shivery after a hand massage",
        "risks=cancer_treatment fever=not_sure areas=arms kind=light",
        Urgent,
        Emergency,
        CHEMO,
    ),
    story(
        "on chemotherapy, new bruises after a light back massage",
        "risks=cancer_treatment skin=bruise kind=light",
        Contact,
        Urgent,
        CHEMO,
    ),
    story(
        "tummy massage for constipation, then sudden, very bad tummy pain (ticks it on step 1)",
        "right_now=tummy areas=tummy",
        Emergency,
        Emergency,
        STOMACH,
    ),
    story(
        "tummy massage, 'None' on step 1, tummy pain so bad she can hardly move",
        "pain=severe areas=tummy kind=firm",
        Emergency,
        Emergency,
        STOMACH,
    ),
    story(
        "tummy a little tender where it was pressed, the day after a tummy massage",
        "areas=tummy pain=mild days=days_1_2",
        Expected,
        SelfCare,
        STOMACH,
    ),
    story(
        "massage gun on the thigh, 'None' on step 1, pain very bad and worse than yesterday",
        "pain=severe trend=worse kind=gun areas=thighs days=days_1_2",
        Emergency,
        Emergency,
        COMPARTMENT,
    ),
    story(
        "deep tissue on the calves, pain very bad on day 1 but already easing",
        "pain=severe trend=better kind=firm areas=calves days=days_1_2",
        Urgent,
        Urgent,
        STRAINS,
    ),
    story(
        "sports massage on the calves, one calf aches more each day on day 4, swelling not noticed",
        "areas=calves kind=firm days=days_3_4 trend=worse pain=moderate",
        Urgent,
        Urgent,
        DVT,
    ),
    story(
        "thighs massaged, thigh pain still getting worse 6 days later",
        "areas=thighs days=days_5_7 trend=worse pain=moderate",
        Urgent,
        Urgent,
        DVT,
    ),
    story(
        "lower back massaged, back still getting worse on day 4, legs fine",
        "areas=lower_back days=days_3_4 trend=worse pain=moderate",
        Contact,
        Contact,
        BACK_PAIN,
    ),
    story(
        "one calf swollen after leg massage, not sure whether more out of breath",
        "limb=one_leg breathing=not_sure areas=calves",
        Urgent,
        Emergency,
        DVT,
    ),
    story(
        "type 2 diabetes, hot stones on the feet, small red burn without blisters",
        "risks=diabetes skin=small_burn kind=hot_stones areas=feet",
        Contact,
        Urgent,
        BURNS,
    ),
    story(
        "no health problems, hot stones, small red mark without blisters",
        "skin=small_burn kind=hot_stones areas=shoulders",
        SelfCare,
        SelfCare,
        BURNS,
    ),
    story(
        "22 weeks pregnant, hot stones, small red burn without blisters",
        "pregnancy=yes skin=small_burn kind=hot_stones",
        Urgent,
        Urgent,
        BURNS,
    ),
    story(
        "hot stones left a patch of white skin on the lower back",
        "skin=burn kind=hot_stones areas=lower_back",
        Urgent,
        Urgent,
        BURNS,
    ),
    story(
        "diabetes, foot massage, a blister on the foot has broken open",
        "risks=diabetes skin=spreading areas=feet",
        Urgent,
        Urgent,
        DIABETIC_FEET,
    ),
    story(
        "cupping: round purple marks on the back, not painful",
        "skin=bruise kind=gun areas=shoulders",
        SelfCare,
        SelfCare,
        BRUISES,
    ),
    story(
        "cupping while on warfarin: round bruises",
        "skin=bruise kind=gun risks=blood_thinners",
        Contact,
        Urgent,
        BRUISES,
    ),
    story(
        "72, on apixaban, deep tissue on the thighs: a tight swelling that keeps growing",
        "risks=blood_thinners kind=firm areas=thighs skin=large pain=moderate",
        Urgent,
        Emergency,
        BRUISES,
    ),
    story(
        "on apixaban, fainted in the shower after the massage and bumped her head, back to normal",
        "fainted=recovered risks=blood_thinners",
        Urgent,
        Emergency,
        HEAD_INJURY,
    ),
    story(
        "on warfarin, head and neck massage, headache not easing after 2 days",
        "risks=blood_thinners headache=same areas=head_neck days=days_1_2",
        Urgent,
        Emergency,
        HEADACHE,
    ),
    story(
        "lower back massage, now both legs numb and it is not fading ('None' on step 1)",
        "nerves=both_legs areas=lower_back",
        Emergency,
        Emergency,
        CAUDA,
    ),
    story(
        "lower back massage, both legs numb, ticks it on step 1",
        "right_now=cauda_equina areas=lower_back",
        Emergency,
        Emergency,
        CAUDA,
    ),
    story(
        "lower back massage, pain and numbness down one leg for 2 days",
        "nerves=lasting areas=lower_back days=days_1_2",
        Contact,
        Urgent,
        SCIATICA,
    ),
    story(
        "scalene (neck) massage, arm tingling for 2 days and grip weaker",
        "nerves=weak areas=head_neck days=days_1_2",
        Urgent,
        Emergency,
        PINS,
    ),
    story(
        "massage gun on the neck, sight went in one eye for 5 minutes, now fine",
        "right_now=sudden_headache areas=head_neck kind=gun",
        Emergency,
        Emergency,
        TIA,
    ),
    story(
        "80, neck and shoulder massage, words came out muddled for a minute; daughter ticks 'not sure'",
        "right_now=not_sure areas=head_neck,shoulders",
        Emergency,
        Emergency,
        TIA,
    ),
    story(
        "neck massage, room keeps spinning, 'None' on step 1",
        "dizzy=lasting areas=head_neck",
        Urgent,
        Emergency,
        DIZZY,
    ),
    story(
        "2 hours of deep tissue and hot stones, cola-coloured pee, peeing little",
        "pee=dark,less kind=firm,hot_stones pain=moderate",
        Emergency,
        Emergency,
        RHABDO,
    ),
    story(
        "massage gun on both thighs, pain very bad, has not looked at her pee",
        "pain=severe pee=not_sure kind=gun areas=thighs",
        Urgent,
        Emergency,
        RHABDO,
    ),
    story(
        "oil massage, hives spreading and throat feels tight, 'None' on step 1 (breathing hard)",
        "skin=rash breathing=yes",
        Emergency,
        Emergency,
        ANAPHYLAXIS,
    ),
    story(
        "day 3, massaged skin hot and red and spreading, fever and feels very unwell",
        "skin=spreading fever=yes unwell=yes days=days_3_4",
        Urgent,
        Emergency,
        SEPSIS,
    ),
    story(
        "10 days after the birth, calf massage, calf now warm and swollen",
        "limb=one_leg pregnancy=yes areas=calves",
        Urgent,
        Urgent,
        DVT,
    ),
    story(
        "28 weeks pregnant, foot massage, pain just below the ribs and being sick",
        "pregnancy=signs unwell=yes areas=feet",
        Urgent,
        Emergency,
        PRE_ECLAMPSIA,
    ),
    story(
        "had breast cancer, arm with lymphoedema massaged: arm more swollen, red, hot, shivery",
        "limb=one_arm skin=spreading fever=yes areas=arms",
        Urgent,
        Emergency,
        CELLULITIS,
    ),
    story(
        "after a long flight, leg massage the next day, legs look fine but breathless on stairs",
        "breathing=yes risks=recent_surgery_travel areas=calves",
        Emergency,
        Emergency,
        PE,
    ),
    story(
        "massage gun on a calf with varicose veins: one hard, red, sore vein",
        "limb=one_leg kind=gun areas=calves",
        Urgent,
        Urgent,
        DVT,
    ),
    story(
        "runner, sports massage on both calves: both feel heavy and throb the next day",
        "limb=both_legs areas=calves kind=firm days=days_1_2 pain=moderate",
        SelfCare,
        Contact,
        OEDEMA,
    ),
    story(
        "lower back still as sore 9 days after a deep tissue massage",
        "days=over_7_days trend=same areas=lower_back pain=moderate kind=firm",
        Contact,
        Contact,
        BACK_PAIN,
    ),
    story(
        "mild headache and tired the day after a head massage, easing",
        "headache=easing areas=head_neck days=days_1_2",
        SelfCare,
        SelfCare,
        HEADACHE,
    ),
    story(
        "on rivaroxaban, back massage, headache since that is not easing",
        "risks=blood_thinners headache=same areas=shoulders,lower_back",
        Urgent,
        Emergency,
        WARFARIN,
    ),
    story(
        "on warfarin, dizzy spells that keep coming back since a leg massage",
        "risks=blood_thinners dizzy=lasting areas=calves",
        Urgent,
        Emergency,
        WARFARIN,
    ),
    story(
        "7 weeks pregnant (had not told the therapist), one-sided tummy pain and dizzy since",
        "pregnancy=signs dizzy=lasting areas=lower_back",
        Emergency,
        Emergency,
        ECTOPIC,
    ),
    story(
        "neck massage, then fever, a headache getting worse and being sick; neck stiff",
        "fever=yes headache=worse areas=head_neck unwell=yes",
        Emergency,
        Emergency,
        MENINGITIS,
    ),
    story(
        "fever and a bad headache after a back massage, no neck massage, not sick",
        "fever=yes headache=worse areas=shoulders",
        Emergency,
        Emergency,
        MENINGITIS,
    ),
    story(
        "fever and a mild headache that is easing, otherwise well",
        "fever=yes headache=easing",
        Contact,
        Urgent,
        FEVER,
    ),
    story(
        "atrial fibrillation, massage gun on the calf: foot suddenly cold, white and very painful (ticks it on step 1)",
        "right_now=compartment kind=gun areas=calves,feet risks=blood_thinners",
        Urgent,
        Emergency,
        LEG_ARTERIES,
    ),
    story(
        "78 with thin bones, firm back massage: sharp pain at the ribs when breathing in (ticks it on step 1)",
        "right_now=chest_pain kind=firm areas=shoulders",
        Urgent,
        Emergency,
        RIBS,
    ),
    story(
        "cancer that has spread to the spine, back massage, new back pain and both legs weak",
        "right_now=cauda_equina risks=cancer_treatment areas=lower_back",
        Emergency,
        Emergency,
        CAUDA,
    ),
    story(
        "after a long flight, not sure if more out of breath, feels very unwell",
        "breathing=not_sure unwell=yes risks=recent_surgery_travel",
        Urgent,
        Emergency,
        PE,
    ),
    story(
        "insulin, light massage, shaky, sweaty and muddled; partner fills the form",
        "right_now=fainted_confused risks=diabetes kind=light",
        Urgent,
        Emergency,
        HYPO,
    ),
    story(
        "deep tissue on the shoulders: one bruise and mild soreness on day 2",
        "skin=bruise kind=firm days=days_1_2 trend=better pain=mild",
        SelfCare,
        SelfCare,
        BRUISES,
    ),
    story(
        "hamstring massage: a big bruise spreading down the back of the leg, no blood thinners",
        "skin=large kind=firm areas=thighs",
        Contact,
        Urgent,
        BRUISES,
    ),
    story(
        "itchy hives after the oil and lips tingle, but nothing swells",
        "skin=rash",
        SelfCare,
        Contact,
        HIVES,
    ),
    story(
        "back massage only; chest tight at rest since, 'None' on step 1 as she blamed the massage",
        "chest=more areas=shoulders kind=firm",
        Emergency,
        Emergency,
        CHEST_PAIN,
    ),
    story(
        "sore between the shoulder blades after an upper-back massage, chest fine",
        "chest=no areas=shoulders kind=firm pain=moderate",
        Expected,
        SelfCare,
        STRAINS,
    ),
    story(
        "3 weeks after a knee operation, calf massage, cannot tell if one calf is puffy",
        "limb=not_sure risks=recent_surgery_travel areas=calves",
        Urgent,
        Urgent,
        DVT,
    ),
    story(
        "calf massage, no risks, cannot tell if one calf is a little puffy",
        "limb=not_sure areas=calves kind=firm",
        Contact,
        Urgent,
        DVT,
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
    assert!(STORIES.len() >= 100);
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
