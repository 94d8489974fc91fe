/**
 * The basemap under the district's layers. Only `local` works with no network; every other choice
 * falls back to it, with a notice, when its style or tiles fail.
 */
export type BasemapChoice =
  | { kind: 'local' }
  /** A MapLibre style URL, or a raster tile URL template with {z}, {x} and {y}; `gcj02`: the user says its tiles are GCJ-02. */
  | { kind: 'url'; url: string; gcj02: boolean }
  /** Tianditu's vector map and its labels (vec_w, cva_w), with the user's key. */
  | { kind: 'tianditu'; key: string }
  /** A PMTiles archive: `source` is a file's name registered with the pmtiles protocol, or an http(s) URL. */
  | { kind: 'pmtiles'; name: string; source: string };

export const LOCAL_BASEMAP: BasemapChoice = { kind: 'local' };

export function sameBasemap(a: BasemapChoice, b: BasemapChoice): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether a URL is a tile template (`…/{z}/{x}/{y}.png`) rather than a style. */
export function isTileTemplate(url: string): boolean {
  return /\{z\}/.test(url) && /\{x\}/.test(url) && /\{y\}/.test(url);
}

/**
 * Map services whose tiles are drawn in China's offset coordinates rather than WGS84: Amap/Gaode
 * (autonavi), Tencent, Google's China tiles and GeoQ use GCJ-02; Baidu uses BD-09 (GCJ-02 offset
 * once more, on a tiling of its own). Data in WGS84 lie a few hundred metres off such tiles.
 */
const GCJ02_HOSTS = ['autonavi.com', 'amap.com', 'gaode.com', 'map.qq.com', 'map.gtimg.com', 'google.cn', 'gtimg.cn', 'geoq.cn'];
const BD09_HOSTS = ['map.baidu.com', 'bdimg.com', 'bdstatic.com', 'api.map.baidu.com'];

export type TileOffset = 'gcj02' | 'bd09';

function hostOf(url: string): string | null {
  try {
    // Templates may hold `{s}` or `{0-7}` in the host: read it as a letter.
    return new URL(url.replace(/\{[^}]*\}/g, 'a')).hostname.toLowerCase();
  } catch {
    return null;
  }
}

const under = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** The offset coordinate system a URL's host is known to serve tiles in, or null. */
export function knownTileOffset(url: string): TileOffset | null {
  const host = hostOf(url);
  if (!host) return null;
  if (BD09_HOSTS.some((d) => under(host, d))) return 'bd09';
  if (GCJ02_HOSTS.some((d) => under(host, d))) return 'gcj02';
  return null;
}

/** Whether a basemap is offset from WGS84 data: a known host, or the user ticked "tiles are GCJ-02". */
export function basemapOffset(choice: BasemapChoice): TileOffset | null {
  if (choice.kind === 'url') return knownTileOffset(choice.url) ?? (choice.gcj02 ? 'gcj02' : null);
  if (choice.kind === 'pmtiles' && /^https?:/.test(choice.source)) return knownTileOffset(choice.source);
  // Tianditu's _w tiles are CGCS2000 in Web Mercator: within a metre of WGS84.
  return null;
}

/** What a basemap is called in messages (the Tianditu key never appears). */
export function basemapName(choice: BasemapChoice): string {
  switch (choice.kind) {
    case 'local':
      return 'local';
    case 'url':
      return choice.url;
    case 'tianditu':
      return '天地图 Tianditu';
    case 'pmtiles':
      return choice.name;
  }
}

/** Takes a Tianditu key (`tk=…`) out of a message, so it is never shown or exported. */
export function withoutKey(message: string): string {
  return message.replace(/([?&]tk=)[^&\s"')]+/gi, '$1…');
}
