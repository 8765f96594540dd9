//! Accessibility checks run inside the page: axe-core, and the things axe
//! does not check (one h1, landmarks, reflow, AAA body text, focus outlines,
//! reduced motion, fieldsets, error wiring).
//!
//! Each check returns the list of problems it found, each one a sentence
//! naming the element, so a failure says what to fix.

use serde::Deserialize;

use crate::harness::{R, Tab};

/// The rule tags the site promises to meet.
pub const AXE_TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"];

/// Rules run beyond the tags: `label-content-name-mismatch` (WCAG 2.5.3,
/// label in name) is tagged experimental, so axe leaves it out unless asked.
pub const AXE_EXTRA_RULES: [&str; 1] = ["label-content-name-mismatch"];

#[derive(Debug, Deserialize)]
pub struct AxeReport {
    pub passes: usize,
    pub incomplete: Vec<String>,
    pub violations: Vec<AxeViolation>,
}

#[derive(Debug, Deserialize)]
pub struct AxeViolation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    #[serde(rename = "helpUrl")]
    pub help_url: String,
    pub nodes: Vec<AxeNode>,
}

#[derive(Debug, Deserialize)]
pub struct AxeNode {
    pub target: String,
    pub html: String,
    pub summary: String,
}

impl AxeViolation {
    /// The rule, the fix, and every element that fails it.
    pub fn describe(&self) -> String {
        let mut out = format!(
            "axe `{}` ({}): {}\n    {}",
            self.id,
            self.impact.as_deref().unwrap_or("?"),
            self.help,
            self.help_url
        );
        for node in &self.nodes {
            out.push_str(&format!(
                "\n    - {}\n      {}\n      {}",
                node.target,
                node.html,
                node.summary.replace('\n', "\n      ")
            ));
        }
        out
    }
}

/// Runs axe-core on the page as it is now, with [`AXE_TAGS`] and
/// [`AXE_EXTRA_RULES`].
pub async fn axe(tab: &Tab) -> R<AxeReport> {
    tab.inject_axe().await?;
    let tags = serde_json::to_string(&AXE_TAGS).expect("tags serialize");
    let rules: serde_json::Map<String, serde_json::Value> =
        AXE_EXTRA_RULES.iter().map(|id| (id.to_string(), serde_json::json!({ "enabled": true }))).collect();
    let rules = serde_json::Value::Object(rules);
    tab.eval(&format!(
        "axe.run(document, {{ runOnly: {{ type: 'tag', values: {tags} }}, rules: {rules}, resultTypes: ['violations'] }})
           .then(r => ({{
             passes: r.passes.length,
             incomplete: r.incomplete.map(i => i.id + ' [' + i.nodes.map(n => n.target.join(' > ') + ': ' + (n.any[0] || {{}}).message).join('; ') + ']'),
             violations: r.violations.map(v => ({{
               id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
               nodes: v.nodes.map(n => ({{
                 target: n.target.map(String).join(' > '),
                 html: n.html.slice(0, 240),
                 summary: n.failureSummary || ''
               }}))
             }}))
           }}))"
    ))
    .await
}

/// The page's structure: one h1, the landmarks, the skip link, labelled
/// and grouped form controls, errors tied to their fields.
pub async fn structure(tab: &Tab) -> R<Vec<String>> {
    tab.eval(STRUCTURE).await
}

const STRUCTURE: &str = r#"(() => {
  const problems = [];
  const all = s => [...document.querySelectorAll(s)];
  const h1 = all('h1');
  if (h1.length !== 1) problems.push(`${h1.length} h1 elements; want exactly one`);
  const sectioning = 'article, aside, main, nav, section';
  const banner = all('header').filter(e => !e.parentElement.closest(sectioning));
  if (banner.length !== 1) problems.push(`${banner.length} page headers (banner); want one`);
  const contentinfo = all('footer').filter(e => !e.parentElement.closest(sectioning));
  if (contentinfo.length !== 1) problems.push(`${contentinfo.length} page footers (contentinfo); want one`);
  const mains = all('main');
  if (mains.length !== 1) problems.push(`${mains.length} main elements; want one`);
  if (all('header nav').length < 1) problems.push('no nav in the page header');
  for (const nav of all('nav')) {
    if (!nav.getAttribute('aria-label') && !nav.getAttribute('aria-labelledby'))
      problems.push(`a nav without a label: ${nav.outerHTML.slice(0, 80)}`);
  }
  const first = document.querySelector('a[href], button, input, select, textarea');
  if (!first || !first.classList.contains('skip-link') || first.getAttribute('href') !== '#main-content')
    problems.push('the first focusable element is not the skip link to #main-content');
  const main = document.getElementById('main-content');
  if (!main || main.tagName !== 'MAIN') problems.push('#main-content is not the main element');
  for (const input of all('input:not([type=hidden]), select, textarea')) {
    const label = input.id && document.querySelector(`label[for="${CSS.escape(input.id)}"]`);
    if (!label || !label.textContent.trim()) problems.push(`#${input.id || input.name} has no label`);
    if (input.type === 'radio' || input.type === 'checkbox') {
      const fieldset = input.closest('fieldset');
      const legend = fieldset && fieldset.firstElementChild;
      if (!fieldset) problems.push(`#${input.id} is not in a fieldset`);
      else if (!legend || legend.tagName !== 'LEGEND' || !legend.textContent.trim())
        problems.push(`the fieldset of #${input.id} does not start with a legend`);
      else {
        const others = all(`input[name="${CSS.escape(input.name)}"]`);
        if (others.some(o => o.closest('fieldset') !== fieldset))
          problems.push(`the options of ${input.name} are in more than one fieldset`);
      }
    }
  }
  for (const element of all('[aria-describedby]')) {
    for (const id of element.getAttribute('aria-describedby').split(/\s+/).filter(Boolean))
      if (!document.getElementById(id)) problems.push(`aria-describedby="${id}" on ${element.id || element.tagName} points at nothing`);
  }
  for (const error of all('.error-message')) {
    const field = error.closest('fieldset');
    const described = field && (field.getAttribute('aria-describedby') || '').split(/\s+/);
    if (!error.id) problems.push(`an error message without an id: ${error.textContent.trim()}`);
    else if (!described || !described.includes(error.id))
      problems.push(`#${error.id} is not in its fieldset's aria-describedby`);
  }
  return problems;
})()"#;

/// Elements wider than the viewport, when the page scrolls sideways.
pub async fn horizontal_overflow(tab: &Tab) -> R<Vec<String>> {
    tab.eval(
        r#"(() => {
          const root = document.documentElement;
          if (root.scrollWidth <= root.clientWidth) return [];
          const width = root.clientWidth;
          const wide = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 0.5)
            .filter(e => e.parentElement.getBoundingClientRect().right <= width + 0.5)
            .slice(0, 5)
            .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).split(' ').join('.') : ''} ends at ${Math.round(e.getBoundingClientRect().right)}px`);
          return [`the page scrolls sideways: scrollWidth ${root.scrollWidth} > clientWidth ${width}`, ...wide];
        })()"#,
    )
    .await
}

/// JavaScript that defines `contrast(fg, bg)` for computed CSS colours and
/// `background(element)`, the first opaque background behind an element.
const COLOUR_JS: &str = r#"
  const parse = c => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) throw new Error('cannot read colour ' + c);
    const [r, g, b, a] = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return { r, g, b, a: a === undefined ? 1 : a };
  };
  const luminance = ({ r, g, b }) => {
    const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = element => {
    for (let e = element; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a >= 1) return c;
    }
    return parse(getComputedStyle(document.documentElement).backgroundColor).a > 0
      ? parse(getComputedStyle(document.documentElement).backgroundColor) : { r: 255, g: 255, b: 255, a: 1 };
  };
  const contrast = (fg, bg) => {
    const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  };
"#;

/// Body text (the body, the lede, paragraphs and list items of the main
/// text) must reach 7:1 on its background.
pub async fn body_text_contrast(tab: &Tab) -> R<Vec<String>> {
    tab.eval(&format!(
        r#"(() => {{ {COLOUR_JS}
          const problems = [];
          const seen = new Set();
          const texts = [document.body, ...document.querySelectorAll(
            'main > p, main .lede, .prose > p, .prose > ul > li, .prose > ol > li, .callout p, .cta p, fieldset legend, label')];
          for (const e of texts) {{
            const fg = parse(getComputedStyle(e).color), bg = background(e);
            const key = JSON.stringify([fg, bg]);
            if (seen.has(key)) continue;
            seen.add(key);
            const ratio = contrast(fg, bg);
            if (ratio < 7) problems.push(`${{e.tagName.toLowerCase()}}${{e.className ? '.' + e.className : ''}} "${{e.textContent.trim().slice(0, 30)}}": ${{getComputedStyle(e).color}} on rgb(${{bg.r}}, ${{bg.g}}, ${{bg.b}}) is ${{ratio.toFixed(2)}}:1, want 7:1`);
          }}
          return problems;
        }})()"#
    ))
    .await
}

/// The focused element's outline: style, width, and contrast with what is
/// behind it. Focus appearance wants a solid outline of at least 2 px at 3:1.
pub async fn focus_outline(tab: &Tab) -> R<Vec<String>> {
    tab.eval(&format!(
        r#"(() => {{ {COLOUR_JS}
          const e = document.activeElement;
          if (!e || e === document.body) return ['nothing is focused'];
          const name = e.id ? '#' + e.id : `${{e.tagName.toLowerCase()}} "${{e.textContent.trim().slice(0, 30)}}"`;
          if (!e.matches(':focus-visible')) return [`${{name}} is focused but not :focus-visible`];
          const style = getComputedStyle(e);
          const problems = [];
          const width = parseFloat(style.outlineWidth);
          if (style.outlineStyle === 'none' || style.outlineStyle === 'hidden')
            problems.push(`${{name}} has no focus outline`);
          if (!(width >= 2)) problems.push(`${{name}}'s focus outline is ${{style.outlineWidth}}, want at least 2px`);
          const ratio = contrast(parse(style.outlineColor), background(e.parentElement));
          if (ratio < 3) problems.push(`${{name}}'s focus outline ${{style.outlineColor}} is ${{ratio.toFixed(2)}}:1 against its background, want 3:1`);
          return problems;
        }})()"#
    ))
    .await
}

/// With `prefers-reduced-motion: reduce`, nothing animates or transitions.
pub async fn no_motion(tab: &Tab) -> R<Vec<String>> {
    tab.eval(
        r#"(() => {
          const problems = [];
          if (!matchMedia('(prefers-reduced-motion: reduce)').matches)
            problems.push('prefers-reduced-motion: reduce is not being emulated');
          const hasBlock = [...document.styleSheets].some(sheet => [...sheet.cssRules].some(rule =>
            rule instanceof CSSMediaRule && /prefers-reduced-motion:\s*reduce/.test(rule.conditionText)));
          if (!hasBlock) problems.push('the stylesheet has no prefers-reduced-motion: reduce block');
          if (getComputedStyle(document.documentElement).scrollBehavior === 'smooth')
            problems.push('html still scrolls smoothly');
          const moving = new Set();
          for (const e of document.querySelectorAll('*')) {
            for (const pseudo of [null, '::before', '::after']) {
              const s = getComputedStyle(e, pseudo);
              const durations = s.transitionDuration.split(',').map(parseFloat);
              if (s.animationName !== 'none' || durations.some(d => d > 0))
                moving.add(`${e.tagName.toLowerCase()}${e.className ? '.' + e.className : ''}${pseudo || ''}`);
            }
          }
          for (const m of [...moving].slice(0, 10)) problems.push(`${m} still animates or transitions`);
          if (document.getAnimations().length) problems.push(`${document.getAnimations().length} animations run`);
          return problems;
        })()"#,
    )
    .await
}
