import { Button, SpinLoading } from 'antd-mobile';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { GridCollection } from '../../shared/map/GridMap';

// Leaflet is only downloaded when someone opens the map.
const GridMap = lazy(() => import('../../shared/map/GridMap'));

export type PlaceSource = 'device' | 'map' | 'photo';
export interface Place {
  lat: number;
  lng: number;
  source: PlaceSource;
  accuracy?: number;
}

/** Asks the phone where it is (WGS-84, as the server expects). */
export function currentPosition(): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) reject(new Error('unsupported'));
    else navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 });
  });
}

export function geolocationErrorKey(error: unknown): string {
  if (error instanceof Error && error.message === 'unsupported') return 'mobile.location.unsupported';
  return (error as GeolocationPositionError | undefined)?.code === 1 ? 'mobile.location.denied' : 'mobile.location.unavailable';
}

/** The grid a point falls in (public lookup), for a reassuring "属于：江庄村第一网格". */
function useGridName(place: Place | null) {
  const [name, setName] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (!place) return setName(undefined);
    let isCurrent = true;
    setName(undefined);
    void api
      .GET('/api/v1/territories/locate', { params: { query: { lat: String(place.lat), lng: String(place.lng) } } })
      .then(({ data }) => {
        if (!isCurrent) return;
        const village = data?.ancestors.find((a) => a.level === 'village')?.name;
        setName(data ? [village, data.grid.name].filter(Boolean).join(' ') : null);
      })
      .catch(() => isCurrent && setName(null));
    return () => {
      isCurrent = false;
    };
  }, [place]);
  return name;
}

/**
 * Where the problem is: the phone's own position, a tap on the grid map, or a photo's EXIF
 * place offered by the photo field. Shows the village and grid the point falls in, the coordinates small.
 */
export function LocationField({ value, onChange, grids }: { value: Place | null; onChange: (place: Place) => void; grids?: GridCollection | null }) {
  const { t } = useTranslation();
  const [isLocating, setLocating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isMapOpen, setMapOpen] = useState(false);
  const gridName = useGridName(value);

  const locate = async () => {
    setLocating(true);
    setError(null);
    try {
      const position = await currentPosition();
      onChange({ lat: position.coords.latitude, lng: position.coords.longitude, source: 'device', accuracy: Math.round(position.coords.accuracy) });
    } catch (e) {
      setError(t(geolocationErrorKey(e)));
      setMapOpen(true);
    } finally {
      setLocating(false);
    }
  };

  const sourceLabel = value ? t(value.source === 'device' ? 'mobile.location.fromDevice' : value.source === 'map' ? 'mobile.location.fromMap' : 'mobile.location.fromPhoto') : '';
  return (
    <div data-testid="location-field">
      <div style={{ display: 'flex', gap: 8 }}>
        <Button color="primary" fill="outline" style={{ flex: 1 }} loading={isLocating} loadingText={t('mobile.location.locating')} onClick={locate}>
          {t('mobile.location.useDevice')}
        </Button>
        <Button fill="outline" onClick={() => setMapOpen(!isMapOpen)}>
          {isMapOpen ? t('mobile.location.hideMap') : t('mobile.location.pickOnMap')}
        </Button>
      </div>
      {error && <p className="wg-error">{error}</p>}
      {value && (
        <div style={{ marginTop: 8 }} data-testid="location-chosen">
          {/* The place by name (village and grid); the coordinates only small, for whoever needs them. */}
          <div>
            {t('mobile.location.chosen')}（{sourceLabel}）：
            {gridName === undefined ? <SpinLoading style={{ '--size': '16px', display: 'inline-block', verticalAlign: 'middle' }} /> : gridName ? <strong data-testid="location-name">{gridName}</strong> : null}
          </div>
          {gridName === null && <div className="wg-hint">{t('mobile.location.outside')}</div>}
          <div className="wg-hint" style={{ fontSize: 12 }} data-testid="location-coordinates">
            {value.lat.toFixed(5)}, {value.lng.toFixed(5)}
            {value.accuracy ? `，${t('mobile.location.accuracy', { m: value.accuracy })}` : ''}
          </div>
        </div>
      )}
      {isMapOpen && (
        <div className="wg-map-box">
          <p className="wg-hint">{t('mobile.location.mapHint')}</p>
          <Suspense fallback={<SpinLoading />}>
            <GridMap
              height={260}
              grids={grids ?? null}
              fitBounds={!!grids}
              picked={value ? { lat: value.lat, lng: value.lng } : null}
              markers={[]}
              onPick={(point) => onChange({ lat: point.lat, lng: point.lng, source: 'map' })}
            />
          </Suspense>
        </div>
      )}
    </div>
  );
}
