import { expectZoomOk, sendZoomRequest, type ZoomHttpSettings } from './zoom-http.js';

export type CallCommand = 'end';

/**
 * Asks Zoom to act on a live call of the token's user; today only "end" (hang up).
 *
 * Zoom's published Phone API (shared/zoom/openapi/phone-api.json, July 2026; API.md §5.8)
 * has no call-control endpoint, and the `phone:write:user_call_command` scope 1Thing's notes
 * name is in no Zoom scope list. So the path is configuration (ZOOM_CALL_COMMAND_PATH, with
 * `{callId}` for Zoom's call id) and every caller must treat a 400/403/404 as "Zoom will not
 * do this" rather than as our bug (DESIGN.md §6). The body is ours too: `{ "command": "end" }`.
 * Success is any 2xx; the call's own `*_ended` webhook is what says the call is over.
 */
export async function sendCallCommand(
  settings: ZoomHttpSettings,
  accessToken: string,
  request: { pathTemplate: string; zoomCallId: string; command: CallCommand },
): Promise<void> {
  const path = request.pathTemplate.replaceAll('{callId}', encodeURIComponent(request.zoomCallId));
  const response = await sendZoomRequest({
    operation: 'phone.call_command',
    method: 'POST',
    url: `${settings.apiUrl}${path}`,
    accessToken,
    json: { command: request.command },
    timeoutMs: settings.timeoutMs,
  });

  await expectZoomOk('phone.call_command', response);
}
