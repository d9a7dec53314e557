// What the sign-in forms share: a labelled field with an optional hint, and the time zone of the chosen event (kept
// in the session, so every time is shown on the event's clock).
import { h } from '../core/dom.js';

/** A label, the hint (`<id>-hint`, for the input's aria-describedby) where given, then the input. */
export function signinField(id, labelText, input, hint) {
  return h('div', { class: 'field' },
    h('label', { for: id, text: labelText }),
    hint && h('span', { class: 'hint', id: `${id}-hint`, text: hint }),
    input);
}

/** The IANA time zone of the event `eventId` among `events`. */
export function timeZoneOf(events, eventId) {
  return events.find((e) => e.id === eventId)?.timeZone;
}
