//! Worried-well readers: each story is retold as a reader after a massage
//! from an NHS page whose advice is a GP, a pharmacist, NHS 111 or
//! looking after yourself, or from a published symptom-checker vignette
//! of that kind. `max` is the highest level that page allows; anything
//! above it is over-triage, which teaches readers to ignore the check.
//! The answers are what a reader would plausibly tick, including the
//! nearest wrong answer where no answer fits. These levels are our own
//! reading of the NHS pages; no clinician has reviewed them.

use super::Level::{Contact, Expected, SelfCare, Urgent};
use super::sources::*;
use super::{Story, story};

pub const STORIES: &[Story] = &[
    // Ordinary soreness and bruising.
    story(
        "the day after a relaxing back massage: a mild ache across the shoulders, getting better, nothing else",
        "pain=mild days=days_1_2 trend=better areas=shoulders kind=light",
        Expected,
        SelfCare,
        EXERCISE_SORENESS,
    ),
    story(
        "deep tissue massage yesterday: sore and a little bruised where the therapist worked the knots",
        "pain=moderate skin=bruise kind=firm areas=shoulders,lower_back days=days_1_2 trend=same",
        Expected,
        SelfCare,
        BRUISES,
    ),
    story(
        "cupping on the back: round dark marks like bruises, a bit tender, otherwise well",
        "pain=mild skin=bruise kind=gun areas=shoulders days=under_1_day trend=better",
        Expected,
        SelfCare,
        BRUISES,
    ),
    story(
        "takes apixaban: a few small bruises on the thighs after a firm leg massage, no other bleeding",
        "skin=bruise risks=blood_thinners kind=firm areas=thighs days=days_1_2",
        SelfCare,
        Contact,
        ANTICOAGULANTS,
    ),
    // Sport and the gym.
    story(
        "sports massage on Saturday and a heavy leg day on Sunday: thighs and calves very stiff and achy on Monday, can still walk",
        "pain=moderate kind=firm areas=thighs,calves days=days_1_2 trend=same",
        Expected,
        SelfCare,
        EXERCISE_SORENESS,
    ),
    story(
        "runner, day 3 after a sports massage: the calves ache about the same as yesterday, no swelling",
        "pain=mild kind=firm areas=calves days=days_3_4 trend=same",
        Expected,
        Contact,
        EXERCISE_SORENESS,
    ),
    story(
        "cramp in both calves in the night after a leg massage, each one gone within a minute, no swelling",
        "limb=both_legs pain=mild areas=calves days=under_1_day",
        Expected,
        Contact,
        LEG_CRAMPS,
    ),
    // Head and neck.
    story(
        "head, neck and shoulder massage: a stiff neck and a mild headache the next morning, both easing with rest",
        "headache=easing areas=head_neck,shoulders days=days_1_2 trend=better",
        Expected,
        Contact,
        NECK_PAIN,
    ),
    story(
        "a throbbing headache for 3 hours on the evening of a back massage, easing after paracetamol and a glass of water",
        "headache=easing areas=shoulders,lower_back days=under_1_day",
        Expected,
        Contact,
        LOW_ACUITY_HEADACHE,
    ),
    story(
        "back and shoulder massage two days ago: a dull headache that paracetamol does not shift, no other signs",
        "headache=same areas=shoulders,lower_back days=days_1_2",
        SelfCare,
        Contact,
        HEADACHE,
    ),
    story(
        "felt light-headed for a moment getting up off the table, fine after a glass of water",
        "dizzy=brief days=under_1_day",
        Expected,
        Contact,
        DIZZY,
    ),
    story(
        "knocked her head on a shelf getting off the table, a small lump, no other signs, no blood thinners",
        "fall=head days=under_1_day",
        SelfCare,
        Contact,
        HEAD_INJURY,
    ),
    story(
        "lavender oil got in one eye during a face massage; it stung, she rinsed it, and it feels normal now",
        "face=eye_rinsed areas=head_neck days=under_1_day",
        SelfCare,
        Contact,
        EYE_INJURIES,
    ),
    story(
        "a nosebleed after a face massage with a decongestant oil; it stopped after 10 minutes of pinching, no blood thinners",
        "face=nosebleed areas=head_neck days=under_1_day",
        SelfCare,
        Contact,
        NOSEBLEED,
    ),
    story(
        "chest massage for tight pecs: the ribs feel sore when pressed, breathing in does not hurt, no other signs",
        "chest=tender areas=chest kind=firm days=days_1_2 trend=better",
        Expected,
        Contact,
        RIBS,
    ),
    // Nerves.
    story(
        "forearm massage: pins and needles in two fingers straight after, already fading an hour later",
        "nerves=fading areas=arms days=under_1_day",
        Expected,
        Contact,
        PINS,
    ),
    story(
        "tingling in the thumb that has lasted two days since a firm forearm massage, no weakness",
        "nerves=lasting areas=arms kind=firm days=days_1_2",
        SelfCare,
        Contact,
        PINS,
    ),
    // Skin.
    story(
        "a few itchy raised bumps on the back where the massage oil was used, no swelling of the lips or mouth, breathing fine",
        "skin=rash areas=shoulders days=under_1_day",
        SelfCare,
        Contact,
        HIVES,
    ),
    story(
        "a red itchy rash on the legs for 4 days since a leg massage with a new oil; feels well",
        "skin=rash areas=thighs,calves days=days_3_4",
        SelfCare,
        Contact,
        LOW_ACUITY_RASH,
    ),
    story(
        "hot stone massage: a small red mark on the back, no blisters, not pregnant, no diabetes",
        "skin=small_burn kind=hot_stones areas=shoulders days=under_1_day",
        SelfCare,
        Contact,
        BURNS,
    ),
    // Shingles and kidney stones (issue 21).
    story(
        "a burning pain on one side of the back for a few days, then a band of blisters on that side only after a back massage; ticks the itchy rash answer",
        "skin=rash areas=shoulders days=days_3_4",
        Contact,
        Urgent,
        SHINGLES,
    ),
    story(
        "shingles on one side of the chest: painful blisters, and some skin broken where the clothes rub; ticks the broken skin answer",
        "skin=spreading areas=chest,shoulders days=days_1_2",
        Contact,
        Urgent,
        SHINGLES,
    ),
    story(
        "a sudden, very bad pain in one side of the lower back that comes in waves and spreads to the groin, the day after a lower-back massage; answers the pain question",
        "pain=severe areas=lower_back days=days_1_2 trend=worse",
        Contact,
        Urgent,
        KIDNEY_STONES,
    ),
    story(
        "a dull ache in one side and pink pee the day after a lower-back massage; no fever",
        "pee=dark pain=moderate areas=lower_back days=days_1_2",
        Contact,
        Urgent,
        KIDNEY_STONES,
    ),
    // Feeling tired or run down.
    story(
        "very tired and sleepy the day after a long full-body massage, otherwise well",
        "areas=shoulders,lower_back,thighs,calves days=days_1_2",
        Expected,
        Contact,
        TIREDNESS,
    ),
    story(
        "a cold since the weekend: runny nose, sore throat and achy muscles; feels hot and shivery now and then; massage yesterday",
        "fever=yes pain=mild days=days_1_2",
        SelfCare,
        Urgent,
        SEMIGRAN_COLD,
    ),
    story(
        "hurt her back lifting her child 2 days ago, had a massage for it, and it still hurts to bend but she can get about",
        "pain=moderate areas=lower_back days=days_1_2 trend=same",
        Expected,
        Contact,
        LOW_ACUITY_BACK,
    ),
    // Pregnancy, without the NHS warning signs.
    story(
        "30 weeks pregnant, a pregnancy massage: a mild backache afterwards, the baby moving as usual, no other signs",
        "pregnancy=yes pain=mild areas=lower_back kind=light",
        Expected,
        Contact,
        BACK_PAIN,
    ),
    story(
        "8 weeks pregnant: feels sick in the mornings but has not been sick, keeps food and drink down; had a foot massage",
        "pregnancy=yes areas=feet kind=light",
        Expected,
        Contact,
        MORNING_SICKNESS,
    ),
    // Swelling that is not a clot.
    story(
        "both ankles a little puffy at the end of a long day after a foot massage, not pregnant, no clot risks",
        "limb=both_legs areas=feet days=under_1_day",
        SelfCare,
        Contact,
        OEDEMA,
    ),
    // Readers the questionnaire over- or under-triaged before issue 21
    // (a racing heart that settled, breathless on the stairs, a faint with
    // full recovery, "not sure", morning sickness, a night cramp), and the
    // shingles and kidney-stone answers it added.
    story(
        "heart raced for a few minutes on the table and then settled, no chest pain, not breathless; answers Yes on the breathing question",
        "breathing=yes days=under_1_day",
        Contact,
        Urgent,
        PALPITATIONS,
    ),
    story(
        "out of breath on the stairs since a cold last week, fine at rest, massage yesterday, no clot risks",
        "breathing=yes days=days_1_2",
        Contact,
        Urgent,
        SHORTNESS_OF_BREATH,
    ),
    story(
        "healthy 25-year-old fainted when she sat up too fast after the massage, back to normal within a minute",
        "fainted=recovered days=under_1_day",
        Contact,
        Contact,
        FAINTING,
    ),
    story(
        "not sure whether her skin looks paler than usual; ticks 'I'm not sure' on the first page",
        "right_now=not_sure",
        Urgent,
        Urgent,
        SEPSIS,
    ),
    story(
        "feels shivery and achy the evening after a massage, no thermometer; answers 'I'm not sure' on fever",
        "fever=not_sure days=under_1_day",
        Contact,
        Urgent,
        FEVER,
    ),
    story(
        "8 weeks pregnant: being sick most mornings but keeps food and drinks down; the hint says ordinary morning sickness is not a sign",
        "risks=pregnant pregnancy=yes areas=feet kind=light",
        Expected,
        Contact,
        MORNING_SICKNESS,
    ),
    story(
        "cramp in one calf in the night after a leg massage, gone within a minute; answers No to a cramping pain that does not go away",
        "limb=no pain=mild areas=calves days=under_1_day",
        Expected,
        Contact,
        LEG_CRAMPS,
    ),
    story(
        "a band of painful blisters on one side of the back, a few days after a back massage; ticks the shingles answer",
        "skin=shingles areas=shoulders days=days_3_4",
        Contact,
        Urgent,
        SHINGLES,
    ),
    // Held out last time (our own rules went above the NHS); the questions
    // now tell these readers from the ones in danger.
    story(
        "leg day at the gym after a sports massage: on day 4 both thighs and calves ache more than yesterday, no swelling, nothing throbs; answers No to one swollen or painful leg",
        "pain=moderate kind=firm areas=thighs,calves days=days_3_4 trend=worse",
        Expected,
        Contact,
        EXERCISE_SORENESS,
    ),
    story(
        "a dull ache across the forehead and a tight neck since a head and neck massage the day before, not easing yet, nothing else",
        "headache=same areas=head_neck,shoulders days=days_1_2 trend=same",
        SelfCare,
        SelfCare,
        TENSION_HEADACHE,
    ),
    story(
        "a small patch of itchy hives on the back after a new massage oil, and a moment's head rush on getting off the table that passed",
        "skin=rash dizzy=brief areas=shoulders days=under_1_day",
        SelfCare,
        Contact,
        HIVES,
    ),
    story(
        "a sudden, very bad pain in one side of the back that comes in waves and spreads to the groin; ticks pain in the side on the pee page",
        "pee=kidney areas=lower_back days=days_1_2",
        Contact,
        Urgent,
        KIDNEY_STONES,
    ),
    // A headache or neck pain not easing yet: self-care in the first days
    // (NHS headaches, tension headaches, neck pain), a GP from day 3 (our
    // judgement). Their twins in danger are in `seventh_set::DANGER`.
    story(
        "a tight, pressing headache the evening after a head and neck massage, not better yet; no other signs",
        "headache=same areas=head_neck days=under_1_day",
        Expected,
        SelfCare,
        TENSION_HEADACHE,
    ),
    story(
        "the day after a shoulder massage: a dull headache that is not easing yet, though paracetamol takes the edge off",
        "headache=same areas=shoulders days=days_1_2 trend=better",
        Expected,
        SelfCare,
        HEADACHE,
    ),
    story(
        "two days after a deep neck massage: the neck is stiff and sore, about the same, but she can turn her head",
        "headache=same areas=head_neck kind=firm days=days_1_2 trend=same pain=moderate",
        Expected,
        SelfCare,
        NECK_PAIN,
    ),
    story(
        "a headache that is still not easing 4 days after a back massage; nothing else",
        "headache=same areas=shoulders,lower_back days=days_3_4 trend=better",
        SelfCare,
        Contact,
        HEADACHE,
    ),
    // Anxious or panicky, without hopelessness or thoughts of self-harm: a GP
    // or self-referral to talking therapies (NHS panic disorder, anxiety).
    story(
        "since a massage brought back a hard memory she keeps having panic attacks; no thoughts of harming herself",
        "unwell=anxious areas=shoulders days=days_1_2",
        SelfCare,
        Contact,
        PANIC_DISORDER,
    ),
    story(
        "anxious and on edge for days after a first massage, worried it did some harm, and sleeping badly; soreness going",
        "unwell=anxious areas=lower_back days=days_3_4 trend=better",
        SelfCare,
        Contact,
        ANXIETY,
    ),
    story(
        "felt tearful and a bit anxious on the table, settled by the evening; ticks 'unwell or low' and then 'No'",
        "topics=unwell unwell=no areas=shoulders days=under_1_day",
        Expected,
        SelfCare,
        ANXIETY,
    ),
];
