// Operations (admins): the service's figures and health, every tracked symbol with its coverage, one symbol's gaps
// and runs, the job queue and run statistics, each schedule's last and next run, and the actions of /cache/*.

import { api, segment } from '../api.js';
import { ago, asSymbol, coverageBadge, figure, fill, format, h, problem, repeat, seriesState, state, TIMEFRAMES } from '../ui.js';

const ACTIONS = [
  { schedule: 'live-refresh', path: '/cache/refresh-live', label: 'Refresh live quotes' },
  { schedule: 'historical-sync', path: '/cache/sync-historical', label: 'Sync historical' },
];

export function mount(root, { session }) {
  if (session.me.role !== 'admin') {
    root.append(state('error', 'Operations are for admins: sign in with an admin token.'));
    return () => {};
  }
  let hours = 24;
  let selected = null;
  const figures = h('div', { class: 'figures', id: 'ops-figures' });
  const healthBox = h('div', { id: 'ops-health' }, state('loading', 'Checking…'));
  const report = h('div', { id: 'ops-report' });
  const backfillReport = h('div', { id: 'backfill-report' });
  const schedules = h('div', { id: 'schedules-box' }, state('loading', 'Loading…'));
  const jobs = h('div', { id: 'jobs-box' }, state('loading', 'Loading…'));
  const symbols = h('div', { id: 'symbols-box' }, state('loading', 'Loading…'));
  const detail = h('div', { id: 'symbol-detail' });
  // the tracked symbols a page of 100 at a time: the cursors of the pages before this one, for going back
  const SYMBOLS_PER_PAGE = 100;
  let pageCursors = [null];
  let symbolsStatus = '';
  const statusSelect = h('select', { id: 'tracked-status', 'aria-label': 'Status',
    onchange: () => { symbolsStatus = statusSelect.value; pageCursors = [null]; refresh(); } },
      h('option', { value: '' }, 'any status'), ['ACTIVE', 'NOT_FOUND', 'DORMANT'].map((s) => h('option', { value: s }, s.toLowerCase())));
  const pager = h('div', { class: 'row', id: 'tracked-pager' });
  const hoursSelect = h('select', { id: 'jobs-hours', 'aria-label': 'Hours', onchange: () => { hours = Number(hoursSelect.value); refresh(); } },
      [1, 24, 168, 720].map((n) => h('option', { value: n, selected: n === hours }, n === 1 ? 'last hour' : n < 168 ? 'last ' + n + ' h'
          : 'last ' + n / 24 + ' days')));
  const backfillSymbol = h('input', { id: 'backfill-symbol', placeholder: 'AAPL', size: 10, spellcheck: 'false' });
  const backfillMarket = h('select', { id: 'backfill-market', 'aria-label': 'Market' },
      h('option', { value: '' }, 'any market'), ['US', 'CRYPTO', 'FX'].map((m) => h('option', { value: m }, m)));

  root.append(
      h('div', { class: 'page-head' }, h('h1', {}, 'Operations'),
          h('span', { class: 'sub' }, 'What the service tracks, fetches and runs by itself; refreshed every 5 s.')),
      figures,
      h('div', { class: 'grid two' },
          h('section', { class: 'card' }, h('h2', {}, 'Actions'),
              h('div', { class: 'row', style: 'margin-bottom:.75rem' }, ACTIONS.map((a) => h('button', { class: 'button', type: 'button',
                dataset: { action: a.schedule }, onclick: () => runNow(a) }, a.label))),
              report,
              h('form', { id: 'backfill-form', class: 'row', style: 'margin-top:1rem', novalidate: true, onsubmit: backfill },
                  h('label', {}, 'Backfill a symbol', backfillSymbol), h('label', {}, 'Market', backfillMarket),
                  h('button', { class: 'button primary', type: 'submit', style: 'align-self:end' }, 'Backfill')),
              backfillReport),
          h('section', { class: 'card' }, h('h2', {}, 'Health and providers'), healthBox)),
      h('section', { class: 'card' }, h('h2', {}, 'Schedules'), schedules),
      h('section', { class: 'card' }, h('div', { class: 'row' }, h('h2', {}, 'Job queue and runs'), h('span', { class: 'spacer' }), hoursSelect), jobs),
      h('section', { class: 'card' }, h('div', { class: 'row' }, h('h2', {}, 'Tracked symbols'),
          h('span', { class: 'muted small', style: 'margin-bottom:.6rem' }, 'every user’s; choose one for its gaps and latest runs'),
          h('span', { class: 'spacer' }), statusSelect),
      symbols, pager, detail));

  async function refresh() {
    const [status, jobStats, tracking, health] = await Promise.all([
      api.get('/cache/status'),
      api.get('/api/v1/monitor/jobs?hours=' + hours),
      api.get('/api/v1/monitor/tracking?limit=' + SYMBOLS_PER_PAGE + (symbolsStatus ? '&status=' + symbolsStatus : '')
          + (pageCursors.at(-1) ? '&cursor=' + encodeURIComponent(pageCursors.at(-1)) : '')),
      api.get('/actuator/health').catch((e) => ({ status: 'DOWN', error: e.detail })),
    ]);
    showFigures(status.status);
    showSchedules(status.schedules);
    showJobs(jobStats);
    showSymbols(tracking.symbols);
    showPager(tracking);
    showHealth(health);
    if (selected) {
      await showDetail(selected);
    }
  }

  function showFigures(s) {
    fill(figures,
        figure('Tracked symbols', format.number(s.symbols, 0), s.active_symbols + ' active, ' + s.not_found_symbols + ' unknown'),
        figure('Series', format.number(s.series, 0)),
        figure('Bars stored', format.number(s.bars, 0), format.number(s.expected_bars, 0) + ' expected'),
        figure('Coverage', format.number(s.coverage_percent, 1) + ' %'),
        figure('Slices', format.number(s.queued_slices, 0) + ' queued', format.number(s.running_slices, 0) + ' running'),
        figure('Live cache', format.number(s.live_cache.hit_rate * 100, 0) + ' % hits', s.live_cache.entries + ' quotes held'));
  }

  function showHealth(health) {
    const details = health.components?.candlekeep?.details || {};
    const circuits = details.provider_circuits || {};
    fill(healthBox, h('dl', { class: 'kv' },
        h('dt', {}, 'Status'), h('dd', { id: 'ops-health-status' }, health.status),
        details.reasons ? [h('dt', {}, 'Reasons'), h('dd', {}, details.reasons.join('; '))] : null,
        health.error ? [h('dt', {}, 'Error'), h('dd', {}, health.error)] : null,
        h('dt', {}, 'Last check'), h('dd', {}, details.last_check && details.last_check !== 'not yet' ? ago(details.last_check) : 'not yet'),
        h('dt', {}, 'Provider circuits'), h('dd', { id: 'ops-circuits' }, Object.keys(circuits).length === 0 ? '–'
            : Object.entries(circuits).map(([name, s]) => h('span', { class: 'chip ' + s.toLowerCase(), style: 'margin-right:.3rem',
              dataset: { provider: name } }, name + ': ' + s.toLowerCase()))),
        h('dt', {}, 'Database'), h('dd', {}, health.components?.db?.status || '–')));
  }

  function showSchedules(list) {
    fill(schedules, h('div', { class: 'table-wrap' }, h('table', { id: 'schedules' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Schedule'), h('th', {}, 'Every'), h('th', {}, 'Last run'), h('th', {}, 'Result'),
            h('th', { class: 'num' }, 'Errors'), h('th', {}, 'Next run'), h('th', { class: 'num' }, 'Runs'))),
        h('tbody', {}, list.map((s) => h('tr', { dataset: { schedule: s.id } },
            h('td', { class: 'sym' }, s.title, s.running ? [' ', h('span', { class: 'spinner', title: 'running' })] : null),
            h('td', {}, format.isoDuration(s.interval)),
            h('td', {}, ago(s.last_started)),
            h('td', { class: 'small' + (s.last_ok === false ? ' down' : '') }, s.last_result || '–'),
            h('td', { class: 'num' + (s.last_errors ? ' down' : '') }, s.last_errors ?? '–'),
            h('td', {}, ago(s.next_run)),
            h('td', { class: 'num' }, s.runs)))))));
  }

  function showJobs(stats) {
    const columns = [['queued', 'Queued'], ['running', 'Running'], ['succeeded', 'Succeeded'], ['failed', 'Failed'],
      ['rate_limited', 'Rate limited'], ['no_data', 'No data'], ['not_found', 'Not found'], ['interrupted', 'Interrupted'],
      ['rows_written', 'Rows written'], ['median_duration_ms', 'Median ms']];
    const row = (r, total) => h('tr', { dataset: { timeframe: r.timeframe }, style: total ? 'font-weight:600' : '' },
        h('td', {}, r.timeframe), columns.map(([k]) => h('td', { class: 'num' + (k === 'failed' && r[k] ? ' down' : '') },
            r[k] === null ? '–' : format.number(r[k], 0))));
    fill(jobs, h('div', { class: 'table-wrap' }, h('table', { id: 'jobs' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Timeframe'), columns.map(([, label]) => h('th', { class: 'num' }, label)))),
        h('tbody', {}, stats.timeframes.map((r) => row(r, false)), row(stats.total, true)))),
    h('p', { class: 'muted small' }, 'Queued and running are the slices now; the rest counts runs that finished since ',
        format.dateTime(stats.from), '. A 4h series built from 1h runs under 1h.'));
  }

  function showSymbols(list) {
    fill(symbols, list.length === 0 ? state('empty', 'Nothing is tracked yet: a watchlist add, a chart, a transaction or a backfill below starts it.')
        : h('div', { class: 'table-wrap' }, h('table', { id: 'tracked-symbols' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Symbol'), h('th', {}, 'Status'), h('th', {}, 'Interest'), h('th', { class: 'num' }, 'Users'),
                h('th', {}, 'Coverage'), h('th', {}, 'Last update'))),
            h('tbody', {}, list.map((t) => h('tr', { dataset: { symbol: t.symbol }, class: t.symbol === selected ? 'selected' : '',
              style: 'cursor:pointer', title: 'Show its gaps and runs', onclick: () => { selected = t.symbol; refresh(); } },
                h('td', {}, h('span', { class: 'sym' }, t.symbol), ' ', h('span', { class: 'muted small' }, t.asset_class.toLowerCase())),
                h('td', {}, h('span', { class: 'chip' + (t.status === 'ACTIVE' ? ' cache' : ' missing'), title: t.status_reason || '' }, t.status.toLowerCase())),
                h('td', {}, t.source, ' ', h('span', { class: 'muted small' }, t.priority)),
                h('td', { class: 'num' }, t.tracking_users),
                h('td', {}, h('div', { class: 'badges' }, t.timeframes.map(coverageBadge))),
                h('td', {}, ago(t.last_update))))))));
  }

  /** Where this page lies in the list, and buttons to the first, previous and next page. */
  function showPager(page) {
    const from = (pageCursors.length - 1) * SYMBOLS_PER_PAGE;
    const move = (cursors) => { pageCursors = cursors; refresh(); };
    fill(pager, page.total <= SYMBOLS_PER_PAGE && pageCursors.length === 1 ? null : [
      h('span', { class: 'muted small', id: 'tracked-range' }, page.count === 0 ? 'none of ' + format.number(page.total, 0)
          : (from + 1) + '–' + (from + page.count) + ' of ' + format.number(page.total, 0)),
      h('span', { class: 'spacer' }),
      h('button', { class: 'button small', type: 'button', disabled: pageCursors.length === 1, onclick: () => move([null]) }, 'First'),
      h('button', { class: 'button small', type: 'button', disabled: pageCursors.length === 1,
        onclick: () => move(pageCursors.slice(0, -1)) }, '← Previous'),
      h('button', { class: 'button small', type: 'button', id: 'tracked-next', disabled: !page.next_cursor,
        onclick: () => move([...pageCursors, page.next_cursor]) }, 'Next ' + SYMBOLS_PER_PAGE + ' →')]);
  }

  /** One symbol: per timeframe its stored bars against the calendar, its gaps, and its latest runs. */
  async function showDetail(symbol) {
    const [coverage, historical] = await Promise.all([
      api.get('/api/v1/monitor/coverage/' + segment(symbol)),
      api.get('/cache/historical/' + segment(symbol)),
    ]);
    fill(detail, h('div', { class: 'grid two', style: 'margin-top:1rem' },
        h('div', {}, h('h3', {}, symbol + ' · ' + coverage.calendar + ' calendar'), h('table', { id: 'symbol-gaps' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Timeframe'), h('th', { class: 'num' }, 'Bars'), h('th', { class: 'num' }, 'Expected'),
                h('th', { class: 'num' }, 'Missing'), h('th', {}, 'Gaps'))),
            h('tbody', {}, coverage.timeframes.map((s) => h('tr', { dataset: { timeframe: s.timeframe } },
                h('td', {}, coverageBadge(s)), h('td', { class: 'num' }, format.number(s.bars, 0)),
                h('td', { class: 'num' }, format.number(s.expected_bars, 0)), h('td', { class: 'num' }, format.number(s.missing_bars, 0)),
                h('td', { class: 'small' }, (s.gaps || []).length === 0 ? 'none' : s.gaps.slice(0, 5).map((g) => h('div', {},
                    format.dateTime(g.start), ' → ', format.dateTime(g.end), ' (', g.bars, ')')),
                    (s.gaps || []).length > 5 ? h('div', { class: 'muted' }, '… ', s.gaps.length - 5, ' more') : null)))))),
        h('div', {}, h('h3', {}, 'Latest runs'), historical.recent_runs.length === 0 ? state('empty', 'No runs yet.')
            : h('div', { class: 'table-wrap', style: 'max-height:320px;overflow-y:auto' }, h('table', { id: 'symbol-runs' },
                h('thead', {}, h('tr', {}, h('th', {}, 'Started'), h('th', {}, 'Timeframe'), h('th', {}, 'Status'), h('th', { class: 'num' }, 'Rows'),
                    h('th', { class: 'num' }, 'ms'), h('th', {}, 'Provider'))),
                h('tbody', {}, historical.recent_runs.map((r) => h('tr', { title: r.error || '' },
                    h('td', {}, ago(r.started_at)), h('td', {}, r.timeframe),
                    h('td', { class: r.status === 'SUCCEEDED' ? 'up' : r.status === 'FAILED' ? 'down' : '' }, r.status.toLowerCase()),
                    h('td', { class: 'num' }, r.rows_written), h('td', { class: 'num' }, r.duration_ms ?? '–'), h('td', {}, r.provider || '–')))))))));
  }

  /** Brings a schedule forward, then reports its run once it has finished (from /cache/scheduler/status). */
  async function runNow(action) {
    fill(report, h('div', { class: 'report', dataset: { schedule: action.schedule, state: 'asking' } }, h('span', { class: 'spinner' }), ' ', action.label, '…'));
    let before;
    let answer;
    try {
      // a run is ours once the schedule finishes one after this (no clock of the browser's compared with the service's)
      before = (await api.get('/cache/scheduler/status')).find((x) => x.id === action.schedule);
      answer = await api.post(action.path);
    } catch (e) {
      fill(report, problem(e));
      return;
    }
    const box = h('div', { class: 'report', dataset: { schedule: action.schedule, state: 'running' } },
        h('span', { class: 'spinner' }), ' ', action.label, answer.queued ? ': queued for ' + answer.symbols + ' symbols, running…'
            : ': already running, waiting for that run…');
    fill(report, box);
    const stop = repeat(async () => {
      const s = (await api.get('/cache/scheduler/status')).find((x) => x.id === action.schedule);
      if (s && !s.running && s.last_finished && s.last_finished !== before?.last_finished) {
        stop();
        box.dataset.state = 'done';
        fill(box, h('b', {}, s.title + ' done'), ' ', ago(s.last_finished), ': ', h('span', { id: 'ops-report-result' }, s.last_result),
            s.last_errors ? h('span', { class: 'down' }, ' (' + s.last_errors + ' errors)') : null);
        refresh();
      }
    }, 1000);
    stopRuns.add(stop);
  }

  /** Queues a symbol's backfill, then follows each timeframe's slices until its job has settled. */
  async function backfill(e) {
    e.preventDefault();
    const symbol = asSymbol(backfillSymbol.value);
    if (!symbol) {
      fill(backfillReport, problem({ detail: 'Type a symbol such as AAPL, BTC-USD or EURUSD=X.' }));
      return;
    }
    let answer;
    try {
      answer = await api.post('/cache/backfill-symbol', { symbol, market: backfillMarket.value || undefined });
    } catch (err) {
      fill(backfillReport, problem(err));
      return;
    }
    const box = h('div', { class: 'report', dataset: { symbol, state: 'running' } });
    fill(backfillReport, box);
    const stop = repeat(async () => {
      const coverage = await api.get('/api/v1/symbols/' + segment(symbol) + '/coverage');
      const series = coverage.timeframes.filter((s) => s.tracked);
      const settled = series.length > 0 && series.every((s) => seriesState(s).state !== 'backfilling' && s.job_status);
      box.dataset.state = settled ? 'done' : 'running';
      fill(box, h('div', {}, h('b', {}, 'Backfill of ' + symbol), ': ', answer.series_queued, ' series queued',
          settled ? ' · done' : [' · ', h('span', { class: 'spinner' })]),
          h('table', { id: 'backfill-progress', style: 'margin-top:.4rem' }, h('tbody', {}, TIMEFRAMES.map((tf) => {
            const s = series.find((x) => x.timeframe === tf);
            if (!s) {
              return null;
            }
            const done = s.slices_total ? s.slices_done / s.slices_total : s.job_status === 'COMPLETE' ? 1 : 0;
            return h('tr', { dataset: { timeframe: tf, state: seriesState(s).state } }, h('td', {}, tf),
                h('td', { style: 'width:40%' }, h('div', { class: 'progress' + (seriesState(s).state === 'complete' ? ' done' : '') },
                    h('i', { style: 'width:' + Math.round(done * 100) + '%' }))),
                h('td', { class: 'num small' }, (s.slices_done ?? 0) + ' / ' + (s.slices_total ?? '?') + ' slices'),
                h('td', { class: 'num small' }, format.number(s.bars, 0) + ' bars'));
          }))));
      if (settled) {
        stop();
      }
    }, 1000);
    stopRuns.add(stop);
  }

  const stopRuns = new Set();
  const stop = repeat(() => refresh().catch((err) => fill(symbols, state('error', 'Could not load: ', err.detail || err.message))), 5000);
  return () => {
    stop();
    stopRuns.forEach((s) => s());
  };
}
