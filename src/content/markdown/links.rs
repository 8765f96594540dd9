//! Pass 4: every link is recorded, wherever it is written.
//!
//! Links in headings, callout titles and references count like any other:
//! this pass runs over the whole event list before any of them is moved or
//! flattened, so none is missed.

use pulldown_cmark::{Event, LinkType, Tag};

use super::{Events, InternalLink, Rendered};

/// Records every link inside the site (`/…` or `#…`) for the cross-article
/// check, and reports relative links, which break when a page moves.
pub(super) fn record(events: &Events<'_>, out: &mut Rendered) {
    for (event, range) in events {
        let Event::Start(Tag::Link { link_type, dest_url, .. }) = event else {
            continue;
        };
        let url = dest_url.as_ref();
        if url.starts_with('/') || url.starts_with('#') {
            out.links.push(InternalLink { target: url.to_string(), offset: range.start });
        } else if !(url.starts_with("https://")
            || url.starts_with("http://")
            || url.starts_with("mailto:")
            || *link_type == LinkType::Email)
        {
            out.problem(
                range.start,
                format!("the link `{url}` is relative, so it would break when the page moves"),
                "link to another article as `/articles/<slug>` or `/articles/<slug>#<heading-id>`, or give a full `https://` address",
            );
        }
    }
}
