// What every route of the simulator works with: the in-memory state, the current options
// (they change under configure()), and the webhook sender.
import type { ResolvedOptions } from './options.js';
import type { SimulatorState } from './state/simulator.state.js';
import type { WebhookDispatcher } from './webhooks/webhook.dispatcher.js';

export interface SimulatorContext {
  state: SimulatorState;
  settings: () => ResolvedOptions;
  dispatcher: WebhookDispatcher;
}
