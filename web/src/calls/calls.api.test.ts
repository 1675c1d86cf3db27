import { describe, expect, it } from 'vitest';
import { buildUrl } from '../api/api-client.js';
import { callQuery } from './calls.api.js';

describe('callQuery', () => {
  it('asks for one contact’s calls', () => {
    expect(buildUrl('/api/calls', callQuery({ contactId: 'c1' }))).toBe('/api/calls?contactId=c1');
  });

  it('sends unmatched=1 only when the filter is on', () => {
    expect(callQuery({ unmatched: true }).unmatched).toBe('1');
    expect(callQuery({ unmatched: false }).unmatched).toBeUndefined();
  });

  it('carries the filters and the cursor together for "Load more"', () => {
    const query = callQuery({ direction: 'inbound', result: 'missed' }, 'cur_2');

    expect(buildUrl('/api/calls', query)).toBe(
      '/api/calls?direction=inbound&result=missed&cursor=cur_2',
    );
  });
});
