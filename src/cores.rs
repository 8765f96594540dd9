//! Work spread over the machine's cores.

use std::thread;

/// `f` applied to every item on as many threads as there are cores, each
/// thread taking one run of consecutive items and its own `state` (a
/// buffer, a counter); the results come back in the items' order.
pub(crate) fn map_in_order<T: Send, S, R: Send>(
    items: Vec<T>,
    state: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, T) -> R + Sync,
) -> Vec<R> {
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    let run = items.len().div_ceil(threads).max(1);
    let mut items = items.into_iter();
    let runs: Vec<Vec<T>> =
        (0..threads).map(|_| items.by_ref().take(run).collect()).filter(|r: &Vec<T>| !r.is_empty()).collect();
    let (state, f) = (&state, &f);
    thread::scope(|scope| {
        let handles: Vec<_> = runs
            .into_iter()
            .map(|run| {
                scope.spawn(move || {
                    let mut state = state();
                    run.into_iter().map(|item| f(&mut state, item)).collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("the work does not panic")).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order_and_each_thread_its_own_state() {
        let items: Vec<u32> = (0..1001).collect();
        let out = map_in_order(
            items,
            || 0u32,
            |seen, n| {
                *seen += 1;
                (n * 2, *seen)
            },
        );
        assert_eq!(
            out.iter().map(|&(n, _)| n).collect::<Vec<_>>(),
            (0..1001).map(|n| n * 2).collect::<Vec<_>>()
        );
        assert!(out.iter().all(|&(_, seen)| seen >= 1));
        assert!(map_in_order(Vec::<u32>::new(), || (), |_, n| n).is_empty());
    }
}
