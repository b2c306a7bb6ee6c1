//! Any bytes as a GOV.UK bank-holidays.json: loading and merging never panic, and working days
//! never exceed calendar days afterwards.
#![no_main]
use engagekit::calendar::{BankHolidays, GovUkBankHolidays, Region};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(file) = GovUkBankHolidays::from_json(text) else { return };
    let calendar = BankHolidays::builtin().with_govuk(&file);
    for (_, division) in file.divisions() {
        for e in division.events.iter().take(8) {
            for region in Region::ALL {
                let later = e.date.add_days(40).unwrap_or(e.date);
                assert!(i64::from(calendar.working_days_between(region, e.date, later)) <= 40);
                let _ = calendar.nth_working_day_after(region, e.date, 10);
            }
        }
    }
});
