import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import { parseInput } from '../http/validation.js';
import {
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  updateActivity,
  type ActivityInput,
  type ActivityRow,
} from './activities.repo.js';
import { getContact } from './contacts.repo.js';

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });

    return true;
  } catch {
    return false;
  }
};

// `startsAt` is an instant (ISO 8601 with Z or an offset); `timeZone` is the IANA zone the
// agent planned it in, kept so the activity reads in that zone wherever it is opened.
const activitySchema = z.object({
  kind: z.enum(['showing', 'consultation', 'call', 'meeting', 'task', 'note']),
  title: z.string().trim().min(1).max(200),
  notes: z.string().max(10_000).nullish(),
  contactId: z.string().min(1).max(64).nullish(),
  startsAt: z.iso.datetime({ offset: true }).nullish(),
  timeZone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone').nullish(),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .nullish(),
});

const idParams = z.object({ id: z.string().min(1).max(64) });

function present(row: ActivityRow) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    notes: row.notes,
    contactId: row.contact_id,
    startsAt: row.starts_at == null ? null : new Date(row.starts_at).toISOString(),
    timeZone: row.time_zone,
    durationMinutes: row.duration_minutes,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function activityRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  async function toInput(ownerId: string, body: unknown): Promise<ActivityInput> {
    const input = parseInput(activitySchema, body);

    // Linking to someone else's contact id must look exactly like linking to none that exists.
    if (input.contactId && !(await getContact(context.db, ownerId, input.contactId))) {
      throw new AppError('VALIDATION_FAILED', 'contactId: no such contact');
    }

    return {
      kind: input.kind,
      title: input.title,
      notes: input.notes ?? null,
      contactId: input.contactId ?? null,
      startsAt: input.startsAt ? Date.parse(input.startsAt) : null,
      timeZone: input.timeZone ?? null,
      durationMinutes: input.durationMinutes ?? null,
    };
  }

  async function load(ownerId: string, id: string) {
    const row = await getActivity(context.db, ownerId, id);

    if (!row) throw new AppError('NOT_FOUND', 'Activity not found.');

    return { activity: present(row) };
  }

  app.get('/api/activities', async (request) => {
    const user = requireUser(request);
    const { contactId } = parseInput(
      z.object({ contactId: z.string().max(64).optional() }),
      request.query,
    );
    const rows = await listActivities(context.db, user.id, contactId);

    return { activities: rows.map(present) };
  });

  app.post('/api/activities', async (request, reply) => {
    const user = requireUser(request);
    const input = await toInput(user.id, request.body);
    const id = await createActivity(context.db, user.id, input, context.clock.now());

    return reply.code(201).send(await load(user.id, id));
  });

  app.get('/api/activities/:id', async (request) => {
    const user = requireUser(request);

    return load(user.id, parseInput(idParams, request.params).id);
  });

  app.patch('/api/activities/:id', async (request) => {
    const user = requireUser(request);
    const { id } = parseInput(idParams, request.params);
    const input = await toInput(user.id, request.body);

    if (!(await updateActivity(context.db, user.id, id, input, context.clock.now()))) {
      throw new AppError('NOT_FOUND', 'Activity not found.');
    }

    return load(user.id, id);
  });

  app.delete('/api/activities/:id', async (request, reply) => {
    const user = requireUser(request);

    if (!(await deleteActivity(context.db, user.id, parseInput(idParams, request.params).id))) {
      throw new AppError('NOT_FOUND', 'Activity not found.');
    }

    return reply.code(204).send();
  });
}
