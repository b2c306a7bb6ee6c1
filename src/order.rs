//! One stable sort for the whole crate. Each `sort_by` on a new element or closure type adds its
//! own copy of the standard library's sort to the WebAssembly (2 to 3 KB each, a dozen copies
//! measured); sorting positions through one comparator type keeps a single copy. Kept for the
//! size budget (pkg-tests/size.test.mjs), not for speed.

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp`, as `slice::sort_by` does.
pub(crate) fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&i| slots[i].take()));
}

/// Sorts `items` stably by `key`, as `slice::sort_by_key` does.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The crate's one instantiation of the standard sort: positions compared through `cmp`. A list of
/// positions is sorted with it directly.
pub(crate) fn sort_positions(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, vec![(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
        let mut w: Vec<i32> = vec![];
        sort_by(&mut w, |a, b| a.cmp(b));
        assert!(w.is_empty());
    }
}
