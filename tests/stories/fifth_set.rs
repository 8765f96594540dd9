//! A fifth set, written after the first four from angles they did not
//! cover: oil or a chemical in the eye, nosebleeds (on blood thinners
//! too), a fall or a knock onto a pregnant bump, sight, a drooping face
//! or lost balance noticed after "None" on the first step, Thai massage
//! and neck manipulation, ribs and breathing after deep work in older
//! people with thin bones, dark pee after hard sports massage, lymphatic
//! drainage, allergy and sepsis named in plain words, fainting, children
//! and teenagers, carers answering, and cupping or gua sha marks that are
//! expected, so that over-triage stays honest. Expected levels are our
//! own reading of the NHS page named with each story; where the NHS says
//! call 999 or go to A&E, the lowest allowed level is an emergency.

use super::Level::{Contact, Emergency, Expected, SelfCare, Urgent};
use super::sources::*;
use super::{Story, story};

pub const STORIES: &[Story] = &[
    // Oil or a chemical in the eye.
    story(
        "aromatherapy face massage: lavender oil ran into her eye; rinsed it at the sink, still stinging and red half an hour later",
        "face=eye_oil areas=head_neck kind=light",
        Urgent,
        Emergency,
        EYE_INJURIES,
    ),
    story(
        "peppermint oil on the therapist's hands got in his eye; now he cannot keep it open and it looks blurry",
        "face=eye_bad areas=head_neck kind=firm",
        Emergency,
        Emergency,
        EYE_INJURIES,
    ),
    story(
        "the cleaning spray for the massage table splashed into her eye while she sat up",
        "face=eye_bad",
        Emergency,
        Emergency,
        EYE_INJURIES,
    ),
    story(
        "a drop of massage oil in the eye at the end of a head massage; rinsed under the tap and fine now",
        "face=eye_rinsed areas=head_neck",
        Expected,
        Contact,
        EYE_INJURIES,
    ),
    story(
        "9, rubbed eucalyptus chest balm from a back rub into his eye; his mum rinsed it, still red and watering",
        "face=eye_oil areas=shoulders",
        Urgent,
        Emergency,
        EYE_INJURIES,
    ),
    // Nosebleeds.
    story(
        "on apixaban: nosebleed after lying face down, still bleeding after 20 minutes of pinching",
        "face=nosebleed_bad risks=blood_thinners areas=shoulders,lower_back",
        Emergency,
        Emergency,
        NOSEBLEED,
    ),
    story(
        "nosebleed in the face cradle, stopped after 10 minutes of pinching, no medicines",
        "face=nosebleed",
        Expected,
        Contact,
        NOSEBLEED,
    ),
    story(
        "on warfarin: a nosebleed after a back massage that stopped after 10 minutes of pinching",
        "face=nosebleed risks=blood_thinners",
        Contact,
        Urgent,
        NOSEBLEED,
    ),
    story(
        "hit his nose on the table edge getting up; it is bleeding heavily and he keeps swallowing blood; feels fine otherwise",
        "face=nosebleed_bad fall=head",
        Emergency,
        Emergency,
        NOSEBLEED,
    ),
    story(
        "72, nosebleed after a head massage; she feels faint and dizzy (ticked 'lasting' dizziness)",
        "face=nosebleed_bad dizzy=lasting areas=head_neck",
        Emergency,
        Emergency,
        NOSEBLEED,
    ),
    // A fall or a knock onto a pregnant bump.
    story(
        "30 weeks pregnant, slipped on oil getting off the table and landed on her bump; feels fine, baby moving",
        "fall=bump pregnancy=yes areas=lower_back,shoulders",
        Urgent,
        Urgent,
        PREGNANCY_FALL,
    ),
    story(
        "28 weeks pregnant, fell onto her bump at the spa; since then her tummy hurts all the time and the baby is quieter",
        "fall=bump pregnancy=signs",
        Emergency,
        Emergency,
        PREGNANCY_FALL,
    ),
    story(
        "pregnancy massage: the therapist pressed hard on her bump; an hour later some spotting",
        "fall=bump pregnancy=signs areas=tummy",
        Urgent,
        Emergency,
        PREGNANCY_FALL,
    ),
    story(
        "36 weeks pregnant, knocked her bump on the table and is now bleeding heavily",
        "fall=bump pregnancy=heavy",
        Emergency,
        Emergency,
        PREGNANCY_FALL,
    ),
    story(
        "34 weeks pregnant, felt faint and sick lying on her back; fine within minutes once on her side",
        "dizzy=brief pregnancy=yes areas=lower_back",
        Expected,
        Contact,
        FAINTING,
    ),
    story(
        "pregnant, the day after a massage: a bad headache, blurred sight and puffy hands (ticks them as pregnancy signs)",
        "pregnancy=signs headache=same",
        Urgent,
        Emergency,
        PRE_ECLAMPSIA,
    ),
    story(
        "pregnant, blurred sight and flashing lights the day after a massage; she ticks the sight answer as well",
        "pregnancy=signs face=sight",
        Urgent,
        Emergency,
        PRE_ECLAMPSIA,
    ),
    // Sight, face and balance noticed after "None" on the first step.
    story(
        "65, ticked 'None'; an hour later her husband says the sight in one eye went dark for a few minutes; fine now",
        "face=sight areas=shoulders",
        Emergency,
        Emergency,
        TIA,
    ),
    story(
        "Thai massage with neck stretches; next morning sudden bad pain on one side of the neck and double vision",
        "headache=worse face=sight areas=head_neck kind=firm days=days_1_2",
        Emergency,
        Emergency,
        STROKE,
    ),
    story(
        "after his neck was cracked during a sports massage he became suddenly dizzy and cannot walk straight; it started after he ticked 'None'",
        "dizzy=balance areas=head_neck kind=firm",
        Emergency,
        Emergency,
        STROKE,
    ),
    story(
        "evening after a massage, her daughter sees one side of her face has dropped; she had ticked 'None' earlier",
        "face=face_droop areas=shoulders,lower_back",
        Emergency,
        Emergency,
        STROKE,
    ),
    story(
        "neck manipulation during a massage; one eyelid now droops and one side of the neck aches, not getting better",
        "face=eyelid headache=same areas=head_neck",
        Emergency,
        Emergency,
        STROKE,
    ),
    story(
        "Thai massage: pain on one side of the neck and dizziness that keeps coming back, getting worse",
        "headache=worse dizzy=lasting areas=head_neck kind=firm",
        Urgent,
        Emergency,
        STROKE,
    ),
    story(
        "not sure whether a blurry spell counts, ticks 'I'm not sure' on the first step: told to call 111 now, who can send an ambulance (issue 21's not-sure policy)",
        "right_now=not_sure",
        Urgent,
        Urgent,
        STROKE,
    ),
    story(
        "her husband notices her speech is muddled the evening after a massage; she does not feel unwell and had ticked 'None'",
        "face=speech areas=shoulders",
        Emergency,
        Emergency,
        STROKE,
    ),
    story(
        "an hour after a massage with a nut oil his throat feels tight and his voice is hoarse; it started after he ticked 'None'",
        "face=throat skin=rash",
        Emergency,
        Emergency,
        ANAPHYLAXIS,
    ),
    story(
        "carer: after a long hot stone session her client's lips look bluish-grey; she feels cold ('None' on step 1)",
        "face=blue_lips kind=hot_stones",
        Emergency,
        Emergency,
        SEPSIS,
    ),
    story(
        "ticked 'None' on step 1, then on 'How you feel' says he has hurt himself and cannot keep himself safe",
        "unwell=crisis areas=shoulders",
        Emergency,
        Emergency,
        MENTAL_HEALTH,
    ),
    story(
        "coughed up some blood the day after dry needling between the shoulder blades; not out of breath",
        "breathing=blood kind=needles areas=shoulders days=days_1_2",
        Urgent,
        Emergency,
        PNEUMOTHORAX,
    ),
    story(
        "coughed up a little blood two days after a leg massage; breathing feels normal",
        "breathing=blood areas=calves days=days_1_2",
        Urgent,
        Emergency,
        PE,
    ),
    story(
        "after a deep lower-back massage he could not control his bowels that night and his bottom feels odd ('None' on step 1)",
        "pee=trouble areas=lower_back kind=firm",
        Emergency,
        Emergency,
        CAUDA,
    ),
    story(
        "toddler drank from the bottle of eucalyptus oil left out after his mum's massage at home; he seems fine",
        "face=swallowed",
        Emergency,
        Emergency,
        POISONING,
    ),
    story(
        "sudden, very bad tummy pain the evening after a back massage; she had ticked 'None' before it started",
        "unwell=tummy areas=shoulders,lower_back",
        Emergency,
        Emergency,
        STOMACH,
    ),
    story(
        "hot stones left on the back of her calves: blisters there the next morning",
        "skin=limb_burn kind=hot_stones areas=calves days=days_1_2",
        Emergency,
        Emergency,
        BURNS,
    ),
    story(
        "heated bamboo massage: a blistered burn on the back of his hand",
        "skin=limb_burn kind=hot_stones areas=arms",
        Emergency,
        Emergency,
        BURNS,
    ),
    story(
        "a hot stone left a blistered burn the size of a coin between her shoulder blades",
        "skin=burn kind=hot_stones areas=shoulders",
        Urgent,
        Urgent,
        BURNS,
    ),
    story(
        "her right arm and leg went numb for ten minutes that evening and came back; she ticked 'None' as it had passed",
        "nerves=sudden_limb areas=shoulders",
        Emergency,
        Emergency,
        TIA,
    ),
    // Ribs and breathing after deep work.
    story(
        "78, thin bones, deep back massage; sharp rib pain that is worse when she breathes in",
        "chest=more areas=shoulders kind=firm",
        Urgent,
        Emergency,
        RIBS,
    ),
    story(
        "deep work around the shoulder blades; a rib is sore only when pressed, breathing is fine",
        "chest=tender areas=shoulders kind=firm pain=moderate",
        SelfCare,
        Contact,
        RIBS,
    ),
    story(
        "tall, thin 22-year-old: sudden breathlessness and sharp pain on one side the evening after a back massage",
        "right_now=breathless areas=shoulders",
        Emergency,
        Emergency,
        PNEUMOTHORAX,
    ),
    story(
        "rib sore to touch after deep work, and now out of breath on the stairs (ticked 'None')",
        "breathing=yes chest=tender areas=shoulders kind=firm",
        Emergency,
        Emergency,
        PE,
    ),
    story(
        "80, thin bones, deep back massage; now very bad back pain, she can hardly move",
        "pain=severe areas=lower_back kind=firm trend=worse days=days_1_2",
        Urgent,
        Emergency,
        BACK_PAIN,
    ),
    // Dark pee after hard sports massage.
    story(
        "day after a marathon, hard sports massage; pee the colour of cola and very painful thighs",
        "pee=dark pain=severe kind=firm areas=thighs,calves",
        Urgent,
        Emergency,
        RHABDO,
    ),
    story(
        "rugby player, massage gun on his thighs; cola-coloured pee and hardly peeing",
        "pee=dark,less kind=gun areas=thighs",
        Emergency,
        Emergency,
        RHABDO,
    ),
    story(
        "14-year-old gymnast, massage gun on her thighs; she can hardly use her legs and her pee is dark brown",
        "pee=dark pain=severe kind=gun areas=thighs",
        Urgent,
        Emergency,
        RHABDO,
    ),
    // Lymphatic drainage.
    story(
        "lymphoedema after breast cancer, lymphatic drainage; the arm is now hot, with spreading redness, and she is shivery",
        "skin=spreading fever=yes limb=one_arm areas=arms kind=light",
        Urgent,
        Emergency,
        CELLULITIS,
    ),
    story(
        "lymphatic drainage during chemotherapy; temperature 38.3 that evening",
        "fever=yes risks=cancer_treatment kind=light",
        Urgent,
        Emergency,
        CHEMO,
    ),
    story(
        "lymphatic drainage three weeks after liposuction; both legs a little puffy",
        "limb=both_legs risks=recent_surgery_travel areas=thighs kind=light",
        Contact,
        Urgent,
        OEDEMA,
    ),
    // Allergy in plain words.
    story(
        "massage with a nut oil: throat feels tight and her voice has gone hoarse",
        "right_now=allergy",
        Emergency,
        Emergency,
        ANAPHYLAXIS,
    ),
    story(
        "hives all over after almond oil and he feels faint ('None' on step 1)",
        "skin=rash dizzy=lasting",
        Emergency,
        Emergency,
        ANAPHYLAXIS,
    ),
    story("itchy raised bumps only where the oil was, nothing else", "skin=rash", SelfCare, Contact, HIVES),
    // Fainting.
    story(
        "fainted as she stood up from the table, came round in seconds, fine now",
        "fainted=recovered dizzy=brief",
        Contact,
        Urgent,
        FAINTING,
    ),
    story(
        "fainted on the table while lying face down; heart pounding when he came round",
        "fainted=lying_or_hurt",
        Emergency,
        Emergency,
        FAINTING,
    ),
    // Sepsis named in plain words.
    story(
        "two days after wet cupping a mark is hot with pus; now a fever, fast breathing and pale, blotchy skin ('None' on step 1)",
        "skin=spreading,mottled fever=yes breathing=yes kind=gun days=days_1_2",
        Emergency,
        Emergency,
        SEPSIS,
    ),
    story(
        "an infected hot stone burn; feverish and shivering, feels awful, has not peed since yesterday",
        "skin=burn,spreading fever=yes pee=less unwell=yes kind=hot_stones days=days_1_2",
        Urgent,
        Emergency,
        SEPSIS,
    ),
    story(
        "carer: her mother, 84, is slurring her words and drowsy the evening after a foot massage",
        "unwell=confused areas=feet kind=light",
        Emergency,
        Emergency,
        SEPSIS,
    ),
    story(
        "dad fills it in for his 6-year-old after a back rub: fever and spots that do not fade under a glass",
        "skin=mottled fever=yes areas=shoulders",
        Emergency,
        Emergency,
        MENINGITIS,
    ),
    // Children and teenagers.
    story(
        "baby massage class: 4 months old, temperature 38.5, still feeding",
        "risks=baby fever=yes areas=tummy,feet",
        Urgent,
        Emergency,
        FEVER_CHILDREN,
    ),
    story(
        "15, footballer, sports massage on his calf; that calf is now swollen, warm and throbbing",
        "limb=one_leg areas=calves kind=firm pain=moderate",
        Urgent,
        Emergency,
        DVT,
    ),
    // Heart.
    story(
        "65, after a shoulder massage feels clammy and sick with an ache spreading to his jaw",
        "unwell=heart areas=shoulders",
        Emergency,
        Emergency,
        HEART_ATTACK,
    ),
    // Cupping and gua sha marks that are expected.
    story(
        "cupping: round purple marks on the back, no pain",
        "skin=bruise kind=gun areas=shoulders pain=no_pain trend=none",
        Expected,
        SelfCare,
        BRUISES,
    ),
    story(
        "gua sha on the neck: red streaky marks, a little tender, already fading",
        "skin=bruise kind=gun areas=head_neck pain=mild",
        Expected,
        SelfCare,
        BRUISES,
    ),
    story(
        "cupping marks on the back while taking rivaroxaban, no pain",
        "skin=bruise kind=gun risks=blood_thinners areas=shoulders pain=no_pain trend=none",
        SelfCare,
        Contact,
        WARFARIN,
    ),
];
