// Every call to the service: the key from sessionStorage as the bearer token (never in a URL, never logged), problems
// (RFC 9457) turned into ApiProblem, and a 401 sent back to sign-in.

const KEY = 'snowferry.key';

/** A problem the service answered with: code (stable), title and detail (what is wrong and what to do). */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `The service answered ${status}.`);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = problem.code || `http_${status}`;
    this.title = problem.title || `HTTP ${status}`;
    this.detail = problem.detail || '';
  }
}

export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

let unauthorized = () => {};

/** What to do when the service refuses the stored key (rotated, or removed from its configuration). */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

/**
 * Calls the service and returns { status, data, headers }, or throws ApiProblem. `key` overrides the stored key (sign-in
 * tries a key before keeping it; its 401 is the caller's to show, not a sign-out).
 */
export async function call(path, { method = 'GET', body, headers = {}, key, signal } = {}) {
  const bearer = key ?? session.key();
  const init = {
    method,
    signal,
    cache: 'no-store',
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    headers: { Accept: 'application/json, application/problem+json', ...headers },
  };
  if (bearer) init.headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiProblem(0, {
      code: 'unreachable',
      title: 'Service unreachable',
      detail: 'The service did not answer: check that it is running and that this page can reach it, then try again.',
    });
  }

  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (response.ok) return { status: response.status, data, headers: response.headers };

  const problem = new ApiProblem(response.status, data && typeof data === 'object' ? data : { detail: text });
  if (response.status === 401 && key === undefined) unauthorized(problem);
  throw problem;
}

export const get = (path, options) => call(path, options);
export const post = (path, body, options = {}) => call(path, { ...options, method: 'POST', body });
