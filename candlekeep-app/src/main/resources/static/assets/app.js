// The dashboard's shell: sign-in, the top bar, and hash routes (#/watchlist, #/chart/AAPL?tf=1h, #/portfolios/3,
// #/ops), each drawn by one view module that answers the function cleaning it up.

import { api, auth } from './api.js';
import { createStream } from './stream.js';
import { fill, format, h, repeat } from './ui.js';
import * as signIn from './views/signin.js';
import * as watchlist from './views/watchlist.js';
import * as chart from './views/chart.js';
import * as portfolios from './views/portfolios.js';
import * as ops from './views/ops.js';

const ROUTES = { watchlist, chart, portfolios, ops };

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const signOutButton = document.getElementById('sign-out');
const health = document.getElementById('health');

/** What the views share: who is signed in and the live feed. Tests read `window.__candlekeep`. */
const session = { me: null, stream: null, streamStatus: 'closed' };
window.__candlekeep = { session };

let unmount = () => {};
let stopHealth = () => {};

function parseRoute() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...args] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { name: ROUTES[name] ? name : 'watchlist', args, params: new URLSearchParams(query || '') };
}

function render() {
  unmount();
  unmount = () => {};
  if (!session.me) {
    return;
  }
  if (!location.hash) {
    history.replaceState(null, '', '#/watchlist');
  }
  const route = parseRoute();
  for (const link of nav.querySelectorAll('a')) {
    link.classList.toggle('active', link.dataset.route === route.name);
  }
  view.dataset.view = route.name;
  fill(view);
  unmount = ROUTES[route.name].mount(view, { ...route, session }) || (() => {});
}

function showSignIn(message) {
  unmount();
  session.me = null;
  nav.hidden = true;
  signOutButton.hidden = true;
  fill(who);
  view.dataset.view = 'signin';
  fill(view);
  unmount = signIn.mount(view, { message, onSignedIn: start }) || (() => {});
}

async function start() {
  if (!auth.token()) {
    showSignIn();
    return;
  }
  try {
    session.me = await api.get('/api/v1/me');
  } catch (e) {
    auth.signOut();
    showSignIn(e.status === 401 ? 'That token was refused: ' + e.detail : e.detail);
    return;
  }
  const admin = session.me.role === 'admin';
  closeStream();
  fill(who, 'Signed in as ', h('strong', { id: 'who-name' }, session.me.name), ' ', h('span', { class: 'chip' }, session.me.role));
  document.getElementById('nav-ops').hidden = !admin;
  nav.hidden = false;
  signOutButton.hidden = false;
  session.stream = createStream(auth.token(), (status) => {
    session.streamStatus = status;
    window.dispatchEvent(new CustomEvent('candlekeep:stream', { detail: status }));
  });
  render();
}

function closeStream() {
  if (session.stream) {
    session.stream.close();
    session.stream = null;
  }
}

function signOut(message) {
  closeStream();
  auth.signOut();
  history.replaceState(null, '', location.pathname + location.search);
  showSignIn(message);
}

/** Service health from /actuator/health, which anyone may read (an admin sees the reasons too). */
function watchHealth() {
  return repeat(async () => {
    let status;
    let title;
    try {
      const response = await fetch('/actuator/health', auth.token() ? { headers: { Authorization: 'Bearer ' + auth.token() } } : {});
      const body = await response.json();
      status = body.status || 'UNKNOWN';
      const reasons = body.components?.candlekeep?.details?.reasons || [];
      title = 'Service ' + status + (reasons.length ? ': ' + reasons.join('; ') : '') + ' (checked ' + format.dateTime(new Date().toISOString()) + ')';
    } catch (e) {
      status = 'UNREACHABLE';
      title = 'The service did not answer';
    }
    health.textContent = status === 'UP' ? 'Service up' : status === 'DEGRADED' ? 'Degraded' : status === 'UNREACHABLE' ? 'Unreachable' : status;
    health.className = 'health ' + (status === 'UP' ? 'up' : status === 'DEGRADED' ? 'degraded' : 'down');
    health.title = title;
  }, 30000);
}

signOutButton.addEventListener('click', () => signOut());
window.addEventListener('hashchange', () => {
  if (auth.takeFromFragment()) {
    closeStream(); // a token handed over in the address replaces the session
    start();
  } else {
    render();
  }
});
window.addEventListener('candlekeep:unauthorized', (e) => signOut('Signed out: ' + e.detail));

auth.takeFromFragment();
stopHealth = watchHealth();
window.addEventListener('pagehide', () => stopHealth());
start();
