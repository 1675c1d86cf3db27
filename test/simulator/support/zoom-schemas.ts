// Zoom's own schemas, read from shared/zoom/openapi/, compiled with ajv into validators that
// fail loudly. Two strengths per schema:
// - `zoom`: the schema as Zoom publishes it (required fields, types, enums);
// - `closed`: the same with every listed object closed to members the schema does not name,
//   so the simulator cannot teach the app to expect a field Zoom never sends.
import { readFileSync } from 'node:fs';

import { Ajv, type AnySchema, type ValidateFunction } from 'ajv';
import * as formatsModule from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

// The shared folder sits beside the checkout (as in CI); ZOOM_OPENAPI_DIR points elsewhere.
const OPENAPI_DIR = process.env.ZOOM_OPENAPI_DIR
  ? new URL(`file://${process.env.ZOOM_OPENAPI_DIR.replace(/\/?$/, '/')}`)
  : new URL('../../../../shared/zoom/openapi/', import.meta.url);

// ajv-formats is CommonJS; under NodeNext its plugin sits on `default`.
const addFormats = (formatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;

function loadDocument(file: string): JsonObject {
  return JSON.parse(readFileSync(new URL(file, OPENAPI_DIR), 'utf8')) as JsonObject;
}

const documents = new Map<string, JsonObject>();

function documentNamed(file: string): JsonObject {
  const cached = documents.get(file) ?? loadDocument(file);

  documents.set(file, cached);

  return cached;
}

function at(node: Json | undefined, ...keys: string[]): Json {
  let current = node;

  for (const key of keys) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) {
      throw new Error(`schema path not found at "${key}"`);
    }

    current = current[key];
  }

  if (current === undefined) {
    throw new Error(`schema path not found: ${keys.join(' > ')}`);
  }

  return current;
}

/** Inlines local `$ref`s (`#/a/b`) and throws on any it cannot follow. */
export function resolveRefs(node: Json, root: JsonObject, depth = 0): Json {
  if (depth > 50) {
    throw new Error('$ref nesting too deep (a cycle?)');
  }

  if (Array.isArray(node)) {
    return node.map((item) => resolveRefs(item, root, depth));
  }

  if (node === null || typeof node !== 'object') {
    return node;
  }

  const ref = node.$ref;

  if (typeof ref === 'string') {
    if (!ref.startsWith('#/')) {
      throw new Error(`cannot follow non-local $ref ${ref}`);
    }

    const keys = ref
      .slice(2)
      .split('/')
      .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));

    return resolveRefs(at(root, ...keys), root, depth + 1);
  }

  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, resolveRefs(value, root, depth)]),
  );
}

/** Adds `additionalProperties: false` to every object schema that lists its properties. */
export function closeObjects(node: Json): Json {
  if (Array.isArray(node)) {
    return node.map(closeObjects);
  }

  if (node === null || typeof node !== 'object') {
    return node;
  }

  const copy = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, closeObjects(value)]),
  );
  const listsProperties = typeof node.properties === 'object' && node.properties !== null;

  if (listsProperties && !('additionalProperties' in node)) {
    copy.additionalProperties = false;
  }

  return copy;
}

/** The 200 (or other) response body schema of a GET operation in phone-api.json. */
export function phoneApiResponse(path: string, status = '200'): JsonObject {
  const root = documentNamed('phone-api.json');
  const schema = at(
    root,
    'paths',
    path,
    'get',
    'responses',
    status,
    'content',
    'application/json',
    'schema',
  );

  return resolveRefs(schema, root) as JsonObject;
}

/** The request body schema of a webhook event in phone-webhooks.json. */
export function phoneWebhook(event: string): JsonObject {
  const root = documentNamed('phone-webhooks.json');
  const operation = at(root, 'webhooks', event, 'post');
  const schema = at(operation, 'requestBody', 'content', 'application/json', 'schema');

  return resolveRefs(schema, root) as JsonObject;
}

// OpenAPI 3.0 adds `nullable` and `example` to JSON Schema, so ajv must not be strict about
// unknown keywords; formats such as int64 and date-time are still checked.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });

addFormats(ajv);

export interface Contract {
  /** Throws, listing every violation, unless `body` satisfies the schema. */
  assert(body: unknown, label?: string): void;
}

export function contract(schema: JsonObject, strength: 'zoom' | 'closed' = 'closed'): Contract {
  const compiled: ValidateFunction = ajv.compile(
    (strength === 'closed' ? closeObjects(schema) : schema) as AnySchema,
  );

  return {
    assert(body, label = 'body') {
      if (!compiled(body)) {
        const problems = ajv.errorsText(compiled.errors, { separator: '\n  ', dataVar: label });

        throw new Error(`${label} breaks the Zoom schema:\n  ${problems}`);
      }
    },
  };
}

// API.md §6.3: every REST error is {code, message}, plus `errors` for validation failures.
export const ZOOM_ERROR_SCHEMA: JsonObject = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'integer' },
    message: { type: 'string', minLength: 1 },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

// There is no Users OpenAPI document in shared/zoom/, so this is API.md §2's table of
// `GET /users/me` fields, written down as JSON Schema. The fields the integration relies on
// (our stable keys and what the card shows) are required.
export const USERS_ME_SCHEMA: JsonObject = {
  type: 'object',
  required: [
    'id',
    'account_id',
    'email',
    'first_name',
    'last_name',
    'display_name',
    'timezone',
    'type',
    'status',
  ],
  properties: {
    id: { type: 'string', minLength: 1 },
    account_id: { type: 'string', minLength: 1 },
    email: { type: 'string', format: 'email' },
    first_name: { type: 'string' },
    last_name: { type: 'string' },
    display_name: { type: 'string' },
    timezone: { type: 'string' },
    type: { type: 'integer', enum: [1, 2, 4, 99] },
    status: { type: 'string', enum: ['pending', 'active', 'inactive'] },
    language: { type: 'string' },
    pmi: { type: 'integer', format: 'int64' },
    personal_meeting_url: { type: 'string', format: 'uri' },
    phone_numbers: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          code: { type: 'string' },
          country: { type: 'string' },
          label: { type: 'string' },
          number: { type: 'string' },
          verified: { type: 'boolean' },
        },
      },
    },
    role_name: { type: 'string' },
    dept: { type: 'string' },
    job_title: { type: 'string' },
    location: { type: 'string' },
    company: { type: 'string' },
    pic_url: { type: 'string' },
    cluster: { type: 'string' },
    created_at: { type: 'string', format: 'date-time' },
    user_created_at: { type: 'string', format: 'date-time' },
    last_login_time: { type: 'string', format: 'date-time' },
  },
};
