//! A third set, written apart from the first two: mechanisms of massage and
//! its variants (needling, neck manipulation, hot stones and saunas, cupping
//! and scraping, long deep-tissue work, oils), falls from the table, people
//! who tick "None" on the first step and name the serious thing later,
//! readers who are not sure, two problems at once, older people, pregnancy
//! and after the birth, and teenagers filled in by a parent. Expected levels
//! are our own reading of the NHS page named with each story; where the NHS
//! says call 999 or go to A&E, the lowest allowed level is an emergency.

use super::Level::{Contact, Emergency, SelfCare, Urgent};
use super::sources::*;
use super::{Story, story};

pub const STORIES: &[Story] = &[
    // Needling near the chest: a collapsed lung.
    story(
        "dry needling on the upper back, short of breath within the hour (ticks it on step 1)",
        "right_now=breathless kind=needles areas=shoulders",
        Emergency,
        Emergency,
        PNEUMOTHORAX,
    ),
    story(
        "dry needling between the shoulder blades, 'None' on step 1, sharp chest pain worse on breathing in",
        "chest=more kind=needles,firm areas=shoulders",
        Emergency,
        Emergency,
        PNEUMOTHORAX,
    ),
    story(
        "acupuncture near the collarbone, not sure if more out of breath, chest sore only where pressed",
        "breathing=not_sure chest=tender kind=needles areas=head_neck,chest",
        Emergency,
        Emergency,
        PNEUMOTHORAX,
    ),
    story(
        "dry needling in the calf, not sure if more out of breath since",
        "breathing=not_sure kind=needles areas=calves",
        Urgent,
        Emergency,
        PE,
    ),
    // Neck manipulation and neck work.
    story(
        "Thai massage, neck 'cracked', headache getting worse and the room keeps spinning ('None' on step 1)",
        "headache=worse dizzy=lasting areas=head_neck kind=firm",
        Emergency,
        Emergency,
        STROKE,
    ),
    story(
        "neck manipulation, headache not easing and dizzy spells that keep coming back",
        "headache=same dizzy=lasting areas=head_neck kind=firm",
        Urgent,
        Emergency,
        DIZZY,
    ),
    story(
        "upper-back massage, next morning the whole left arm is weak and clumsy (ticks nerves 'weak')",
        "nerves=weak areas=shoulders kind=firm days=days_1_2",
        Emergency,
        Emergency,
        STROKE,
    ),
    story(
        "massage gun on the side of the neck, headache on one side that keeps getting worse ('None' on step 1)",
        "headache=worse areas=head_neck kind=gun",
        Urgent,
        Emergency,
        HEADACHE,
    ),
    // Long or hard deep-tissue work: muscle breakdown.
    story(
        "two-hour deep-tissue session, cola-coloured pee the next morning, legs so weak she can hardly climb stairs",
        "pee=dark pain=severe kind=firm areas=thighs,calves days=days_1_2",
        Urgent,
        Emergency,
        RHABDO,
    ),
    story(
        "massage gun on the thighs for 40 minutes, dark pee and now peeing very little",
        "pee=dark,less kind=gun areas=thighs",
        Emergency,
        Emergency,
        RHABDO,
    ),
    story(
        "deep tissue, then dark pee, feels very unwell and sick",
        "pee=dark unwell=yes kind=firm",
        Urgent,
        Emergency,
        RHABDO,
    ),
    story(
        "deep tissue, dark pee, only a mild ache and feels fine",
        "pee=dark pain=mild kind=firm",
        Urgent,
        Emergency,
        RHABDO,
    ),
    // Oils and lotions: allergy.
    story(
        "almond oil massage, hives, chest feels wheezy but not sure if breathing has changed",
        "skin=rash breathing=not_sure",
        Emergency,
        Emergency,
        ANAPHYLAXIS,
    ),
    story(
        "new lotion, itchy raised rash, light-headed getting off the table (it passed)",
        "skin=rash dizzy=brief",
        Emergency,
        Emergency,
        ANAPHYLAXIS,
    ),
    story(
        "aromatherapy oil, itchy rash on the back only, the next day, feels well",
        "skin=rash days=days_1_2",
        SelfCare,
        Contact,
        HIVES,
    ),
    story(
        "oil massage, tongue feels too big and voice hoarse (ticks it on step 1)",
        "right_now=allergy",
        Emergency,
        Emergency,
        ANAPHYLAXIS,
    ),
    story(
        "hives after the oil and feels that something is badly wrong",
        "skin=rash unwell=yes",
        Urgent,
        Emergency,
        ANAPHYLAXIS,
    ),
    // Hot stones and saunas: heat exhaustion and heatstroke.
    story(
        "hot stones then a sauna, fainted in the changing room, came round fast, still dizzy and sick an hour later",
        "fainted=recovered dizzy=lasting unwell=yes kind=hot_stones days=under_1_day",
        Emergency,
        Emergency,
        HEAT,
    ),
    story(
        "hot-stone massage, still very dizzy 2 hours later after water and rest",
        "dizzy=lasting kind=hot_stones days=under_1_day",
        Emergency,
        Emergency,
        HEAT,
    ),
    story(
        "hot stones, light-headed for a moment getting up, fine after a glass of water",
        "dizzy=brief kind=hot_stones days=under_1_day",
        SelfCare,
        Contact,
        HEAT,
    ),
    story(
        "hot stones, partner says he is muddled and not making sense (ticks it on step 1)",
        "right_now=fainted_confused kind=hot_stones",
        Emergency,
        Emergency,
        HEAT,
    ),
    story(
        "24 weeks pregnant, sauna and hot stones, dizziness that has not gone",
        "dizzy=lasting pregnancy=yes kind=hot_stones days=under_1_day",
        Emergency,
        Emergency,
        HEAT,
    ),
    // Cupping and scraping (gua sha).
    story(
        "gua sha marks on the back turned hot, spreading and painful, with a fever",
        "skin=spreading fever=yes kind=gun areas=shoulders days=days_1_2",
        Urgent,
        Emergency,
        CELLULITIS,
    ),
    story(
        "fire cupping left blisters on the back",
        "skin=burn kind=gun,hot_stones areas=shoulders",
        Urgent,
        Urgent,
        BURNS,
    ),
    story(
        "cupping marks, not sure if feverish, marks a little warm but not spreading",
        "fever=not_sure skin=bruise kind=gun",
        SelfCare,
        Contact,
        BRUISES,
    ),
    // Diabetes.
    story(
        "insulin, long massage, skipped lunch: shaky, sweaty, feels very unwell ('None' on step 1)",
        "unwell=yes dizzy=lasting risks=diabetes",
        Urgent,
        Emergency,
        HYPO,
    ),
    story(
        "diabetes, foot massage, a red, hot patch spreading on the foot, no fever",
        "skin=spreading risks=diabetes areas=feet",
        Urgent,
        Emergency,
        DIABETIC_FEET,
    ),
    // A fall or a knock to the head.
    story(
        "slipped on oil getting off the table, bumped her head, no blood thinners, feels fine",
        "fall=head",
        SelfCare,
        Contact,
        HEAD_INJURY,
    ),
    story(
        "on apixaban, slipped getting off the table and hit his head, feels fine",
        "fall=head risks=blood_thinners",
        Emergency,
        Emergency,
        HEAD_INJURY,
    ),
    story(
        "82, on warfarin, rolled off the couch and hit her head; her daughter fills it in, she seems herself",
        "fall=head risks=blood_thinners areas=shoulders,lower_back kind=light",
        Emergency,
        Emergency,
        HEAD_INJURY,
    ),
    story(
        "haemophilia, knocked his head on the edge of the table",
        "fall=head risks=bleeding_disorder",
        Emergency,
        Emergency,
        HEAD_INJURY,
    ),
    story(
        "hit her head getting off the table, sick twice since ('None' on step 1)",
        "fall=head_signs",
        Emergency,
        Emergency,
        HEAD_INJURY,
    ),
    story(
        "hit his head, now a headache that paracetamol does not touch",
        "fall=head_signs headache=same",
        Emergency,
        Emergency,
        HEAD_INJURY,
    ),
    story(
        "fainted getting off the table, hit his head on the floor, back to normal in a minute, no blood thinners",
        "fainted=recovered fall=head",
        Urgent,
        Emergency,
        FAINTING,
    ),
    story(
        "on apixaban, fainted in the shower after the massage and bumped her head, back to normal",
        "fainted=recovered fall=head risks=blood_thinners",
        Emergency,
        Emergency,
        HEAD_INJURY,
    ),
    story(
        "78, slipped off the table onto her hip, cannot put weight on that leg",
        "fall=cannot_stand areas=lower_back,thighs",
        Emergency,
        Emergency,
        BROKEN_LEG,
    ),
    // Clots: the pill, HRT, long flights.
    story(
        "on the pill, calf massage, one calf throbs and cramps 2 days later",
        "limb=one_leg risks=hormones areas=calves days=days_1_2",
        Urgent,
        Urgent,
        DVT,
    ),
    story(
        "on the pill, leg massage, not sure if one calf is puffy",
        "limb=not_sure risks=hormones areas=calves",
        Urgent,
        Urgent,
        DVT,
    ),
    story(
        "on HRT, foot massage, one calf may look a bit bigger, cannot tell",
        "limb=not_sure risks=hormones areas=feet kind=light",
        Urgent,
        Urgent,
        DVT,
    ),
    story(
        "flew 11 hours yesterday, calf massage today, calf throbs and she is puffed on the stairs",
        "limb=one_leg breathing=yes risks=recent_surgery_travel areas=calves",
        Emergency,
        Emergency,
        PE,
    ),
    story(
        "after a long flight, both ankles puffy, no pain, leg and foot massage",
        "limb=both_legs risks=recent_surgery_travel areas=calves,feet",
        SelfCare,
        Urgent,
        OEDEMA,
    ),
    // Chest pain with effort.
    story(
        "60, chest goes tight on the stairs since a back massage, eases with rest ('None' on step 1)",
        "chest=more areas=shoulders",
        Urgent,
        Emergency,
        CHEST_PAIN,
    ),
    story(
        "chest pressure with sweating after a massage, blamed on indigestion ('None' on step 1)",
        "chest=more unwell=yes",
        Emergency,
        Emergency,
        CHEST_PAIN,
    ),
    // Saddle numbness, named late.
    story(
        "lower-back massage, numb around her bottom when wiping, too embarrassed to tick it on step 1",
        "nerves=saddle areas=lower_back",
        Emergency,
        Emergency,
        CAUDA,
    ),
    // Pregnancy and after the birth.
    story(
        "3 weeks after a caesarean, back massage, one calf sore and warm",
        "limb=one_leg pregnancy=yes areas=shoulders,lower_back",
        Urgent,
        Urgent,
        DVT,
    ),
    story(
        "5 days after the birth, headache not easing and her face is puffy",
        "pregnancy=signs headache=same",
        Urgent,
        Emergency,
        PRE_ECLAMPSIA,
    ),
    story(
        "34 weeks, lying on her back for the massage, felt faint and sick; it passed on her side",
        "dizzy=brief pregnancy=yes",
        SelfCare,
        Contact,
        FAINTING,
    ),
    story(
        "2 weeks after the birth, breast massage for a blocked duct: breast hot, red and a fever",
        "skin=spreading fever=yes pregnancy=yes areas=chest",
        Contact,
        Emergency,
        MASTITIS,
    ),
    // Teenagers, filled in by a parent.
    story(
        "15, sports massage on the thighs after a tournament, dark pee and legs very weak",
        "pee=dark pain=severe kind=firm areas=thighs",
        Urgent,
        Emergency,
        RHABDO,
    ),
    story(
        "16, fainted when she stood up after a neck massage, back to normal in a minute",
        "fainted=recovered areas=head_neck",
        Contact,
        Urgent,
        FAINTING,
    ),
    story(
        "14, gymnast, lower-back massage, both legs tingling and not fading",
        "nerves=both_legs areas=lower_back",
        Emergency,
        Emergency,
        CAUDA,
    ),
    story(
        "13, hives after a new massage cream, lips not swollen, feels fine",
        "skin=rash",
        SelfCare,
        Contact,
        HIVES,
    ),
    // Older people.
    story(
        "84, very sleepy and hard to wake after a massage, carer ticks 'not sure'",
        "right_now=not_sure",
        Emergency,
        Emergency,
        SEPSIS,
    ),
    story(
        "79, on clopidogrel, firm massage, a tight bruise on the thigh that keeps growing",
        "risks=blood_thinners skin=large areas=thighs kind=firm",
        Urgent,
        Emergency,
        BRUISES,
    ),
    story(
        "76, dizzy spells that keep coming back since a neck massage, no medicines",
        "dizzy=lasting areas=head_neck",
        Urgent,
        Emergency,
        DIZZY,
    ),
    // Two things at once, and unsure about everything.
    story(
        "lower-back massage, very bad back pain and a fever",
        "pain=severe fever=yes areas=lower_back",
        Urgent,
        Emergency,
        BACK_PAIN,
    ),
    story(
        "calf massage: one calf hot, red and swollen, with a fever (a clot or an infection)",
        "limb=one_leg skin=spreading fever=yes areas=calves",
        Urgent,
        Emergency,
        CELLULITIS,
    ),
    story(
        "tired parent after a leg massage, not sure about breathing, fever, one leg or pee",
        "breathing=not_sure fever=not_sure limb=not_sure pee=not_sure areas=calves",
        Urgent,
        Emergency,
        PE,
    ),
];
