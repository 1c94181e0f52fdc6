import { gcj02ToBd09, wgs84ToGcj02 } from './gcj02';

export interface NavigationLinks {
  /** RFC 5870 geo: URI (WGS-84): the phone's own maps app. */
  geo: string;
  /** AMap (高德) route to the place, GCJ-02. */
  amap: string;
  /** Baidu Maps marker at the place, BD-09. */
  baidu: string;
}

const fixed = (n: number) => n.toFixed(6);

/** Links that open a navigation app at a WGS-84 point, each in the coordinate system it expects. */
export function navigationLinks(lat: number, lng: number, name: string): NavigationLinks {
  const [gLat, gLng] = wgs84ToGcj02(lat, lng);
  const [bLat, bLng] = gcj02ToBd09(gLat, gLng);
  const label = encodeURIComponent(name);
  return {
    geo: `geo:${fixed(lat)},${fixed(lng)}?q=${fixed(lat)},${fixed(lng)}(${label})`,
    amap: `https://uri.amap.com/navigation?to=${fixed(gLng)},${fixed(gLat)},${label}&mode=car&coordinate=gaode&callnative=1`,
    baidu: `https://api.map.baidu.com/marker?location=${fixed(bLat)},${fixed(bLng)}&title=${label}&content=${label}&coord_type=bd09ll&output=html&src=webapp.wangge`,
  };
}
