// The service's HTTP API and the signed-in token. The token is kept for this tab only (sessionStorage) and sent
// as a bearer header; it never goes into a URL the server sees.

const TOKEN_KEY = 'candlekeep-token';

/** A refusal of the API: its HTTP status and the problem+json `detail`, which says what was wrong. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
    this.detail = detail;
  }
}

export const auth = {
  token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  signIn(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
  },
  /**
   * Takes a token handed over in the address's fragment (#token=ck_...), which browsers never send to a server,
   * and removes it from the address bar and this history entry at once.
   */
  takeFromFragment() {
    const fragment = new URLSearchParams(location.hash.replace(/^#\/?/, ''));
    const token = fragment.get('token');
    if (!token) {
      return false;
    }
    history.replaceState(null, '', location.pathname + location.search + '#/watchlist');
    this.signIn(token.trim());
    return true;
  },
};

async function request(method, path, body, token = auth.token()) {
  const headers = { Accept: 'application/json' };
  if (token) {
    headers.Authorization = 'Bearer ' + token;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'The service did not answer (' + e.message + ')');
  }
  const isJson = (response.headers.get('Content-Type') || '').includes('json');
  const data = response.status === 204 || !isJson ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const detail = (data && data.detail) || response.status + ' ' + response.statusText;
    if (response.status === 401 && token && token === auth.token()) {
      window.dispatchEvent(new CustomEvent('candlekeep:unauthorized', { detail }));
    }
    throw new ApiError(response.status, detail);
  }
  return data;
}

/** A path segment: symbols such as ^GSPC or EURUSD=X are sent encoded. */
export const segment = (value) => encodeURIComponent(value);

/** The most a page of a list may hold (`limit`, the tracking lists' maximum). */
const MAX_PAGE = 500;

export const api = {
  get: (path) => request('GET', path),
  /**
   * Every item of a paged list (the tracking lists), following `next_cursor` from page to page: the first
   * answer with `items` holding them all.
   */
  async getAll(path, items = 'symbols') {
    const join = path.includes('?') ? '&' : '?';
    const first = await request('GET', path + join + 'limit=' + MAX_PAGE);
    const all = [...first[items]];
    for (let cursor = first.next_cursor; cursor;) {
      const page = await request('GET', path + join + 'limit=' + MAX_PAGE + '&cursor=' + encodeURIComponent(cursor));
      all.push(...page[items]);
      cursor = page.next_cursor;
    }
    return { ...first, count: all.length, next_cursor: null, [items]: all };
  },
  post: (path, body = {}) => request('POST', path, body),
  put: (path, body) => request('PUT', path, body),
  delete: (path) => request('DELETE', path),
  /** Who `token` belongs to, without keeping it: how the sign-in form checks a pasted token. */
  whoIs: (token) => request('GET', '/api/v1/me', undefined, token),
};
