// The simulator's whole in-memory world. `now` is the one clock every store reads, so a test
// that replaces it moves code, token and cursor expiry together.
import { CallHistoryStore } from './call-history.store.js';
import { CallStore } from './calls.store.js';
import { FaultStore } from './faults.store.js';
import { type DeliveryRecord, RecordLog, type RequestRecord } from './logs.store.js';
import { OAuthStore } from './oauth.store.js';
import { TrafficShaper } from './traffic.store.js';
import { UserStore } from './users.store.js';

export class SimulatorState {
  /** Milliseconds since the epoch; replace it to move the simulator's clock. */
  now: () => number;

  readonly users = new UserStore();
  readonly oauth: OAuthStore;
  readonly calls = new CallStore();
  readonly history: CallHistoryStore;
  readonly requests = new RecordLog<RequestRecord>();
  readonly deliveries = new RecordLog<DeliveryRecord>();
  readonly faults = new FaultStore();
  readonly traffic = new TrafficShaper();

  constructor(now: () => number = Date.now) {
    this.now = now;

    const clock = () => this.now();

    this.oauth = new OAuthStore(clock);
    this.history = new CallHistoryStore(clock);
  }
}
