// Watchlist: the symbols the user watches with price, day change and per-timeframe coverage, and a search box that
// finds symbols by ticker or name (GET /api/v1/symbols) and records interest (adding: `watchlist`; choosing a
// result to open its chart: `search`).

import { api, segment } from '../api.js';
import { ago, asSymbol, coverageBadge, fill, format, h, problem, repeat, seriesState, signedCell, state } from '../ui.js';

const MAX_RESULTS = 8;
/** The search's bound on what is typed (the API refuses longer queries). */
const MAX_QUERY = 64;
/** Typing pauses this long before the service is asked. */
const SEARCH_DELAY_MS = 200;
const QUOTES_PER_REQUEST = 50;

export function mount(root) {
  let tracked = [];
  const quotes = new Map();
  const gaps = new Map(); // symbol -> {key, timeframes: {tf: series with gaps}}

  const searchInput = h('input', { id: 'symbol-search', type: 'search', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'Search or type a ticker: AAPL, BTC-USD, EURUSD=X, ^GSPC', 'aria-label': 'Search symbols' });
  const results = h('ul', { id: 'search-results', class: 'results', hidden: true });
  const message = h('div', { id: 'watchlist-message' });
  const body = h('div', { id: 'watchlist-body' }, state('loading', 'Loading your watchlist…'));
  const others = h('div', { id: 'tracked-others' });

  root.append(
      h('div', { class: 'page-head' }, h('h1', {}, 'Watchlist'),
          h('span', { class: 'sub' }, 'Adding a symbol starts its backfill at once: recent bars first, older history after.')),
      h('div', { class: 'row', style: 'margin-bottom:1rem' },
          h('div', { class: 'search' }, searchInput, results), message),
      h('section', { class: 'card' }, body),
      others);

  let searchTimer = null;
  let searchSeq = 0;
  searchInput.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(showResults, SEARCH_DELAY_MS);
  });
  searchInput.addEventListener('focus', showResults);
  searchInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const typed = asSymbol(searchInput.value);
      if (typed) {
        add(typed, 'watchlist');
      }
    } else if (e.key === 'Escape') {
      results.hidden = true;
    }
  });
  const closeResults = (e) => {
    if (!results.contains(e.target) && e.target !== searchInput) {
      results.hidden = true;
    }
  };
  document.addEventListener('click', closeResults);

  /** Why the user tracks a symbol, when they do. */
  function trackedNote(symbol) {
    const t = tracked.find((x) => x.symbol === symbol);
    return t ? 'tracked for you: ' + t.sources.join(', ') : null;
  }

  /** Asks the service; an answer that arrives after a newer question is dropped. */
  async function showResults() {
    const query = searchInput.value.trim();
    const seq = ++searchSeq;
    if (!query) {
      results.hidden = true;
      return;
    }
    if ([...query].length > MAX_QUERY) {
      fill(results, h('li', { class: 'muted' }, 'Type at most ' + MAX_QUERY + ' characters.'));
      results.hidden = false;
      return;
    }
    let answer;
    try {
      answer = await api.get('/api/v1/symbols?query=' + encodeURIComponent(query) + '&limit=' + MAX_RESULTS);
    } catch (e) {
      if (seq === searchSeq) {
        fill(results, h('li', {}, problem(e)));
        results.hidden = false;
      }
      return;
    }
    if (seq !== searchSeq) {
      return;
    }
    const matches = answer.symbols.map((m) => ({ ...m, note: trackedNote(m.symbol) }));
    const typed = asSymbol(query);
    if (typed && !matches.some((m) => m.symbol === typed)) {
      matches.unshift({ symbol: typed, note: 'not tracked yet: add it and its history is fetched' });
    }
    fill(results,
        matches.length === 0
          ? h('li', { class: 'muted' }, 'No symbol matches “' + query + '”. A ticker uses 1 to 32 letters, digits or . - = ^ : _')
          : matches.map(resultRow),
        answer.partial
          ? h('li', { class: 'muted small', id: 'search-partial', title: answer.failure || '' },
              'The provider did not answer: these are the symbols stored here.')
          : null);
    results.hidden = false;
  }

  function resultRow(m) {
    const where = [m.exchange, m.asset_class ? m.asset_class.toLowerCase() : null, m.currency].filter(Boolean).join(' · ');
    return h('li', { dataset: { symbol: m.symbol } },
        h('span', { class: 'sym' }, m.symbol),
        h('span', { class: 'note' },
            m.name ? h('span', { class: 'name' }, m.name) : null,
            where ? h('span', { class: 'exchange muted' }, (m.name ? ' · ' : '') + where) : null,
            m.note ? h('div', { class: 'small' }, m.note) : null),
        h('button', { class: 'button small', type: 'button', dataset: { action: 'open' }, title: 'Open its chart',
          onclick: () => pick(m.symbol) }, 'Chart'),
        h('button', { class: 'button small primary', type: 'button', dataset: { action: 'watch' },
          onclick: () => add(m.symbol, 'watchlist') }, '+ Watch'));
  }

  async function add(symbol, source) {
    results.hidden = true;
    fill(message);
    try {
      await api.post('/api/v1/tracking', { symbols: [symbol], source });
      searchInput.value = '';
      await load();
    } catch (e) {
      fill(message, problem(e));
    }
  }

  /** A search result chosen: that choice is interest of its own (`search`), then its chart opens. */
  async function pick(symbol) {
    results.hidden = true;
    try {
      await api.post('/api/v1/tracking', { symbols: [symbol], source: 'search' });
      location.hash = '#/chart/' + segment(symbol);
    } catch (e) {
      fill(message, problem(e));
    }
  }

  async function remove(symbol) {
    try {
      await api.delete('/api/v1/tracking/' + segment(symbol) + '?source=watchlist');
      await load();
    } catch (e) {
      fill(message, problem(e));
    }
  }

  async function loadQuotes(symbols) {
    for (let i = 0; i < symbols.length; i += QUOTES_PER_REQUEST) {
      const batch = symbols.slice(i, i + QUOTES_PER_REQUEST);
      const answer = await api.get('/api/v1/quotes?symbols=' + batch.map(segment).join(','));
      answer.quotes.forEach((q) => quotes.set(q.symbol, q));
    }
  }

  /** Gaps are asked for once a symbol's backfill has settled, and again after each sync of it. */
  async function loadGaps(symbols) {
    await Promise.all(symbols.map(async (t) => {
      const settled = t.timeframes.every((s) => seriesState(s).state !== 'backfilling');
      const key = t.last_update + '|' + t.timeframes.map((s) => s.job_status).join();
      if (!settled || gaps.get(t.symbol)?.key === key) {
        return;
      }
      const coverage = await api.get('/api/v1/symbols/' + segment(t.symbol) + '/coverage?gaps=true');
      gaps.set(t.symbol, { key, timeframes: Object.fromEntries(coverage.timeframes.map((s) => [s.timeframe, s])) });
    }));
  }

  async function load() {
    // the whole list, a page of 500 at a time: watched and other symbols are told apart here
    const answer = await api.getAll('/api/v1/tracking');
    tracked = answer.symbols;
    const watched = tracked.filter((t) => t.sources.includes('watchlist'));
    const rest = tracked.filter((t) => !t.sources.includes('watchlist'));
    await Promise.all([
      loadQuotes(tracked.filter((t) => t.status !== 'NOT_FOUND').map((t) => t.symbol)).catch((e) => fill(message, problem(e))),
      loadGaps(watched).catch((e) => console.warn(e)),
    ]);
    fill(body, watched.length === 0
        ? state('empty', 'Your watchlist is empty. Search above for a symbol, or type a ticker and press Enter.')
        : table('watchlist', watched, true));
    fill(others, rest.length === 0 ? null : h('section', { class: 'card' },
        h('h2', {}, 'Also tracked for you'),
        h('p', { class: 'muted small' }, 'From your portfolios, charts you opened and searches; they stay tracked while you are interested.'),
        table('tracked-others-table', rest, false)));
    return { busy: tracked.some((t) => t.timeframes.some((s) => seriesState(s).state === 'backfilling')) };
  }

  function table(id, symbols, watched) {
    return h('div', { class: 'table-wrap' }, h('table', { id },
        h('thead', {}, h('tr', {},
            h('th', {}, 'Symbol'), h('th', { class: 'num' }, 'Last price'), h('th', { class: 'num' }, 'Day change'),
            h('th', {}, 'Coverage'), h('th', {}, watched ? 'Updated' : 'Why'), h('th', {}))),
        h('tbody', {}, symbols.map((t) => row(t, watched)))));
  }

  function row(t, watched) {
    const q = quotes.get(t.symbol);
    const change = q && q.previous_close ? q.price - q.previous_close : null;
    const withGaps = gaps.get(t.symbol)?.timeframes || {};
    return h('tr', { dataset: { symbol: t.symbol, status: t.status } },
        h('td', {}, h('a', { class: 'sym', href: '#/chart/' + segment(t.symbol) }, t.symbol),
            ' ', h('span', { class: 'muted small' }, t.asset_class.toLowerCase()),
            t.status !== 'ACTIVE' ? h('span', { class: 'chip missing', title: t.status_reason || '' }, t.status.toLowerCase()) : null),
        h('td', { class: 'num price' }, q ? format.price(q.price) : '–',
            q ? h('div', { class: 'muted small' }, q.currency || '', ' · ', q.source) : null),
        h('td', { class: 'num change' }, change === null ? '–' : [
          signedCell(change, format.signed(change)), h('div', { class: 'small' },
              signedCell(change, format.signed(change / q.previous_close * 100, ' %')))]),
        h('td', {}, h('div', { class: 'badges' }, t.timeframes.map((s) => coverageBadge({ ...s, ...pickGaps(withGaps[s.timeframe], s) })))),
        h('td', { class: 'small' }, watched ? ago(t.last_update) : t.sources.map((s) => h('span', { class: 'chip' }, s))),
        h('td', { class: 'num' }, watched
            ? h('button', { class: 'button small ghost', type: 'button', title: 'Remove from the watchlist',
              dataset: { action: 'remove' }, onclick: () => remove(t.symbol) }, 'Remove')
            : h('button', { class: 'button small', type: 'button', onclick: () => add(t.symbol, 'watchlist') }, '+ Watch')));
  }

  const stop = repeat(() => load().catch((e) => {
    fill(body, state('error', 'Could not load the watchlist: ', e.detail || e.message));
  }), (result) => (result && result.busy ? 2000 : 15000));

  return () => {
    stop();
    clearTimeout(searchTimer);
    document.removeEventListener('click', closeResults);
  };
}

/** The gaps of a series, when they were read for the state it is in now. */
function pickGaps(withGaps, series) {
  return withGaps && withGaps.job_status === series.job_status
      ? { gaps: withGaps.gaps, missing_bars: withGaps.missing_bars }
      : {};
}
