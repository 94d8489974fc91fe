import { describe, expect, it } from 'vitest';
import { describePick } from '../../../src/app/map/describe-pick.ts';
import { makeI18n } from '../../../src/app/i18n/i18n.ts';

const en = makeI18n('en');
const zh = makeI18n('zh-CN');

describe('tooltips are worded for the facility type', () => {
  const halo = (type: string) => ({ id: 'f', name: '站', nameEn: '', type, capacity: 120, usersInCatchment: 150, allocated: 100, catchmentUtilisation: 1.25, status: 'over' });

  it('clinics: visits a day and capacity, not pupils, seats or school places', () => {
    const lines = describePick('utilisation', halo('health_station'), en)!;
    expect(lines[2]).toBe('In catchment: 150 visits a day for a capacity of 120 (125%)');
    expect(describePick('utilisation', halo('health_station'), zh)![2]).toBe('服务半径内：每日 150 人次，容量 120（125%）');
    const cell = { id: 'c1', residents: 500, unserved: 7 };
    expect(describePick('shortfall', cell, en, 'health_centre')![2]).toBe('Unserved: 7 visits a day');
    expect(describePick('shortfall', cell, zh, 'health_centre')!.join(' ')).not.toContain('学位');
    for (const line of [...lines, ...describePick('shortfall', cell, en, 'health_centre')!]) expect(line).not.toMatch(/pupil|seat|school/i);
  });

  it('schools: places and seats', () => {
    expect(describePick('utilisation', halo('primary'), en)![2]).toBe('In catchment: 150 for 120 places (125%)');
    expect(describePick('shortfall', { id: 'c1', residents: 500, unserved: 1 }, en, 'primary')![2]).toBe('Without a place: 1');
    const proposal = { id: 'n1', rank: 1, lngLat: [113.6, 34.7], seats: 45, classes: 1, pupilsServed: 40, pupilsInCatchment: 50, locked: false, selected: false };
    expect(describePick('proposals', proposal, en)![1]).toBe('1 class, 45 seats');
  });

  it('says when a facility’s capacity was assumed, and only then', () => {
    const given = describePick('utilisation', { ...halo('primary'), assumedCapacity: false }, en)!;
    const assumed = describePick('utilisation', { ...halo('primary'), assumedCapacity: true }, en)!;
    expect(assumed).toEqual([...given, 'Capacity assumed: the standard size (the file gave none)']);
  });
});

