//! Pass 4: every link and image is recorded, wherever it is written.
//!
//! Links in headings, callout titles and references count like any other:
//! this pass runs over the whole event list before any of them is moved or
//! flattened, so none is missed. Each destination is one [`Kind`]: a page
//! of the site, a web address, a phone number, an email address, or
//! something the site refuses. Images are links too: only a file of the
//! site's own `static/` folder, with alt text.

use pulldown_cmark::{Event, LinkType, Tag};

use super::{Events, InternalLink, Rendered, matching_end, plain_text};

/// What a link's destination is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `/…` or `#…`: a page or section of the site, checked once all are known.
    Internal,
    /// `https://…` or `http://…`.
    Web,
    /// `tel:+44…`: a number a phone can call.
    Phone,
    /// `mailto:…`, or an address written as `<name@example.org>`.
    Email,
    /// `javascript:`, `data:` or any other scheme.
    Scheme,
    /// No scheme and no leading `/`: it would change meaning when the page moves.
    Relative,
}

/// The kind of a destination as written.
pub(super) fn kind(url: &str) -> Kind {
    let lower = url.trim_start().to_ascii_lowercase();
    if url.starts_with('/') || url.starts_with('#') {
        Kind::Internal
    } else if lower.starts_with("https://") || lower.starts_with("http://") {
        Kind::Web
    } else if lower.starts_with("tel:") {
        Kind::Phone
    } else if lower.starts_with("mailto:") {
        Kind::Email
    } else if lower.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    }) {
        Kind::Scheme
    } else {
        Kind::Relative
    }
}

/// A `tel:` number: an optional `+`, then digits with the visual separators
/// RFC 3966 allows (`-`, `.`, `(`, `)`), at least three digits.
fn is_phone(number: &str) -> bool {
    let digits = number.strip_prefix('+').unwrap_or(number);
    digits.chars().all(|c| c.is_ascii_digit() || "-.()".contains(c))
        && digits.chars().filter(char::is_ascii_digit).count() >= 3
}

/// A `mailto:` address: something, `@`, a domain with a dot.
fn is_email(address: &str) -> bool {
    let address = address.split('?').next().unwrap_or_default();
    address.split_once('@').is_some_and(|(name, domain)| {
        !name.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
    })
}

/// Records every link inside the site (`/…` or `#…`) and every image in
/// `static/` for the cross-article check, and reports what the site refuses.
pub(super) fn record(events: &Events<'_>, out: &mut Rendered) {
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                let url = dest_url.as_ref();
                let kind = if *link_type == LinkType::Email { Kind::Email } else { kind(url) };
                link(url, kind, range.start, *link_type == LinkType::Email, out);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let alt = plain_text(&events[i + 1..matching_end(events, i)]);
                image(dest_url, &alt, range.start, out);
            }
            _ => {}
        }
    }
}

fn link(url: &str, kind: Kind, offset: usize, autolink: bool, out: &mut Rendered) {
    match kind {
        Kind::Internal => out.links.push(InternalLink { target: url.to_string(), offset }),
        Kind::Web => {}
        Kind::Phone if is_phone(&url[4..]) => {}
        Kind::Phone => out.problem(
            offset,
            format!("the phone link `{url}` is not a number a phone can call"),
            "write the number with its country code and no spaces, e.g. `[call 111](tel:111)` or `(tel:+442079460000)`",
        ),
        Kind::Email if autolink || is_email(&url[7..]) => {}
        Kind::Email => out.problem(
            offset,
            format!("the email link `{url}` is not an email address"),
            "write the address after `mailto:`, e.g. `[write to us](mailto:editors@example.org)`",
        ),
        Kind::Scheme => out.problem(
            offset,
            format!("the link `{url}` uses a scheme the site does not link with"),
            "link with `https://`, `tel:` or `mailto:`, or to a page of the site as `/articles/<slug>`",
        ),
        Kind::Relative => out.problem(
            offset,
            format!("the link `{url}` is relative, so it would break when the page moves"),
            "link to another article as `/articles/<slug>` or `/articles/<slug>#<heading-id>`, or give a full `https://` address",
        ),
    }
}

fn image(url: &str, alt: &str, offset: usize, out: &mut Rendered) {
    if alt.trim().is_empty() {
        out.problem(
            offset,
            format!("the image `{url}` has no alt text"),
            "describe what the image shows between the brackets, e.g. `![A hand pressing a shoulder](/static/press.png)`",
        );
    }
    match kind(url) {
        Kind::Internal if url.starts_with("/static/") => out.images.push(InternalLink { target: url.to_string(), offset }),
        Kind::Web => out.problem(
            offset,
            format!("the image `{url}` is on another site"),
            "save the image in `static/` and write `/static/<file>`: the site's Content-Security-Policy \
             (img-src 'self') blocks images from other sites, and loading one would tell that site who reads the page",
        ),
        Kind::Internal | Kind::Relative => out.problem(
            offset,
            format!("the image `{url}` is not a file of the static folder"),
            "put the image in `static/` and write its address as `/static/<file>`, e.g. `/static/press.png`",
        ),
        Kind::Phone | Kind::Email | Kind::Scheme => out.problem(
            offset,
            format!("the image `{url}` is not an image address"),
            "put the image in `static/` and write its address as `/static/<file>`",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_destination_has_one_kind() {
        for (url, expected) in [
            ("/articles/a", Kind::Internal),
            ("#x", Kind::Internal),
            ("https://www.nhs.uk/", Kind::Web),
            ("HTTP://example.org", Kind::Web),
            ("tel:111", Kind::Phone),
            ("mailto:a@b.org", Kind::Email),
            ("javascript:alert(1)", Kind::Scheme),
            ("data:image/png;base64,AAAA", Kind::Scheme),
            ("nowhere.png", Kind::Relative),
            ("../a", Kind::Relative),
        ] {
            assert_eq!(kind(url), expected, "{url}");
        }
        assert!(is_phone("+44-20-7946-0000") && is_phone("999") && is_phone("(0800)611.116"));
        assert!(!is_phone("") && !is_phone("12") && !is_phone("call us") && !is_phone("+44 20"));
        assert!(is_email("editors@example.org") && is_email("a@b.org?subject=Hi"));
        assert!(!is_email("editors") && !is_email("@example.org") && !is_email("a@localhost"));
    }
}
