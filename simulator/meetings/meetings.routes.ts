// Everything the simulator does for Zoom Meetings, registered in two calls: the REST API
// under /v2 (behind its bearer check), and the rest at the root: downloads, the control API,
// and the pages behind the meeting links.
import type { FastifyInstance } from 'fastify';

import { registerMeetingApiRoutes } from '../api/meetings.routes.js';
import { registerRecordingDownloadRoutes } from '../api/recording-download.routes.js';
import { registerRecordingApiRoutes } from '../api/recordings.routes.js';
import { registerMeetingPageRoutes } from '../console/meeting.page.js';
import type { SimulatorContext } from '../context.js';
import { registerMeetingControlRoutes } from '../control/meetings.routes.js';

export function registerMeetingsV2(v2: FastifyInstance, ctx: SimulatorContext): void {
  registerMeetingApiRoutes(v2, ctx);
  registerRecordingApiRoutes(v2, ctx);
}

export function registerMeetingsSurface(app: FastifyInstance, ctx: SimulatorContext): void {
  registerRecordingDownloadRoutes(app, ctx);
  registerMeetingControlRoutes(app, ctx);
  registerMeetingPageRoutes(app, ctx);
}
