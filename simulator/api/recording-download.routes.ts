// `GET /rec/download/:link`, where recording files come from (API.md §4.4, WEBHOOKS.md §4.3).
// Accepted: `Authorization: Bearer` with the event's download_token or a download_access_token
// for that instance, while valid, or the host's OAuth access token. Anything else gets what
// Zoom has been seen to send (field report 8): 200 with an HTML sign-in page, not an error.
import type { FastifyInstance, FastifyReply } from 'fastify';

import type { SimulatorContext } from '../context.js';
import { html, page } from '../http/html.js';
import { meetingsOf } from '../meetings/meetings.store.js';

export function registerRecordingDownloadRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const meetings = meetingsOf(ctx.state);

  app.get('/rec/download/:link', async (request, reply) => {
    const { link } = request.params as { link: string };
    const found = meetings.resolveLink(link);

    if (!found) {
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(page('Not found', html`<p>This recording does not exist.</p>`));
    }

    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const { instance, file } = found;
    const access = token ? ctx.state.oauth.checkAccess(token) : { status: 'invalid' as const };
    const allowed =
      !instance.signInPage &&
      (meetings.downloadTokenFits(token, instance.uuid) ||
        (access.status === 'valid' && access.grant.zoomUserId === instance.hostId));

    if (!allowed) {
      return signInPage(reply);
    }

    return reply
      .type(file.fileType === 'TRANSCRIPT' ? 'text/vtt; charset=utf-8' : 'application/octet-stream')
      .send(Buffer.from(file.content, 'utf8'));
  });

  app.get('/rec/play/:link', async (request, reply) => {
    const { link } = request.params as { link: string };
    const found = meetings.resolveLink(link);

    return reply
      .code(found ? 200 : 404)
      .type('text/html; charset=utf-8')
      .send(
        page('Recording', html`<p>${found ? 'Simulated recording playback.' : 'Not found.'}</p>`),
      );
  });
}

// About 5 KB like the page in field report 8: a form, and the words a person would read.
function signInPage(reply: FastifyReply): FastifyReply {
  const filler = 'Only the host or people the host shares this recording with can download it. ';

  return reply.type('text/html; charset=utf-8').send(
    page(
      'Sign in - Zoom',
      html`<h1>Please sign in</h1>
        <p>${filler.repeat(40)}</p>
        <form method="post" action="/signin">
          <label>Email <input name="email" /></label>
          <label>Password <input name="password" type="password" /></label>
          <button type="submit">Sign in</button>
        </form>`,
    ),
  );
}
