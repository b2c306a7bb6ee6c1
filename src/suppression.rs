//! Small-number suppression, shared by every area that publishes counts of people (monitoring's
//! feedback, survey summaries): the one default threshold and the one rule for which cells of a
//! table to hide. A leaf: it uses no other module.
//!
//! Local policy, not a rule of law: small numbers identify people. NHS Digital's disclosure
//! control for Hospital Episode Statistics until September 2018 required "replacing values
//! between 1 and 5 with '*'" and secondary suppression, "checking that other values within the
//! data cannot be used to recalculate the original small numbers" (digital.nhs.uk, "Disclosure
//! control methodology for Hospital Episode Statistics (HES) and Emergency Care Data Set
//! (ECDS)"); its later method suppresses more. That practice hides a count of 5 too; this default
//! shows 5 and hides 1 to 4, so a document that follows NHS Digital's practice sets
//! `minimumCount` to 6 (or more).

/// The suppression threshold when a document or a call gives none: an aggregate over fewer
/// people than this is never shown as a number. The one place this default is written.
pub const DEFAULT_MINIMUM_COUNT: u32 = 5;

/// Where NHS Digital's disclosure control practice, on which the default leans, is published.
pub const DISCLOSURE_CONTROL_URL: &str = "https://digital.nhs.uk/data-and-information/data-tools-and-services/data-services/hospital-episode-statistics/change-to-disclosure-control-methodology-for-hes-and-ecds-from-september-2018";

/// True when `count` people are too few to show (1 to `minimum - 1`); 0 is shown, as nobody can
/// be picked out of nobody.
pub fn is_small(count: u64, minimum: u32) -> bool {
    count > 0 && count < u64::from(minimum)
}

/// True when a total of `count` people is enough to show anything of it (at least `minimum`).
pub fn shows(count: u64, minimum: u32) -> bool {
    count >= u64::from(minimum)
}

/// Which cells of one table to hide. Primary: every small count ([`is_small`]). Secondary, when
/// the cells `partition` a total that is shown (each person in exactly one cell) and exactly one
/// cell is hidden: the smallest other non-zero count is hidden too (the first of equals), so that
/// the hidden one cannot be worked out as the total minus the others.
pub fn suppressed_cells(counts: &[u64], minimum: u32, partition: bool) -> Vec<bool> {
    let mut hidden: Vec<bool> = counts.iter().map(|&c| is_small(c, minimum)).collect();
    if partition && hidden.iter().filter(|&&h| h).count() == 1 {
        let smallest = counts
            .iter()
            .enumerate()
            .filter(|&(i, &c)| c > 0 && !hidden.get(i).copied().unwrap_or(true))
            .min_by_key(|&(i, &c)| (c, i))
            .map(|(i, _)| i);
        if let Some(slot) = smallest.and_then(|i| hidden.get_mut(i)) {
            *slot = true;
        }
    }
    hidden
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primary_and_secondary() {
        // 3 is small; of the others (10, 0, 7) the smallest non-zero is 7.
        assert_eq!(
            suppressed_cells(&[3, 10, 0, 7], 5, true),
            [true, false, false, true]
        );
        // Not a partition: no secondary.
        assert_eq!(
            suppressed_cells(&[3, 10, 0, 7], 5, false),
            [true, false, false, false]
        );
        // Two small ones already hide each other.
        assert_eq!(suppressed_cells(&[3, 2, 9], 5, true), [true, true, false]);
        // Equal smallest: the first.
        assert_eq!(suppressed_cells(&[6, 1, 6], 5, true), [true, true, false]);
        assert!(!is_small(0, 5) && is_small(4, 5) && !is_small(5, 5));
    }
}
