// The live view of one call, as GET /api/events (`call` events and the `snapshot`) and the
// live-call routes send it; see src/integrations/zoom/live-calls/live-call.view.ts.
import type { Call } from '../api/api.types.js';

export type LivePhase = 'ringing' | 'dialing' | 'connected' | 'ending' | 'refused' | 'ended';

export interface LiveCallView {
  call: Call;
  phase: LivePhase;
  line: 'personal' | 'shared';
  /** An inbound call ringing on the agent's own line, recently enough to answer. */
  screenPop: boolean;
  canEnd: boolean;
  callBack: 'open' | null;
}
