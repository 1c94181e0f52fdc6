import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { homePathFor, SessionProvider, useSession } from '../auth/session';
import LandingPage from './LandingPage';
import { Loading } from './Loading';

// Each area is its own chunk: a resident's phone never downloads the console.
const ConsoleApp = lazy(() => import('../console/ConsoleApp'));
const MobileApp = lazy(() => import('../mobile/MobileApp'));
const ResidentApp = lazy(() => import('../resident/ResidentApp'));
const LoginPage = lazy(() => import('./LoginPage'));
const ChangePasswordPage = lazy(() => import('./ChangePasswordPage'));

function Home() {
  const { user, isLoading } = useSession();
  if (isLoading) return <Loading />;
  return user ? <Navigate to={homePathFor(user)} replace /> : <LandingPage />;
}

function NotFound() {
  const { t } = useTranslation();
  return <div style={{ padding: 48, textAlign: 'center', fontSize: 18 }}>{t('common.notFound')}</div>;
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/password" element={<ChangePasswordPage />} />
            <Route path="/console/*" element={<ConsoleApp />} />
            <Route path="/m/*" element={<MobileApp />} />
            <Route path="/r/*" element={<ResidentApp />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </SessionProvider>
    </BrowserRouter>
  );
}
