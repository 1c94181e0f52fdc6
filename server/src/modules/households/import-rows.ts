import type { Bilingual } from '../../platform/i18n.js';
import type { ScopedActor } from '../../platform/actor.js';
import { actorCoversPath } from '../../platform/actor.js';
import type { GridIndex, IndexedGrid } from '../territory/index.js';
import type { HouseholdTag, MemberRelation } from './households.tables.js';
import { checkIdNumber } from './id-number.js';
import type { ImportField, ImportMapping } from './import-mapping.js';
import type { FileRow } from './import-reader.js';
import { dedupeKeyOf, parsePhone, parseRelation, parseTagList } from './households.vocabulary.js';

export interface ParsedMember {
  line: number;
  name: string;
  phone: string | null;
  idNumber: string | null;
  birthYear: number | null;
  relation: MemberRelation;
  tags: HouseholdTag[];
}

export interface ParsedHousehold {
  line: number;
  grid: IndexedGrid;
  address: string;
  building: string | null;
  unit: string | null;
  room: string | null;
  lat: number | null;
  lng: number | null;
  tags: Set<HouseholdTag>;
  dedupeKey: string;
  members: ParsedMember[];
}

/** One reason a row is bad. `field` names the mapped field; never the cell's value (it may be personal data). */
export interface RowProblem {
  line: number;
  field: ImportField | null;
  code: string;
  message: Bilingual;
}

const m = (zh: string, en: string): Bilingual => ({ zh, en });

/**
 * Turns the file's rows (after the header) into households, one member per row. Rows of one
 * household are consecutive; a row whose grid/address/building/unit/room are all blank continues
 * the household above (how merged cells come out of Excel). Every problem goes to `report`; a
 * household is yielded only when all its rows were good, so callers that write must also check
 * that nothing was reported. Memory: the current household plus one short key per household and
 * per ID number seen (to find duplicates), never the file.
 */
export async function* parseHouseholds(
  rows: AsyncIterable<FileRow>,
  mapping: ImportMapping,
  options: { actor: ScopedActor; grids: GridIndex; today: Date; report: (p: RowProblem) => void },
): AsyncGenerator<ParsedHousehold> {
  const { report } = options;
  const gridByCode = new Map(options.grids.grids.map((g) => [g.code, g]));
  const seenHouseholds = new Map<string, number>();
  const seenIdNumbers = new Map<string, number>();
  let current: ParsedHousehold | null = null;
  let currentKey: string | null = null;
  let currentBad = false;
  let headLine = 0;

  const cell = (row: FileRow, field: ImportField) => {
    const index = mapping[field];
    return index === null ? '' : (row.cells[index] ?? '');
  };

  for await (const row of rows) {
    const problems: RowProblem[] = [];
    const bad = (field: ImportField | null, code: string, message: Bilingual) => problems.push({ line: row.line, field, code, message });
    const place = { grid: cell(row, 'grid'), address: cell(row, 'address'), building: cell(row, 'building'), unit: cell(row, 'unit'), room: cell(row, 'room') };
    const continues = !place.grid && !place.address && !place.building && !place.unit && !place.room;

    let startsNew = false;
    let grid: IndexedGrid | undefined;
    if (continues) {
      if (currentKey === null) bad('address', 'member_without_household', m('此行没有地址，上方也没有所属的户', 'no address on this row and no household above it'));
    } else {
      if (!place.grid) bad('grid', 'missing_grid', m('缺少网格编码', 'grid code is missing'));
      else {
        grid = gridByCode.get(place.grid);
        if (!grid) bad('grid', 'unknown_grid', m(`网格编码 ${place.grid} 不存在`, `no grid has the code ${place.grid}`));
        else if (grid.gridKind !== 'basic') bad('grid', 'not_basic_grid', m(`${place.grid} 是专属网格，户须归入基础网格`, `${place.grid} is a special grid; households belong to a basic grid`));
        else if (!actorCoversPath(options.actor, grid.path)) bad('grid', 'grid_out_of_scope', m(`网格 ${place.grid} 不在您的管辖范围内`, `grid ${place.grid} is outside your territory`));
      }
      if (!place.address) bad('address', 'missing_address', m('缺少地址', 'address is missing'));
      const key = dedupeKeyOf({ gridCode: place.grid, ...place });
      if (key !== currentKey) {
        startsNew = true;
        currentKey = key;
        const earlier = seenHouseholds.get(key);
        if (earlier !== undefined) {
          bad('room', 'duplicate_household', m(`同一户(地址、楼栋、单元、房号)已在第 ${earlier} 行出现；同一户的成员须连续排列`, `the same dwelling (address, building, unit, room) already appears at line ${earlier}; a household's members must be on consecutive rows`));
        } else seenHouseholds.set(key, row.line);
      }
      if (startsNew) {
        if (current && !currentBad) yield current;
        current = null;
        currentBad = false;
        headLine = 0;
      }
      if (startsNew && grid && place.address && problems.length === 0) {
        current = { line: row.line, grid, address: place.address, building: place.building || null, unit: place.unit || null, room: place.room || null, lat: null, lng: null, tags: new Set(), dedupeKey: key, members: [] };
      }
    }

    const name = cell(row, 'name');
    if (!name) bad('name', 'missing_name', m('缺少姓名', 'name is missing'));
    else if ([...name].length > 40) bad('name', 'name_too_long', m('姓名超过 40 个字', 'name is longer than 40 characters'));

    const phoneCell = cell(row, 'phone');
    const phone = phoneCell ? parsePhone(phoneCell) : null;
    if (phoneCell && !phone) bad('phone', 'bad_phone', m('电话号码格式不对(应为 11 位手机号或带区号的固话)', 'phone is not an 11-digit mobile number or a landline with area code'));

    const idCell = cell(row, 'idNumber');
    let idNumber: string | null = null;
    let birthYear: number | null = null;
    if (idCell) {
      const checked = checkIdNumber(idCell, options.today);
      if (!checked.ok) {
        const why = { format: m('身份证号应为 18 位(最后一位可为 X)', 'ID number must be 18 characters (the last may be X)'), birth_date: m('身份证号中的出生日期无效', 'the birth date inside the ID number is not a real date'), checksum: m('身份证号校验位不对(GB 11643)', 'ID number check character is wrong (GB 11643)') }[checked.problem];
        bad('idNumber', `id_number_${checked.problem}`, why);
      } else {
        const earlier = seenIdNumbers.get(checked.idNumber);
        if (earlier !== undefined) bad('idNumber', 'duplicate_id_number', m(`身份证号与第 ${earlier} 行重复`, `the same ID number is on line ${earlier}`));
        else seenIdNumbers.set(checked.idNumber, row.line);
        idNumber = checked.idNumber;
        birthYear = checked.birthYear;
      }
    }

    const relationCell = cell(row, 'relation');
    let relation: MemberRelation | null = relationCell ? parseRelation(relationCell) : null;
    if (relationCell && !relation) bad('relation', 'unknown_relation', m(`不认识的与户主关系「${relationCell}」`, `unknown relation "${relationCell}"`));
    const memberCount = current?.members.length ?? 0;
    relation ??= memberCount === 0 ? 'head' : 'other';
    if (relation === 'head') {
      if (headLine) bad('relation', 'second_head', m(`同一户已有户主(第 ${headLine} 行)`, `the household already has a head (line ${headLine})`));
      else headLine = row.line;
    }

    const tagCell = cell(row, 'tags');
    const { tags, unknown } = parseTagList(tagCell);
    if (unknown.length) bad('tags', 'unknown_tag', m(`不认识的标签：${unknown.join('、')}`, `unknown tag(s): ${unknown.join(', ')}`));

    const latCell = cell(row, 'lat');
    const lngCell = cell(row, 'lng');
    let point: { lat: number; lng: number } | null = null;
    if (latCell || lngCell) {
      const lat = Number(latCell);
      const lng = Number(lngCell);
      if (!latCell || !lngCell || !Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
        bad(latCell ? 'lng' : 'lat', 'bad_location', m('经纬度须成对填写且为有效数字', 'latitude and longitude must both be valid numbers'));
      } else {
        const target = grid ?? current?.grid;
        const hit = options.grids.locate(lng, lat);
        if (target && hit?.grid.id !== target.id && hit?.basicGrid?.id !== target.id) bad('lat', 'location_outside_grid', m('经纬度不在该户所属网格内', 'the location is outside the household’s grid'));
        else point = { lat, lng };
      }
    }

    if (problems.length) {
      for (const p of problems) report(p);
      currentBad = true;
      current = null;
      continue;
    }
    if (!current) continue; // a good row of a household already found bad
    current.members.push({ line: row.line, name, phone, idNumber, birthYear, relation, tags });
    for (const t of tags) current.tags.add(t);
    if (point && current.lat === null) Object.assign(current, point);
  }
  if (current && !currentBad) yield current;
}
