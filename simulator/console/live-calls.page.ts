// `GET /live-calls`: a page for trying live calls by hand. It starts a call that stays open
// (an inbound one ringing, so the app's screen-pop shows, or an outbound one connected, so
// its banner shows), lists the open calls, and answers or hangs them up. Everything goes
// through the control API (/sim/calls/held, /sim/calls/:id/answer, /sim/calls/:id/hangup).
import type { FastifyInstance } from 'fastify';

import type { SimulatorContext } from '../context.js';
import { html, page, SafeHtml } from '../http/html.js';
import type { SimUser } from '../state/users.store.js';

// Builds the list with textContent and createElement, so nothing the server echoes is markup.
const SCRIPT = `
const list = document.getElementById('open-calls');
async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  document.getElementById('result').textContent = response.status + ' ' + (await response.text());
  await refresh();
}
function button(label, path) {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.addEventListener('click', () => post(path));
  return element;
}
async function refresh() {
  const { calls } = await (await fetch('/sim/calls/held')).json();
  list.replaceChildren();
  if (calls.length === 0) list.textContent = 'No open calls.';
  for (const call of calls) {
    const row = document.createElement('li');
    const words = [call.direction, call.state, call.externalNumber ?? 'hidden number'];
    if (call.via) words.push('via ' + call.via);
    row.append(words.join(' · ') + ' ');
    if (call.state === 'ringing') row.append(button('Answer', '/sim/calls/' + call.callId + '/answer'));
    row.append(button('Hang up', '/sim/calls/' + call.callId + '/hangup'));
    list.append(row);
  }
}
document.getElementById('held').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const direction = form.get('direction');
  const body = {
    userEmail: form.get('userEmail'),
    direction,
    state: direction === 'outbound' ? 'connected' : 'ringing',
  };
  if (form.get('externalNumber')) body.externalNumber = form.get('externalNumber');
  if (form.get('externalName')) body.externalName = form.get('externalName');
  if (direction === 'inbound' && form.get('via')) body.via = { type: form.get('via') };
  post('/sim/calls/held', body);
});
refresh();
setInterval(refresh, 2000);
`;

export function liveCallsPage(users: SimUser[]): string {
  const options = users.map((user) => html`<option value="${user.email}">${user.email}</option>`);

  return page(
    'Zoom simulator: live calls',
    html`<h1>Live calls</h1>
      <p>
        Calls started here stay open until you hang up (or the app's End call ends them). Other
        scenarios: <a href="/">the main simulator page</a>.
      </p>
      <form id="held">
        <label for="userEmail">Agent</label
        ><select id="userEmail" name="userEmail" required>
          ${options}
        </select>
        <label for="direction">Direction</label>
        <select id="direction" name="direction">
          <option value="inbound">inbound: rings the agent until answered or hung up</option>
          <option value="outbound">outbound: the agent's call, connected until hung up</option>
        </select>
        <label for="externalNumber">Other party's number (empty for a hidden caller)</label>
        <input id="externalNumber" name="externalNumber" placeholder="+16045550147" />
        <label for="externalName">Other party's name (optional)</label
        ><input id="externalName" name="externalName" />
        <label for="via">Routed by (inbound only)</label>
        <select id="via" name="via">
          <option value="">nobody: the agent's own number</option>
          <option value="callQueue">a call queue</option>
          <option value="sharedLineGroup">a shared line group</option>
        </select>
        <p><button type="submit">Start call</button></p>
      </form>
      <h2>Open calls</h2>
      <ul id="open-calls"></ul>
      <pre id="result" aria-live="polite"></pre>
      <script>
        ${new SafeHtml(SCRIPT)};
      </script>`,
  );
}

export function registerLiveCallsPage(app: FastifyInstance, ctx: SimulatorContext): void {
  app.get('/live-calls', async (_request, reply) => {
    return reply.type('text/html; charset=utf-8').send(liveCallsPage(ctx.state.users.list()));
  });
}
