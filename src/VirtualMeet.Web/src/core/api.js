// REST calls with the session's bearer token; failures become ApiErrors built from the server's problem details.
import { accessToken, getSession, signedOut } from './session.js';
import { language } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem?.code ?? null;
    this.title = problem?.title ?? null;
    this.detail = problem?.detail ?? null;
    this.errors = problem?.errors ?? null;
  }
}

/**
 * @param {string} path absolute path such as `/api/events`
 * @param {{ method?: string, body?: unknown, accept?: string }} [options]
 */
export async function api(path, { method = 'GET', body, accept = 'application/json' } = {}) {
  const headers = { Accept: accept, 'Accept-Language': language() };
  const token = await accessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const type = response.headers.get('Content-Type') ?? '';
  // A device's token refused: the device was signed out or the registration erased.
  if (response.status === 401 && token && getSession()?.refreshToken) signedOut();
  if (!response.ok) {
    const problem = type.includes('json') ? await response.json().catch(() => null) : null;
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return null;
  return type.includes('json') ? response.json() : response.text();
}

/** `/api/events/<the session's event><suffix>` */
export function eventPath(suffix = '') {
  return `/api/events/${encodeURIComponent(getSession()?.eventId ?? '')}${suffix}`;
}

/** Fetches a file with the bearer token and hands it to the browser as a download (exports). */
export async function download(path, fileName, accept = 'text/csv') {
  const headers = { Accept: accept };
  const token = await accessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { headers });
  if (!response.ok) {
    throw new ApiError(response.status, await response.json().catch(() => null));
  }
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
