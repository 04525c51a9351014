//! Work spread over the machine's cores, on one pool of threads that lives
//! as long as the process (rayon's): a thread's memory is reused by the
//! next job it takes, not asked of the system again, and work is handed
//! out as threads come free, not cut into fixed shares.

use rayon::prelude::*;

/// `f` over `items`, results in order, spread over the pool; on this thread
/// when there is one item or `small` says the work is too little to share.
pub fn map<T: Sync, R: Send>(items: &[T], small: bool, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.len() < 2 || small || threads() < 2 {
        return items.iter().map(f).collect();
    }
    let f = &f;
    items.par_iter().map(f).collect()
}

/// `f` over runs of `items` taken from a queue by up to `workers` threads,
/// each keeping the state `init` makes for it (a shaper and its caches)
/// across the runs it takes; the results in the items' order. A run is
/// `run` items (at least one). Errors stop nothing; they come back in place.
pub fn queue<T: Sync, S, R: Send>(
    items: &[T],
    run: usize,
    workers: usize,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, usize, &[T]) -> R + Sync,
) -> Vec<R> {
    let run = run.max(1);
    let runs = items.len().div_ceil(run);
    let workers = workers.min(runs).min(threads()).max(1);
    if workers == 1 {
        let mut state = init();
        return items
            .chunks(run)
            .enumerate()
            .map(|(i, c)| f(&mut state, i * run, c))
            .collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(Vec::with_capacity(runs));
    rayon::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|_| {
                let mut state = init();
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let start = i * run;
                    if start >= items.len() {
                        break;
                    }
                    let out = f(
                        &mut state,
                        start,
                        &items[start..(start + run).min(items.len())],
                    );
                    if let Ok(mut done) = done.lock() {
                        done.push((i, out));
                    }
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|p| p.into_inner());
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// `side` on a thread of its own (not the pool's: it may wait on `main`)
/// while `main` runs on this one; both results. A panic on the side thread
/// goes on here. With `small` (nothing on the side worth a thread), `side`
/// runs first on this thread.
pub fn beside<A: Send, B>(
    small: bool,
    side: impl FnOnce() -> A + Send,
    main: impl FnOnce() -> B,
) -> (A, B) {
    if small {
        return (side(), main());
    }
    std::thread::scope(|scope| {
        let side = scope.spawn(side);
        let main = main();
        let side = side
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (side, main)
    })
}

/// Threads in the pool.
pub fn threads() -> usize {
    rayon::current_num_threads()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_back_in_order() {
        let items: Vec<u32> = (0..100).collect();
        assert_eq!(
            super::map(&items, false, |v| v * 2),
            (0..100).map(|v| v * 2).collect::<Vec<_>>()
        );
        assert_eq!(super::map(&items, true, |v| v + 1)[99], 100);
    }

    #[test]
    fn a_queue_keeps_order_and_state_per_worker() {
        let items: Vec<u32> = (0..1000).collect();
        let runs = super::queue(
            &items,
            7,
            4,
            || 0usize,
            |seen, first, run| {
                *seen += run.len();
                (first, run.iter().sum::<u32>(), *seen)
            },
        );
        assert_eq!(runs.len(), 1000usize.div_ceil(7));
        for (i, (first, sum, seen)) in runs.iter().enumerate() {
            assert_eq!(*first, i * 7);
            let want: u32 = items[i * 7..(i * 7 + 7).min(1000)].iter().sum();
            assert_eq!(*sum, want);
            assert!(*seen >= 1);
        }
    }
}
