import { ZoomError } from './zoom-error.js';

/**
 * A download Zoom answered with something that is not audio, usually a 200 HTML sign-in page
 * (field report 8: after an unannounced change, downloads came back as "please sign in"
 * instead of the file). The body is never read on. It is `forbidden` to every generic caller;
 * the download paths first try once more with fresh credentials (see fresh-credentials.ts).
 */
export class NotAudioError extends ZoomError {
  constructor(operation: string, status: number, contentType: string) {
    super(
      operation,
      status,
      { zoomMessage: `download answered with ${describe(contentType)} instead of audio` },
      { outcome: 'forbidden' },
    );
    this.name = 'NotAudioError';
  }
}

function describe(contentType: string): string {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';

  if (type === 'text/html') return 'an HTML page (Zoom’s sign-in page)';

  return type ? `a ${type.slice(0, 60)} body` : 'a body of no stated type';
}
