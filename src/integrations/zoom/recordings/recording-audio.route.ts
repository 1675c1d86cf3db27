import { pipeline } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import { requireUser } from '../../../http/auth.js';
import { AppError } from '../../../http/errors.js';
import { parseInput } from '../../../http/validation.js';
import { NotAudioError } from '../../../zoom/not-audio.error.js';
import {
  openRecordingStream,
  playbackType,
  type RecordingUpstream,
} from '../../../zoom/recording-download.js';
import { ZoomError } from '../../../zoom/zoom-error.js';
import { findConnectionByUser } from '../connections.repo.js';
import { contentRange, parseRange, rangeTotal } from './byte-range.js';
import { downloadWithFreshRetry } from './fresh-credentials.js';
import {
  findPhoneRecording,
  listPhoneRecordings,
  logRecordingPlay,
  markRecordingStatus,
} from './phone-recordings.repo.js';
import { markDeletedInZoom } from './recording-deleted.js';
import { rangeSlice } from './range-slice.js';

const params = z.object({ id: z.string().min(1).max(64) });

/**
 * GET /api/recordings/{id}/audio: plays a phone recording straight from Zoom with the owner's
 * token, answering like a file server (200, 206, 416 with Accept-Ranges; field report 20) so
 * every browser can seek. Bytes pass through and are never stored; Node's stream piping holds
 * the upstream back while a slow client drains, and a client that leaves aborts the upstream.
 */
export async function recordingAudioRoutes(app: FastifyInstance, context: AppContext) {
  // The agent's recordings by call, so call rows can show a player (no audio, no Zoom call).
  app.get('/api/recordings', async (request) => {
    const user = requireUser(request);

    return { recordings: await listPhoneRecordings(context.db, user.id) };
  });

  app.get('/api/recordings/:id/audio', async (request, reply) => {
    const user = requireUser(request);
    const { id } = parseInput(params, request.params);
    // Someone else's id answers exactly like a missing one, so ids cannot be probed.
    const recording = await findPhoneRecording(context.db, user.id, id);

    if (!recording) throw new AppError('NOT_FOUND');

    // Zoom deleted it (its retention): nothing to fetch, and Zoom is not asked again.
    if (recording.status === 'deleted_in_zoom') throw new AppError('RECORDING_DELETED_IN_ZOOM');

    const connection = await findConnectionByUser(context.db, user.id);

    if (!connection || connection.phone_state !== 'connected') {
      throw new AppError('ZOOM_NOT_CONNECTED');
    }

    const range = request.headers.range;
    const play = (outcome: string) =>
      logRecordingPlay(
        context.db,
        { userId: user.id, recordingId: id, range: range ?? null, outcome },
        context.clock.now(),
      );
    const upstreamGone = new AbortController();

    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) upstreamGone.abort();
    });

    let upstream: RecordingUpstream;

    try {
      upstream = await downloadWithFreshRetry(context, connection.id, (token) =>
        openRecordingStream(context.zoom, token, {
          fileId: recording.download_file_id,
          range,
          signal: upstreamGone.signal,
        }),
      );
    } catch (error) {
      await play('failed');
      throw await failure(context, user.id, id, error);
    }

    const answer = answerFor(upstream, range);

    await play(String(answer.status));
    context.logger.info(
      { userId: user.id, recordingId: id, status: answer.status },
      'phone recording played',
    );

    return send(reply, upstream, answer, upstreamGone);
  });
}

interface Answer {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  /** Set when Zoom sent the whole file and we cut the asked range out of it ourselves. */
  slice?: { start: number; end: number };
}

function answerFor(upstream: RecordingUpstream, range: string | undefined): Answer {
  const type = playbackType(upstream.header('content-type'));
  const base = { 'accept-ranges': 'bytes', 'cache-control': 'private, no-store' };

  if (upstream.status === 416) {
    const total = rangeTotal(upstream.header('content-range'));

    return {
      status: 416,
      headers: { ...base, ...(total !== null && { 'content-range': `bytes */${total}` }) },
    };
  }

  if (upstream.status === 206) {
    return {
      status: 206,
      headers: {
        ...base,
        'content-type': type,
        'content-range': upstream.header('content-range') ?? '',
        ...lengthOf(upstream),
      },
    };
  }

  const total = Number(upstream.header('content-length') ?? NaN);

  if (!Number.isFinite(total)) {
    return { status: 200, headers: { ...base, 'content-type': type } };
  }

  const asked = parseRange(range, total);

  if (asked.kind === 'unsatisfiable') {
    return { status: 416, headers: { ...base, 'content-range': `bytes */${total}` } };
  }

  if (asked.kind === 'whole') {
    return {
      status: 200,
      headers: { ...base, 'content-type': type, 'content-length': `${total}` },
    };
  }

  return {
    status: 206,
    headers: {
      ...base,
      'content-type': type,
      'content-range': contentRange(asked.start, asked.end, total),
      'content-length': String(asked.end - asked.start + 1),
    },
    slice: { start: asked.start, end: asked.end },
  };
}

function lengthOf(upstream: RecordingUpstream): Record<string, string> {
  const length = upstream.header('content-length');

  return length ? { 'content-length': length } : {};
}

function send(
  reply: FastifyReply,
  upstream: RecordingUpstream,
  answer: Answer,
  gone: AbortController,
) {
  reply.code(answer.status).headers(answer.headers);

  if (answer.status === 416) {
    upstream.body.destroy();

    return reply.send();
  }

  const body = upstream.body;

  if (!answer.slice) return reply.send(body);

  const slice = rangeSlice(answer.slice.start, answer.slice.end);

  // Once the range is out, the rest of Zoom's file is not wanted: close the upstream.
  slice.once('end', () => gone.abort());
  pipeline(body, slice, () => undefined);

  return reply.send(slice);
}

async function failure(context: AppContext, userId: string, id: string, error: unknown) {
  if (!(error instanceof ZoomError)) return error;

  if (error.outcome === 'reconnect') return new AppError('ZOOM_RECONNECT_NEEDED');

  if (error.outcome === 'forbidden') {
    // Field report 8: Zoom sent a sign-in page (twice: the second try had fresh credentials)
    // or refused; nothing of it reaches the browser.
    const notAudio = error instanceof NotAudioError;

    await markRecordingStatus(context.db, userId, id, 'download_failed_auth', context.clock.now());
    context.logger.warn({ userId, recordingId: id, notAudio }, 'phone recording download refused');

    return new AppError(
      'RECORDING_UNAVAILABLE',
      notAudio
        ? 'Zoom answered with a sign-in page instead of the recording, also after fresh ' +
            'credentials. Reconnect Zoom or try again later.'
        : undefined,
    );
  }

  if (error.outcome === 'not_found') {
    // The row is ours, so a 404 from Zoom means the file went there (its retention, or someone
    // deleted it without the event reaching us): the reference follows.
    await markDeletedInZoom(context.db, { ownerId: userId, id }, context.clock.now());
    context.logger.info({ userId, recordingId: id }, 'phone recording gone at zoom');

    return new AppError('RECORDING_DELETED_IN_ZOOM');
  }

  return new AppError('ZOOM_UNAVAILABLE');
}
