// Small DOM and formatting helpers shared by the views. Text always goes in as text (never as HTML).

/**
 * An element: `h('td', {class: 'num', dataset: {symbol: 'AAPL'}, onclick}, 'text', child, ...)`. Children that are
 * null, undefined or false are left out; strings and numbers become text.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name.startsWith('on')) {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      el.className = value;
    } else if (name in el && typeof value !== 'string') {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : value);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces what `el` holds with `children`. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A loading, empty or error placeholder; `data-state` says which, for people and for tests. */
export function state(kind, ...text) {
  return h('div', { class: 'state' + (kind === 'error' ? ' error' : ''), dataset: { state: kind } },
      kind === 'loading' ? [h('span', { class: 'spinner' }), ' '] : null, ...text);
}

/** A headline figure: a label, its value, and a note under it. */
export function figure(label, value, note) {
  return h('div', { class: 'figure' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value),
      note ? h('div', { class: 'note' }, note) : null);
}

/** The problem+json `detail` of a refusal, shown next to the form that caused it. */
export function problem(error) {
  return h('div', { class: 'problem', role: 'alert' }, error.detail || error.message || String(error));
}

const numberFormats = new Map();

function numberFormat(min, max) {
  const k = min + ':' + max;
  if (!numberFormats.has(k)) {
    numberFormats.set(k, new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max }));
  }
  return numberFormats.get(k);
}

export const format = {
  /** A price with the decimals its size needs: 2 for 244.6, 4 for 1.0843, up to 8 for small coins. */
  price(value) {
    if (value === null || value === undefined || Number.isNaN(Number(value))) {
      return '–';
    }
    const n = Number(value);
    const abs = Math.abs(n);
    const decimals = abs >= 1000 ? 2 : abs >= 1 ? (abs < 10 ? 4 : 2) : 6;
    return numberFormat(Math.min(2, decimals), decimals).format(n);
  },
  number(value, decimals = 2) {
    return value === null || value === undefined ? '–' : numberFormat(0, decimals).format(Number(value));
  },
  /** Money in a currency, e.g. "1,503.50 EUR". */
  money(value, currency) {
    if (value === null || value === undefined) {
      return '–';
    }
    return numberFormat(2, 2).format(Number(value)) + (currency ? ' ' + currency : '');
  },
  signed(value, suffix = '') {
    if (value === null || value === undefined || Number.isNaN(Number(value))) {
      return '–';
    }
    const n = Number(value);
    return (n > 0 ? '+' : '') + numberFormat(2, 2).format(n) + suffix;
  },
  /** 1.2K, 3.4M: volumes on an axis. */
  compact(value) {
    return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  },
  /** "3 min ago", "in 2 h"; the exact time goes in a title. */
  relative(iso, now = Date.now()) {
    if (!iso) {
      return '–';
    }
    const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
    const text = format.duration(Math.abs(seconds));
    return seconds < -1 ? text + ' ago' : seconds > 1 ? 'in ' + text : 'now';
  },
  duration(seconds) {
    if (Math.round(seconds) < 60) {
      return Math.round(seconds) + ' s';
    }
    if (Math.round(seconds / 60) < 60) {
      return Math.round(seconds / 60) + ' min';
    }
    if (Math.round(seconds / 3600) < 48) {
      return Math.round(seconds / 3600) + ' h';
    }
    return Math.round(seconds / 86400) + ' d';
  },
  /** An ISO-8601 duration such as PT15M or PT168H as "15 min", "7 d". */
  isoDuration(text) {
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(text || '');
    return m ? format.duration((+m[1] || 0) * 3600 + (+m[2] || 0) * 60 + (+m[3] || 0)) : text || '–';
  },
  /** A local date and time, for titles and tables. */
  dateTime(iso) {
    return iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '–';
  },
};

/** A number coloured by its sign. */
export function signedCell(value, text = format.signed(value)) {
  const n = Number(value);
  return h('span', { class: n > 0 ? 'up' : n < 0 ? 'down' : '' }, text);
}

/** A time shown as "3 min ago" with the exact local time as its title. */
export function ago(iso) {
  return h('span', { title: format.dateTime(iso) }, format.relative(iso));
}

export const TIMEFRAMES = ['15m', '1h', '4h', '1d'];

/**
 * Where one series stands, from its coverage (the tracking or coverage endpoints): complete, backfilling (with its
 * progress), gaps (missing bars the calendar expects), failed, not-found, or waiting for its first job.
 */
export function seriesState(series) {
  const done = series.slices_done || 0;
  const total = series.slices_total || 0;
  switch (series.job_status) {
    case 'QUEUED':
      return { state: 'backfilling', label: total ? done + '/' + total : '…', progress: total ? done / total : 0 };
    case 'FAILED':
      return { state: 'failed', label: (series.slices_failed || 0) + ' failed' };
    case 'NOT_FOUND':
      return { state: 'not-found', label: 'unknown' };
    case 'COMPLETE':
      return series.missing_bars > 0
          ? { state: 'gaps', label: format.number(series.missing_bars, 0) + ' missing' }
          : { state: 'complete', label: '✓' };
    default:
      return { state: 'waiting', label: '…' };
  }
}

/** A badge for one series: its timeframe and state, with the details in its title. */
export function coverageBadge(series) {
  const s = seriesState(series);
  const details = [
    series.timeframe + ': ' + s.state,
    format.number(series.bars, 0) + ' bars stored of ' + format.number(series.expected_bars, 0) + ' expected in the window',
    series.gaps && series.gaps.length ? series.gaps.length + ' gaps' : null,
    series.last_sync ? 'last sync ' + format.relative(series.last_sync) : null,
    series.last_error ? 'last error: ' + series.last_error : null,
  ].filter(Boolean);
  return h('span', { class: 'badge', title: details.join('\n'), dataset: { timeframe: series.timeframe, state: s.state } },
      h('b', {}, series.timeframe),
      s.state === 'backfilling' ? h('span', { class: 'bar' }, h('i', { style: 'width:' + Math.round(s.progress * 100) + '%' })) : null,
      s.label);
}

/** A symbol as the API accepts it (upper case, 1 to 32 of A-Z 0-9 . - = ^ : _), or null. */
export function asSymbol(text) {
  const s = (text || '').trim().toUpperCase();
  return /^[A-Z0-9.\-=^:_]{1,32}$/.test(s) ? s : null;
}

/** Calls `task` now and then again `delayMs(result)` after each run ends, until the returned stop is called. */
export function repeat(task, delayMs) {
  let timer = null;
  let stopped = false;
  const run = async () => {
    let result;
    try {
      result = await task();
    } catch (e) {
      console.warn(e);
    }
    if (!stopped) {
      timer = setTimeout(run, typeof delayMs === 'function' ? delayMs(result) : delayMs);
    }
  };
  run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** The chart library, loaded as a classic script before the modules; null when it failed to load. */
export function charts() {
  return window.echarts || null;
}

/** Colours the charts share with the stylesheet. */
export const palette = {
  text: '#d8dee6', muted: '#8a96a5', grid: '#222a35', up: '#26a69a', down: '#ef5350', forming: '#f5b942',
  accent: '#4ea1ff', panel: '#151b23',
};
