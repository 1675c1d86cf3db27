// `GET /`: a small page for a person trying the demo by hand: who the simulator's users are,
// and a form that places a simulated call through POST /sim/calls.
import { html, page, SafeHtml } from '../http/html.js';
import type { SimUser } from '../state/users.store.js';

// Shows the answer with textContent, so nothing the server echoes is parsed as markup.
const SCRIPT = `
document.getElementById('call').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = {
    userEmail: form.get('userEmail'),
    direction: form.get('direction'),
    outcome: form.get('outcome'),
    talkSeconds: Number(form.get('talkSeconds')),
  };
  if (form.get('externalNumber')) body.externalNumber = form.get('externalNumber');
  if (form.get('externalName')) body.externalName = form.get('externalName');
  const out = document.getElementById('result');
  try {
    const response = await fetch('/sim/calls', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    out.textContent = response.status + ' ' + JSON.stringify(await response.json(), null, 2);
  } catch (error) {
    out.textContent = String(error);
  }
});
`;

export function consolePage(users: SimUser[], webhookUrl: string | undefined): string {
  const rows = users.map(
    (user) =>
      html`<tr>
        <td>${user.email}</td>
        <td>${user.firstName} ${user.lastName}</td>
        <td>${user.phoneNumber}</td>
        <td>${user.extensionNumber}</td>
        <td>${user.phoneLicence ? 'yes' : 'no'}</td>
        <td><code>${user.zoomUserId}</code></td>
      </tr>`,
  );
  const options = users.map((user) => html`<option value="${user.email}">${user.email}</option>`);

  return page(
    'Zoom simulator',
    html`<h1>Zoom simulator</h1>
      <p>
        Events go to <code>${webhookUrl ?? '(no webhook URL configured)'}</code>. Delivery log:
        <a href="/sim/deliveries">/sim/deliveries</a>.
      </p>
      <h2>Users</h2>
      ${
        users.length === 0
          ? html`<p>No users yet. Create one with <code>POST /sim/users</code>.</p>`
          : html`<table>
              <tr>
                <th>Email</th>
                <th>Name</th>
                <th>Phone number</th>
                <th>Ext.</th>
                <th>Phone licence</th>
                <th>Zoom user id</th>
              </tr>
              ${rows}
            </table>`
      }
      <h2>Place a call</h2>
      <form id="call">
        <label for="userEmail">Agent</label
        ><select id="userEmail" name="userEmail" required>
          ${options}
        </select>
        <label for="direction">Direction</label>
        <select id="direction" name="direction">
          <option value="inbound">inbound (someone calls the agent)</option>
          <option value="outbound">outbound (the agent calls out)</option>
        </select>
        <label for="externalNumber">Other party's number (empty for a hidden caller)</label>
        <input id="externalNumber" name="externalNumber" placeholder="+15125550147" />
        <label for="externalName">Other party's name (optional)</label
        ><input id="externalName" name="externalName" />
        <label for="outcome">Outcome</label>
        <select id="outcome" name="outcome">
          <option>answered</option>
          <option>missed</option>
          <option>rejected</option>
          <option>voicemail</option>
        </select>
        <label for="talkSeconds">Talk time (seconds)</label>
        <input id="talkSeconds" name="talkSeconds" type="number" min="0" value="60" />
        <p><button type="submit">Place call</button></p>
      </form>
      <pre id="result" aria-live="polite"></pre>
      <script>
        ${new SafeHtml(SCRIPT)};
      </script>`,
  );
}
