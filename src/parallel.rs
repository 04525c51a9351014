//! Work spread over the machine's cores: a slice cut into one run of items
//! per core, each mapped on its own thread, the results in order. For
//! independent items that each take a while (photos to decode, page streams
//! to compress); a panic in a worker is passed on.

/// `f` over `items`, in order, on up to eight threads; on one when the
/// machine has one core or `small` says the work is too little to share.
pub fn map<T: Sync, R: Send>(items: &[T], small: bool, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads < 2 || items.len() < 2 || small {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
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
}
