//! The self-check as a reader fills it in: the answer sets, and how to reach
//! each state of the page (form, errors, result, changing answers) by
//! clicking, as a mouse user would.

use crate::harness::{R, Tab};

/// Every question answered with its calmest option (as in the unit tests).
const CALM: &str = "right_now=none leg=no pee=normal nerves=no headache=no skin=normal \
    pain=mild fever=no days=under_1_day trend=better areas=shoulders kind=light risks=none";

/// Answer sets for each level of result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Expected,
    SelfCare,
    Contact,
    Urgent,
    /// Only "chest pain" ticked, nothing else answered.
    Emergency,
}

impl Case {
    /// The `data-level` of the result card.
    pub fn level(self) -> &'static str {
        match self {
            Case::Expected => "expected",
            Case::SelfCare => "self_care",
            Case::Contact => "contact",
            Case::Urgent => "urgent",
            Case::Emergency => "emergency",
        }
    }

    /// `(question, option)` pairs, in the order of the questions.
    pub fn answers(self) -> Vec<(String, String)> {
        let change = match self {
            Case::Expected => "",
            Case::SelfCare => "skin=bruise",
            Case::Contact => "fever=yes",
            Case::Urgent => "leg=one_leg",
            Case::Emergency => return pairs("right_now=chest_pain"),
        };
        let changes = pairs(change);
        pairs(CALM)
            .into_iter()
            .map(|(q, o)| changes.iter().find(|(cq, _)| *cq == q).cloned().unwrap_or((q, o)))
            .collect()
    }
}

fn pairs(spec: &str) -> Vec<(String, String)> {
    spec.split_whitespace()
        .map(|pair| {
            let (q, o) = pair.split_once('=').expect("question=option");
            (q.to_string(), o.to_string())
        })
        .collect()
}

/// A page, or a state of the self-check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Page(String),
    Form,
    Errors,
    Result(Case),
    /// The form again, after "Change your answers" on this case's result.
    Changing(Case),
}

impl State {
    pub fn name(&self) -> String {
        match self {
            State::Page(path) => path.clone(),
            State::Form => "/self-check".into(),
            State::Errors => "/self-check (errors)".into(),
            State::Result(case) => format!("/self-check (result: {})", case.level()),
            State::Changing(case) => format!("/self-check (changing {} answers)", case.level()),
        }
    }

    /// One of each kind of page: home, an article, and the self-check's form,
    /// errors and a result.
    pub fn representative() -> Vec<State> {
        vec![
            State::Page("/".into()),
            State::Page(crate::ARTICLE.into()),
            State::Form,
            State::Errors,
            State::Result(Case::Urgent),
        ]
    }

    /// Every state of the self-check.
    pub fn self_check() -> Vec<State> {
        let mut states = vec![State::Form, State::Errors];
        for case in [Case::Expected, Case::SelfCare, Case::Contact, Case::Urgent, Case::Emergency] {
            states.push(State::Result(case));
        }
        states.push(State::Changing(Case::Urgent));
        states
    }
}

/// Brings `tab` to `state`, clicking as a reader would, and checks it got there.
pub async fn reach(tab: &Tab, state: &State) -> R {
    match state {
        State::Page(path) => tab.goto(path).await,
        State::Form => {
            tab.goto("/self-check").await?;
            let form: bool =
                tab.eval("!!document.querySelector('form[action=\"/self-check\"] #submit')").await?;
            ensure!(form, "/self-check shows no form with a #submit button");
            Ok(())
        }
        State::Errors => {
            tab.goto("/self-check").await?;
            tab.click_and_load("#submit").await?;
            let summary: bool = tab.eval("!!document.getElementById('error-summary')").await?;
            ensure!(summary, "submitting no answers showed no #error-summary");
            Ok(())
        }
        State::Result(case) => {
            tab.goto("/self-check").await?;
            answer(tab, &case.answers()).await?;
            tab.click_and_load("#submit").await?;
            let found = level(tab).await?;
            ensure!(
                found.as_deref() == Some(case.level()),
                "the {case:?} answers gave the result {found:?}, not {:?}",
                case.level()
            );
            Ok(())
        }
        State::Changing(case) => {
            Box::pin(reach(tab, &State::Result(*case))).await?;
            tab.click_and_load("#change-answers").await?;
            let form: bool = tab
                .eval("!document.getElementById('result') && !!document.querySelector('form #submit')")
                .await?;
            ensure!(form, "\"Change your answers\" did not bring the form back");
            Ok(())
        }
    }
}

/// Clicks the label of each answer.
pub async fn answer(tab: &Tab, answers: &[(String, String)]) -> R {
    for (question, option) in answers {
        tab.click(&format!("label[for=\"{question}-{option}\"]")).await?;
    }
    expect_checked(tab, answers).await.map_err(|e| format!("after clicking the answers: {e}"))
}

/// The `data-level` of the result card, if the page shows one.
pub async fn level(tab: &Tab) -> R<Option<String>> {
    tab.eval("(() => { const r = document.getElementById('result'); return r ? r.dataset.level : null; })()")
        .await
}

/// Exactly `answers` are checked in the form.
pub async fn expect_checked(tab: &Tab, answers: &[(String, String)]) -> R {
    let checked: Vec<String> =
        tab.eval("[...document.querySelectorAll('form input:checked')].map(i => i.id)").await?;
    let wanted: Vec<String> = answers.iter().map(|(q, o)| format!("{q}-{o}")).collect();
    let missing: Vec<&String> = wanted.iter().filter(|id| !checked.contains(id)).collect();
    let extra: Vec<&String> = checked.iter().filter(|id| !wanted.contains(id)).collect();
    ensure!(
        missing.is_empty() && extra.is_empty(),
        "not checked: {missing:?}; checked but not chosen: {extra:?}"
    );
    Ok(())
}
