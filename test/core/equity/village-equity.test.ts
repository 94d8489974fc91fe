import { describe, expect, it } from 'vitest';
import { villageEquity, type DemandCell, type UrbanVillage } from '../../../src/core/index.ts';

const village = (id: string, migrantShare: number): UrbanVillage => ({
  id,
  name: `${id}村`,
  nameEn: id,
  migrantShare,
  polygon: { type: 'Polygon', coordinates: [] },
});
const cell = (users: number, shares: { village: number; share: number }[]): DemandCell => ({
  id: `c${users}`,
  featureIndex: 0,
  lngLat: [0, 0],
  residents: users * 10,
  users,
  villageId: null,
  villageName: null,
  villageShare: shares.reduce((s, x) => s + x.share, 0),
  villages: shares,
  migrants: 0,
});

describe('villageEquity', () => {
  const villages = [village('Good', 0.5), village('Bad', 0.9), village('Empty', 0.1)];
  const cells = [cell(100, [{ village: 0, share: 1 }]), cell(40, [{ village: 1, share: 1 }]), cell(60, [])];
  const eq = villageEquity(cells, villages, Uint8Array.from([1, 1, 1]), Float64Array.from([80, 10, 60]));

  it('compares village users with everyone else', () => {
    expect(eq.villageCoveragePct).toBe(100);
    expect(eq.otherCoveragePct).toBe(100);
    expect(eq.villageServedPct).toBe(64.3); // (80 + 10) / 140
    expect(eq.otherServedPct).toBe(100);
    expect(eq.ratio).toBe(0.64);
    expect(eq.villageResidents).toBe(1400);
  });

  it('lists villages with users, worst served first, with names and migrants', () => {
    expect(eq.worstVillages.map((v) => [v.id, v.name, v.servedPct, v.unservedUsers, v.migrants])).toEqual([
      ['Bad', 'Bad村', 25, 30, 360],
      ['Good', 'Good村', 80, 20, 500],
    ]);
    expect(villageEquity(cells, villages, Uint8Array.from([1, 1, 1]), Float64Array.from([80, 10, 60]), 1).worstVillages).toHaveLength(1);
  });
});
