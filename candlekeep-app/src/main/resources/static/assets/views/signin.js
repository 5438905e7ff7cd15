// Sign-in: a token pasted into the form is checked with GET /api/v1/me before it is kept for this tab.

import { api, auth } from '../api.js';
import { fill, h, problem } from '../ui.js';

export function mount(root, { message, onSignedIn }) {
  const input = h('input', { id: 'token-input', type: 'password', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'ck_…', required: true, 'aria-label': 'Token' });
  const error = h('div', { id: 'signin-error' });
  const button = h('button', { class: 'button primary', type: 'submit' }, 'Sign in');
  const form = h('form', { id: 'signin-form', onsubmit: submit },
      h('label', {}, 'Token', input), error, button);

  async function submit(event) {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) {
      fill(error, problem({ detail: 'Paste a token first.' }));
      return;
    }
    button.disabled = true;
    try {
      await api.whoIs(token);
      auth.signIn(token);
      onSignedIn();
    } catch (e) {
      fill(error, problem(e.status === 401 ? { detail: 'That token was refused: ' + e.detail } : e));
      button.disabled = false;
    }
  }

  if (message) {
    fill(error, problem({ detail: message }));
  }
  root.append(h('section', { class: 'card signin' },
      h('h1', {}, 'Sign in to Candlekeep'),
      h('p', {}, 'Paste your token. The admin token is in the file the service named when it started (',
          h('code', {}, 'data/admin-token'), '); users get theirs from an admin.'),
      h('p', {}, 'Or open the dashboard as ', h('code', {}, location.origin + '/#token=ck_…'),
          ': the token is read from the address and removed from it at once.'),
      form));
  input.focus();
}
