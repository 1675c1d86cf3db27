// Zoom's Meetings schemas (shared/zoom/openapi/meeting-api.json, meeting-webhooks.json) for the
// contract test. The recording schemas are built from `allOf` parts; closing each part on its
// own would reject the members of its siblings, so the parts are merged into one object first.
import { readFileSync } from 'node:fs';

import { resolveRefs } from './zoom-schemas.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const OPENAPI_DIR = new URL('../../../../shared/zoom/openapi/', import.meta.url);
const cache = new Map<string, JsonObject>();

function documentNamed(file: string): JsonObject {
  const cached =
    cache.get(file) ?? (JSON.parse(readFileSync(new URL(file, OPENAPI_DIR), 'utf8')) as JsonObject);

  cache.set(file, cached);

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

const isObject = (node: Json | undefined): node is JsonObject =>
  node !== null && typeof node === 'object' && !Array.isArray(node);

/** Folds every `allOf` into one schema: properties and `required` lists joined. */
export function mergeAllOf(node: Json): Json {
  if (Array.isArray(node)) {
    return node.map(mergeAllOf);
  }

  if (!isObject(node)) {
    return node;
  }

  const merged: JsonObject = Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'allOf')
      .map(([key, value]) => [key, mergeAllOf(value)]),
  );
  const parts = Array.isArray(node.allOf) ? node.allOf.map(mergeAllOf) : [];

  for (const part of parts) {
    if (!isObject(part)) {
      continue;
    }

    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties' && isObject(value)) {
        merged.properties = { ...(isObject(merged.properties) ? merged.properties : {}), ...value };
      } else if (key === 'required' && Array.isArray(value)) {
        merged.required = [...(Array.isArray(merged.required) ? merged.required : []), ...value];
      } else if (!(key in merged)) {
        merged[key] = value;
      }
    }
  }

  if (parts.length > 0 && merged.properties && !merged.type) {
    merged.type = 'object';
  }

  return merged;
}

/** A response body schema of a meeting-api.json operation. */
export function meetingApiResponse(path: string, method: string, status: string): JsonObject {
  const root = documentNamed('meeting-api.json');
  const schema = at(
    root,
    'paths',
    path,
    method,
    'responses',
    status,
    'content',
    'application/json',
    'schema',
  );

  return mergeAllOf(resolveRefs(schema, root)) as JsonObject;
}

/** The request body schema of a meeting-api.json operation. */
export function meetingApiRequest(path: string, method: string): JsonObject {
  const root = documentNamed('meeting-api.json');
  const schema = at(
    root,
    'paths',
    path,
    method,
    'requestBody',
    'content',
    'application/json',
    'schema',
  );

  return mergeAllOf(resolveRefs(schema, root)) as JsonObject;
}

/** The body schema of a meeting webhook event in meeting-webhooks.json. */
export function meetingWebhook(event: string): JsonObject {
  const root = documentNamed('meeting-webhooks.json');
  const schema = at(
    root,
    'webhooks',
    event,
    'post',
    'requestBody',
    'content',
    'application/json',
    'schema',
  );

  return mergeAllOf(resolveRefs(schema, root)) as JsonObject;
}
