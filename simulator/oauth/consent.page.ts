// The simulator's stand-in for Zoom's sign-in and consent screen. The form posts back to
// /oauth/authorize with the original query carried in hidden fields.
import { html, page } from '../http/html.js';
import type { FormBody } from '../http/form-body.js';

// The authorize parameters that must survive the round trip through the form.
const CARRIED = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
];

export interface ConsentView {
  query: FormBody;
  scopes: string[];
  email?: string;
  error?: string;
}

export function consentPage(view: ConsentView): string {
  const hidden = CARRIED.filter((name) => view.query[name] !== undefined).map(
    (name) => html`<input type="hidden" name="${name}" value="${view.query[name]}" />`,
  );
  const scopes = view.scopes.map((scope) => html`<li><code>${scope}</code></li>`);

  return page(
    'Sign in - Zoom simulator',
    html`<h1>Allow this app to use your Zoom account?</h1>
      <p>
        App <code>${view.query.client_id}</code> will return you to
        <code>${view.query.redirect_uri}</code>.
      </p>
      ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
      <form method="post" action="/oauth/authorize">
        ${hidden}
        <label for="email">Zoom email</label>
        <input id="email" name="email" type="email" required value="${view.email ?? ''}" />
        <p>It will be able to:</p>
        <ul>
          ${scopes}
        </ul>
        <button type="submit" name="decision" value="approve">Approve</button>
        <button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
      </form>`,
  );
}

export function authorizeErrorPage(message: string): string {
  return page(
    'Authorization error - Zoom simulator',
    html`<h1>This app cannot be authorized</h1>
      <p class="error" role="alert">${message}</p>`,
  );
}
