// Dates and times entered in the event's time zone. An <input type="datetime-local"> holds a wall-clock time without
// a zone, and the browser would read it in its own zone; an organiser abroad plans in the event's. Intl knows every
// zone's rules (DST included), so the offset at an instant comes from formatToParts instead of a table of our own.
import { timeZone } from './i18n.js';

const dayMs = 24 * 60 * 60 * 1000;
const pad = (n, width = 2) => String(n).padStart(width, '0');

/** The event's IANA zone, or the browser's when the session does not know it (shown times use the same fallback). */
export function eventZone() {
  return timeZone() ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

// What the wall clock of `zone` shows at the instant `ms`.
function wallClock(ms, zone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms));
  const part = (type) => Number(parts.find((p) => p.type === type).value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

/** How far `zone` is ahead of UTC at the instant `ms`, in milliseconds (+2 h in Berlin in summer). */
function zoneOffset(ms, zone) {
  const w = wallClock(ms, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/** The value for a datetime-local input (`YYYY-MM-DDTHH:mm`): the instant `iso` on the wall clock of `zone`. */
export function toZonedInput(iso, zone = eventZone()) {
  if (!iso) return '';
  const w = wallClock(Date.parse(iso), zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * The instant (ISO, UTC) at which the wall clock of `zone` shows `value` (`YYYY-MM-DDTHH:mm`); null when empty.
 * Around a DST change a wall-clock time may occur twice (autumn: the earlier is taken) or not at all (spring: it moves
 * on by the gap, as the clocks did), the way Temporal's "compatible" disambiguation does.
 */
export function fromZonedInput(value, zone = eventZone()) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value ?? '');
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets a day either side bracket any change near this time; each candidate counts only if the zone really
  // has that offset at the candidate instant.
  const before = zoneOffset(wall - dayMs, zone);
  const after = zoneOffset(wall + dayMs, zone);
  const fitting = [wall - before, wall - after].filter((ms) => zoneOffset(ms, zone) === wall - ms);
  return new Date(fitting.length > 0 ? Math.min(...fitting) : wall - before).toISOString();
}
