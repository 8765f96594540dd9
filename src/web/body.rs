//! Request bodies: read only where a route wants one, within a deadline,
//! and never waited on otherwise.
//!
//! actix-web's request timeout covers only the head, and a body that a
//! handler does not read is drained to its end first: a client that sends
//! `Content-Length: 10000` or a chunked body and then nothing held its
//! connection (and a file descriptor) for ever, on any route. Here:
//! - only the forms (`POST /self-check`, `POST /feedback`) read a body,
//!   which must arrive within [`BODY_DEADLINE`] of the head, or the answer
//!   is 408;
//! - a declared body over the form's limit is refused at once with 413;
//! - every other route answers without reading the body;
//! - a client that asks `Expect: 100-continue` is told to send its body
//!   only when it will be read ([`continues`]); otherwise it gets the final
//!   answer (413 for a form over its limit) without a `100 Continue` first,
//!   and never sends the body.
//!
//! Whenever a body is left unread, the request's payload is kept alive
//! until the response is written (it rides in the response body,
//! [`Held`]): actix then closes the connection instead of draining the rest.

use std::cell::RefCell;
use std::future::{Ready, ready};
use std::io;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::body::{BodySize, EitherBody, MessageBody};
use actix_web::dev::{
    Payload, RequestHead, Service, ServiceRequest, ServiceResponse, Transform, forward_ready,
};
use actix_web::error::PayloadError;
use actix_web::http::header::{self, HeaderMap};
use actix_web::http::{Method, StatusCode};
use actix_web::web::Bytes;
use actix_web::{Error, HttpMessage as _, HttpRequest, HttpResponse, web};
use futures_util::Stream;
use tokio::time::Sleep;

use super::feedback::{self, MAX_FEEDBACK_BYTES};
use super::selfcheck::{MAX_FORM_BYTES, unreadable};
use crate::site::Site;
use crate::urls;

/// How long the body of a form's POST may take to arrive once its head
/// has (the head itself has `server::HEAD_DEADLINE`). The form is under
/// 2 KB; even 16 KB takes a few seconds on a slow mobile connection.
pub(crate) const BODY_DEADLINE: Duration = Duration::from_secs(10);

/// A request's payload, shared between the handler that reads it and the
/// response that keeps it alive until it is written.
type Shared = Rc<RefCell<Payload>>;

/// Wraps the application: see the module's comment.
pub(super) struct Bodies;

impl<S, B> Transform<S, ServiceRequest> for Bodies
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<Held<EitherBody<B>>>;
    type Error = Error;
    type Transform = BodiesService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(BodiesService { service }))
    }
}

pub(super) struct BodiesService<S> {
    service: S,
}

impl<S, B> Service<ServiceRequest> for BodiesService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<Held<EitherBody<B>>>;
    type Error = Error;
    type Future = Bodied<S::Future>;

    forward_ready!(service);

    fn call(&self, mut req: ServiceRequest) -> Self::Future {
        let payload = req.take_payload();
        if let Payload::None = payload {
            return Bodied::Answer { inner: self.service.call(req), payload: None };
        }
        let payload: Shared = Rc::new(RefCell::new(payload));
        let Some(limit) = body_limit(req.method(), req.path()) else {
            // The handler gets no body; the connection closes after the answer.
            return Bodied::Answer { inner: self.service.call(req), payload: Some(payload) };
        };
        if declared_length(req.headers()).is_some_and(|length| length > limit) {
            let response = too_large(req.request());
            return Bodied::Refused { response: Some(req.into_response(response)), payload: Some(payload) };
        }
        let deadline = Box::pin(tokio::time::sleep(BODY_DEADLINE));
        req.set_payload(Payload::Stream {
            payload: Box::pin(Reading { payload: payload.clone(), deadline }),
        });
        Bodied::Answer { inner: self.service.call(req), payload: Some(payload) }
    }
}

/// Whether a request that asks `Expect: 100-continue` gets a `100
/// Continue`: only when its route reads a body and the size it declares, if
/// any, is within the route's limit. Otherwise the application answers from
/// the head alone, at once (`server` asks this before any `100` is sent).
pub(crate) fn continues(head: &RequestHead) -> bool {
    body_limit(&head.method, head.uri.path())
        .is_some_and(|limit| declared_length(&head.headers).is_none_or(|length| length <= limit))
}

/// The `Content-Length` the client declared, if any.
fn declared_length(headers: &HeaderMap) -> Option<usize> {
    headers.get(header::CONTENT_LENGTH)?.to_str().ok()?.parse().ok()
}

/// The most a route reads, for the routes that read a body (both forms).
fn body_limit(method: &Method, path: &str) -> Option<usize> {
    if method != Method::POST {
        return None;
    }
    match path {
        urls::SELF_CHECK => Some(MAX_FORM_BYTES),
        urls::FEEDBACK => Some(MAX_FEEDBACK_BYTES),
        _ => None,
    }
}

/// The route's own page for a body over its limit.
fn too_large(req: &HttpRequest) -> HttpResponse {
    match req.app_data::<web::Data<Site>>() {
        Some(site) if req.path() == urls::FEEDBACK => feedback::too_large(site),
        Some(site) => unreadable(site, StatusCode::PAYLOAD_TOO_LARGE),
        None => HttpResponse::new(StatusCode::PAYLOAD_TOO_LARGE),
    }
}

pin_project_lite::pin_project! {
    /// The application's answer, with the request's payload kept until the
    /// response is written.
    #[project = BodiedProj]
    pub(super) enum Bodied<F> {
        Answer { #[pin] inner: F, payload: Option<Shared> },
        Refused { response: Option<ServiceResponse>, payload: Option<Shared> },
    }
}

impl<F, B> Future for Bodied<F>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
    B: MessageBody,
{
    type Output = Result<ServiceResponse<Held<EitherBody<B>>>, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let (response, payload) = match self.project() {
            BodiedProj::Answer { inner, payload } => match inner.poll(cx) {
                Poll::Ready(result) => (result?.map_into_left_body(), payload.take()),
                Poll::Pending => return Poll::Pending,
            },
            BodiedProj::Refused { response, payload } => {
                let response = response.take().expect("polled after it answered");
                (response.map_into_right_body(), payload.take())
            }
        };
        Poll::Ready(Ok(response.map_body(|_, body| Held { body, _payload: payload })))
    }
}

/// A form handler's view of the shared payload: the body as it
/// arrives, or a `TimedOut` error once [`BODY_DEADLINE`] has passed.
struct Reading {
    payload: Shared,
    deadline: Pin<Box<Sleep>>,
}

impl Stream for Reading {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let next = Pin::new(&mut *self.payload.borrow_mut()).poll_next(cx);
        match next {
            Poll::Pending if self.deadline.as_mut().poll(cx).is_ready() => {
                Poll::Ready(Some(Err(PayloadError::Io(io::ErrorKind::TimedOut.into()))))
            }
            next => next,
        }
    }
}

pin_project_lite::pin_project! {
    /// A response body that keeps the request's payload alive while it is
    /// written, so an unread body closes the connection.
    pub struct Held<B> {
        #[pin]
        body: B,
        _payload: Option<Shared>,
    }
}

impl<B: MessageBody> MessageBody for Held<B> {
    type Error = B::Error;

    fn size(&self) -> BodySize {
        self.body.size()
    }

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, Self::Error>>> {
        self.project().body.poll_next(cx)
    }
}
