// Chart: candlesticks and volume of one series over its stored history (pan and zoom), updated live from the feed.
// The axis is a category axis (one slot per stored bar, so nights and weekends take no room); a gap the service
// reports (bars the calendar expects that are not stored) gets an empty slot of its own, shaded: never an invented
// bar. The forming (not final) bar is drawn hollow in amber. The "forecast" toggle draws one model's latest forecast
// beyond the newest bar: its point line and its 80 % and 95 % prediction intervals as bands, one slot per bar ahead.

import { api, segment } from '../api.js';
import { asSymbol, charts, coverageBadge, fill, format, h, palette, problem, repeat, seriesState, signedCell, state,
  TIMEFRAMES } from '../ui.js';

const DEFAULT_TIMEFRAME = '1h';
const MAX_BARS = 50000;
const INITIAL_SLOTS = 150;
const MAX_GAP_SLOTS = 24;
const LAST_SYMBOL_KEY = 'candlekeep-last-chart';
const FORECAST_MODELS = ['ses', 'naive', 'drift', 'seasonal_naive'];
const FORECAST_KEY = 'candlekeep-forecast-model';
const FORECAST_COLOR = '#b388ff';

export function mount(root, { args, params, session }) {
  const symbol = asSymbol(args[0] || sessionStorage.getItem(LAST_SYMBOL_KEY) || '');
  const tf = TIMEFRAMES.includes(params.get('tf')) ? params.get('tf') : DEFAULT_TIMEFRAME;
  const symbolInput = h('input', { id: 'chart-symbol', value: symbol || '', placeholder: 'Symbol', spellcheck: 'false',
    autocomplete: 'off', size: 12, 'aria-label': 'Symbol' });
  const open = h('form', { class: 'row', onsubmit: (e) => {
    e.preventDefault();
    const next = asSymbol(symbolInput.value);
    if (next) {
      location.hash = '#/chart/' + segment(next) + '?tf=' + tf;
    }
  } }, symbolInput, h('button', { class: 'button', type: 'submit' }, 'Open'));

  if (!symbol) {
    root.append(h('div', { class: 'page-head' }, h('h1', {}, 'Chart')),
        h('section', { class: 'card' }, h('p', { class: 'muted' }, 'Which symbol? For example AAPL, BTC-USD, EURUSD=X or ^GSPC.'), open));
    symbolInput.focus();
    return () => {};
  }
  sessionStorage.setItem(LAST_SYMBOL_KEY, symbol);

  const price = h('span', { class: 'price', id: 'chart-price' }, '–');
  const change = h('span', { id: 'chart-change' });
  const live = h('span', { class: 'live', id: 'chart-live' });
  const coverageLine = h('div', { id: 'chart-coverage', class: 'row small muted' });
  const message = h('div', { id: 'chart-message' });
  const container = h('div', { id: 'chart', class: 'chart', dataset: { state: 'loading', barCount: '0' } });
  const overlay = h('div', { class: 'overlay' }, state('loading', 'Loading bars…'));
  const forecastNote = h('span', { id: 'forecast-note', class: 'small muted' });
  const savedModel = sessionStorage.getItem(FORECAST_KEY);
  const modelSelect = h('select', { id: 'forecast-model', 'aria-label': 'Forecast model', hidden: true,
    onchange: () => {
      sessionStorage.setItem(FORECAST_KEY, modelSelect.value);
      draw();
    } }, FORECAST_MODELS.map((m) => h('option', { value: m, selected: m === savedModel }, m.replace('_', ' '))));
  const forecastToggle = h('button', { id: 'chart-forecast', class: 'button small', type: 'button', 'aria-pressed': 'false',
    onclick: () => {
      forecastOn = !forecastOn;
      forecastToggle.setAttribute('aria-pressed', String(forecastOn));
      modelSelect.hidden = !forecastOn;
      if (forecastOn) {
        readForecast().then(() => loaded && draw());
      } else {
        forecast = null;
        fill(forecastNote);
        if (loaded) {
          draw();
        }
      }
    } }, 'forecast');
  const watch = h('button', { class: 'button small', type: 'button', onclick: async () => {
    try {
      await api.post('/api/v1/tracking', { symbols: [symbol], source: 'watchlist' });
      fill(watch, 'Watching ✓');
      watch.disabled = true;
    } catch (e) {
      fill(message, problem(e));
    }
  } }, '+ Watch');

  root.append(
      h('div', { class: 'chart-head' },
          h('h1', {}, symbol), price, change, live, h('span', { class: 'spacer' }),
          h('nav', { class: 'segmented', 'aria-label': 'Timeframe' }, TIMEFRAMES.map((t) => h('a', {
            href: '#/chart/' + segment(symbol) + '?tf=' + t, 'aria-pressed': String(t === tf), dataset: { timeframe: t } }, t))),
          watch, open),
      message,
      h('section', { class: 'card' },
          h('div', { class: 'row', style: 'margin-bottom:.5rem' }, coverageLine, h('span', { class: 'spacer' }),
              forecastToggle, modelSelect, forecastNote,
              h('div', { class: 'legend' },
                  h('span', {}, h('i', { style: 'background:' + palette.up }), 'up'),
                  h('span', {}, h('i', { style: 'background:' + palette.down }), 'down'),
                  h('span', {}, h('i', { class: 'forming' }), 'forming (not final)'),
                  h('span', {}, h('i', { class: 'gap' }), 'gap (bars missing)'),
                  h('span', {}, h('i', { style: 'background:' + FORECAST_COLOR }), 'forecast (80 %, 95 %)'))),
          h('div', { class: 'chart-box' }, container, overlay)));

  const echarts = charts();
  if (!echarts) {
    fill(overlay, state('error', 'The chart library did not load (/webjars/echarts).'));
    container.dataset.state = 'error';
    return () => {};
  }
  const chart = echarts.init(container, null, { renderer: 'canvas' });
  const resize = new ResizeObserver(() => chart.resize());
  resize.observe(container);

  let mounted = true; // a read still under way when the view is left draws nothing
  let bars = [];
  let gaps = [];
  let slots = [];
  let loaded = null; // what the last read of the bars covered: {bars, first}
  let liveUpdates = 0;
  let buffered = []; // bars from the feed waiting for the read of the store under way (or the first), applied after it
  let previousClose = null;
  let forecastOn = false;
  let forecast = null; // the latest forecast of every model (GET /api/v1/forecasts/{symbol}), while the toggle is on
  const exposed = { symbol, timeframe: tf };
  window.__candlekeep.chart = exposed;

  const showLive = (status) => {
    live.className = 'live ' + status;
    live.textContent = status === 'open' ? 'live' : status === 'connecting' ? 'connecting…' : 'offline';
  };
  const onStream = (e) => showLive(e.detail);
  window.addEventListener('candlekeep:stream', onStream);
  showLive(session.streamStatus);

  function showQuote(q) {
    if (!q) {
      return;
    }
    exposed.quoteTime = q.time;
    container.dataset.quoteTime = q.time;
    price.textContent = format.price(q.price);
    previousClose = q.previous_close ?? previousClose;
    if (previousClose) {
      const d = q.price - previousClose;
      fill(change, signedCell(d, format.signed(d) + ' (' + format.signed(d / previousClose * 100, ' %') + ')'));
    }
    price.title = 'As of ' + format.dateTime(q.time) + ' from ' + (q.source || 'the feed');
  }

  async function readBars() {
    buffered = buffered || [];
    try {
      const answer = await api.get('/api/v1/bars/' + segment(symbol) + '?timeframe=' + tf + '&format=columns&limit=' + MAX_BARS);
      bars = answer.start.map((start, i) => ({ t: Date.parse(start), start, o: answer.open[i], h: answer.high[i],
        l: answer.low[i], c: answer.close[i], v: answer.volume[i], f: answer.final[i] }));
      buffered.forEach(put);
    } finally {
      buffered = null;
    }
  }

  /** Puts `bar` in place of the stored bar with its start, or after the newest; answers whether it was placed. */
  function put(bar) {
    const last = bars[bars.length - 1];
    if (!last || bar.t > last.t) {
      bars.push(bar);
      return true;
    }
    const i = indexOf(bars, bar.t);
    if (i >= 0) {
      bars[i] = bar;
    }
    return i >= 0; // else an older bar, which the next read of the store brings
  }

  /** Reads the latest forecasts; a series without one yet says why beside the toggle. */
  async function readForecast() {
    container.dataset.forecastState = 'loading';
    try {
      forecast = await api.get('/api/v1/forecasts/' + segment(symbol) + '?timeframe=' + tf);
    } catch (e) {
      forecast = null;
      if (forecastOn) {
        fill(forecastNote, e.detail || e.message);
        container.dataset.forecastState = 'none';
      }
    }
  }

  /** The steps of the chosen model that lie beyond the newest bar, one slot each. */
  function forecastSlots() {
    if (!forecastOn || !forecast || bars.length === 0) {
      return [];
    }
    const models = forecast.models || [];
    const model = models.find((m) => m.model === modelSelect.value) || models[0];
    if (!model) {
      return [];
    }
    modelSelect.value = model.model;
    const newest = bars[bars.length - 1].t;
    fill(forecastNote, model.model.replace('_', ' ') + ' from the bar of ' + format.dateTime(model.based_on)
        + ', made ' + format.relative(model.made_at));
    return model.points.filter((p) => Date.parse(p.start) > newest)
        .map((p) => ({ forecast: p, model: model.model, t: Date.parse(p.start) }));
  }

  function showCoverage(series) {
    if (!series) {
      fill(coverageLine, 'No coverage yet.');
      return;
    }
    const s = seriesState(series);
    fill(coverageLine, coverageBadge(series),
        h('span', {}, format.number(series.bars, 0), ' bars stored'),
        series.gaps ? h('span', { id: 'chart-gaps' }, series.gaps.length === 0 ? 'no gaps'
            : series.gaps.length + (series.gaps.length === 1 ? ' gap, ' : ' gaps, ') + format.number(series.missing_bars, 0) + ' bars missing') : null,
        series.last_sync ? h('span', {}, 'last sync ', format.relative(series.last_sync)) : null,
        series.beyond_reach_before ? h('span', { title: 'The provider serves nothing older' },
            'history before ', format.dateTime(series.beyond_reach_before), ' is beyond the provider') : null,
        s.state === 'backfilling' ? h('span', {}, h('span', { class: 'spinner' }), ' backfilling, older history follows') : null);
  }

  /** Reads coverage (with gaps) and, when the store holds other bars than those drawn, the bars again. */
  async function refresh() {
    const coverage = await api.get('/api/v1/symbols/' + segment(symbol) + '/coverage?gaps=true');
    const series = coverage.timeframes.find((s) => s.timeframe === tf);
    showCoverage(series);
    if (coverage.status === 'NOT_FOUND' || series?.job_status === 'NOT_FOUND') {
      setState('error', 'The provider does not know ' + symbol + (coverage.status_reason ? ': ' + coverage.status_reason : '.'));
      return { busy: false };
    }
    gaps = (series?.gaps || []).map((g) => ({ ...g, t: Date.parse(g.start), e: Date.parse(g.end) }));
    const stored = series ? series.bars : 0;
    if (!loaded || loaded.bars !== stored || loaded.first !== series?.first) {
      await readBars();
      loaded = { bars: stored, first: series?.first };
    }
    if (forecastOn) {
      await readForecast();
    }
    draw();
    return { busy: !series || seriesState(series).state === 'backfilling' || stored === 0 };
  }

  function setState(kind, text) {
    container.dataset.state = kind;
    if (kind === 'ready') {
      fill(overlay);
      overlay.hidden = true;
    } else {
      overlay.hidden = false;
      fill(overlay, state(kind, text));
    }
  }

  function draw() {
    if (!mounted) {
      return;
    }
    const previous = slots;
    const zoom = previous.length > 0 ? chart.getOption().dataZoom?.[0] : null;
    const ahead = forecastSlots();
    slots = slotsOf(bars, gaps).concat(ahead);
    exposeCounts(ahead);
    if (bars.length === 0) {
      chart.clear();
      setState('empty', 'No ' + tf + ' bars of ' + symbol + ' are stored yet. The backfill has been asked for: the chart fills in as it lands.');
      return;
    }
    chart.setOption(option(slots, tf, symbol, windowOf(previous, slots, zoom)), { notMerge: true });
    setState('ready');
    if (forecastOn && forecast) {
      container.dataset.forecastState = ahead.length > 0 ? 'drawn' : 'behind';
      if (ahead.length === 0) {
        fill(forecastNote, 'The latest forecast ends before the newest bar; the next one follows its bars.');
      }
    } else if (!forecastOn) {
      container.dataset.forecastState = 'off';
    }
  }

  function exposeCounts(ahead) {
    const newest = bars[bars.length - 1];
    const forming = newest && !newest.f ? newest.start : '';
    const slotCount = slots.length - ahead.length;
    Object.assign(exposed, { barCount: bars.length, first: bars[0]?.start || null, last: newest?.start || null,
      lastClose: newest?.c ?? null, gapCount: gaps.length, slotCount, forming, liveUpdates,
      forecastPoints: ahead.length, forecastModel: ahead[0]?.model || null });
    Object.assign(container.dataset, { barCount: String(bars.length), first: exposed.first || '', last: exposed.last || '',
      lastClose: newest ? String(newest.c) : '', gapCount: String(gaps.length), slotCount: String(slotCount), forming,
      liveUpdates: String(liveUpdates), forecastPoints: String(ahead.length), forecastModel: ahead[0]?.model || '' });
  }

  /** A bar from the feed: the forming bar changing, or a bar that closed (final, with its stored values). */
  function applyBar(m) {
    if (m.timeframe !== tf) {
      return;
    }
    const bar = { t: Date.parse(m.start), start: m.start, o: m.open, h: m.high, l: m.low, c: m.close, v: m.volume, f: m.final };
    liveUpdates++;
    if (buffered) {
      buffered.push(bar);
      return;
    }
    const count = bars.length;
    if (!put(bar)) {
      return;
    }
    if (loaded) {
      loaded = { bars: loaded.bars + bars.length - count, first: loaded.first || bar.start };
    }
    draw();
  }

  const unsubscribe = session.stream.subscribe(symbol, ['quote', 'bar:' + tf], (m) => {
    if (m.type === 'quote') {
      showQuote(m);
    } else if (m.type === 'snapshot' && m.channel === 'quote') {
      showQuote(m.quote);
    } else if (m.type === 'snapshot') {
      m.bars.forEach((b) => applyBar({ ...b, timeframe: m.timeframe }));
    } else if (m.type === 'bar') {
      applyBar(m);
    } else if (m.type === 'error') {
      fill(message, problem(m));
    }
  });

  let stop = () => {};
  // opening a chart is interest of its own (chart_view), in the timeframe shown
  api.post('/api/v1/tracking', { symbols: [symbol], source: 'chart_view', timeframes: [tf] })
      .then(() => api.get('/api/v1/quotes?symbols=' + segment(symbol)).then((q) => showQuote(q.quotes[0])).catch(() => {}))
      .then(() => {
        if (!mounted) {
          return; // left before the interest was recorded
        }
        stop = repeat(() => refresh().catch((e) => {
          setState('error', 'Could not load the bars: ' + (e.detail || e.message));
        }), (result) => (result && result.busy ? 2000 : 60000));
      })
      .catch((e) => setState('error', 'Could not open ' + symbol + ': ' + e.detail));

  return () => {
    mounted = false;
    stop();
    unsubscribe();
    window.removeEventListener('candlekeep:stream', onStream);
    resize.disconnect();
    chart.dispose();
    delete window.__candlekeep.chart;
  };
}

/**
 * One slot per stored bar, and for each gap (before, between or after the stored bars) an empty slot per missing
 * bar, at most MAX_GAP_SLOTS: the hole is as wide as what is missing, and a long one does not push the rest away.
 */
function slotsOf(bars, gaps) {
  const slots = [];
  const hole = (gap) => {
    const n = Math.max(1, Math.min(gap.bars, MAX_GAP_SLOTS));
    for (let k = 0; k < n; k++) {
      slots.push({ gap, t: gap.t + Math.floor((gap.e - gap.t) * k / n) });
    }
  };
  let g = 0;
  for (const bar of bars) {
    while (g < gaps.length && gaps[g].e <= bar.t) {
      hole(gaps[g++]);
    }
    slots.push({ bar, t: bar.t });
  }
  while (g < gaps.length) {
    hole(gaps[g++]);
  }
  return slots;
}

const slotTime = (slot) => slot.t;

function indexOf(bars, t) {
  let lo = 0;
  let hi = bars.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (bars[mid].t === t) {
      return mid;
    }
    if (bars[mid].t < t) {
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return -1;
}

/**
 * The slots to show after a redraw: as many as before, following the newest when it was in view, else the same
 * stretch of time; the newest INITIAL_SLOTS at first.
 */
function windowOf(previous, slots, zoom) {
  const last = slots.length - 1;
  if (!zoom || previous.length === 0 || zoom.startValue === undefined) {
    return { startValue: Math.max(0, last - INITIAL_SLOTS + 1), endValue: last };
  }
  if (zoom.endValue >= previous.length - 1) {
    return { startValue: Math.max(0, last - (zoom.endValue - zoom.startValue)), endValue: last };
  }
  const from = slotTime(previous[zoom.startValue]);
  const to = slotTime(previous[zoom.endValue]);
  const startValue = Math.max(0, slots.findIndex((s) => slotTime(s) >= from));
  let endValue = last;
  while (endValue > startValue && slotTime(slots[endValue]) > to) {
    endValue--;
  }
  return { startValue, endValue };
}

const UTC_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: '2-digit', month: 'short', year: 'numeric' });
const UTC_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' });
const UTC_FULL = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' });

function option(slots, tf, symbol, window) {
  const daily = tf === '1d';
  // a gap's slots are labelled with instants spread over it, for the axis only
  const labels = slots.map((s) => (s.bar ? s.bar.start : s.forecast ? s.forecast.start : new Date(s.t).toISOString()));
  const candles = slots.map((s) => {
    if (!s.bar) {
      return '-';
    }
    const b = s.bar;
    return b.f ? [b.o, b.c, b.l, b.h] : {
      value: [b.o, b.c, b.l, b.h],
      itemStyle: { color: 'rgba(245,185,66,0.18)', color0: 'rgba(245,185,66,0.18)', borderColor: palette.forming,
        borderColor0: palette.forming, borderWidth: 1.5, borderType: 'dashed' },
    };
  });
  const volumes = slots.map((s) => (s.bar ? {
    value: s.bar.v,
    itemStyle: { color: !s.bar.f ? palette.forming : s.bar.c >= s.bar.o ? palette.up : palette.down, opacity: s.bar.f ? 0.55 : 0.8 },
  } : '-'));
  const breaks = [];
  slots.forEach((s, i) => {
    if (s.gap && slots[i - 1]?.gap !== s.gap) {
      breaks.push([{ xAxis: i }, { xAxis: i }]);
    } else if (s.gap) {
      breaks[breaks.length - 1][1].xAxis = i;
    }
  });
  const axisLabel = (value) => (daily ? UTC_DAY : UTC_TIME).format(new Date(value));
  const ahead = forecastSeries(slots);
  const axisLine = { lineStyle: { color: palette.grid } };
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.muted, fontFamily: 'system-ui, sans-serif' },
    grid: [{ left: 12, right: 72, top: 12, bottom: 190, containLabel: false }, { left: 12, right: 72, height: 90, bottom: 60 }],
    axisPointer: { link: [{ xAxisIndex: 'all' }], label: { backgroundColor: '#2b3542' } },
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'cross' }, backgroundColor: 'rgba(21,27,35,0.96)', borderColor: '#2b3542',
      textStyle: { color: palette.text, fontSize: 12 },
      formatter: (items) => tooltip(slots, items[0]?.dataIndex, symbol),
    },
    xAxis: [
      { type: 'category', data: labels, boundaryGap: true, axisLine, axisTick: { show: false },
        axisLabel: { color: palette.muted, formatter: axisLabel, hideOverlap: true },
        axisPointer: { label: { formatter: (p) => UTC_FULL.format(new Date(p.value)) + ' UTC' } } },
      { type: 'category', gridIndex: 1, data: labels, boundaryGap: true, axisLine, axisTick: { show: false },
        axisLabel: { show: false }, axisPointer: { label: { show: false } } },
    ],
    yAxis: [
      { scale: true, position: 'right', splitLine: { lineStyle: { color: palette.grid } }, axisLine: { show: false },
        axisLabel: { color: palette.muted, formatter: (v) => format.price(v) } },
      { gridIndex: 1, position: 'right', splitNumber: 2, splitLine: { show: false }, axisLine: { show: false },
        axisLabel: { color: palette.muted, formatter: (v) => format.compact(v) } },
    ],
    dataZoom: [
      { type: 'inside', xAxisIndex: [0, 1], ...window, minValueSpan: 10 },
      { type: 'slider', xAxisIndex: [0, 1], ...window, bottom: 12, height: 26, borderColor: palette.grid,
        fillerColor: 'rgba(78,161,255,0.12)', handleStyle: { color: '#3a4656' }, textStyle: { color: palette.muted },
        dataBackground: { lineStyle: { color: '#3a4656' }, areaStyle: { color: '#1f2833' } },
        labelFormatter: (i) => (labels[i] ? axisLabel(labels[i]) : '') },
    ],
    series: [
      { name: symbol, type: 'candlestick', data: candles, barMaxWidth: 18,
        itemStyle: { color: palette.up, color0: palette.down, borderColor: palette.up, borderColor0: palette.down },
        markArea: { silent: true, itemStyle: { color: 'rgba(245,185,66,0.16)', borderColor: 'rgba(245,185,66,0.6)',
          borderWidth: 1, borderType: 'dashed' },
          label: { show: true, position: 'insideTop', color: palette.forming, fontSize: 10, formatter: 'gap' }, data: breaks } },
      { name: 'Volume', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: volumes, barMaxWidth: 18 },
      ...ahead,
    ],
  };
}

/**
 * The forecast slots as line series: each band is a transparent lower line with (upper − lower) stacked on it and
 * filled, the point line starts at the newest bar's close. Nothing when there are no forecast slots.
 */
function forecastSeries(slots) {
  const first = slots.findIndex((s) => s.forecast);
  if (first < 0) {
    return [];
  }
  const at = (f) => slots.map((s) => (s.forecast ? f(s.forecast) : '-'));
  const band = (level, opacity) => [
    { name: 'forecast ' + level + ' % low', type: 'line', stack: 'band' + level, data: at((p) => p.intervals[level].lower),
      symbol: 'none', lineStyle: { opacity: 0 }, silent: true, z: 1 },
    { name: 'forecast ' + level + ' %', type: 'line', stack: 'band' + level,
      data: at((p) => p.intervals[level].upper - p.intervals[level].lower), symbol: 'none', lineStyle: { opacity: 0 },
      areaStyle: { color: FORECAST_COLOR, opacity }, silent: true, z: 1 },
  ];
  const points = at((p) => p.point);
  const before = slots[first - 1];
  if (before?.bar) {
    points[first - 1] = before.bar.c;
  }
  return [...band('95', 0.14), ...band('80', 0.24),
    { name: 'forecast', type: 'line', data: points, symbol: 'none', lineStyle: { color: FORECAST_COLOR, width: 2 },
      itemStyle: { color: FORECAST_COLOR }, z: 3 }];
}

function tooltip(slots, index, symbol) {
  const slot = slots[index];
  if (!slot) {
    return '';
  }
  const row = (label, value) => '<tr><td style="color:#8a96a5;padding-right:10px">' + label + '</td><td style="text-align:right">' + value + '</td></tr>';
  if (slot.forecast) {
    const p = slot.forecast;
    return '<b>Forecast</b> (' + slot.model.replace('_', ' ') + ', step ' + p.step + ') ' + UTC_FULL.format(new Date(p.start))
        + ' UTC<table>' + row('Point', format.price(p.point))
        + row('80 %', format.price(p.intervals['80'].lower) + ' – ' + format.price(p.intervals['80'].upper))
        + row('95 %', format.price(p.intervals['95'].lower) + ' – ' + format.price(p.intervals['95'].upper)) + '</table>';
  }
  if (slot.gap) {
    return '<b>Gap</b>: ' + slot.gap.bars + ' bars the calendar expects are not stored<br>'
        + UTC_FULL.format(new Date(slot.gap.start)) + ' – ' + UTC_FULL.format(new Date(slot.gap.end)) + ' UTC';
  }
  const b = slot.bar;
  // the symbol passed asSymbol: letters, digits and . - = ^ : _ only, nothing HTML would read
  return '<b>' + symbol + '</b> ' + UTC_FULL.format(new Date(b.start)) + ' UTC' + (b.f ? '' : ' <span style="color:#f5b942">forming</span>')
      + '<table>' + row('Open', format.price(b.o)) + row('High', format.price(b.h)) + row('Low', format.price(b.l))
      + row('Close', format.price(b.c)) + row('Volume', format.number(b.v, 0)) + '</table>';
}
