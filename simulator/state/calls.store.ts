// Every call acted out through /sim/calls, by call id, so an event can be sent again later.
import type { SimCall } from '../calls/call.types.js';

export class CallStore {
  private readonly byId = new Map<string, SimCall>();

  add(call: SimCall): void {
    this.byId.set(call.callId, call);
  }

  find(callId: string): SimCall | undefined {
    return this.byId.get(callId);
  }

  has(callId: string): boolean {
    return this.byId.has(callId);
  }

  list(): SimCall[] {
    return [...this.byId.values()];
  }
}
