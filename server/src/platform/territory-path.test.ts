import { describe, expect, it } from 'vitest';
import {
  ancestorPath,
  childPath,
  codeAt,
  countyCodeOf,
  divisionPrefix,
  isUnder,
  levelOfCode,
  parentCodeOf,
  pathCodes,
  pathOfCodes,
  townCodeOf,
  townPathOf,
  villageCodeOf,
} from './territory-path.js';

const county = '/320305/';
const town = '/320305/320305107/';
const village = '/320305/320305107/320305107205/';
const grid = '/320305/320305107/320305107205/32030510720502/';

describe('territory paths', () => {
  it('reads the codes of a path and builds a path from codes', () => {
    expect(pathCodes(grid)).toEqual(['320305', '320305107', '320305107205', '32030510720502']);
    expect(pathCodes(county)).toEqual(['320305']);
    expect(pathCodes('')).toEqual([]);
    expect(pathOfCodes(['320305', '320305107'])).toBe(town);
    expect(childPath(town, '320305107205')).toBe(village);
    expect(childPath(null, '320305')).toBe(county);
  });

  it('knows the level of a code by its length', () => {
    expect(levelOfCode('320305')).toBe('county');
    expect(levelOfCode('320305107')).toBe('town');
    expect(levelOfCode('320305107205')).toBe('village');
    expect(levelOfCode('32030510720502')).toBe('grid');
    expect(levelOfCode('3203051072050201')).toBe('grid');
  });

  it('reads a division ancestor from the prefix of a national code', () => {
    expect(divisionPrefix('320305107205', 'town')).toBe('320305107');
    expect(divisionPrefix('320305107205', 'county')).toBe('320305');
    expect(divisionPrefix('320305107', 'town')).toBe('320305107');
  });

  it('finds the code at each level, or none when the path stops above it', () => {
    expect(countyCodeOf(grid)).toBe('320305');
    expect(townCodeOf(grid)).toBe('320305107');
    expect(villageCodeOf(grid)).toBe('320305107205');
    expect(codeAt(grid, 'grid')).toBe('32030510720502');
    expect(villageCodeOf(town)).toBeUndefined();
    expect(townCodeOf(county)).toBeUndefined();
  });

  it('cuts a path at an ancestor level', () => {
    expect(ancestorPath(grid, 'county')).toBe(county);
    expect(ancestorPath(grid, 'town')).toBe(town);
    expect(ancestorPath(grid, 'village')).toBe(village);
    expect(ancestorPath(grid, 'grid')).toBe(grid);
    expect(ancestorPath(town, 'village')).toBeUndefined();
  });

  it('gives the town part of a path, the county path being its own', () => {
    expect(townPathOf(grid)).toBe(town);
    expect(townPathOf(town)).toBe(town);
    expect(townPathOf(county)).toBe(county);
    expect(townPathOf('')).toBe('');
  });

  it('names the parent code, none for the root', () => {
    expect(parentCodeOf(grid)).toBe('320305107205');
    expect(parentCodeOf(town)).toBe('320305');
    expect(parentCodeOf(county)).toBeNull();
  });

  it('tells whether a path lies under another (itself included), by whole codes', () => {
    expect(isUnder(grid, town)).toBe(true);
    expect(isUnder(town, town)).toBe(true);
    expect(isUnder(town, grid)).toBe(false);
    // A sibling town whose code starts with the same digits is not under it: paths end in a slash.
    expect(isUnder('/320305/3203051071/', town)).toBe(false);
    expect(isUnder('/320305/320305108/', town)).toBe(false);
  });
});
