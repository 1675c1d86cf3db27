import { describe, expect, it } from 'vitest';
import { actionLabel, cardActions, stateText } from './card-state.js';

describe('Zoom card states', () => {
  it('tells the agent when the Zoom account has no Phone licence', () => {
    expect(stateText('not_licensed', 'phone')).toBe('This Zoom account has no Zoom Phone licence');
  });

  it('explains a connection Zoom no longer accepts, and offers to reconnect', () => {
    expect(stateText('needs_reconnect', 'phone')).toBe(
      "Reconnect needed — Zoom no longer accepts 1Thing's access",
    );
    expect(cardActions('needs_reconnect')).toEqual(['reconnect', 'disconnect']);
  });

  it('says when the app was removed in Zoom and offers a fresh connect', () => {
    expect(stateText('removed_in_zoom', 'meetings')).toBe('Removed in Zoom');
    expect(cardActions('removed_in_zoom')).toEqual(['connect']);
  });

  it('offers only Disconnect on a connected card, only Connect on an unconnected one', () => {
    expect(cardActions('connected')).toEqual(['disconnect']);
    expect(cardActions('not_connected')).toEqual(['connect']);
  });

  it('names buttons by action and product', () => {
    expect(actionLabel('connect', 'phone')).toBe('Connect Zoom Phone');
    expect(actionLabel('disconnect', 'phone')).toBe('Disconnect Zoom Phone');
    expect(actionLabel('connect', 'meetings')).toBe('Connect Zoom Meetings');
    expect(actionLabel('disconnect', 'meetings')).toBe('Disconnect Zoom Meetings');
    expect(actionLabel('reconnect', 'meetings')).toBe('Reconnect Zoom Meetings');
  });
});
