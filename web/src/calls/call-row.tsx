import type { Call } from '../api/api.types.js';
import { formatDateTime } from '../format/date-time.js';
import { formatTalkTime } from '../format/talk-time.js';
import { CallParties } from './call-parties.js';
import { RecordingPlayer } from '../voicemail/recording-player.js';
import { CallButton } from '../live/call-button.js';
import { callBackNumber } from '../live/dial-target.js';
import { directionIcon, directionText, numberText, resultText } from './call-labels.js';

interface CallRowProps {
  call: Call;
  /** The cross-book list names the contacts; a contact's own history does not need to. */
  showContacts: boolean;
}

export function CallRow({ call, showContacts }: CallRowProps) {
  const result = resultText(call);

  return (
    <li className="call-row" data-testid="call-row">
      <span className={`call-direction ${call.direction}`}>
        <span className="call-icon" aria-hidden="true">
          {directionIcon(call.direction)}
        </span>{' '}
        {directionText(call.direction)}
      </span>
      <span className={`call-result result-${result.toLowerCase().replace(' ', '-')}`}>
        {result}
      </span>
      <span className="call-number">
        {numberText(call)}
        {call.externalName && <span className="subtle"> · {call.externalName}</span>}
        <CallButton
          number={callBackNumber(call)}
          display={numberText(call)}
          contactId={call.contacts.length === 1 ? call.contacts[0]?.id : null}
        />
      </span>
      {showContacts && <CallParties call={call} />}
      <time className="call-time" dateTime={call.startedAt}>
        {formatDateTime(call.startedAt)}
      </time>
      <span className="call-talk" title="Talk time">
        <span className="visually-hidden">Talk time </span>
        {formatTalkTime(call.talkSeconds)}
      </span>
      <RecordingPlayer zoomCallId={call.zoomCallId} />
    </li>
  );
}
