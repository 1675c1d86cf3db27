// HTML for the simulator's two pages. Every interpolated value is escaped unless it is already
// SafeHtml, so a hostile `state` or user name cannot inject markup into the consent page.

export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) {
    return value.value;
  }

  if (Array.isArray(value)) {
    return value.map(render).join('');
  }

  if (value === undefined || value === null || value === false) {
    return '';
  }

  return escapeHtml(value);
}

/** Tagged template: `html\`<p>${name}</p>\`` escapes `name`; nested `html` results pass as is. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';

  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });

  return new SafeHtml(out);
}

const STYLE = `
  body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 44rem; }
  body { padding: 0 1rem; }
  h1 { font-size: 1.4rem; } .note { color: #555; } .error { color: #a00; font-weight: 600; }
  label { display: block; margin: .6rem 0 .2rem; } input, select { font: inherit; padding: .3rem; }
  button { font: inherit; padding: .4rem 1rem; margin-right: .5rem; }
  table { border-collapse: collapse; width: 100%; }
  td, th { border-bottom: 1px solid #ddd; padding: .3rem; text-align: left; }
  pre { background: #f4f4f4; padding: .6rem; overflow-x: auto; }
`;

/** A whole page around `body`; the simulator banner makes clear this is not the real Zoom. */
export function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <p class="note">Zoom simulator: a local stand-in for testing and demos, not zoom.us.</p>
        ${body}
      </body>
    </html>`.value;
}
