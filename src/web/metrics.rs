//! Recording requests into [`Metrics`], and the private application that
//! serves them on the metrics listener.

use std::time::Duration;

use actix_web::body::{BodySize, MessageBody};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::{App, Error, HttpResponse, web};

use crate::metrics::{BodyEncoding, CONTENT_TYPE, Metrics};

/// Counts one request by route pattern and status, its time, and its body
/// bytes by encoding: a few atomic adds.
pub(super) fn record<B: MessageBody>(metrics: &Metrics, response: &ServiceResponse<B>, elapsed: Duration) {
    let request = response.request();
    metrics.record_request(request.match_name(), response.status().as_u16(), elapsed);
    // A HEAD answer carries no body; the size of a POST answer (the
    // self-check's result) would tell one result from another.
    if !matches!(*request.method(), Method::HEAD | Method::POST)
        && let BodySize::Sized(bytes) = response.response().body().size()
    {
        let encoding = response.headers().get(header::CONTENT_ENCODING).map(|v| v.as_bytes());
        metrics.record_body(BodyEncoding::from_header(encoding), bytes);
    }
}

/// The metrics listener's application: `GET /metrics` in the Prometheus
/// text format, nothing else. Never mounted on the public listener.
pub(crate) fn metrics_app(
    metrics: web::Data<Metrics>,
) -> App<
    impl ServiceFactory<ServiceRequest, Config = (), Response = ServiceResponse, Error = Error, InitError = ()>,
> {
    App::new().app_data(metrics).route("/metrics", web::get().to(scrape)).default_service(web::to(|| async {
        HttpResponse::NotFound().content_type("text/plain; charset=utf-8").body("Metrics are at /metrics.\n")
    }))
}

async fn scrape(metrics: web::Data<Metrics>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .content_type(CONTENT_TYPE)
        .body(metrics.render())
}
