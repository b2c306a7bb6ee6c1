//! Bank holidays and working days: `cargo run --example working_days`.

use engagekit::calendar::{BankHolidays, Region};
use engagekit::Date;

fn main() {
    let calendar = BankHolidays::builtin();
    for h in calendar.holidays(Region::EnglandAndWales, 2026) {
        println!("{}  {}", h.date.long(), h.title);
    }
    let (Some(from), Some(to)) = (Date::from_ymd(2026, 12, 18), Date::from_ymd(2027, 1, 8)) else {
        return;
    };
    println!(
        "\nWorking days after {} up to {}: {}",
        from.written(),
        to.written(),
        calendar.working_days_between(Region::EnglandAndWales, from, to)
    );
}
