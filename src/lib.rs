//! Knotwise: a server-rendered health-education site about muscle knots and
//! massage aftercare.
pub mod date;
pub mod problem;
pub mod selfcheck;
