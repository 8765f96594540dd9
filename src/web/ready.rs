//! `/readyz`: whether this copy should be sent new requests.

use std::sync::atomic::{AtomicBool, Ordering};

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::prepared::CachePolicy;

/// Ready from the moment the site is built and serving until a stop
/// signal, when it turns to draining for good.
#[derive(Debug, Default)]
pub struct Readiness {
    draining: AtomicBool,
}

impl Readiness {
    /// From now on `/readyz` answers 503 and every response carries
    /// `Connection: close`, so clients that keep connections open reconnect
    /// elsewhere; every other page still answers as before.
    pub fn start_draining(&self) {
        self.draining.store(true, Ordering::Relaxed);
    }

    pub(crate) fn is_draining(&self) -> bool {
        self.draining.load(Ordering::Relaxed)
    }
}

/// 200 `ready`, or 503 `draining` once a stop signal came. An application
/// without a [`Readiness`] (as in tests) is always ready: it exists only
/// once the site is built.
pub(super) async fn readyz(req: HttpRequest) -> HttpResponse {
    let draining = req.app_data::<web::Data<Readiness>>().is_some_and(|r| r.is_draining());
    let (status, body) =
        if draining { (StatusCode::SERVICE_UNAVAILABLE, "draining\n") } else { (StatusCode::OK, "ready\n") };
    HttpResponse::build(status)
        .insert_header((header::CACHE_CONTROL, CachePolicy::NoStore.header()))
        .content_type("text/plain; charset=utf-8")
        .body(body)
}
