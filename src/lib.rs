//! Knotwise: a server-rendered health-education site about muscle knots and
//! massage aftercare.
pub mod content;
pub mod date;
pub mod problem;
