// Bank holidays and working days of England and Wales in plain JavaScript, as a partner's web
// developer would write them for the plain `evaluate` and `checkTimeline` of this folder: days
// are whole numbers (days since 1970-01-01, UTC), holidays computed per year from the standing
// rules and cached in a Set.
//
// Left out (the package has them; the benchmark's documents never need them): Scotland, Northern
// Ireland and the UK-wide union (the Procurement Act 2023 standstill), GOV.UK bank-holidays.json
// files, and years before 1970.

const DAY = 86_400_000;

/** `YYYY-MM-DD` as a day number. */
export function dayNumber(iso) {
  return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
}

/** A day number as `YYYY-MM-DD`. */
export function isoDay(n) {
  return new Date(n * DAY).toISOString().slice(0, 10);
}

const ymd = (y, m, d) => Date.UTC(y, m - 1, d) / DAY;
/** 0 is Sunday, 6 Saturday. */
const weekday = (n) => new Date(n * DAY).getUTCDay();
export const isWeekend = (n) => weekday(n) === 0 || weekday(n) === 6;

/** Easter Sunday as a day number (the anonymous Gregorian algorithm). */
export function easter(y) {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100;
  const d = Math.floor(b / 4), e = b % 4, f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(y, month, day);
}

const firstMonday = (y, m) => {
  const first = ymd(y, m, 1);
  return first + ((8 - weekday(first)) % 7);
};
const lastMonday = (y, m) => {
  const last = ymd(y, m, 31); // May and August have 31 days
  return last - ((weekday(last) + 6) % 7);
};

// Days appointed by royal proclamation in England and Wales: [year, day it replaces, new day].
const ONE_OFFS = [
  [2011, null, [4, 29]],
  [2012, [5, 28], [6, 4]],
  [2012, null, [6, 5]],
  [2020, [5, 4], [5, 8]],
  [2022, [5, 30], [6, 2]],
  [2022, null, [6, 3]],
  [2022, null, [9, 19]],
  [2023, null, [5, 8]],
];

/** The bank holidays of England and Wales in a year, as a Set of day numbers. */
function holidaysOf(y) {
  const days = new Set([easter(y) - 2, easter(y) + 1, firstMonday(y, 5), lastMonday(y, 5), lastMonday(y, 8)]);
  // New Year's Day, Christmas and Boxing Day: on a weekend, the next weekday not already taken.
  const fixed = [ymd(y, 1, 1), ymd(y, 12, 25), ymd(y, 12, 26)];
  for (const d of fixed) if (!isWeekend(d)) days.add(d);
  for (const d of fixed) {
    if (!isWeekend(d)) continue;
    let sub = d + 1;
    while (isWeekend(sub) || days.has(sub)) sub++;
    days.add(sub);
  }
  for (const [year, replaces, [m, d]] of ONE_OFFS) {
    if (year !== y) continue;
    if (replaces) days.delete(ymd(y, replaces[0], replaces[1]));
    days.add(ymd(y, m, d));
  }
  return days;
}

const byYear = new Map();

/** Whether a day number is a bank holiday in England and Wales. */
export function isBankHoliday(n) {
  const y = new Date(n * DAY).getUTCFullYear();
  let days = byYear.get(y);
  if (!days) byYear.set(y, (days = holidaysOf(y)));
  return days.has(n);
}

export const isWorkingDay = (n) => !isWeekend(n) && !isBankHoliday(n);

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from, to) {
  let count = 0;
  for (let d = from + 1; d <= to; d++) if (isWorkingDay(d)) count++;
  return count;
}

/** The `n`th working day after `from`. */
export function nthWorkingDayAfter(from, n) {
  let d = from;
  while (n > 0) if (isWorkingDay(++d)) n--;
  return d;
}
