//! Exact arithmetic for scores: every final, weighted score, price score and total is a fraction
//! of whole numbers (scores are whole, weights are given to at most 3 decimal places and prices
//! to the penny), kept exact and turned into a number only at the end, so that a weighted score
//! of 14/5 x 12/4 is 8.4 and not 8.399999999999999, and ties are ties.

use std::cmp::Ordering;

/// A fraction `num / den` in lowest terms, `den > 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Exact {
    num: i128,
    den: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

impl Exact {
    pub(crate) const ZERO: Exact = Exact { num: 0, den: 1 };

    /// `num / den`, or `None` when `den` is 0.
    pub(crate) fn new(num: i128, den: i128) -> Option<Exact> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den).max(1);
        let sign = if den < 0 { -1 } else { 1 };
        Some(Exact {
            num: sign * num / g,
            den: sign * den / g,
        })
    }

    /// A whole number.
    pub(crate) fn int(n: i64) -> Exact {
        Exact {
            num: i128::from(n),
            den: 1,
        }
    }

    /// A decimal with at most `places` places (weights: 3, prices: 2), or `None` if it has more
    /// or is not finite.
    pub(crate) fn decimal(x: f64, places: u32) -> Option<Exact> {
        let scale = 10_i128.pow(places);
        let scaled = x * scale as f64;
        if !scaled.is_finite() || scaled.abs() > 1e15 || (scaled - scaled.round()).abs() > 1e-6 {
            return None;
        }
        Exact::new(scaled.round() as i128, scale)
    }

    pub(crate) fn add(self, o: Exact) -> Option<Exact> {
        let g = gcd(self.den, o.den).max(1);
        let num = self
            .num
            .checked_mul(o.den / g)?
            .checked_add(o.num.checked_mul(self.den / g)?)?;
        Exact::new(num, self.den.checked_mul(o.den / g)?)
    }

    pub(crate) fn mul(self, o: Exact) -> Option<Exact> {
        let (g1, g2) = (gcd(self.num, o.den).max(1), gcd(o.num, self.den).max(1));
        Exact::new(
            (self.num / g1).checked_mul(o.num / g2)?,
            (self.den / g2).checked_mul(o.den / g1)?,
        )
    }

    pub(crate) fn div(self, o: Exact) -> Option<Exact> {
        self.mul(Exact::new(o.den, o.num)?)
    }

    /// The nearest number: one correctly rounded division while both parts fit in 53 bits.
    pub(crate) fn to_f64(self) -> f64 {
        const EXACT: i128 = 1 << 53;
        if self.num.abs() < EXACT && self.den < EXACT {
            self.num as f64 / self.den as f64
        } else {
            (self.num / self.den) as f64 + (self.num % self.den) as f64 / self.den as f64
        }
    }

    pub(crate) fn cmp(self, o: Exact) -> Ordering {
        match (self.num.checked_mul(o.den), o.num.checked_mul(self.den)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.to_f64().total_cmp(&o.to_f64()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_stay_exact() {
        let w = Exact::new(14, 5)
            .unwrap()
            .mul(Exact::int(12))
            .unwrap()
            .div(Exact::int(4))
            .unwrap();
        assert_eq!(w, Exact::new(42, 5).unwrap());
        assert_eq!(w.to_f64(), 8.4);
        let third = Exact::new(1, 3).unwrap();
        assert_eq!(third.add(third).unwrap().add(third).unwrap(), Exact::int(1));
        assert_eq!(Exact::decimal(12.5, 3), Exact::new(25, 2));
        assert_eq!(
            Exact::decimal(0.1, 2)
                .unwrap()
                .add(Exact::decimal(0.2, 2).unwrap()),
            Exact::decimal(0.3, 2)
        );
        assert_eq!(Exact::decimal(12.3456, 3), None);
        assert_eq!(
            Exact::new(2, 4).unwrap().cmp(Exact::new(1, 2).unwrap()),
            Ordering::Equal
        );
    }
}
