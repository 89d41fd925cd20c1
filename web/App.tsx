import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { useLocation } from './router.tsx';
import { DeviceScreen } from './device/DeviceScreen.tsx';
import { TicketLink } from './ticket/TicketLink.tsx';
import { StaffApp } from './staff/StaffApp.tsx';
import { SessionProvider } from './session.tsx';

/** Top-level surfaces: the staff app under /app, device screens, and the client's ticket link. */
export function App() {
  const { path } = useLocation();
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = t('app.name');
  }, [t, i18n.language]);
  if (path === '/kiosk' || path.startsWith('/kiosk/')) return <DeviceScreen kind="kiosk" />;
  if (path === '/display' || path.startsWith('/display/')) return <DeviceScreen kind="display" />;
  if (path.startsWith('/t/')) return <TicketLink />;
  return (
    <SessionProvider probe>
      <StaffApp />
    </SessionProvider>
  );
}
