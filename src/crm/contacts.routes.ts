import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import { parseInput } from '../http/validation.js';
import {
  createContact,
  deleteContact,
  getContact,
  listContacts,
  updateContact,
  type ContactInput,
} from './contacts.repo.js';
import { normalisePhone } from './phone-number.js';
import { callIdsLinkedTo, linkUnmatchedCalls, rematchCalls } from './call-relinking.js';

const numbersOf = (input: ContactInput) => input.phones.map((phone) => phone.normalised.e164);

const contactSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: z
    .union([z.literal(''), z.email().max(320)])
    .nullish()
    .transform((value) => value || null),
  phones: z
    .array(
      z.object({
        label: z.string().trim().max(40).default('mobile'),
        number: z.string().trim().min(1).max(60),
      }),
    )
    .max(20)
    .default([]),
});

const idParams = z.object({ id: z.string().min(1).max(64) });

export async function contactRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  function toInput(body: unknown, region: string): ContactInput {
    const input = parseInput(contactSchema, body);

    return {
      name: input.name,
      email: input.email,
      phones: input.phones.map((phone) => {
        const normalised = normalisePhone(phone.number, region);

        if (!normalised) {
          throw new AppError(
            'INVALID_PHONE_NUMBER',
            `“${phone.number}” is not a phone number we can dial.`,
          );
        }

        return { label: phone.label || 'mobile', raw: phone.number, normalised };
      }),
    };
  }

  async function load(ownerId: string, id: string) {
    const contact = await getContact(context.db, ownerId, id);

    if (!contact) throw new AppError('NOT_FOUND', 'Contact not found.');

    return { contact };
  }

  app.get('/api/contacts', async (request) => {
    const user = requireUser(request);
    const { q } = parseInput(z.object({ q: z.string().max(200).optional() }), request.query);

    return { contacts: await listContacts(context.db, user.id, q) };
  });

  app.post('/api/contacts', async (request, reply) => {
    const user = requireUser(request);
    const input = toInput(request.body, user.defaultRegion);
    const id = await createContact(context.db, user.id, input, context.clock.now());

    await linkUnmatchedCalls(context.db, user.id, numbersOf(input));

    return reply.code(201).send(await load(user.id, id));
  });

  app.get('/api/contacts/:id', async (request) => {
    const user = requireUser(request);

    return load(user.id, parseInput(idParams, request.params).id);
  });

  app.patch('/api/contacts/:id', async (request) => {
    const user = requireUser(request);
    const { id } = parseInput(idParams, request.params);
    const input = toInput(request.body, user.defaultRegion);

    if (!(await updateContact(context.db, user.id, id, input, context.clock.now()))) {
      throw new AppError('NOT_FOUND', 'Contact not found.');
    }

    await linkUnmatchedCalls(context.db, user.id, numbersOf(input));

    return load(user.id, id);
  });

  app.delete('/api/contacts/:id', async (request, reply) => {
    const user = requireUser(request);
    const { id } = parseInput(idParams, request.params);
    const linkedCalls = await callIdsLinkedTo(context.db, user.id, id);

    if (!(await deleteContact(context.db, user.id, id))) {
      throw new AppError('NOT_FOUND', 'Contact not found.');
    }

    // The calls stay (they happened); they just no longer point at this contact.
    await rematchCalls(context.db, user.id, linkedCalls);

    return reply.code(204).send();
  });
}
