import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** A webhook URL we refuse to call, with the reason in both languages. */
export class UnsafeUrlError extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(en);
    this.name = 'UnsafeUrlError';
  }
}

/** Loopback, private (RFC 1918 / ULA), link-local, CGNAT and unspecified addresses. */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 6) {
    const a = address.toLowerCase();
    if (a.startsWith('::ffff:')) return isPrivateAddress(a.slice(7));
    return a === '::1' || a === '::' || a.startsWith('fc') || a.startsWith('fd') || a.startsWith('fe8') || a.startsWith('fe9') || a.startsWith('fea') || a.startsWith('feb');
  }
  const [a = 0, b = 0] = address.split('.').map(Number);
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

/** Checks the form of a webhook URL: http(s) only, no credentials in it. */
export function checkWebhookUrlForm(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError('不是有效的网址', 'is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UnsafeUrlError('只支持 http 或 https 网址', 'must be an http or https URL');
  if (url.username || url.password) throw new UnsafeUrlError('网址中不能包含用户名或密码', 'must not carry a user name or password');
  return url;
}

/**
 * Refuses URLs whose host is (or resolves to) a private address unless `allowPrivate`: a webhook
 * must not become a way to reach the county's internal network. Checked when a subscription is
 * saved and again before every attempt (DNS may change in between).
 */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  const url = checkWebhookUrlForm(raw);
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((r) => r.address);
  } catch {
    throw new UnsafeUrlError(`无法解析主机名 ${host}`, `host ${host} does not resolve`);
  }
  if (addresses.some(isPrivateAddress)) throw new UnsafeUrlError('不允许指向内网或本机地址', 'must not point at a private or loopback address');
  return url;
}
