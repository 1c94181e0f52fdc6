import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { navigationLinks } from './navigation';

// Leaflet is only downloaded when a page shows a map.
const GridMap = lazy(() => import('./GridMap'));

/**
 * A place on a phone page: a small map around it (on the offline base map) and links that open
 * navigation in the phone's maps app, AMap or Baidu Maps, instead of raw coordinates.
 */
export function PlaceMap({ lat, lng, name, height = 180 }: { lat: number; lng: number; name: string; height?: number }) {
  const { t } = useTranslation();
  const links = navigationLinks(lat, lng, name);
  return (
    <div data-testid="place-map">
      <Suspense fallback={<div style={{ height }} />}>
        <GridMap height={height} markers={[{ id: 'place', lat, lng, colour: '#1677ff', title: name }]} maxFitZoom={15} cluster={false} />
      </Suspense>
      <div style={{ marginTop: 6, display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }} data-testid="navigation-links">
        <span>{t('mobile.case.navigate')}</span>
        <a href={links.geo}>{t('mobile.case.geoApp')}</a>
        <a href={links.amap} target="_blank" rel="noreferrer">
          {t('mobile.case.amap')}
        </a>
        <a href={links.baidu} target="_blank" rel="noreferrer">
          {t('mobile.case.baidu')}
        </a>
      </div>
    </div>
  );
}
