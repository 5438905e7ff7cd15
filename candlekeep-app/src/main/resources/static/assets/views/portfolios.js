// Portfolios: the list and a form to create one; a portfolio's valuation (positions in the base currency, where each
// price came from), its value history as a line chart, and a form to add, correct and delete transactions that shows
// the API's refusal (`detail`) beside it. Figures are the API's own; nothing is recomputed here.

import { api } from '../api.js';
import { ago, charts, figure, fill, format, h, palette, problem, repeat, signedCell, state } from '../ui.js';

const RANGES = ['1m', '3m', '1y', 'max'];

export function mount(root, { args }) {
  const selectedId = args[0] ? Number(args[0]) : null;
  const list = h('div', { id: 'portfolio-list' }, state('loading', 'Loading…'));
  const main = h('div', { id: 'portfolio-main' });
  root.append(
      h('div', { class: 'page-head' }, h('h1', {}, 'Portfolios'),
          h('span', { class: 'sub' }, 'Recording a transaction tracks its symbol at once; prices say where they came from.')),
      h('div', { class: 'split' }, h('aside', { class: 'card' }, h('h2', {}, 'Your portfolios'), list, createForm()), main));

  let cleanup = () => {};
  let mounted = true;
  api.get('/api/v1/portfolios').then((answer) => {
    if (!mounted) {
      return;
    }
    const portfolios = answer.portfolios;
    fill(list, portfolios.length === 0 ? h('p', { class: 'muted' }, 'None yet.') : h('ul', { class: 'plain', style: 'list-style:none;padding:0;margin:0 0 1rem' },
        portfolios.map((p) => h('li', {}, h('a', { href: '#/portfolios/' + p.id, class: p.id === selectedId ? 'sym' : '',
          dataset: { portfolioId: String(p.id) } }, p.name), ' ', h('span', { class: 'muted small' }, p.base_currency)))));
    const chosen = portfolios.find((p) => p.id === selectedId) || (selectedId === null ? portfolios[0] : null);
    if (!chosen) {
      fill(main, state(portfolios.length === 0 ? 'empty' : 'error', portfolios.length === 0
          ? 'Create a portfolio on the left, then record its transactions.' : 'There is no portfolio ' + selectedId + ' of yours.'));
      return;
    }
    cleanup = showPortfolio(main, chosen);
  }).catch((e) => fill(list, state('error', e.detail)));
  return () => {
    mounted = false;
    cleanup();
  };
}

function createForm() {
  const name = h('input', { id: 'portfolio-name', placeholder: 'Main', maxlength: 100 });
  const currency = h('input', { id: 'portfolio-currency', value: 'USD', size: 4, maxlength: 3, 'aria-label': 'Base currency' });
  const allowShort = h('input', { id: 'portfolio-short', type: 'checkbox' });
  const error = h('div', { id: 'portfolio-error' });
  return h('form', { id: 'portfolio-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    fill(error);
    try {
      const created = await api.post('/api/v1/portfolios', { name: name.value.trim(),
        base_currency: currency.value.trim().toUpperCase() || undefined, allow_short: allowShort.checked });
      location.hash = '#/portfolios/' + created.id;
    } catch (err) {
      fill(error, problem(err));
    }
  } },
  h('h3', {}, 'New portfolio'),
  h('div', { class: 'grid', style: 'gap:.5rem' }, h('label', {}, 'Name', name), h('label', {}, 'Base currency', currency),
      h('label', { class: 'inline' }, allowShort, 'allow short selling'), error,
      h('button', { class: 'button primary', type: 'submit' }, 'Create portfolio')));
}

function showPortfolio(main, portfolio) {
  const id = portfolio.id;
  const base = portfolio.base_currency;
  const notices = h('div', { id: 'portfolio-notices' });
  const figures = h('div', { class: 'figures', id: 'portfolio-totals' });
  const positions = h('div', { id: 'positions-box' }, state('loading', 'Valuing…'));
  const closed = h('div', { id: 'closed-box' });
  const transactions = h('div', { id: 'transactions-box' });
  const history = valueChart(id, base);
  const form = transactionForm(id, () => refresh());
  const deleteButton = h('button', { class: 'button small danger', type: 'button', onclick: async () => {
    if (deleteButton.dataset.armed !== 'true') {
      deleteButton.dataset.armed = 'true';
      deleteButton.textContent = 'Delete it and its transactions?';
      return;
    }
    try {
      await api.delete('/api/v1/portfolios/' + id);
      location.hash = '#/portfolios';
    } catch (e) {
      fill(notices, problem(e));
    }
  } }, 'Delete portfolio');

  fill(main,
      h('div', { class: 'row', style: 'margin-bottom:.75rem' }, h('h2', { style: 'margin:0', id: 'portfolio-title' }, portfolio.name),
          h('span', { class: 'chip' }, 'base ' + base), portfolio.allow_short ? h('span', { class: 'chip' }, 'short selling allowed') : null,
          h('span', { class: 'spacer' }), deleteButton),
      notices, figures,
      h('section', { class: 'card' }, h('h2', {}, 'Positions'), positions, closed),
      h('section', { class: 'card' }, history.element),
      h('section', { class: 'card' }, h('h2', {}, 'Transactions'), form.element, transactions));

  async function refresh() {
    const [valuation, trades] = await Promise.all([
      api.get('/api/v1/portfolios/' + id),
      api.get('/api/v1/portfolios/' + id + '/transactions'),
    ]);
    showValuation(valuation);
    showTransactions(trades.transactions);
    const points = await history.load();
    const pending = valuation.backfill_started.length > 0 || valuation.backfill_pending.length > 0
        || valuation.totals.positions_unpriced > 0 || (valuation.positions.length > 0 && (points.count === 0 || points.missing));
    return { pending };
  }

  function showValuation(v) {
    const t = v.totals;
    fill(notices,
        v.backfill_started.length ? h('div', { class: 'notice' }, 'Fetching the history of ', v.backfill_started.join(', '), ' now.') : null,
        v.backfill_pending.length ? h('div', { class: 'notice' }, 'Still to fetch: ', v.backfill_pending.join(', '), '.') : null,
        t.positions_unpriced ? h('div', { class: 'notice' }, t.positions_unpriced, ' position(s) have no price yet and are left out of the totals.') : null,
        t.realized_gain_unconverted.length ? h('div', { class: 'notice' }, 'Realized gains in ', t.realized_gain_unconverted.join(', '),
            ' are left out of the total until their FX history is stored.') : null);
    fill(figures,
        figure('Market value', format.money(t.market_value, base), Object.keys(v.prices).length === 0 ? null
            : 'prices: ' + Object.entries(v.prices).map(([s, n]) => n + ' ' + s).join(', ')),
        figure('Unrealized gain', signedCell(t.unrealized_gain, format.signed(t.unrealized_gain, ' ' + base)),
            t.unrealized_gain_percent === null ? '' : format.signed(t.unrealized_gain_percent, ' %')),
        figure('Day change', signedCell(t.day_change, format.signed(t.day_change, ' ' + base))),
        figure('Realized gain', signedCell(t.realized_gain, format.signed(t.realized_gain, ' ' + base))),
        figure('Cost basis', format.money(t.cost_basis, base), 'as of ' + format.dateTime(v.as_of)));
    fill(positions, v.positions.length === 0
        ? state('empty', 'No open positions. Record a buy below.')
        : h('div', { class: 'table-wrap' }, h('table', { id: 'positions' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Symbol'), h('th', { class: 'num' }, 'Quantity'), h('th', { class: 'num' }, 'Avg cost'),
                h('th', { class: 'num' }, 'Price'), h('th', { class: 'num' }, 'Market value'), h('th', { class: 'num' }, 'Unrealized'),
                h('th', { class: 'num' }, 'Realized'), h('th', { class: 'num' }, 'Day change'))),
            h('tbody', {}, v.positions.map((p) => positionRow(p, base))))));
    fill(closed, v.closed_positions.length === 0 ? null : [h('h3', { style: 'margin-top:1rem' }, 'Closed positions'),
      h('table', { id: 'closed-positions' }, h('thead', {}, h('tr', {}, h('th', {}, 'Symbol'), h('th', { class: 'num' }, 'Realized gain'),
          h('th', { class: 'num' }, 'Fees'))),
      h('tbody', {}, v.closed_positions.map((p) => h('tr', { dataset: { symbol: p.symbol } }, h('td', { class: 'sym' }, p.symbol),
          h('td', { class: 'num' }, signedCell(p.realized_gain, format.signed(p.realized_gain, ' ' + p.currency))),
          h('td', { class: 'num' }, format.money(p.fees, p.currency))))))]);
  }

  function showTransactions(trades) {
    fill(transactions, trades.length === 0 ? state('empty', 'No transactions yet.') : h('div', { class: 'table-wrap' },
        h('table', { id: 'transactions' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Time'), h('th', {}, 'Side'), h('th', {}, 'Symbol'), h('th', { class: 'num' }, 'Quantity'),
                h('th', { class: 'num' }, 'Price'), h('th', { class: 'num' }, 'Fee'), h('th', {}, 'Currency'), h('th', {}))),
            h('tbody', {}, trades.slice().reverse().map((t) => h('tr', { dataset: { transactionId: String(t.id), symbol: t.symbol } },
                h('td', {}, format.dateTime(t.time)), h('td', { class: t.side === 'buy' ? 'up' : 'down' }, t.side),
                h('td', { class: 'sym' }, t.symbol), h('td', { class: 'num' }, format.number(t.quantity, 8)),
                h('td', { class: 'num' }, format.price(t.price)), h('td', { class: 'num' }, format.number(t.fee, 2)), h('td', {}, t.currency),
                h('td', { class: 'num' },
                    h('button', { class: 'button small', type: 'button', dataset: { action: 'edit' }, onclick: () => form.edit(t) }, 'Correct'), ' ',
                    deleteTransactionButton(id, t, form, () => refresh()))))))));
  }

  const stop = repeat(() => refresh().catch((e) => fill(positions, state('error', 'Could not value the portfolio: ', e.detail))),
      (result) => (result && result.pending ? 3000 : 30000));
  return () => {
    stop();
    history.dispose();
  };
}

function positionRow(p, base) {
  const age = p.price_age_seconds !== null && p.price_age_seconds !== undefined ? format.duration(p.price_age_seconds) + ' old' : null;
  return h('tr', { dataset: { symbol: p.symbol } },
      h('td', {}, h('a', { class: 'sym', href: '#/chart/' + encodeURIComponent(p.symbol) + '?tf=1d' }, p.symbol)),
      h('td', { class: 'num quantity' }, format.number(p.quantity, 8)),
      h('td', { class: 'num' }, format.price(p.average_cost), ' ', h('span', { class: 'muted small' }, p.currency)),
      h('td', { class: 'num' }, p.price === null ? '–' : format.price(p.price),
          h('div', { class: 'small' }, h('span', { class: 'chip ' + p.price_source, title: p.price_time ? 'price of ' + format.dateTime(p.price_time) : '' },
              p.price_source), age ? [' ', h('span', { class: 'muted' }, age)] : p.price_time ? [' ', ago(p.price_time)] : null)),
      h('td', { class: 'num market-value' }, format.money(p.market_value, base),
          p.fx_rate !== null && Number(p.fx_rate) !== 1 ? h('div', { class: 'muted small' }, 'fx ', format.number(p.fx_rate, 6), ' ', p.fx_source || '') : null),
      h('td', { class: 'num' }, signedCell(p.unrealized_gain, format.signed(p.unrealized_gain)),
          p.unrealized_gain_percent === null ? null : h('div', { class: 'small' }, signedCell(p.unrealized_gain_percent, format.signed(p.unrealized_gain_percent, ' %')))),
      h('td', { class: 'num' }, signedCell(p.realized_gain, format.signed(p.realized_gain, ' ' + p.currency))),
      h('td', { class: 'num' }, signedCell(p.day_change, format.signed(p.day_change))));
}

/** Deletes on a second click: the first one asks. */
function deleteTransactionButton(portfolioId, trade, form, onDone) {
  const button = h('button', { class: 'button small danger', type: 'button', dataset: { action: 'delete' }, onclick: async () => {
    if (button.dataset.armed !== 'true') {
      button.dataset.armed = 'true';
      button.textContent = 'Delete?';
      return;
    }
    try {
      await api.delete('/api/v1/portfolios/' + portfolioId + '/transactions/' + trade.id);
      form.clear();
      await onDone();
    } catch (e) {
      form.refused(e);
    }
  } }, 'Delete');
  return button;
}

/** The add/correct form; the numbers go to the API as typed, so its refusal names what was wrong. */
function transactionForm(portfolioId, onDone) {
  const fields = {
    symbol: h('input', { id: 'tx-symbol', placeholder: 'AAPL', spellcheck: 'false', autocomplete: 'off' }),
    side: h('select', { id: 'tx-side' }, h('option', { value: 'buy' }, 'buy'), h('option', { value: 'sell' }, 'sell')),
    quantity: h('input', { id: 'tx-quantity', inputmode: 'decimal', placeholder: '10' }),
    price: h('input', { id: 'tx-price', inputmode: 'decimal', placeholder: '150.25' }),
    fee: h('input', { id: 'tx-fee', inputmode: 'decimal', placeholder: '0' }),
    currency: h('input', { id: 'tx-currency', placeholder: 'as held', maxlength: 3, size: 4 }),
    time: h('input', { id: 'tx-time', type: 'datetime-local', step: 1 }),
  };
  const error = h('div', { id: 'tx-error', 'aria-live': 'polite' });
  const title = h('h3', {}, 'Record a transaction');
  const submit = h('button', { class: 'button primary', type: 'submit', id: 'tx-submit' }, 'Add transaction');
  const cancel = h('button', { class: 'button ghost', type: 'button', hidden: true, onclick: () => clear() }, 'Cancel');
  let editing = null;

  const element = h('form', { id: 'tx-form', novalidate: true, onsubmit: save, style: 'margin-bottom:1rem' }, title,
      h('div', { class: 'form-grid' },
          h('label', {}, 'Symbol', fields.symbol), h('label', {}, 'Side', fields.side), h('label', {}, 'Quantity', fields.quantity),
          h('label', {}, 'Price', fields.price), h('label', {}, 'Fee', fields.fee), h('label', {}, 'Currency', fields.currency),
          h('label', {}, 'Time (blank: now)', fields.time)),
      h('div', { class: 'row', style: 'margin-top:.6rem' }, submit, cancel, error));

  async function save(e) {
    e.preventDefault();
    fill(error);
    const text = (field) => fields[field].value.trim() || undefined;
    const body = { symbol: text('symbol'), side: fields.side.value, quantity: text('quantity'), price: text('price'),
      fee: text('fee'), currency: text('currency')?.toUpperCase(),
      time: fields.time.value ? new Date(fields.time.value).toISOString() : undefined };
    submit.disabled = true;
    try {
      if (editing) {
        await api.put('/api/v1/portfolios/' + portfolioId + '/transactions/' + editing, body);
      } else {
        await api.post('/api/v1/portfolios/' + portfolioId + '/transactions', body);
      }
      clear();
      await onDone();
    } catch (err) {
      refused(err);
    } finally {
      submit.disabled = false;
    }
  }

  function refused(err) {
    fill(error, problem(err));
  }

  function clear() {
    editing = null;
    Object.values(fields).forEach((f) => { if (f.tagName === 'INPUT') f.value = ''; });
    fields.side.value = 'buy';
    title.textContent = 'Record a transaction';
    submit.textContent = 'Add transaction';
    cancel.hidden = true;
    fill(error);
  }

  function edit(trade) {
    editing = trade.id;
    fields.symbol.value = trade.symbol;
    fields.side.value = trade.side;
    fields.quantity.value = trade.quantity;
    fields.price.value = trade.price;
    fields.fee.value = trade.fee;
    fields.currency.value = trade.currency;
    fields.time.value = localInput(trade.time);
    title.textContent = 'Correct transaction #' + trade.id;
    submit.textContent = 'Save correction';
    cancel.hidden = false;
    fill(error);
    fields.quantity.focus();
  }

  return { element, edit, clear, refused };
}

/** An instant as a datetime-local input's value, in the browser's time zone. */
function localInput(iso) {
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':'
      + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
}

/** The value history (GET .../history?range=) as a line, with what was invested beneath it. */
function valueChart(portfolioId, base) {
  let range = '1y';
  const box = h('div', { id: 'value-chart', class: 'chart', dataset: { state: 'loading', pointCount: '0' } });
  const overlay = h('div', { class: 'overlay' }, state('loading', 'Loading the value history…'));
  const note = h('span', { class: 'muted small', id: 'value-note' });
  const buttons = RANGES.map((r) => h('button', { type: 'button', 'aria-pressed': String(r === range), dataset: { range: r },
    onclick: () => {
      range = r;
      buttons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.range === r)));
      load();
    } }, r));
  const element = h('div', {},
      h('div', { class: 'row', style: 'margin-bottom:.5rem' }, h('h2', { style: 'margin:0' }, 'Value'), note,
          h('span', { class: 'spacer' }), h('div', { class: 'segmented', role: 'group', 'aria-label': 'Range' }, buttons)),
      h('div', { class: 'chart-box short' }, box, overlay));
  const echarts = charts();
  const chart = echarts ? echarts.init(box) : null;
  const resize = new ResizeObserver(() => chart && chart.resize());
  resize.observe(box);

  let disposed = false;

  async function load() {
    if (!chart) {
      fill(overlay, state('error', 'The chart library did not load.'));
      return { count: 0, missing: false };
    }
    const answer = await api.get('/api/v1/portfolios/' + portfolioId + '/history?range=' + range);
    if (disposed) {
      return { count: 0, missing: false };
    }
    const points = answer.points;
    box.dataset.pointCount = String(points.length);
    // the range may begin before the first trade: those days hold nothing and are not drawn
    const firstHeld = points.findIndex((p) => Number(p.invested) !== 0 || Number(p.value) !== 0);
    if (firstHeld < 0) {
      fill(note);
      box.dataset.state = 'empty';
      chart.clear();
      overlay.hidden = false;
      fill(overlay, state('empty', 'No value history yet: it starts with the first trade, once its daily closes are stored.'));
      return { count: 0, missing: false };
    }
    overlay.hidden = true;
    const drawn = points.slice(firstHeld);
    fill(note, firstHeld > 0 ? 'since the first trade, ' + drawn[0].date : '',
        answer.carried_days ? ' · ' + answer.carried_days + ' days carry a close forward (holidays)' : '');
    chart.setOption({
      animation: false,
      backgroundColor: 'transparent',
      grid: { left: 12, right: 90, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis', backgroundColor: 'rgba(21,27,35,0.96)', borderColor: '#2b3542', textStyle: { color: palette.text },
        valueFormatter: (v) => format.money(v, base) },
      legend: { right: 90, top: 0, textStyle: { color: palette.muted }, data: ['Value', 'Invested'] },
      xAxis: { type: 'time', axisLine: { lineStyle: { color: palette.grid } }, axisLabel: { color: palette.muted, hideOverlap: true } },
      yAxis: { type: 'value', scale: true, position: 'right', splitLine: { lineStyle: { color: palette.grid } },
        axisLabel: { color: palette.muted, formatter: (v) => format.compact(v) } },
      series: [
        { name: 'Value', type: 'line', showSymbol: false, data: drawn.map((p) => [p.date, Number(p.value)]),
          lineStyle: { color: palette.accent, width: 2 }, itemStyle: { color: palette.accent },
          areaStyle: { color: 'rgba(78,161,255,0.12)' } },
        { name: 'Invested', type: 'line', step: 'end', showSymbol: false, data: drawn.map((p) => [p.date, Number(p.invested)]),
          lineStyle: { color: palette.muted, type: 'dashed', width: 1 }, itemStyle: { color: palette.muted } },
      ],
    }, { notMerge: true });
    box.dataset.state = 'ready';
    // a close still missing (its backfill running) leaves its symbol out of that day's value
    return { count: points.length, missing: points[points.length - 1].missing.length > 0 };
  }

  const dispose = () => {
    disposed = true;
    resize.disconnect();
    if (chart) {
      chart.dispose();
    }
  };
  return { element, load, dispose };
}
