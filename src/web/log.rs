//! The request log.

use std::time::Instant;

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;

/// One line per request: method, path (never the query string), status and
/// time. Request bodies are never logged: self-check answers are health data.
pub(super) async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.path().to_owned();
    let response = next.call(req).await?;
    tracing::info!(
        target: "knotwise::request",
        "{method} {path} {} {}us",
        response.status().as_u16(),
        started.elapsed().as_micros()
    );
    Ok(response)
}
