//! The self-check as a reader fills it in: the answer sets, how to reach each
//! state (a step, errors, a result, changing answers) by clicking as a mouse
//! user would, and the self-check's own scenarios: results, errors, Back,
//! "Change your answers", the browser's Back button and the keyboard only.

use crate::harness::{Harness, Key, R, Tab, View};
use crate::{checks, focus_by_tab, with_tab};

/// Every question answered with its calmest option (as in the unit tests):
/// no topic ticked, so the topics' questions are not asked.
const CALM: &str = "right_now=none areas=shoulders days=under_1_day trend=better pain=mild risks=none topics=none \
    kind=light unwell=no fever=no breathing=no chest=no fainted=no headache=no dizzy=no face=no fall=no \
    limb=no nerves=no skin=no pee=no pregnancy=no";

/// How many steps the real questionnaire has: the emergency signs, the
/// questions for everyone, and the topics' questions.
pub const STEPS: usize = 3;

/// Answer sets for each level of result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Expected,
    SelfCare,
    Contact,
    Urgent,
    /// Only "chest pain" ticked on the first step: the check stops there.
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
            Case::SelfCare => "topics=skin skin=bruise",
            Case::Contact => "topics=unwell fever=yes",
            Case::Urgent => "topics=swelling limb=one_leg",
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
    /// The first step, empty.
    Form,
    /// Step `n` (counting from 0), reached with calm answers.
    Step(usize),
    Errors,
    Result(Case),
    /// The first step again, after "Change your answers" on this case's result.
    Changing(Case),
}

impl State {
    pub fn name(&self) -> String {
        match self {
            State::Page(path) => path.clone(),
            State::Form => "/self-check".into(),
            State::Step(n) => format!("/self-check (step {})", n + 1),
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
            State::Step(2),
            State::Errors,
            State::Result(Case::Urgent),
        ]
    }

    /// Every state of the self-check: every step, errors, every result.
    pub fn self_check() -> Vec<State> {
        let mut states = vec![State::Form];
        states.extend((1..STEPS).map(State::Step));
        states.push(State::Errors);
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
        State::Step(n) => {
            tab.goto("/self-check").await?;
            // "Something else, or not sure" opens every question of the last step.
            let not_sure: Vec<(String, String)> = Case::Expected
                .answers()
                .into_iter()
                .map(|(q, o)| if q == "topics" { (q, "other".to_string()) } else { (q, o) })
                .collect();
            for _ in 0..*n {
                answer_this_step(tab, &not_sure).await?;
                tab.click_and_load("#submit").await?;
            }
            let at = step(tab).await?;
            ensure!(at == Some(*n), "calm answers reached step {at:?}, not {n}");
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
            for _ in 0..STEPS {
                answer_this_step(tab, &case.answers()).await?;
                tab.click_and_load("#submit").await?;
                if level(tab).await?.is_some() {
                    break;
                }
            }
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
            let first = step(tab).await?;
            ensure!(first == Some(0), "\"Change your answers\" showed step {first:?}, not the first");
            Ok(())
        }
    }
}

/// Clicks the label of each answer that is asked on this page.
pub async fn answer_this_step(tab: &Tab, answers: &[(String, String)]) -> R {
    let here = on_this_step(tab, answers).await?;
    for (question, option) in &here {
        tab.click(&format!("label[for=\"{question}-{option}\"]")).await?;
    }
    expect_checked(tab, &here).await.map_err(|e| format!("after clicking the answers: {e}"))
}

/// The answers whose question is asked on this page.
async fn on_this_step(tab: &Tab, answers: &[(String, String)]) -> R<Vec<(String, String)>> {
    let asked: Vec<String> = tab.eval("[...document.querySelectorAll('.form-group')].map(g => g.id)").await?;
    Ok(answers.iter().filter(|(q, _)| asked.contains(q)).cloned().collect())
}

/// The `data-level` of the result card, if the page shows one.
pub async fn level(tab: &Tab) -> R<Option<String>> {
    let level: String = tab
        .eval("(() => { const r = document.getElementById('result'); return r ? r.dataset.level : ''; })()")
        .await?;
    Ok(Some(level).filter(|level| !level.is_empty()))
}

/// The step the page shows, counting from 0, if it is a step.
pub async fn step(tab: &Tab) -> R<Option<usize>> {
    let step: i64 = tab
        .eval("(() => { const s = document.querySelector('input[name=step]'); return s ? Number(s.value) : -1; })()")
        .await?;
    Ok(usize::try_from(step).ok())
}

/// Exactly those of `answers` asked on this page are checked.
pub async fn expect_checked(tab: &Tab, answers: &[(String, String)]) -> R {
    let checked: Vec<String> =
        tab.eval("[...document.querySelectorAll('form input:checked')].map(i => i.id)").await?;
    let here = on_this_step(tab, answers).await?;
    let wanted: Vec<String> = here.iter().map(|(q, o)| format!("{q}-{o}")).collect();
    let missing: Vec<&String> = wanted.iter().filter(|id| !checked.contains(id)).collect();
    let extra: Vec<&String> = checked.iter().filter(|id| !wanted.contains(id)).collect();
    ensure!(
        missing.is_empty() && extra.is_empty(),
        "not checked: {missing:?}; checked but not chosen: {extra:?}"
    );
    Ok(())
}

fn view(javascript: bool) -> View {
    if javascript { View::DESKTOP } else { View::DESKTOP.without_javascript() }
}

pub async fn empty_answers(site: &Harness, javascript: bool) -> R {
    with_tab(site, view(javascript), async |tab: &Tab| {
        reach(tab, &State::Errors).await?;
        let (status, title): (u16, String) = tab
            .eval("[performance.getEntriesByType('navigation')[0].responseStatus, document.title]")
            .await?;
        ensure!(status == 422, "the empty self-check answered {status}, not 422");
        ensure!(title.starts_with("Error:"), "the title `{title}` does not start with `Error:`");
        tab.wait_for(
            "document.activeElement && document.activeElement.id === 'error-summary'",
            "focus on the error summary",
        )
        .await
        .map_err(|e| format!("focus did not move to the error summary: {e}"))?;
        let links: Vec<String> = tab
            .eval("[...document.querySelectorAll('#error-summary a')].map(a => a.getAttribute('href'))")
            .await?;
        ensure!(!links.is_empty(), "the error summary has no links");
        let questions: usize = tab.eval("document.querySelectorAll('fieldset').length").await?;
        ensure!(
            links.len() == questions,
            "{} summary links for {questions} unanswered questions",
            links.len()
        );
        for href in &links {
            let id = href.trim_start_matches('#');
            tab.click(&format!("#error-summary a[href=\"{href}\"]")).await?;
            let moved = format!("document.activeElement && document.activeElement.id === '{id}'");
            if let Err(e) = tab.wait_for(&moved, &format!("focus on {href}")).await {
                let focused = tab.focused().await?;
                return Err(format!(
                    "the summary link {href} did not move focus to its field ({focused} has it): {e}"
                ));
            }
        }
        let problems = checks::structure(tab).await?;
        ensure!(problems.is_empty(), "the error page's structure:\n  {}", problems.join("\n  "));
        Ok(())
    })
    .await
}

pub async fn results(site: &Harness, javascript: bool) -> R {
    with_tab(site, view(javascript), async |tab: &Tab| {
        let mut failures = Vec::new();
        for case in [Case::Expected, Case::Urgent, Case::Emergency] {
            if let Err(e) = reach(tab, &State::Result(case)).await {
                failures.push(format!("{case:?}: {e}"));
            }
        }
        ensure!(failures.is_empty(), "{}", failures.join("\n"));
        Ok(())
    })
    .await
}

/// "Change your answers" brings back the first step ticked, and Continue
/// shows every later step ticked as answered.
pub async fn change_answers(site: &Harness, javascript: bool) -> R {
    with_tab(site, view(javascript), async |tab: &Tab| {
        reach(tab, &State::Changing(Case::Urgent)).await?;
        let answers = Case::Urgent.answers();
        for n in 0..STEPS {
            expect_checked(tab, &answers).await.map_err(|e| format!("step {}: {e}", n + 1))?;
            tab.click_and_load("#submit").await?;
            if level(tab).await?.is_some() {
                break;
            }
        }
        let found = level(tab).await?;
        ensure!(found.as_deref() == Some("urgent"), "going through unchanged gave {found:?}");
        Ok(())
    })
    .await
}

/// The page's own Back button brings back the step before with its answers
/// ticked; the browser's Back button never shows answers from a cache
/// (steps are `no-store`), so the reader is pointed to the page's button.
pub async fn back_buttons(site: &Harness, javascript: bool) -> R {
    with_tab(site, view(javascript), async |tab: &Tab| {
        let answers = Case::Contact.answers();
        tab.goto("/self-check").await?;
        for _ in 0..2 {
            answer_this_step(tab, &answers).await?;
            tab.click_and_load("#submit").await?;
        }
        ensure!(step(tab).await? == Some(2), "two steps answered should show step 3");
        answer_this_step(tab, &answers).await?;
        tab.click_and_load("#back").await?;
        ensure!(step(tab).await? == Some(1), "Back from step 3 showed step {:?}", step(tab).await?);
        expect_checked(tab, &answers).await.map_err(|e| format!("after Back: {e}"))?;
        tab.click_and_load("#back").await?;
        expect_checked(tab, &answers).await.map_err(|e| format!("after Back twice: {e}"))?;
        ensure!(step(tab).await? == Some(0), "Back twice did not reach step 1");
        // The browser's own Back after two form posts: whatever Chromium shows,
        // it is not a page with this reader's answers ticked from a cache.
        tab.click_and_load("#submit").await?;
        tab.click_and_load("#submit").await?;
        let _: bool = tab.eval("(history.back(), true)").await?;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let restored: usize =
            tab.eval("document.querySelectorAll('input[name=fever]:checked').length").await?;
        ensure!(restored == 0, "the browser's Back showed the fever answer again from a cache");
        Ok(())
    })
    .await
}

/// Tab into each answer, Space to tick it (arrow keys move within a group of
/// radio buttons), Enter on the button, step after step; then back with
/// "Change your answers".
pub async fn keyboard_only(site: &Harness) -> R {
    with_tab(site, View::DESKTOP, async |tab: &Tab| {
        tab.goto("/self-check").await?;
        let answers = Case::Expected.answers();
        let mut presses = 0;
        for n in 0..STEPS {
            let here = on_this_step(tab, &answers).await?;
            let wanted: Vec<String> = here.iter().map(|(q, o)| format!("{q}-{o}")).collect();
            let order: Vec<String> = tab
                .eval("[...document.querySelectorAll('form input:not([type=hidden])')].map(i => i.id)")
                .await?;
            for id in order.iter().filter(|id| wanted.contains(id)) {
                let name = id.split('-').next().unwrap_or_default().to_string();
                loop {
                    ensure!(
                        presses < 800,
                        "800 key presses and still not at #{id} (focus is on {})",
                        tab.focused().await?
                    );
                    let focused = tab.focused().await?;
                    if focused == format!("#{id}") {
                        let checked: bool =
                            tab.eval(&format!("document.getElementById('{id}').checked")).await?;
                        if !checked {
                            tab.press(Key::Space).await?;
                            presses += 1;
                        }
                        break;
                    }
                    let in_group: bool = tab
                        .eval(&format!(
                            "(() => {{ const e = document.activeElement;
                               return e.type === 'radio' && e.name === '{name}'; }})()"
                        ))
                        .await?;
                    tab.press(if in_group { Key::ArrowDown } else { Key::Tab }).await?;
                    presses += 1;
                }
            }
            expect_checked(tab, &answers).await.map_err(|e| format!("step {}: after typing: {e}", n + 1))?;
            focus_by_tab(tab, "#submit").await?;
            tab.expect_new_document(
                async |tab: &Tab| tab.press(Key::Enter).await,
                "the next page after Enter",
            )
            .await?;
            if level(tab).await?.is_some() {
                break;
            }
        }
        let level = level(tab).await?;
        ensure!(level.as_deref() == Some("expected"), "the keyboard answers gave {level:?}, not expected");
        focus_by_tab(tab, "#change-answers").await?;
        tab.expect_new_document(async |tab: &Tab| tab.press(Key::Enter).await, "the form after Enter")
            .await?;
        expect_checked(tab, &answers).await.map_err(|e| format!("after changing answers: {e}"))?;
        println!("      {} key presses", presses);
        Ok(())
    })
    .await
}

/// The result as a summary for a doctor: a "Print or save" button where
/// JavaScript runs, plain instructions where it does not; printed, the date
/// and time, the result, the reasons and every answer stay, and the buttons,
/// the navigation and the instructions go.
pub async fn gp_summary(site: &Harness, javascript: bool) -> R {
    with_tab(site, view(javascript), async |tab: &Tab| {
        reach(tab, &State::Result(Case::Contact)).await?;
        let button: bool = tab.eval("!!document.getElementById('print-button')").await?;
        ensure!(button == javascript, "the print button is there: {button}, JavaScript on: {javascript}");
        let instructions: String = tab.eval("document.getElementById('print-summary').textContent").await?;
        ensure!(instructions.contains("save it as a PDF"), "no printing instructions: {instructions}");
        tab.set_view(View { width: 794, height: 1123, print: true, ..view(javascript) }).await?;
        let visible = |selector: &str| {
            format!("(() => {{ const e = document.querySelector('{selector}'); return !!e && e.getClientRects().length > 0; }})()")
        };
        for (selector, wanted) in [
            (".checked-at", true),
            ("#result", true),
            (".reasons", true),
            (".answers", true),
            ("#change-answers", false),
            ("#print-summary", false),
            (".site-header nav", false),
        ] {
            let shown: bool = tab.eval(&visible(selector)).await?;
            ensure!(shown == wanted, "printed, {selector} is shown: {shown}, wanted {wanted}");
        }
        let answers: usize = tab.eval("document.querySelectorAll('.answers dt').length").await?;
        // Every answer asked: the 7 everyone answers, the kind of massage,
        // and the 2 questions of the topic ticked (a fever, or feeling unwell).
        ensure!(answers == 10, "the printed summary lists {answers} answers, not every one asked");
        Ok(())
    })
    .await
}

/// The smallest common phone screen (an iPhone SE: 375 × 667 CSS px).
const SMALL_PHONE: View = View { height: 667, ..View::MOBILE };

/// How far from the top of the first page, in CSS px at 375 × 667, its last
/// emergency answer and its Continue button may end. Measured in Debian's
/// Chromium: the button ended at 2,157 px (a page 2,752 px tall) before the
/// first page was shortened, and at 1,811 px (2,406 px) after; the bound
/// is that plus two lines of a label, so the page cannot quietly grow.
const FIRST_PAGE_MAX: f64 = 1860.0;

/// The first page (the emergency signs) on a small phone: prints its height
/// and where its last answer and its button end, and fails when the button
/// or any emergency answer ends past [`FIRST_PAGE_MAX`].
pub async fn first_page_height(site: &Harness) -> R {
    with_tab(site, SMALL_PHONE, async |tab: &Tab| {
        tab.goto("/self-check").await?;
        let (page, answers, last, button): (f64, usize, f64, f64) = tab
            .eval(
                "(() => { const end = e => e.getBoundingClientRect().bottom + scrollY;
                   const labels = [...document.querySelectorAll('#right_now .choice-label')];
                   return [document.documentElement.scrollHeight, labels.length,
                           Math.max(...labels.map(end)), end(document.querySelector('#submit'))]; })()",
            )
            .await?;
        println!(
            "      first page at 375 × 667: {page:.0} px tall; its {answers} answers end at {last:.0} px, \
             its Continue button at {button:.0} px (bound {FIRST_PAGE_MAX:.0})"
        );
        ensure!(answers >= 12, "the first page shows {answers} answers");
        ensure!(last <= FIRST_PAGE_MAX, "the last emergency answer ends at {last:.0} px");
        ensure!(button <= FIRST_PAGE_MAX, "the Continue button ends at {button:.0} px");
        Ok(())
    })
    .await
}
