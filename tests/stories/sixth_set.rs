//! A sixth set, written after the first five from angles they did not
//! cover: diabetic ketoacidosis (being sick, fast or deep breathing,
//! thirst and peeing a lot) named after the first step, a floppy or
//! unresponsive baby noticed after "None", meningitis (a fever with a
//! stiff neck or bright light hurting the eyes, with or without a
//! headache, and when the reader is not sure about the fever), sudden
//! hearing loss, bleeding in the gut after ibuprofen taken for soreness,
//! deafness or weakness after a knock to the head, an arm or leg gone
//! cold and pale, a twisted testicle, a knock to the head after a drink
//! or with clear fluid from the nose, and the ordinary headaches, stiff necks, migraines and
//! blocked ears after a head or neck massage that must not be sent to an
//! ambulance. Expected levels are our own reading of the NHS page named
//! with each story; where the NHS says call 999 or go to A&E, the lowest
//! allowed level is an emergency.

use super::Level::{Contact, Emergency, Expected, SelfCare, Urgent};
use super::sources::*;
use super::{Story, story};

pub const STORIES: &[Story] = &[
    // Diabetic ketoacidosis.
    story(
        "type 1 diabetes, the day after a long massage: keeps being sick and breathing fast; ticks the diabetes answer on 'How you feel'",
        "unwell=diabetes risks=diabetes areas=shoulders,lower_back days=days_1_2",
        Emergency,
        Emergency,
        DKA,
    ),
    story(
        "type 1 diabetes: very thirsty and peeing all the time since the spa day, feels all right otherwise, no ketone meter",
        "pee=more risks=diabetes kind=hot_stones days=days_1_2",
        Emergency,
        Emergency,
        DKA,
    ),
    story(
        "15, type 1 diabetes, after a sports massage: breathing deep and fast at rest; his mother is not sure whether that counts",
        "breathing=not_sure risks=diabetes kind=firm areas=thighs,calves",
        Emergency,
        Emergency,
        DKA,
    ),
    story(
        "type 2 diabetes on insulin: breathing much faster than usual since the afternoon massage, answers Yes on breathing",
        "breathing=yes risks=diabetes",
        Emergency,
        Emergency,
        DKA,
    ),
    story(
        "type 1 diabetes: her partner fills it in; she is very sleepy and hard to keep awake the evening after a massage",
        "unwell=confused risks=diabetes",
        Emergency,
        Emergency,
        DKA,
    ),
    story(
        "type 1 diabetes: she ticked 'None' herself; her sister takes over and says she is being sick and her breath smells like pear drops",
        "unwell=diabetes risks=diabetes pain=no_pain trend=none",
        Emergency,
        Emergency,
        DKA,
    ),
    story(
        "type 1 diabetes: tummy pain and being sick since the morning after a back massage",
        "unwell=tummy risks=diabetes areas=lower_back",
        Emergency,
        Emergency,
        DKA,
    ),
    story(
        "type 2 diabetes: feels very unwell and washed out after a massage, no other signs",
        "unwell=yes risks=diabetes",
        Urgent,
        Emergency,
        DKA,
    ),
    story(
        "no known diabetes: very thirsty and peeing a lot for the past week, noticed after a massage",
        "pee=more days=days_5_7",
        Urgent,
        Urgent,
        TYPE_1_DIABETES,
    ),
    story(
        "11, after a sports massage: very thirsty and peeing a lot for days, and now feels awful; no known diabetes",
        "pee=more unwell=yes kind=firm areas=thighs,calves",
        Emergency,
        Emergency,
        TYPE_1_DIABETES,
    ),
    story(
        "19, very thirsty and peeing a lot since the weekend, now a headache and she has been sick; no known diabetes",
        "pee=more headache=worse days=days_3_4",
        Emergency,
        Emergency,
        TYPE_1_DIABETES,
    ),
    story(
        "type 1 diabetes: a mild hypo on the table, shaky and sweaty, fine within minutes after juice",
        "dizzy=brief risks=diabetes",
        Expected,
        Contact,
        HYPO,
    ),
    // A floppy or unresponsive baby after "None".
    story(
        "baby massage class: the parent ticked 'None'; an hour later the 4-month-old is floppy and hard to wake",
        "unwell=child risks=baby areas=tummy,feet pain=no_pain trend=none",
        Emergency,
        Emergency,
        SEPSIS,
    ),
    story(
        "grandmother fills it in after baby massage at home: a weak, high-pitched cry unlike her usual cry, no fever",
        "unwell=child risks=baby areas=tummy pain=no_pain trend=none",
        Emergency,
        Emergency,
        SEPSIS,
    ),
    story(
        "2-year-old after a back rub with oil: hot, and not responding as usual; his dad ticked 'None' before noticing",
        "unwell=child fever=yes areas=shoulders",
        Emergency,
        Emergency,
        SEPSIS,
    ),
    story(
        "5-month-old after baby massage: a fever and a stiff neck",
        "risks=baby fever=yes face=stiff_light areas=tummy,feet",
        Emergency,
        Emergency,
        MENINGITIS,
    ),
    story(
        "baby massage: the baby is sleepy and a bit grizzly afterwards, but feeds and wakes as usual",
        "risks=baby areas=tummy,feet pain=no_pain trend=none",
        Expected,
        SelfCare,
        FEVER_CHILDREN,
    ),
    // Meningitis.
    story(
        "temperature 38.6 the day after a neck massage, a headache that is not easing, and bright light hurts her eyes",
        "fever=yes headache=same face=stiff_light areas=head_neck days=days_1_2",
        Emergency,
        Emergency,
        MENINGITIS,
    ),
    story(
        "student, hot and shivery, a headache that is easing a little, but his neck is too stiff to bend his chin to his chest",
        "fever=yes headache=easing face=stiff_light",
        Emergency,
        Emergency,
        MENINGITIS,
    ),
    story(
        "not sure whether he has a temperature; a headache after a head massage and light hurts his eyes",
        "fever=not_sure headache=same face=stiff_light areas=head_neck",
        Emergency,
        Emergency,
        MENINGITIS,
    ),
    story(
        "fever and a very stiff neck after a neck massage, no headache",
        "fever=yes face=stiff_light areas=head_neck",
        Emergency,
        Emergency,
        MENINGITIS,
    ),
    story(
        "not sure about a fever; a very stiff neck, no headache",
        "fever=not_sure face=stiff_light",
        Urgent,
        Emergency,
        MENINGITIS,
    ),
    story(
        "fever, headache and spots that do not fade under a glass; ticked 'None' on step 1",
        "fever=yes headache=same skin=mottled",
        Emergency,
        Emergency,
        MENINGITIS,
    ),
    story(
        "fever and a headache, and her flatmate says she is drowsy and muddled",
        "fever=yes headache=same unwell=confused",
        Emergency,
        Emergency,
        MENINGITIS,
    ),
    story(
        "temperature 38.2 and a headache that is not getting better after a back massage; no stiff neck, no rash",
        "fever=yes headache=same areas=shoulders",
        Urgent,
        Emergency,
        MENINGITIS,
    ),
    // Ordinary headaches and stiff necks: no ambulance.
    story(
        "mild headache after a neck massage, easing with rest, no fever",
        "headache=easing areas=head_neck",
        SelfCare,
        Contact,
        HEADACHE,
    ),
    story(
        "stiff, sore neck after a deep neck massage that loosens with gentle movement, no fever",
        "headache=easing areas=head_neck kind=firm pain=moderate",
        SelfCare,
        Contact,
        NORMAL_SORENESS,
    ),
    story(
        "known migraine: her usual migraine after a scalp massage, light hurts her eyes, easing with her tablets, no fever",
        "headache=easing face=stiff_light areas=head_neck",
        SelfCare,
        Urgent,
        MIGRAINE,
    ),
    // Sudden hearing loss.
    story(
        "woke up with muffled hearing in one ear the morning after a head massage, no other signs",
        "face=hearing areas=head_neck days=days_1_2",
        Urgent,
        Urgent,
        HEARING_LOSS,
    ),
    story(
        "after a face massage the hearing in one ear suddenly went dull, with ringing",
        "face=hearing",
        Urgent,
        Emergency,
        HEARING_LOSS,
    ),
    story(
        "sudden hearing loss in one ear, the room spinning and he cannot walk straight ('None' on step 1)",
        "face=hearing dizzy=balance areas=head_neck",
        Emergency,
        Emergency,
        STROKE,
    ),
    story(
        "oil ran into his ear during an Indian head massage; that ear feels blocked and a bit muffled",
        "face=hearing areas=head_neck",
        Contact,
        Urgent,
        EARWAX,
    ),
    story(
        "sudden hearing loss in one ear and one side of her face has dropped",
        "face=hearing,face_droop",
        Emergency,
        Emergency,
        STROKE,
    ),
    // Bleeding in the gut after ibuprofen for soreness.
    story(
        "took ibuprofen for four days for soreness after a deep tissue massage; his poo is now black and tarry",
        "pee=poo_dark kind=firm days=days_3_4 trend=better",
        Urgent,
        Emergency,
        RECTAL_BLEEDING,
    ),
    story(
        "ibuprofen for a sore back after a massage; she was sick with blood in it ('None' on step 1)",
        "unwell=sick_blood areas=lower_back",
        Emergency,
        Emergency,
        VOMITING_BLOOD,
    ),
    story(
        "on apixaban: a lot of blood in the toilet after a poo, the water turned red",
        "pee=poo_blood risks=blood_thinners",
        Emergency,
        Emergency,
        RECTAL_BLEEDING,
    ),
    // A knock to the head, with signs noticed later.
    story(
        "slipped on oil getting off the table, hit his head and felt fine; next morning he cannot hear in one ear",
        "fall=head face=hearing days=days_1_2",
        Emergency,
        Emergency,
        HEAD_INJURY,
    ),
    story(
        "hit her head on the table edge and felt fine; that evening her hand is weak",
        "fall=head nerves=weak areas=lower_back,calves",
        Emergency,
        Emergency,
        HEAD_INJURY,
    ),
    // Signs from the first step noticed after "None".
    story(
        "massage gun on his calf; that evening the foot has gone cold and pale ('None' on step 1)",
        "limb=cold kind=gun areas=calves",
        Urgent,
        Emergency,
        LEG_ARTERIES,
    ),
    story(
        "carer: her father, 79, looks very pale and clammy the evening after a foot massage, and is not himself ('None' on step 1)",
        "skin=mottled unwell=yes areas=feet kind=light",
        Emergency,
        Emergency,
        SEPSIS,
    ),
    // A twisted testicle (NHS testicle pain: sudden, very bad pain is A&E or 999).
    story(
        "22, the morning after a sports massage of his thighs and groin: a sudden, very bad pain in one testicle, and he feels sick",
        "right_now=tummy",
        Emergency,
        Emergency,
        TESTICLE,
    ),
    story(
        "ticked 'None' on the first step; an hour after a leg massage a testicle suddenly hurts very badly, and he says so on 'How you feel'",
        "unwell=tummy areas=thighs,calves kind=firm",
        Emergency,
        Emergency,
        TESTICLE,
    ),
    // A knock to the head with a reason to go to A&E even when feeling fine (NHS head injury).
    story(
        "two glasses of wine in the spa lounge, then slipped on massage oil and hit her head on the tiles; feels fine",
        "fall=head_risk areas=lower_back kind=light",
        Emergency,
        Emergency,
        HEAD_INJURY,
    ),
    story(
        "slid off the table and hit his head; an hour later clear, watery fluid keeps dripping from one side of his nose",
        "fall=head_risk",
        Emergency,
        Emergency,
        HEAD_INJURY,
    ),
    // The readers in danger beside the worried-well tension headache: a
    // headache not easing after a neck massage, with a sign from the nerves
    // or a very stiff neck (NHS headaches: 111 for a headache with a numb or
    // weak arm or leg; the neck artery is our judgement).
    story(
        "head and neck massage two days ago: the headache is not easing, and the fingers of one hand have tingled since",
        "headache=same nerves=lasting areas=head_neck,shoulders days=days_1_2",
        Urgent,
        Emergency,
        HEADACHE,
    ),
    story(
        "neck massage yesterday: a headache that is not easing and a neck so stiff she cannot bend her chin to her chest, no fever",
        "headache=same face=stiff_light areas=head_neck days=days_1_2",
        Urgent,
        Emergency,
        HEADACHE,
    ),
];
