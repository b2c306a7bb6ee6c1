//! Dates, bank holidays and working days (England and Wales by default; Scotland, Northern
//! Ireland and the UK-wide union for laws that count any part of the UK).

mod date;

pub use date::Date;
