//! Finding ids in a list that is usually walked in order: scores come in runs (one evaluator's
//! sheet, a bid's criteria in turn, the panel in turn), and a period's results in the charter's
//! order (aggregateFeedback writes them so). The position found last and the one after it are
//! tried before any hashing; a hash index is built, once, only when both miss.
//!
//! Measured: at 150,000 scores, hashing every reference of every score was a tenth of `evaluate`
//! in WebAssembly; at 50,000 measures, a hash lookup per measure missed the caches three times
//! (the table, the key, the result) and monitoring grew 20x per tenfold step.
//!
//! Kept for `make bench` (node `evaluate` at 150,000 scores, held at 3x `JSON.parse`; native
//! `monitoring` growth): at a panel's 2,000 scores a hash per reference would do as well.

use std::collections::HashMap;

/// The positions of a list of unique ids.
pub(crate) struct InOrder<'a> {
    ids: Vec<&'a str>,
    last: usize,
    index: Option<HashMap<&'a str, usize>>,
}

impl<'a> InOrder<'a> {
    pub(crate) fn new(ids: impl IntoIterator<Item = &'a str>) -> Self {
        InOrder {
            ids: ids.into_iter().collect(),
            last: 0,
            index: None,
        }
    }

    /// The position of `id`, if it is in the list.
    pub(crate) fn find(&mut self, id: &str) -> Option<usize> {
        for guess in [self.last, self.last + 1] {
            if self.ids.get(guess) == Some(&id) {
                self.last = guess;
                return Some(guess);
            }
        }
        let ids = &self.ids;
        let index = self.index.get_or_insert_with(|| {
            let mut index = HashMap::with_capacity(ids.len());
            for (i, id) in ids.iter().enumerate() {
                index.insert(*id, i);
            }
            index
        });
        let found = *index.get(id)?;
        self.last = found;
        Some(found)
    }
}

#[cfg(test)]
mod tests {
    use super::InOrder;

    #[test]
    fn finds_in_order_out_of_order_and_not_at_all() {
        let mut at = InOrder::new(["E1", "E2", "E3", "E4"]);
        let found: Vec<Option<usize>> = ["E1", "E2", "E2", "E4", "E1", "E3", "E9", "E4"]
            .iter()
            .map(|id| at.find(id))
            .collect();
        assert_eq!(
            found,
            [
                Some(0),
                Some(1),
                Some(1),
                Some(3),
                Some(0),
                Some(2),
                None,
                Some(3)
            ]
        );
        assert_eq!(InOrder::new([]).find("E1"), None);
    }
}
