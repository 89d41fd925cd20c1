import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { useLocation } from './router.tsx';
import { DeviceScreen } from './device/DeviceScreen.tsx';
import { StaffApp } from './staff/StaffApp.tsx';
import { SessionProvider } from './session.tsx';

/** Top-level surfaces: the staff app under /app and the device screens. (The phone ticket page /t/… is rendered by the server.) */
export function App() {
  const { path } = useLocation();
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = t('app.name');
  }, [t, i18n.language]);
  if (path === '/kiosk' || path.startsWith('/kiosk/')) return <DeviceScreen kind="kiosk" />;
  if (path === '/display' || path.startsWith('/display/')) return <DeviceScreen kind="display" />;
  return (
    <SessionProvider probe>
      <StaffApp />
    </SessionProvider>
  );
}
