// What the sign-in forms share: a labelled field with an optional hint, submitting with the button held and errors
// shown, and the time zone of the chosen event (kept in the session, so every time is shown on the event's clock).
import { h, showError } from '../core/dom.js';

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

/** Runs `work(formData)` on submit, with `submit` disabled meanwhile and a failure shown in `errors`. */
export function onSignInSubmit(form, submit, errors, work) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError(errors, null);
    submit.disabled = true;
    try {
      await work(new FormData(form));
    } catch (error) {
      showError(errors, error);
    } finally {
      submit.disabled = false;
    }
  });
}
