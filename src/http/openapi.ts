import type { FastifyInstance } from 'fastify';
import { errorCodes } from './errors.js';

type Operation = {
  summary: string;
  auth?: false;
  body?: string;
  responses?: Record<string, string>;
};

/**
 * The app's own HTTP surface (DESIGN.md §4) as an OpenAPI 3.1 document, served at
 * GET /api/openapi.json. A test checks that every route the server registers is listed here.
 */
const operations: Record<string, Record<string, Operation>> = {
  '/webhooks/zoom': {
    post: {
      summary: 'Zoom event notifications and endpoint.url_validation (signed with x-zm-signature)',
      auth: false,
      responses: {
        '200': 'stored (or a recognised redelivery)',
        '400': 'not a Zoom event',
        '401': 'bad signature',
        '413': 'body over 1 MB',
      },
    },
  },
  '/oauth/zoom/callback': {
    get: {
      summary: 'OAuth redirect URI; redirects to /settings/integrations?connected=… or ?error=…',
      responses: { '302': 'back to the settings page' },
    },
  },
  '/healthz': { get: { summary: 'liveness', auth: false } },
  '/readyz': {
    get: {
      summary: 'readiness: database reachable, migrations applied',
      auth: false,
      responses: { '200': 'ready', '503': 'not ready' },
    },
  },
  '/api/openapi.json': { get: { summary: 'this document', auth: false } },
  '/api/session': {
    post: { summary: 'sign in (sets the sid cookie)', auth: false, body: '{ email, password }' },
    get: { summary: 'the signed-in user' },
    delete: { summary: 'sign out', responses: { '204': 'signed out' } },
  },
  '/api/demo': {
    get: { summary: 'demo mode facts (simulator URL); 404 outside demo mode', auth: false },
  },
  '/api/contacts': {
    get: { summary: 'contacts, optionally ?q= search by name, email or number' },
    post: {
      summary: 'create a contact',
      body: '{ name, email?, phones: [{ label, number }] }',
      responses: { '201': 'created' },
    },
  },
  '/api/contacts/{id}': {
    get: { summary: 'one contact' },
    patch: { summary: 'replace a contact', body: '{ name, email?, phones }' },
    delete: { summary: 'delete a contact', responses: { '204': 'deleted' } },
  },
  '/api/activities': {
    get: { summary: 'activities, optionally ?contactId=' },
    post: {
      summary: 'create an activity',
      body: '{ kind, title, notes?, contactId?, startsAt?, timeZone?, durationMinutes? }',
      responses: { '201': 'created' },
    },
  },
  '/api/activities/{id}': {
    get: { summary: 'one activity' },
    patch: { summary: 'replace an activity' },
    delete: { summary: 'delete an activity', responses: { '204': 'deleted' } },
  },
  '/api/activities/{id}/zoom-meeting': {
    post: {
      summary: 'create the Zoom meeting for an activity with a future date and time',
      responses: {
        '201': '{ meeting } with its join link',
        '202': '{ meeting } still being created, or parked by Zoom’s daily limit',
        '409': 'ZOOM_MEETINGS_NOT_CONNECTED or ZOOM_MEETING_EXISTS',
        '422': 'ACTIVITY_TIME_MISSING, ACTIVITY_IN_PAST or ZOOM_VALIDATION_FAILED (details.fields)',
      },
    },
    get: { summary: 'the activity’s Meeting section: { meeting } or { meeting: null }' },
    delete: {
      summary: 'remove the meeting; it is deleted at Zoom',
      responses: { '202': 'removed' },
    },
  },
  '/api/activities/{id}/zoom-meeting/start-url': {
    get: { summary: 'a fresh host link from Zoom (never stored): { startUrl }' },
  },
  '/api/activities/{id}/transcript': {
    get: { summary: 'the meeting transcript on the activity: { transcript } or null' },
  },
  '/api/zoom-meetings': {
    get: { summary: 'the agent’s Zoom meetings and their recording and transcript states' },
  },
  '/api/calls': {
    get: {
      summary:
        'call history, newest first; filters contactId, direction, result, unmatched=1; paged with cursor and limit',
    },
  },
  '/api/voicemails': {
    get: {
      summary:
        'the agent’s voicemails, newest first, with contacts, status and transcript (engine named); filter contactId',
    },
  },
  '/api/voicemails/{id}/retry': {
    post: {
      summary: 'transcribe a failed or not-configured voicemail again',
      responses: { '202': '{ status: "pending" }', '409': 'VOICEMAIL_NOT_RETRYABLE' },
    },
  },
  '/api/recordings': {
    get: {
      summary: 'the agent’s phone-call recordings (references, never audio), by Zoom call id',
    },
  },
  '/api/recordings/{id}/audio': {
    get: {
      summary: 'play a recording streamed from Zoom; honours Range (bytes=a-b, a-, -n)',
      responses: {
        '200': 'the whole file, Accept-Ranges: bytes',
        '206': 'the asked range, Content-Range and Content-Length',
        '404': 'no such recording of the signed-in agent',
        '416': 'range past the end, Content-Range: bytes */size',
        '410': 'RECORDING_DELETED_IN_ZOOM (Zoom deleted the recording; not asked again)',
        '502': 'RECORDING_UNAVAILABLE (Zoom sent no audio) or ZOOM_UNAVAILABLE',
      },
    },
  },
  '/api/calls/{id}/end': {
    post: {
      summary: 'end an active call through the Zoom call command (ZOOM_CALL_COMMAND_PATH)',
      responses: {
        '202': '{ call }: Zoom accepted; the call shows "ending" until its ended webhook',
        '409': 'CALL_END_REFUSED (hang up in the Zoom app) or CALL_NOT_ACTIVE',
        '502': 'ZOOM_UNAVAILABLE: try again',
      },
    },
  },
  '/api/calls/{id}/contacts': {
    post: {
      summary: 'link a live call to a contact (created from the screen-pop)',
      body: '{ contactId }',
    },
  },
  '/api/calls/{id}/callback': {
    delete: {
      summary: 'dismiss the call-back item of a missed call',
      responses: { '204': 'gone' },
    },
  },
  '/api/live-calls': {
    get: { summary: 'the live calls now: active calls and open call-back items ({ calls })' },
  },
  '/api/dial-intents': {
    post: {
      summary: 'record a Call click (who, contact, number) before zoomphonecall:// opens',
      body: '{ number, contactId?, callBackOf? }',
      responses: {
        '201': '{ intent: { id, e164, extension, uri } }',
        '400': 'NUMBER_NOT_DIALABLE',
      },
    },
  },
  '/api/events': {
    get: {
      summary:
        'text/event-stream for the signed-in user: `snapshot` first, then `call` events; send Last-Event-ID to resume',
      responses: { '200': 'the stream' },
    },
  },
  '/api/integrations/zoom': {
    get: { summary: 'both Zoom cards (meetings, phone) and their state' },
  },
  '/api/integrations/zoom/{product}/connect': {
    post: {
      summary:
        'start connecting a card (product: meetings | phone); returns { url } of the Zoom consent page',
    },
  },
  '/api/integrations/zoom/phone/history-import': {
    post: {
      summary: 'import the Zoom Phone call history again (idempotent)',
      responses: { '202': 'started; both cards' },
    },
  },
  '/api/integrations/zoom/{product}': {
    delete: { summary: 'disconnect a card; revokes at Zoom when no card remains' },
  },
  '/api/privacy/zoom-data': {
    get: { summary: 'download everything 1Thing holds for you from Zoom (JSON); audited' },
  },
  '/api/privacy/zoom-data/delete': {
    post: {
      summary: 'delete everything 1Thing holds for you from Zoom; CRM records stay; audited',
    },
  },
  '/api/privacy/audit': {
    get: { summary: 'your audit trail: disconnections, exports, deletions' },
  },
  '/api/admin/status': {
    get: { summary: 'admin: webhook validation and delivery status, inbox backlog' },
  },
  '/api/admin/pilot-allowlist': {
    get: { summary: 'admin: pilot allow list' },
    post: {
      summary: 'admin: allow a Zoom email',
      body: '{ email }',
      responses: { '201': 'added' },
    },
  },
  '/api/admin/pilot-allowlist/{email}': {
    delete: { summary: 'admin: remove a Zoom email', responses: { '204': 'removed' } },
  },
};

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};

  for (const [path, methods] of Object.entries(operations)) {
    paths[path] = {};

    for (const [method, operation] of Object.entries(methods)) {
      const responses: Record<string, unknown> = {
        default: {
          description: 'error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      };

      for (const [status, description] of Object.entries(operation.responses ?? { '200': 'ok' })) {
        responses[status] = { description };
      }

      paths[path][method] = {
        summary: operation.summary,
        ...(operation.auth === false ? { security: [] } : {}),
        ...(operation.body && {
          requestBody: {
            description: operation.body,
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        }),
        responses,
      };
    }
  }

  return {
    openapi: '3.1.0',
    info: { title: '1Thing CRM — Zoom integration API', version: '1' },
    security: [{ session: [] }],
    paths,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sid' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: Object.keys(errorCodes) },
                message: { type: 'string' },
              },
            },
          },
        },
      },
    },
  };
}

export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  const document = openApiDocument();

  app.get('/api/openapi.json', async () => document);
}
