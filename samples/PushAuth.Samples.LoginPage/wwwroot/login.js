'use strict';
// The page only talks to its own server (/api/…); the server holds the PushAuth key. No inline script: CSP script-src 'self'.
(() => {
  const stages = { SignedOut: 'signed-out', Pair: 'pair', Pairing: 'pairing', Paired: 'paired', Approve: 'approve', SignedIn: 'signed-in', Failed: 'failed' };
  const $ = (id) => document.getElementById(id);
  let polling = false;

  async function call(method, path, body) {
    const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    if (!response.ok) {
      throw new Error(`The server answered ${response.status}.`);
    }
    return response.json();
  }

  // Failed long-polls back off (1 s, 2 s, 4 s … 30 s, with jitter) instead of retrying at once: a page that loses its
  // server must not turn every open tab into a request loop. Copy this part if you copy the sample.
  const backoff = { attempt: 0, next() { const ms = Math.min(30000, 1000 * 2 ** this.attempt++); return ms / 2 + Math.random() * ms / 2; }, reset() { this.attempt = 0; } };
  let shownStage = null;

  function render(view) {
    for (const [stage, id] of Object.entries(stages)) {
      $(id).hidden = stage !== view.stage;
    }
    const message = $('message');
    message.hidden = !view.message;
    message.textContent = view.message || '';
    for (const el of document.querySelectorAll('.user')) {
      el.textContent = view.userId || '';
    }
    $('number').textContent = view.numberMatch || '';
    document.body.dataset.stage = view.stage;
    if (view.stage !== shownStage) {
      shownStage = view.stage;
      // Each step takes the focus to its heading, so keyboard and screen-reader users start where the page now is;
      // the number to type is announced, as a sighted user sees it appear.
      $(stages[view.stage]).querySelector('h2').focus();
      $('announce').textContent = view.stage === 'Approve' && view.numberMatch ? `Type ${view.numberMatch} in the authenticator app.` : '';
    }
    if ((view.stage === 'Pairing' || view.stage === 'Approve') && !polling) {
      poll(view.stage === 'Pairing' ? '/api/pair/wait' : '/api/approve/wait', view.stage);
    }
  }

  // Long-polls while the stage holds: each call waits at the server for the phone's answer, up to 20 s.
  async function poll(path, stage) {
    polling = true;
    let view;
    for (;;) {
      try {
        view = await call('POST', path);
        backoff.reset();
        if (view.stage !== stage) {
          break;
        }
      } catch (error) {
        const delay = backoff.next();
        $('message').hidden = false;
        $('message').textContent = `${error.message} Retrying in ${Math.ceil(delay / 1000)} s…`;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    polling = false;
    render(view);
  }

  async function act(promise) {
    try {
      render(await promise);
    } catch (error) {
      $('message').hidden = false;
      $('message').textContent = error.message;
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', (e) => {
      e.preventDefault();
      act(call('POST', '/api/login', { username: $('username').value.trim(), password: $('password').value }));
    });
    $('pair-form').addEventListener('submit', (e) => {
      e.preventDefault();
      act(call('POST', '/api/pair', { phrase: $('phrase').value.trim() }));
    });
    $('ok').addEventListener('click', () => act(call('POST', '/api/pair/ok')));
    $('retry').addEventListener('click', () => act(call('POST', '/api/pair/ok')));
    for (const button of document.querySelectorAll('.logout')) {
      button.addEventListener('click', () => act(call('POST', '/api/logout')));
    }
    act(call('GET', '/api/state'));
  });
})();
