//! The one middleware of the public application: the security headers, the
//! metrics and the request log, with one clock read for both, and
//! `Connection: close` once the server is draining.
//!
//! One hand-written middleware instead of three (`DefaultHeaders`, a
//! `from_fn` that boxed a future per request, and the log's own): each
//! layer is a future to poll on every request.

use std::cell::OnceCell;
use std::future::{Ready, ready};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::ConnectionType;
use actix_web::http::header::HeaderValue;
use actix_web::{Error, web};

use super::{Hsts, Readiness, headers, log, metrics};
use crate::metrics::Metrics;

/// Wraps the application: see the module's comment.
pub(super) struct RecordRequests;

impl<S, B> Transform<S, ServiceRequest> for RecordRequests
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: actix_web::body::MessageBody,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Transform = RecordRequestsService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(RecordRequestsService { service, readiness: OnceCell::new(), hsts: OnceCell::new() }))
    }
}

pub(super) struct RecordRequestsService<S> {
    service: S,
    /// The application's [`Readiness`] (none in most tests), found on the
    /// first request: an application's data never changes, so each request
    /// after it costs one atomic load, not a lookup.
    readiness: OnceCell<Option<web::Data<Readiness>>>,
    /// The application's `--hsts` ([`Hsts::On`] when it has none), found on
    /// the first request like `readiness`.
    hsts: OnceCell<Option<HeaderValue>>,
}

impl<S, B> Service<ServiceRequest> for RecordRequestsService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: actix_web::body::MessageBody,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Future = Recorded<S::Future>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let readiness = self.readiness.get_or_init(|| req.app_data::<web::Data<Readiness>>().cloned());
        let close = readiness.as_ref().is_some_and(|r| r.is_draining());
        let hsts = self
            .hsts
            .get_or_init(|| {
                let hsts = req.app_data::<web::Data<Hsts>>().map_or(Hsts::On, |hsts| *hsts.get_ref());
                hsts.value().map(HeaderValue::from_static)
            })
            .clone();
        Recorded { inner: self.service.call(req), started: Instant::now(), close, hsts }
    }
}

pin_project_lite::pin_project! {
    /// The application's future, which finishes the response and records
    /// the request when it completes.
    pub(super) struct Recorded<F> {
        #[pin]
        inner: F,
        started: Instant,
        // Draining: the client is asked to close this connection after the
        // response and to reconnect, to a copy that is not stopping.
        close: bool,
        hsts: Option<HeaderValue>,
    }
}

impl<F, B> Future for Recorded<F>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
    B: actix_web::body::MessageBody,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut response = std::task::ready!(this.inner.poll(cx))?;
        headers::add_security_headers(response.headers_mut(), this.hsts.as_ref());
        if *this.close {
            response.response_mut().head_mut().set_connection_type(ConnectionType::Close);
        }
        let started = *this.started;
        // The request's one clock read after it started, for both.
        let elapsed = started.elapsed();
        // Metrics are on only when the application has them (`--metrics-addr`).
        if let Some(recorder) = response.request().app_data::<web::Data<Metrics>>() {
            metrics::record(recorder, &response, elapsed);
        }
        log::record(response.request(), response.status(), started, elapsed);
        Poll::Ready(Ok(response))
    }
}
