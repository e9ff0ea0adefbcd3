// The page's clock: the one place the presets take `now` from. `?now=<RFC 3339 instant>` in the
// page's address fixes it (for tests and demos; the presets' dates are relative to it);
// otherwise it is this browser's clock. Importable in Node too, where there is no address.

// Date, time and a UTC offset (the T and Z may be lower case).
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant `text` names, or null if it is no RFC 3339 instant. Date.parse alone would take
 * 2026-02-30 for March 2 and 24:00 for the next day, so the instant must give back the same date
 * and time in its own offset.
 */
export function parseInstant(text) {
  const m = RFC3339.exec(text);
  const ms = m ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) return null;
  const offsetMs = m[3] ? (m[3] === "-" ? -1 : 1) * (Number(m[4]) * 60 + Number(m[5])) * 60000 : 0;
  return new Date(ms + offsetMs).toISOString().slice(0, 19) === `${m[1]}T${m[2]}` ? new Date(ms) : null;
}

const asked = new URLSearchParams(globalThis.location?.search ?? "").get("now");

/** The instant `?now=` fixes the clock at, or null. */
export const fixedAt = asked === null ? null : parseInstant(asked);

/** The `?now=` value when it is no instant (the page says so and keeps the browser's clock), or null. */
export const refused = asked !== null && fixedAt === null ? asked : null;

/** The current time, as a Date. */
export const now = () => (fixedAt === null ? new Date() : new Date(fixedAt));
