import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../device/centreEvents.ts';

export interface Message {
  kind: 'ok' | 'error';
  text: string;
}

/** Outcomes of actions and server messages (e.g. counter_busy): always-present live regions. */
export function Messages({ message }: { message: Message | null }) {
  return (
    <>
      <div role="status" aria-live="polite" className="floor-messages" data-testid="floor-status">
        {message?.kind === 'ok' && <p className="notice">{message.text}</p>}
      </div>
      <div role="alert" aria-live="assertive" className="floor-messages" data-testid="floor-alert">
        {message?.kind === 'error' && <p className="error-summary">{message.text}</p>}
      </div>
    </>
  );
}

/** A discreet "live" or "reconnecting…" mark. */
export function LiveStatus({ state }: { state: ConnectionState }) {
  const { t } = useTranslation('floor');
  return (
    <p className={`live-status ${state}`} data-testid="live-status">
      {state === 'reconnecting' ? t('live.reconnecting') : state === 'live' ? t('live.live') : ''}
    </p>
  );
}
