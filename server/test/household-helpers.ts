import { expect } from 'vitest';
import type { TestApp } from './test-app.js';
import { idNumberCheckChar } from '../src/modules/households/id-number.js';

/** A valid ID number (GB 11643 check character computed) from 17 digits. */
export const validId = (first17: string) => first17 + idNumberCheckChar(first17);

/** The same number with a wrong check character. */
export function wrongChecksum(first17: string): string {
  const right = idNumberCheckChar(first17);
  return first17 + (right === '1' ? '2' : '1');
}

export function gridCodeOf(t: TestApp, name: string): string {
  const grid = t.ctx.grids.current.grids.find((g) => g.name === name);
  if (!grid) throw new Error(`no grid ${name}`);
  return grid.code;
}

/** A basic grid of the village community2 looks after (out of scope for `community`). */
export function otherVillageGridCode(t: TestApp): string {
  const jiangzhuang = t.ctx.grids.current.grids.find((g) => g.name === '江庄村第一网格')!;
  const town = jiangzhuang.ancestors.find((a) => a.level === 'town')!;
  const grid = t.ctx.grids.current.grids.find((g) => g.gridKind === 'basic' && !g.ancestors.some((a) => a.id === town.id));
  return grid!.code;
}

/** Characters → GB18030 bytes, built by decoding every two-byte code once (Node has no GB encoder). */
let gbTable: Map<string, Buffer> | null = null;
export function encodeGb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = decoder.decode(Buffer.from([hi, lo]));
        if (ch.length === 1 && !gbTable.has(ch)) gbTable.set(ch, Buffer.from([hi, lo]));
      }
    }
  }
  return Buffer.concat(
    [...text].map((ch) => {
      if (ch.charCodeAt(0) < 0x80) return Buffer.from(ch, 'latin1');
      const bytes = gbTable!.get(ch);
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${ch}`);
      return bytes;
    }),
  );
}

export function csv(rows: string[][], bom = true): Buffer {
  return Buffer.from((bom ? '\uFEFF' : '') + rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** POSTs a file as multipart/form-data, field `file`. */
export async function uploadFile(t: TestApp, as: string, bytes: Buffer, fileName = 'households.csv') {
  const token = await t.login(as);
  const boundary = '----households' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: '/api/v1/household-imports', payload, headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

/** Upload → validate with the proposed mapping → (apply when valid). */
export async function importFile(t: TestApp, as: string, bytes: Buffer, options: { fileName?: string; apply?: boolean } = {}) {
  const uploaded = await uploadFile(t, as, bytes, options.fileName);
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  const upload = uploaded.json();
  const validated = await t.request('POST', `/api/v1/household-imports/${upload.id}/validate`, { as, body: { mapping: upload.mapping } });
  expect(validated.statusCode, validated.body).toBe(200);
  const report = validated.json();
  if (options.apply === false || report.status !== 'valid') return { upload, report, applied: null };
  const applied = await t.request('POST', `/api/v1/household-imports/${upload.id}/apply`, { as });
  expect(applied.statusCode, applied.body).toBe(200);
  return { upload, report, applied: applied.json() };
}

export const header = ['网格编码', '地址', '楼栋', '单元', '房号', '姓名', '电话', '身份证号', '与户主关系', '标签'];
