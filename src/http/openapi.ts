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
  '/api/calls': {
    get: {
      summary:
        'call history, newest first; filters contactId, direction, result, unmatched=1; paged with cursor and limit',
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
