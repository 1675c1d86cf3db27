import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { ZoomConnection } from '../integrations/zoom/connections.repo.js';

/** Where an event belongs: its idempotency key and the Zoom user it is about. */
export interface InboxEntry {
  event: string;
  dedupeKey: string;
  zoomAccountId: string | null;
  zoomUserId: string | null;
}

/**
 * One group of Zoom events handled alike: how to check a body at the door, how to key it so a
 * redelivery is recognised, and what the job does with it later. Features add a family to
 * `webhook-families.ts` instead of editing the route or the processor.
 */
export interface WebhookFamily<T = unknown> {
  events: readonly string[];
  schema: z.ZodType<T>;
  /**
   * The card that must be connected for the event to be processed; null when the handler
   * decides for itself (app_deauthorized must reach users whatever their cards say).
   */
  product: 'phone' | 'meetings' | null;
  entry(event: T): Omit<InboxEntry, 'event'>;
  /** Does the work; returns a short outcome recorded on the inbox row. Must be idempotent. */
  handle(context: AppContext, event: T, connection: ZoomConnection | undefined): Promise<string>;
}

/** Helps TypeScript keep each family's event type through the registry's array. */
export const defineFamily = <T>(family: WebhookFamily<T>): WebhookFamily => family as WebhookFamily;
