//! The NHS page (or note) that sets each story's level.

pub const TIA: &str = "https://www.nhs.uk/conditions/transient-ischaemic-attack-tia/";
pub const STROKE: &str = "https://www.nhs.uk/conditions/stroke/symptoms/";
pub const PE: &str = "https://www.nhs.uk/conditions/pulmonary-embolism/";
pub const DVT: &str = "https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/";
pub const SEPSIS: &str = "https://www.nhs.uk/conditions/sepsis/";
pub const COMPARTMENT: &str = "https://www.nhs.uk/conditions/compartment-syndrome/";
pub const CAUDA: &str = "https://www.nhs.uk/conditions/cauda-equina-syndrome/";
pub const SCIATICA: &str = "https://www.nhs.uk/conditions/sciatica/";
pub const ANAPHYLAXIS: &str = "https://www.nhs.uk/conditions/anaphylaxis/";
pub const HIVES: &str = "https://www.nhs.uk/conditions/hives/";
pub const BURNS: &str = "https://www.nhs.uk/conditions/burns-and-scalds/";
pub const CUTS: &str = "https://www.nhs.uk/conditions/cuts-and-grazes/";
pub const PRE_ECLAMPSIA: &str = "https://www.nhs.uk/conditions/pre-eclampsia/";
pub const FAINTING: &str = "https://www.nhs.uk/conditions/fainting/";
pub const CHEST_PAIN: &str = "https://www.nhs.uk/conditions/chest-pain/";
pub const RHABDO: &str = "clinical-notes.md section 3.2 (rhabdomyolysis; no NHS conditions page)";
pub const FEVER: &str = "https://www.nhs.uk/conditions/fever-in-adults/";
pub const CELLULITIS: &str = "https://www.nhs.uk/conditions/cellulitis/";
pub const BRUISES: &str = "https://www.nhs.uk/conditions/bruises/";
pub const HEADACHE: &str = "https://www.nhs.uk/conditions/headaches/";
pub const DIZZY: &str = "https://www.nhs.uk/conditions/dizziness/";
pub const PINS: &str = "https://www.nhs.uk/conditions/pins-and-needles/";
pub const STRAINS: &str = "https://www.nhs.uk/conditions/sprains-and-strains/";
pub const VOMITING: &str = "https://www.nhs.uk/conditions/vomiting-adults/";
pub const STOMACH: &str = "https://www.nhs.uk/conditions/stomach-ache/";
pub const CHEMO: &str = "https://www.nhs.uk/conditions/chemotherapy/side-effects/";
pub const BABY_MOVES: &str = "https://www.nhs.uk/pregnancy/keeping-well/your-babys-movements/";
pub const PREGNANCY_BLEEDING: &str =
    "https://www.nhs.uk/pregnancy/related-conditions/common-symptoms/vaginal-bleeding/";
pub const HEAD_INJURY: &str = "https://www.nhs.uk/conditions/head-injury-and-concussion/";
pub const BACK_PAIN: &str = "https://www.nhs.uk/conditions/back-pain/";
pub const DIABETIC_FEET: &str = "https://www.nhs.uk/conditions/diabetes/complications/";
pub const OEDEMA: &str = "https://www.nhs.uk/conditions/oedema/";
pub const WARFARIN: &str = "https://www.nhs.uk/medicines/warfarin/side-effects-of-warfarin/";
pub const ECTOPIC: &str = "https://www.nhs.uk/conditions/ectopic-pregnancy/";
pub const MENINGITIS: &str = "https://www.nhs.uk/conditions/meningitis/";
pub const LEG_ARTERIES: &str = "https://www.nhs.uk/conditions/peripheral-arterial-disease-pad/";
pub const RIBS: &str = "https://www.nhs.uk/conditions/broken-or-bruised-ribs/";
pub const HYPO: &str = "https://www.nhs.uk/conditions/low-blood-sugar-hypoglycaemia/";
pub const PNEUMOTHORAX: &str = "https://www.nhs.uk/conditions/pneumothorax/";
pub const HEAT: &str = "https://www.nhs.uk/conditions/heat-exhaustion-heatstroke/";
pub const BROKEN_LEG: &str = "https://www.nhs.uk/conditions/broken-leg/";
pub const MASTITIS: &str = "https://www.nhs.uk/conditions/mastitis/";
pub const HEAVY_BLEEDING: &str = "NHS maternity units' advice on heavy bleeding in pregnancy or after the birth (call 999); our judgement, no single NHS conditions page found";
pub const HEART_ATTACK: &str = "https://www.nhs.uk/conditions/heart-attack/";
pub const MENTAL_HEALTH: &str =
    "https://www.nhs.uk/nhs-services/mental-health-services/where-to-get-urgent-help-for-mental-health/";
pub const SEIZURE: &str = "https://www.nhs.uk/conditions/epilepsy/what-to-do-if-someone-has-a-seizure-fit/";
pub const SICKLE_CELL: &str = "https://www.nhs.uk/conditions/sickle-cell-disease/";
pub const ASTHMA_ATTACK: &str = "https://www.nhs.uk/conditions/asthma/asthma-attack/";
pub const HEART_FAILURE: &str = "https://www.nhs.uk/conditions/heart-failure/";
pub const KIDNEY: &str = "https://www.nhs.uk/conditions/kidney-disease/";
pub const FEVER_CHILDREN: &str = "https://www.nhs.uk/conditions/fever-in-children/";
pub const ANTICOAGULANTS: &str = "https://www.nhs.uk/conditions/anticoagulants/side-effects/";
pub const NORMAL_SORENESS: &str =
    "clinical-notes.md section 3.1 (normal soreness after a massage; no NHS page)";
pub const EYE_INJURIES: &str = "https://www.nhs.uk/conditions/eye-injuries/";
pub const NOSEBLEED: &str = "https://www.nhs.uk/conditions/nosebleed/";
pub const PREGNANCY_FALL: &str = "NHS maternity units' advice (call now for tummy pain or bleeding, 999 for heavy bleeding or pain that does not stop); our judgement, no NHS page on falls in pregnancy found";
pub const POISONING: &str = "https://www.nhs.uk/conditions/poisoning/";
pub const DKA: &str = "https://www.nhs.uk/conditions/diabetic-ketoacidosis/";
pub const TYPE_1_DIABETES: &str =
    "https://www.nhs.uk/conditions/type-1-diabetes/about-type-1-diabetes/symptoms-and-getting-diagnosed/";
pub const RECTAL_BLEEDING: &str = "https://www.nhs.uk/conditions/bleeding-from-the-bottom-rectal-bleeding/";
pub const VOMITING_BLOOD: &str = "https://www.nhs.uk/conditions/vomiting-blood/";
pub const HEARING_LOSS: &str = "https://www.nhs.uk/conditions/hearing-loss/";
pub const EARWAX: &str = "https://www.nhs.uk/conditions/earwax-build-up/";
pub const MIGRAINE: &str = "https://www.nhs.uk/conditions/migraine/";
pub const TESTICLE: &str = "https://www.nhs.uk/conditions/testicle-pain/";
// Worried-well set: pages whose advice is GP, pharmacist, 111 or self-care.
pub const SHORTNESS_OF_BREATH: &str = "https://www.nhs.uk/conditions/shortness-of-breath/";
pub const PALPITATIONS: &str = "https://www.nhs.uk/conditions/heart-palpitations/";
pub const SHINGLES: &str = "https://www.nhs.uk/conditions/shingles/";
pub const KIDNEY_STONES: &str = "https://www.nhs.uk/conditions/kidney-stones/";
pub const MORNING_SICKNESS: &str =
    "https://www.nhs.uk/pregnancy/related-conditions/common-symptoms/vomiting-and-morning-sickness/";
pub const LEG_CRAMPS: &str = "https://www.nhs.uk/conditions/leg-cramps/";
pub const TIREDNESS: &str = "https://www.nhs.uk/conditions/tiredness-and-fatigue/";
pub const TENSION_HEADACHE: &str = "https://www.nhs.uk/conditions/tension-headaches/";
pub const NECK_PAIN: &str = "https://www.nhs.uk/conditions/neck-pain/";
pub const EXERCISE_SORENESS: &str = "https://www.nhsinform.scot/illnesses-and-conditions/muscle-bone-and-joints/pain-and-injuries-after-exercise/";
pub const SEMIGRAN_COLD: &str = "Semigran et al., BMJ 2015;351:h3480, self-care vignette (viral upper respiratory infection) retold; level from https://www.nhs.uk/conditions/common-cold/";
pub const LOW_ACUITY_BACK: &str = "West J Emerg Med 2014;15(6):675-681 (doi:10.5811/westjem.2014.5.20410), table 2 low-acuity vignette (back hurt lifting a child 2 days ago) retold; level from https://www.nhs.uk/conditions/back-pain/";
pub const LOW_ACUITY_RASH: &str = "West J Emerg Med 2014;15(6):675-681 (doi:10.5811/westjem.2014.5.20410), table 2 low-acuity vignette (red itchy rash for 4 days) retold; level from https://www.nhs.uk/conditions/hives/";
pub const LOW_ACUITY_HEADACHE: &str = "West J Emerg Med 2014;15(6):675-681 (doi:10.5811/westjem.2014.5.20410), table 2 low-acuity vignette (throbbing headache for 3 hours) retold; level from https://www.nhs.uk/conditions/headaches/";
// Seventh set.
pub const NECROTISING_FASCIITIS: &str = "https://www.nhs.uk/conditions/necrotising-fasciitis/";
pub const APPENDICITIS: &str = "https://www.nhs.uk/conditions/appendicitis/";
pub const SEMIGRAN_PE: &str = "Semigran et al., BMJ 2015;351:h3480, emergent vignette category (pulmonary embolism is its example) retold; level from https://www.nhs.uk/conditions/pulmonary-embolism/";
pub const CONTACT_DERMATITIS: &str = "https://www.nhs.uk/conditions/contact-dermatitis/";
pub const COMMON_COLD: &str = "https://www.nhs.uk/conditions/common-cold/";
pub const NAUSEA: &str = "https://www.nhs.uk/conditions/feeling-sick-nausea/";
pub const INSECT_BITES: &str = "https://www.nhs.uk/conditions/insect-bites-and-stings/";
pub const TWITCHING: &str = "https://www.nhs.uk/conditions/twitching-eyes-and-muscles/";
pub const PREGNANCY_SWELLING: &str =
    "https://www.nhs.uk/pregnancy/related-conditions/common-symptoms/swollen-ankles-feet-and-fingers/";
pub const DEHYDRATION: &str = "https://www.nhs.uk/conditions/dehydration/";
// Mental health: pages whose advice for anxiety or panic alone is a GP or self-referral.
pub const PANIC_DISORDER: &str = "https://www.nhs.uk/mental-health/conditions/panic-disorder/";
pub const ANXIETY: &str =
    "https://www.nhs.uk/mental-health/conditions/generalised-anxiety-disorder/overview/";
