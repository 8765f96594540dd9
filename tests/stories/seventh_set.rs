//! A seventh set, written by trying the check the way an outside tester
//! would: danger told in one sign only, or ticked under the topic a reader
//! would pick rather than the one the question sits under (a heart attack
//! felt in the jaw and arm by a reader who ticks "Breathing, heart or
//! chest"; a tight throat ticked under breathing or skin), a wound after
//! cupping or needling far more painful than it should be (necrotising
//! fasciitis), and worried readers whom the NHS would leave at home or
//! send to a pharmacist or GP. Expected levels are our own reading of the
//! NHS page named with each story; no clinician has reviewed them.

use super::Level::{Contact, Emergency, Expected, SelfCare, Urgent};
use super::sources::*;
use super::{Story, story};

/// Readers who need help: every one must reach at least `min`.
pub const DANGER: &[Story] = &[
    story(
        "wet cupping two days ago: one cut hurts far more than the others and much more than she expected, the skin round it hot and red; 'None' on step 1",
        "skin=spreading pain=severe kind=gun areas=shoulders days=days_1_2 trend=worse",
        Emergency,
        Emergency,
        NECROTISING_FASCIITIS,
    ),
    story(
        "dry needling in the thigh: the needle spot is red, swollen and very painful, and he has a temperature of 38.5 and aches all over",
        "skin=spreading pain=severe fever=yes kind=needles areas=thighs days=days_1_2 trend=worse",
        Emergency,
        Emergency,
        NECROTISING_FASCIITIS,
    ),
    story(
        "acupuncture on the lower back: the next day she shakes with cold, and her knees look blotchy and purple",
        "skin=mottled fever=yes kind=needles areas=lower_back days=days_1_2",
        Emergency,
        Emergency,
        SEPSIS,
    ),
    story(
        "20, student, after a sports massage: a fever, being sick, cold hands and feet, and bright light hurts her eyes; no headache yet",
        "fever=yes face=stiff_light unwell=yes kind=firm areas=thighs,calves days=days_1_2",
        Emergency,
        Emergency,
        MENINGITIS,
    ),
    story(
        "on the combined pill, calf massage ten days ago: now puffed walking up a gentle hill and her heart races; both legs look the same",
        "breathing=yes risks=hormones areas=calves days=over_7_days",
        Urgent,
        Emergency,
        SEMIGRAN_PE,
    ),
    story(
        "coach trip of 9 hours three weeks ago, leg massage since: his heart races at rest and will not settle, not out of breath",
        "breathing=yes risks=recent_surgery_travel areas=thighs,calves days=days_1_2",
        Emergency,
        Emergency,
        PE,
    ),
    story(
        "deep glute and hip massage: since the next morning he cannot feel the paper when he wipes; no back pain; 'None' on step 1",
        "nerves=saddle areas=lower_back kind=firm days=days_1_2",
        Emergency,
        Emergency,
        CAUDA,
    ),
    story(
        "deep-tissue leg massage and a hard spin class the same day: next morning pee the colour of strong tea, legs only moderately sore",
        "pee=dark pain=moderate kind=firm areas=thighs,calves days=days_1_2",
        Urgent,
        Emergency,
        RHABDO,
    ),
    story(
        "29, neck massage at lunch: in the afternoon her left arm suddenly went numb and heavy for 20 minutes, now back to normal; 'None' on step 1",
        "nerves=sudden_limb areas=head_neck days=under_1_day",
        Emergency,
        Emergency,
        TIA,
    ),
    story(
        "56, shoulder and upper-arm massage: that evening an ache in her jaw and left arm, clammy and sick, no chest pain; she ticks only 'Breathing, heart or chest'",
        "topics=breathing breathing=no chest=heart areas=shoulders,arms days=under_1_day",
        Emergency,
        Emergency,
        HEART_ATTACK,
    ),
    story(
        "almond oil massage: half an hour later his throat feels tight and his voice croaky, no rash; he ticks only 'Breathing, heart or chest'",
        "topics=breathing breathing=throat chest=no days=under_1_day",
        Emergency,
        Emergency,
        ANAPHYLAXIS,
    ),
    story(
        "new massage lotion: itchy hives on her back and now her throat feels tight; she ticks only 'Your skin'",
        "topics=skin skin=rash,swelling days=under_1_day",
        Emergency,
        Emergency,
        ANAPHYLAXIS,
    ),
    story(
        "massage gun on the forearm for tennis elbow: by night the forearm is tight and swollen, the pain far worse than the massage, painkillers do nothing; 'None' on step 1",
        "pain=severe limb=one_arm kind=gun areas=arms days=under_1_day trend=worse",
        Emergency,
        Emergency,
        COMPARTMENT,
    ),
    story(
        "dry needling over the top of the shoulder: since then only a little out of breath walking to the car; 'None' on step 1",
        "breathing=yes kind=needles areas=shoulders days=under_1_day",
        Emergency,
        Emergency,
        PNEUMOTHORAX,
    ),
    story(
        "7-year-old, a back rub with a menthol balm for a cough: now breathing fast with the skin between his ribs sucking in; a parent fills it in",
        "breathing=struggling areas=shoulders days=under_1_day",
        Emergency,
        Emergency,
        ASTHMA_ATTACK,
    ),
    story(
        "27 weeks pregnant, the day after a pregnancy massage: a bad headache that paracetamol does not touch, and flashing lights",
        "pregnancy=signs risks=pregnant days=days_1_2",
        Urgent,
        Emergency,
        PRE_ECLAMPSIA,
    ),
    story(
        "41, shoulder massage: sitting up afterwards a headache hit like a blow to the back of the head, the worst ever; easing a little now; 'None' on step 1",
        "headache=sudden areas=shoulders days=under_1_day",
        Emergency,
        Emergency,
        STROKE,
    ),
    story(
        "tummy massage for bloating: over the next day the pain moved from the belly button to low on the right, worse when she walks, she feels sick and unwell",
        "pain=moderate unwell=yes areas=tummy days=days_1_2 trend=worse",
        Urgent,
        Emergency,
        APPENDICITIS,
    ),
    story(
        "71, the day after a long massage: a temperature of 39, shivering, breathing very fast, and her knees look blotchy; her son ticks only 'Fever, or feeling unwell'",
        "topics=unwell unwell=sepsis fever=yes days=days_1_2",
        Emergency,
        Emergency,
        SEPSIS,
    ),
    story(
        "19, the day after a sports massage: a fever and a few purple spots on his legs that do not fade under a glass; his flatmate ticks only 'Fever, or feeling unwell'",
        "topics=unwell unwell=sepsis fever=yes kind=firm areas=thighs,calves days=days_1_2",
        Emergency,
        Emergency,
        MENINGITIS,
    ),
    // Twins of the worried-well headache and anxiety stories: the same
    // reader with a sign that keeps the higher level.
    story(
        "the evening after a neck massage: a headache that is not easing, and the fingers of one hand tingle",
        "headache=same nerves=lasting areas=head_neck days=under_1_day",
        Urgent,
        Emergency,
        HEADACHE,
    ),
    story(
        "the evening after a neck massage: a headache that is not easing, and her neck is too stiff to bend her chin to her chest",
        "headache=same face=stiff_light areas=head_neck days=under_1_day",
        Urgent,
        Emergency,
        HEADACHE,
    ),
    story(
        "a neck massage this morning: the headache is getting worse and she has been sick",
        "headache=worse areas=head_neck days=under_1_day",
        Urgent,
        Emergency,
        HEADACHE,
    ),
    story(
        "a headache that came on suddenly the evening after a neck massage, the worst he has ever had; 'None' on step 1",
        "headache=sudden areas=head_neck days=under_1_day",
        Emergency,
        Emergency,
        HEADACHE,
    ),
    story(
        "the day after a back massage: a temperature of 38.5 and a headache that is not getting better",
        "fever=yes headache=same areas=shoulders days=days_1_2",
        Urgent,
        Emergency,
        MENINGITIS,
    ),
    story(
        "takes apixaban: a headache that is not easing the evening after a head massage",
        "risks=blood_thinners headache=same areas=head_neck days=under_1_day",
        Urgent,
        Emergency,
        WARFARIN,
    ),
    story(
        "hit her head on the shelf getting off the table; a headache since that is not easing",
        "fall=head headache=same areas=shoulders days=under_1_day",
        Emergency,
        Emergency,
        HEAD_INJURY,
    ),
    story(
        "panic attacks since the massage, and now she feels hopeless and has thought of harming herself, but says she is safe",
        "unwell=low areas=shoulders days=days_1_2",
        Urgent,
        Urgent,
        MENTAL_HEALTH,
    ),
    story(
        "panic attacks since the massage, and tonight he has cut himself; a friend fills it in",
        "unwell=crisis areas=shoulders days=days_1_2",
        Emergency,
        Emergency,
        MENTAL_HEALTH,
    ),
];

/// Worried readers: none may be sent above `max`.
pub const WORRIED: &[Story] = &[
    story(
        "cupping on the back: the round marks are still dark on day 5 but no longer sore, no medicines",
        "skin=bruise kind=gun areas=shoulders days=days_5_7 trend=better pain=no_pain",
        Expected,
        Contact,
        BRUISES,
    ),
    story(
        "deep tissue on the hamstrings: day 2, tender to touch, walking fine",
        "pain=moderate kind=firm areas=thighs days=days_1_2 trend=same",
        Expected,
        SelfCare,
        EXERCISE_SORENESS,
    ),
    story(
        "a mild headache the evening after a scalp massage, gone after paracetamol and a night's sleep",
        "headache=easing areas=head_neck days=under_1_day",
        Expected,
        Contact,
        HEADACHE,
    ),
    story(
        "washed out and a bit weepy the evening after her first massage, fine the next day; ticks 'feeling unwell or low' and answers No to feeling very unwell",
        "topics=unwell unwell=no fever=no days=days_1_2 trend=better",
        Expected,
        SelfCare,
        TIREDNESS,
    ),
    story(
        "felt a bit sick on the drive home after a long massage; it passed after a snack and some water",
        "topics=unwell unwell=no fever=no days=under_1_day",
        Expected,
        SelfCare,
        NAUSEA,
    ),
    story(
        "a small itchy red patch where the massage oil was rubbed in, nothing elsewhere, no swelling of the lips or mouth",
        "skin=rash areas=shoulders days=under_1_day",
        SelfCare,
        Contact,
        CONTACT_DERMATITIS,
    ),
    story(
        "a blocked nose and a scratchy throat starting the day after a massage, temperature normal",
        "topics=unwell unwell=no fever=no days=days_1_2",
        Expected,
        SelfCare,
        COMMON_COLD,
    ),
    story(
        "day 3 after a firm lower-back massage: a mild ache, better than yesterday",
        "pain=mild kind=firm areas=lower_back days=days_3_4 trend=better",
        Expected,
        SelfCare,
        EXERCISE_SORENESS,
    ),
    story(
        "pins and needles in one foot after lying face down, gone within five minutes of walking",
        "nerves=fading areas=calves,feet days=under_1_day",
        Expected,
        Contact,
        PINS,
    ),
    story(
        "neck massage this morning: a stiff, sore neck that is not better yet, no fever, no rash, she can touch her chin to her chest",
        "headache=same areas=head_neck days=under_1_day",
        SelfCare,
        SelfCare,
        NECK_PAIN,
    ),
    story(
        "hot stone massage: light-headed for a moment getting out of the shower, sat down, fine since",
        "dizzy=brief kind=hot_stones days=under_1_day",
        Expected,
        Contact,
        DIZZY,
    ),
    story(
        "takes low-dose aspirin: one small bruise on the shoulder blade after a firm massage, nothing else",
        "skin=bruise risks=blood_thinners kind=firm areas=shoulders days=days_1_2",
        SelfCare,
        Contact,
        BRUISES,
    ),
    story(
        "34 weeks pregnant: her ankles are puffy by the evening and go down overnight, no headache, no problems seeing; ticks a swollen leg and 'none of these signs'",
        "limb=both_legs pregnancy=yes risks=pregnant areas=feet days=days_1_2",
        Expected,
        Contact,
        PREGNANCY_SWELLING,
    ),
    story(
        "a bee sting on the arm walking home from the massage: a red, itchy, swollen patch round the sting, nothing else; ticks the itchy rash answer",
        "skin=rash areas=arms days=under_1_day",
        SelfCare,
        Contact,
        INSECT_BITES,
    ),
    story(
        "calf muscle twitching on and off the evening after a leg massage, no pain, no numbness",
        "topics=nerves nerves=no areas=calves days=under_1_day",
        Expected,
        SelfCare,
        TWITCHING,
    ),
    story(
        "both calves heavy and achy after a long flight and a sports massage the next day, no swelling, nothing throbs; ticks both legs about the same",
        "limb=both_legs risks=recent_surgery_travel areas=calves kind=firm days=days_1_2",
        Expected,
        Contact,
        DVT,
    ),
    story(
        "a sauna and a hot stone massage: thirsty, pee dark yellow in the evening and pale again after some water; answers No on the pee question, which says 'not just dark yellow'",
        "topics=pee pee=no kind=hot_stones days=under_1_day",
        Expected,
        SelfCare,
        DEHYDRATION,
    ),
];
