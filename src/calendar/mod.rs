//! Dates, bank holidays and working days (England and Wales by default; Scotland, Northern
//! Ireland and the UK-wide union for laws that count any part of the UK).

mod date;
mod holidays;
mod working_days;

pub use date::{date_option, Date};
pub use holidays::{
    easter_sunday, BankHoliday, BankHolidays, GovUkBankHolidays, GovUkDivision, GovUkEvent, Region,
    BUILTIN_YEARS,
};
