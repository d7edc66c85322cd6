// Danish labels for the API's values, and Danish dates and numbers.

export const AREA = {
  egenomsorg: "Egenomsorg",
  produktivitet: "Produktivitet",
  fritid: "Fritid",
};

export const STATUS = {
  aktiv: "Aktiv",
  opnaaet: "Opnået",
  delvist_opnaaet: "Delvist opnået",
  ikke_opnaaet: "Ikke opnået",
  afbrudt: "Afbrudt",
};

export const RESPONSIBLE = {
  borger: "Borgeren",
  kontaktperson: "Kontaktpersonen",
  terapeut: "Terapeuten",
  paaroerende: "Pårørende",
  andet: "Andet",
};

export const LIGHT = {
  groen: "Grøn",
  gul: "Gul",
  roed: "Rød",
};

const MONTHS = [
  "januar", "februar", "marts", "april", "maj", "juni",
  "juli", "august", "september", "oktober", "november", "december",
];

export function label(map, value) {
  return Object.prototype.hasOwnProperty.call(map, value) ? map[value] : String(value ?? "");
}

function parts(isoDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(isoDate || ""));
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** "2026-03-12" → "12. marts 2026" */
export function longDate(isoDate) {
  const p = parts(isoDate);
  return p ? `${p.day}. ${MONTHS[p.month - 1]} ${p.year}` : String(isoDate ?? "");
}

/** "2026-03-12" → "12.3.2026" */
export function shortDate(isoDate) {
  const p = parts(isoDate);
  return p ? `${p.day}.${p.month}.${p.year}` : String(isoDate ?? "");
}

/** 6.5 → "6,5" (one decimal, as the API rounds mean scores; 0 decimals for single ratings) */
export function score(value, decimals = 1) {
  if (typeof value !== "number" || !Number.isFinite(value)) return "–";
  return value.toFixed(decimals).replace(".", ",");
}

/** 2.5 → "+2,5", -1 → "−1,0", 0 → "±0,0" */
export function change(value, decimals = 1) {
  if (typeof value !== "number" || !Number.isFinite(value)) return "–";
  const text = Math.abs(value).toFixed(decimals).replace(".", ",");
  if (value > 0) return `+${text}`;
  if (value < 0) return `\u2212${text}`;
  return `±${text}`;
}

export function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

/** "2026-07" → "juli 2026" (a month as the API labels it). */
export function monthName(isoMonth) {
  const match = /^(\d{4})-(\d{2})$/.exec(String(isoMonth ?? ""));
  const month = match ? Number(match[2]) : 0;
  return month >= 1 && month <= 12 ? `${MONTHS[month - 1]} ${match[1]}` : String(isoMonth ?? "");
}

/** 35 → "35,0 %" (the API's shares: percent with one decimal). */
export function percent(value) {
  return `${score(value, 1)} %`;
}

/** "Noget" → "Noget." (a message that may come without its full stop). */
export function sentence(text) {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

const ZONE = { timeZone: "Europe/Copenhagen" };

/** The Danish calendar day of an instant, "YYYY-MM-DD" (default: now). */
export function danishDay(instant = new Date()) {
  return new Intl.DateTimeFormat("en-CA", { ...ZONE, year: "numeric", month: "2-digit", day: "2-digit" })
    .format(instant);
}

/** "2026-12-10", -89 → "2026-09-12" (calendar days, no time zone involved). */
export function addDays(isoDate, count) {
  const day = new Date(`${isoDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + count);
  return day.toISOString().slice(0, 10);
}

/** "2026-12-10T13:05:00Z" → "10. december 2026 kl. 14.05" (Danish time). */
export function dateTime(isoDateTime) {
  const text = String(isoDateTime ?? "");
  // The API sends UTC; a time without a zone is read as UTC too.
  const instant = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`);
  if (Number.isNaN(instant.getTime())) return text;
  const time = new Intl.DateTimeFormat("da-DK", { ...ZONE, hour: "2-digit", minute: "2-digit", hour12: false })
    .format(instant);
  return `${longDate(danishDay(instant))} kl. ${time}`;
}

/** A clock time in Danish, e.g. for "prøv igen kl. 14.32". */
export function clockTime(date) {
  return new Intl.DateTimeFormat("da-DK", { ...ZONE, hour: "2-digit", minute: "2-digit", hour12: false })
    .format(date);
}
