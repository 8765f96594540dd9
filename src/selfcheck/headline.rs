//! The result's headline: one instruction, chosen from the places of the
//! reasons shown, so the headline and a reason never tell the reader two
//! different things (an ambulance and a lift to A&E, or a GP and A&E today).

use super::assess::Assessment;
use super::model::{Level, Place};

impl Assessment {
    /// The headline: the place's words, or the level's.
    pub fn title(&self) -> &'static str {
        self.place.map_or(self.level.title(), Place::title)
    }
}

/// The headline's place for a result at `level` with these reasons' places.
pub(super) fn place_of(level: Level, places: impl Iterator<Item = (Level, Option<Place>)>) -> Option<Place> {
    let at_level: Vec<Option<Place>> = places.filter(|(l, _)| *l == level).map(|(_, p)| p).collect();
    match level {
        Level::Emergency if !at_level.is_empty() && at_level.iter().all(|p| *p == Some(Place::AandE)) => {
            Some(Place::AandE)
        }
        Level::Emergency => Some(Place::Ambulance),
        Level::Urgent if at_level.contains(&Some(Place::CallNow)) => Some(Place::CallNow),
        Level::Urgent if at_level.contains(&Some(Place::AandEToday)) => Some(Place::AandEToday),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::assess::assess;
    use super::super::testing::{answers, real};
    use super::*;

    /// What a reason's own words ask for, read from its action.
    fn says_no_car(text: &str) -> bool {
        let text = text.to_lowercase();
        text.contains("do not wait for someone to drive you") || text.contains("do not go by car")
    }

    /// Walks every answer that raises the level and every escalation rule
    /// (each with the first answer of each of its groups), and fails when a
    /// result's headline or advice and one of its reasons disagree.
    #[test]
    fn every_result_s_headline_agrees_with_its_reasons() {
        let q = real();
        let mut specs: Vec<String> = Vec::new();
        for question in q.questions() {
            for option in question.options.iter().filter(|o| o.raises().is_some()) {
                specs.push(format!("{}={}", question.id, option.id));
            }
        }
        for rule in q.escalations().iter().chain(q.timing()) {
            let mut spec: Vec<(String, Vec<String>)> = Vec::new();
            for group in &rule.when {
                let first = &group[0];
                match spec.iter_mut().find(|(question, _)| *question == first.question) {
                    Some((_, options)) => options.push(first.option.clone()),
                    None => spec.push((first.question.clone(), vec![first.option.clone()])),
                }
            }
            specs
                .push(spec.iter().map(|(q, o)| format!("{q}={}", o.join(","))).collect::<Vec<_>>().join(" "));
        }
        let mut wrong = Vec::new();
        for spec in &specs {
            let result = assess(q, &answers(spec));
            let title = result.title();
            let mut problem = |what: String| wrong.push(format!("`{spec}` -> \"{title}\": {what}"));
            for reason in result.reasons.iter().filter(|reason| reason.level == result.level) {
                let words = format!("{} {}", reason.text, reason.action.as_deref().unwrap_or(""));
                if (reason.place == Some(Place::Ambulance) || says_no_car(&words))
                    && result.place != Some(Place::Ambulance)
                {
                    problem(format!("a reason says call an ambulance, not by car: {words}"));
                }
                let says_a_and_e_today = reason.place == Some(Place::AandEToday)
                    || words.contains("A&E today")
                    || words.contains("A&E (the emergency department) today");
                if says_a_and_e_today && result.level == Level::Urgent && !title.contains("A&E") {
                    problem(format!("a reason says A&E today: {words}"));
                }
                if result.place == Some(Place::AandE) && reason.place != Some(Place::AandE) {
                    problem(format!("the headline says A&E, a reason does not: {words}"));
                }
            }
            if result.place == Some(Place::Ambulance) && result.advice.now.contains("take you") {
                problem("the ambulance advice offers a lift".into());
            }
            if title.contains("therapist") || result.advice.now.contains("therapist") {
                problem("the headline sends the reader to the therapist".into());
            }
        }
        assert!(specs.len() > 120, "every raising answer and rule: {}", specs.len());
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn the_headline_follows_the_places() {
        let q = real();
        assert_eq!(
            assess(q, &answers("right_now=stroke_signs")).title(),
            "Call an ambulance now. Do not go by car"
        );
        assert_eq!(assess(q, &answers("right_now=cauda_equina")).title(), "Go to A&E now");
        assert_eq!(
            assess(q, &answers("right_now=cauda_equina,chest_pain")).title(),
            "Call an ambulance now. Do not go by car",
            "one reason needs an ambulance: the headline says so"
        );
        assert_eq!(assess(q, &answers("pee=dark")).title(), "Go to A&E today");
        assert_eq!(assess(q, &answers("right_now=not_sure")).title(), "Call your urgent health line now");
        assert_eq!(assess(q, &answers("limb=one_leg")).title(), "Get medical advice today");
        assert_eq!(
            assess(q, &answers("fever=yes")).title(),
            "Contact your GP or a pharmacist in the next few days"
        );
    }
}
