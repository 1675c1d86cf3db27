// The pages behind a simulated meeting's links: `/s/:id?zak=…` (the host's start_url, valid
// two hours) and `/j/:id` (the join_url). The host page is where a person trying the demo
// ends the meeting, which sends the recording events through POST /sim/meetings/:id/end.
import type { FastifyInstance } from 'fastify';

import type { SimulatorContext } from '../context.js';
import { html, page, SafeHtml } from '../http/html.js';
import { meetingsOf } from '../meetings/meetings.store.js';
import { zoomTime } from '../state/zoom-time.js';

// Shows the answer with textContent, so nothing the server echoes is parsed as markup.
const SCRIPT = `
for (const button of document.querySelectorAll('button[data-end]')) {
  button.addEventListener('click', async () => {
    const out = document.getElementById('result');
    const [transcript, recording] = button.dataset.end.split(':');
    const path = transcript === 'send' ? 'transcript' : 'end';
    const body = transcript === 'send' ? {} : { transcript, recording };
    try {
      const response = await fetch('/sim/meetings/' + button.dataset.meeting + '/' + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      out.textContent = response.status + ' ' + JSON.stringify(await response.json(), null, 2);
    } catch (error) {
      out.textContent = String(error);
    }
  });
}
`;

export function registerMeetingPageRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const meetings = meetingsOf(ctx.state);

  app.get('/s/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const { zak } = request.query as { zak?: string };
    const meeting = /^\d+$/.test(id) ? meetings.get(Number(id)) : undefined;

    if (!meeting || !zak || !meetings.startTokenFits(zak, meeting.id)) {
      return reply
        .code(meeting ? 401 : 404)
        .type('text/html; charset=utf-8')
        .send(
          page(
            'Zoom',
            html`<h1>This host link has expired</h1>
              <p>Start the meeting again from 1Thing.</p>`,
          ),
        );
    }

    const button = (end: string, label: string) =>
      html`<button type="button" data-meeting="${meeting.id}" data-end="${end}">${label}</button>`;

    return reply.type('text/html; charset=utf-8').send(
      page(
        `Hosting: ${meeting.topic}`,
        html`<h1 data-testid="sim-meeting-topic">${meeting.topic}</h1>
          <p>
            You are the host. Meeting ${meeting.id}, scheduled for ${zoomTime(meeting.startMs)}
            (${meeting.timezone}).
          </p>
          <p>
            ${button('now:audio', 'End meeting, transcript now')}
            ${button('later:audio', 'End meeting, transcript later')}
            ${button('none:audio', 'End meeting, no transcript')}
            ${button('none:none', 'End meeting, nothing recorded')}
            ${button('send', 'Send the late transcript')}
          </p>
          <pre id="result"></pre>
          <script>
            ${new SafeHtml(SCRIPT)};
          </script>`,
      ),
    );
  });

  app.get('/j/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const meeting = /^\d+$/.test(id) ? meetings.get(Number(id)) : undefined;

    return reply
      .code(meeting ? 200 : 404)
      .type('text/html; charset=utf-8')
      .send(
        page(
          'Zoom',
          meeting
            ? html`<h1>${meeting.topic}</h1>
                <p>Waiting for the host to start this meeting.</p>`
            : html`<h1>This meeting link is not valid</h1>`,
        ),
      );
  });
}
