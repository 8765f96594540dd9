//! How many searches are answered at once.
//!
//! A search costs far more than a prepared page, and the home page, where
//! the emergency numbers are, must stay fast however many searches arrive.
//! So at most [`running_at_once`] searches run at the same moment (half the
//! cores, at least one), and at most [`MAX_IN_FLIGHT`] are admitted,
//! running or waiting their turn; beyond that the reader gets a fast "busy"
//! page at once instead of a slow answer for everyone.
//!
//! A search runs on the worker that took its request, when its turn comes:
//! it takes a fraction of a millisecond, and handing it to another thread
//! and back cost about a quarter of its CPU time in context switches. The
//! workers that are not searching keep serving pages meanwhile.

use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{Semaphore, SemaphorePermit};

/// Searches admitted at once, running or waiting. At well under a
/// millisecond each, the last of them waits a few milliseconds.
pub const MAX_IN_FLIGHT: usize = 16;

/// Searches that run at the same moment: half the cores, at least one, so
/// the workers serving pages always keep a core (on a machine of one core,
/// a page waits for at most one search).
pub(crate) fn running_at_once() -> usize {
    std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1))
}

/// The counts for one site.
#[derive(Debug)]
pub struct Limits {
    in_flight: AtomicUsize,
    running: Semaphore,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { in_flight: AtomicUsize::new(0), running: Semaphore::new(running_at_once()) }
    }
}

impl Limits {
    /// Admits one more search, or `None` when [`MAX_IN_FLIGHT`] are.
    pub fn admit(&self) -> Option<Admitted<'_>> {
        self.in_flight
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| (n < MAX_IN_FLIGHT).then_some(n + 1))
            .ok()
            .map(|_| Admitted { limits: self })
    }

    /// Searches admitted now.
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::Acquire)
    }
}

/// One admitted search; it leaves the count when dropped.
#[derive(Debug)]
pub struct Admitted<'a> {
    limits: &'a Limits,
}

impl Admitted<'_> {
    /// Waits for this search's turn to run.
    pub(crate) async fn turn(&self) -> SemaphorePermit<'_> {
        self.limits.running.acquire().await.expect("the semaphore is never closed")
    }
}

impl Drop for Admitted<'_> {
    fn drop(&mut self) {
        self.limits.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_the_limit_is_admitted_and_each_leaves_when_done() {
        let limits = Limits::default();
        let admitted: Vec<Admitted<'_>> = (0..MAX_IN_FLIGHT).map(|_| limits.admit().unwrap()).collect();
        assert!(limits.admit().is_none());
        assert_eq!(limits.in_flight(), MAX_IN_FLIGHT);
        drop(admitted);
        assert_eq!(limits.in_flight(), 0);
        assert!(limits.admit().is_some());
    }
}
