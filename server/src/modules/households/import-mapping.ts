import { AppError, type FieldError } from '../../platform/errors.js';

/** The fields a household file can carry, one member per row. */
export const importFields = ['grid', 'address', 'building', 'unit', 'room', 'name', 'phone', 'idNumber', 'relation', 'tags', 'lat', 'lng'] as const;
export type ImportField = (typeof importFields)[number];
export const requiredImportFields: readonly ImportField[] = ['grid', 'address', 'name'];

/** Field → column index in the header row (0-based), or null when the file has no such column. */
export type ImportMapping = Record<ImportField, number | null>;

export const importFieldLabels: Record<ImportField, { zh: string; en: string }> = {
  grid: { zh: '网格编码', en: 'Grid code' },
  address: { zh: '地址', en: 'Address' },
  building: { zh: '楼栋', en: 'Building' },
  unit: { zh: '单元', en: 'Unit' },
  room: { zh: '房号', en: 'Room' },
  name: { zh: '姓名', en: 'Name' },
  phone: { zh: '电话', en: 'Phone' },
  idNumber: { zh: '身份证号', en: 'ID number' },
  relation: { zh: '与户主关系', en: 'Relation to head' },
  tags: { zh: '标签', en: 'Tags' },
  lat: { zh: '纬度', en: 'Latitude' },
  lng: { zh: '经度', en: 'Longitude' },
};

/** Header words per field, most specific first; matched exactly, then as a part of the header. */
const aliases: Record<ImportField, string[]> = {
  grid: ['网格编码', '网格代码', '网格编号', '所属网格', '网格', 'gridcode', 'grid'],
  address: ['详细地址', '地址', '住址', '门牌地址', '居住地址', 'address'],
  building: ['楼栋号', '楼栋', '楼号', '栋号', '幢', '栋', 'building'],
  unit: ['单元号', '单元', 'unit'],
  room: ['房号', '房间号', '室号', '门牌号', 'room'],
  name: ['居民姓名', '姓名', '名字', 'name'],
  phone: ['联系电话', '手机号码', '手机号', '手机', '电话', '联系方式', 'phone', 'mobile'],
  idNumber: ['公民身份号码', '身份证号码', '身份证号', '身份证', '证件号码', 'idnumber', 'id'],
  relation: ['与户主关系', '户主关系', '关系', 'relation'],
  tags: ['标签', '人员类别', '特殊人群', '重点人群', 'tags', 'tag'],
  lat: ['纬度', 'latitude', 'lat'],
  lng: ['经度', 'longitude', 'lng', 'lon'],
};

const foldHeader = (h: string) => h.normalize('NFKC').replace(/[\s()（）*＊:：]/g, '').toLowerCase();

/**
 * Proposes a column for every field from the header row: an exact alias first, then a header that
 * contains an alias (e.g. "户主姓名" → name), each column used once.
 */
export function proposeMapping(headers: string[]): ImportMapping {
  const folded = headers.map(foldHeader);
  const taken = new Set<number>();
  const mapping = Object.fromEntries(importFields.map((f) => [f, null])) as ImportMapping;
  for (const pass of ['exact', 'contains'] as const) {
    for (const field of importFields) {
      if (mapping[field] !== null) continue;
      for (const alias of aliases[field]) {
        const index = folded.findIndex((h, i) => !taken.has(i) && h !== '' && (pass === 'exact' ? h === alias : alias.length > 1 && h.includes(alias)));
        if (index >= 0) {
          mapping[field] = index;
          taken.add(index);
          break;
        }
      }
    }
  }
  return mapping;
}

/** A confirmed mapping must name the required fields, point inside the header and use a column once. */
export function checkMapping(mapping: Partial<Record<ImportField, number | null>>, headerCount: number): ImportMapping {
  const errors: FieldError[] = [];
  const used = new Map<number, ImportField>();
  const result = Object.fromEntries(importFields.map((f) => [f, mapping[f] ?? null])) as ImportMapping;
  for (const field of importFields) {
    const index = result[field];
    const label = importFieldLabels[field];
    if (index === null) {
      if (requiredImportFields.includes(field)) errors.push({ field: `mapping.${field}`, message: { zh: `请为「${label.zh}」选择一列`, en: `choose a column for ${label.en}` } });
      continue;
    }
    if (!Number.isInteger(index) || index < 0 || index >= headerCount) {
      errors.push({ field: `mapping.${field}`, message: { zh: `「${label.zh}」指向的列不存在`, en: `${label.en} points at a column the file does not have` } });
      continue;
    }
    const other = used.get(index);
    if (other) {
      errors.push({ field: `mapping.${field}`, message: { zh: `「${label.zh}」与「${importFieldLabels[other].zh}」用了同一列`, en: `${label.en} and ${importFieldLabels[other].en} use the same column` } });
    }
    used.set(index, field);
  }
  if (errors.length) throw new AppError('VALIDATION_FAILED', { fieldErrors: errors });
  return result;
}
