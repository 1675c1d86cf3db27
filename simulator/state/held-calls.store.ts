// Calls the simulator keeps open (POST /sim/calls/held) until the agent or the other party
// hangs up, by call id. Kept beside SimulatorState, one store per simulator instance.
import type { SimCall } from '../calls/call.types.js';
import type { SimulatorState } from './simulator.state.js';

/** The queue or shared line that routed an inbound call (WEBHOOKS.md §3.0 `forwarded_by`). */
export interface Forwarding {
  type: 'callQueue' | 'sharedLineGroup' | 'sharedLines' | 'autoReceptionist';
  name: string;
  extensionNumber: string;
}

export interface HeldCall {
  /** The call so far; its timeline and outcome are filled in as it is answered and ended. */
  call: SimCall;
  state: 'ringing' | 'connected' | 'ended';
  via?: Forwarding;
}

export class HeldCallStore {
  private readonly byId = new Map<string, HeldCall>();

  add(held: HeldCall): void {
    this.byId.set(held.call.callId, held);
  }

  find(callId: string): HeldCall | undefined {
    return this.byId.get(callId);
  }

  open(): HeldCall[] {
    return [...this.byId.values()].filter((held) => held.state !== 'ended');
  }
}

const stores = new WeakMap<SimulatorState, HeldCallStore>();

export function heldCallsOf(state: SimulatorState): HeldCallStore {
  const store = stores.get(state) ?? new HeldCallStore();

  stores.set(state, store);

  return store;
}
