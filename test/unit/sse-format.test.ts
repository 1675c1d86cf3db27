import { describe, expect, it } from 'vitest';
import { formatEvent, parseLastEventId, retryField } from '../../src/realtime/sse-format.js';

describe('the text/event-stream format', () => {
  it('writes id, event and data fields, ended by a blank line', () => {
    expect(formatEvent({ id: 7, type: 'call', data: '{"a":1}' })).toBe(
      'id: 7\nevent: call\ndata: {"a":1}\n\n',
    );
  });

  it('gives each payload line its own data field, so a newline cannot end the event early', () => {
    expect(formatEvent({ data: 'one\ntwo\r\nthree' })).toBe(
      'data: one\ndata: two\ndata: three\n\n',
    );
  });

  it('cannot be made to forge a field through the event name', () => {
    expect(formatEvent({ type: 'call\nid: 99', data: 'x' })).toBe('event: callid: 99\ndata: x\n\n');
  });

  it('tells EventSource how long to wait before reconnecting', () => {
    expect(retryField(2000)).toBe('retry: 2000\n\n');
  });

  it.each([
    ['42', 42],
    [' 42 ', 42],
    [undefined, null],
    ['', null],
    ['-1', null],
    ['1e3', null],
    ['9'.repeat(16), null],
  ])('reads Last-Event-ID %o as %o', (header, id) => {
    expect(parseLastEventId(header)).toBe(id);
  });
});
