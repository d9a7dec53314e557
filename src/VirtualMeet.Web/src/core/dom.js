// Small DOM helpers: elements from data, a screen-reader live region, error boxes, countdowns.
import { t } from './i18n.js';
import { hubErrorCode } from './hub.js';

/**
 * Creates an element. Props: `class`, `text`, `on: { event: handler }`, `dataset`, `style` (an object, applied
 * through the CSSOM so the page's content security policy allows it), booleans as properties (`disabled`,
 * `checked`, `hidden`), anything else as an attribute (`aria-*`, `for`, `type`, ...). Children: nodes, strings,
 * numbers or arrays of them; null, undefined and false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null) continue;
    if (name === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (name === 'text') el.textContent = value;
    else if (name === 'on') for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name === 'style') Object.assign(el.style, value);
    else if (typeof value === 'boolean') el[name] = value;
    else if (name === 'value') el.value = value;
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** Tells screen readers about a change without moving focus. */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A fresh text node in the next frame makes screen readers read repeated messages too.
  requestAnimationFrame(() => { region.textContent = text; });
}

/** The code and message of a REST or hub failure, for people. */
export function describeError(error) {
  if (error?.name === 'ApiError') {
    return { code: error.code ?? `http_${error.status}`, message: error.detail || error.title || t('error.generic') };
  }
  const parsed = hubErrorCode(error);
  return parsed ?? { code: null, message: error?.message || t('error.generic') };
}

/** A `role="alert"` box for a REST or hub failure. */
export function errorBox(error) {
  const { code, message } = describeError(error);
  // Validation problems name every faulty field (problem details `errors`: { field: [messages] }).
  const fields = Object.entries(error?.errors ?? {});
  return h('div', { class: 'alert', role: 'alert' },
    h('strong', { text: code ? `${t('error.code')} (${code}): ` : `${t('error.code')}: ` }), message,
    fields.length > 0 && h('ul', {}, fields.map(([field, messages]) => h('li', {}, `${field}: ${[].concat(messages).join(' ')}`))));
}

/** Shows `error` in `slot` (replacing what was there), or clears the slot when `error` is null. */
export function showError(slot, error) {
  clear(slot);
  if (error) slot.append(errorBox(error));
}

const loadedStyles = new Set();

/** Loads a page's stylesheet once, e.g. `useStyles('pages/stage.css')`. */
export function useStyles(href) {
  if (loadedStyles.has(href)) return;
  loadedStyles.add(href);
  document.head.append(h('link', { rel: 'stylesheet', href }));
}

/**
 * Renders the time left until `deadlineIso` into `el` every second (mm:ss, or h:mm:ss) and calls `onDone` once
 * when it passes. Returns a function that stops it.
 */
export function countdown(el, deadlineIso, onDone) {
  const deadline = new Date(deadlineIso).getTime();
  let done = false;
  const tick = () => {
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    el.textContent = formatDuration(left);
    el.setAttribute('datetime', `PT${left}S`);
    if (left === 0 && !done) {
      done = true;
      clearInterval(timer);
      onDone?.();
    }
  };
  const timer = setInterval(tick, 1000);
  tick();
  return () => clearInterval(timer);
}

export function formatDuration(totalSeconds) {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const two = (n) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}
