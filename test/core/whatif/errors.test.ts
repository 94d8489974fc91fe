import { describe, expect, it } from 'vitest';
import { createWhatIfSession, InputError, type LngLat, type ProposedSite } from '../../../src/core/index.ts';
import { smallDistrict, SOUTH, WEST } from './fixture.ts';

const input = smallDistrict();
const at: LngLat = [WEST + 0.01, SOUTH + 0.01];

/** Runs `edit`, expects the exact InputError, and checks the session did not change. */
function rejects(edit: () => unknown, message: string, session: ReturnType<typeof createWhatIfSession>) {
  const before = { sites: session.sites(), summary: session.summary() };
  let thrown: unknown;
  try {
    edit();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(InputError);
  expect((thrown as InputError).message).toBe(`proposed sites: ${message}`);
  expect(session.sites()).toEqual(before.sites);
  expect(session.summary()).toStrictEqual(before.summary);
}

describe('what-if session: bad edits', () => {
  const session = createWhatIfSession(input, { type: 'primary' });
  session.addSite({ id: 'P1', lngLat: at, seats: 450 });

  it('names an unknown site', () => {
    rejects(() => session.moveSite('nope', at), 'no proposed site "nope"', session);
    rejects(() => session.removeSite('nope'), 'no proposed site "nope"', session);
    rejects(() => session.resizeSite('nope', 90), 'no proposed site "nope"', session);
  });

  it('refuses a duplicate id, among the sites or with an existing facility', () => {
    rejects(() => session.addSite({ id: 'P1', lngLat: at, seats: 90 }), 'site "P1": a proposed site with this id already exists', session);
    rejects(() => session.addSite({ id: 'S2', lngLat: at, seats: 90 }), 'site "S2": the id is already used by an existing primary facility', session);
    rejects(
      () => session.setSites([{ id: 'A', lngLat: at, seats: 90 }, { id: 'A', lngLat: at, seats: 45 }]),
      'site "A": a proposed site with this id already exists',
      session,
    );
    rejects(() => session.addSite({ id: ' ', lngLat: at, seats: 90 }), 'a proposed site needs a non-empty text id, got " "', session);
  });

  it('refuses coordinates that are not finite longitude and latitude', () => {
    rejects(() => session.moveSite('P1', [NaN, 34.75]), 'site "P1": coordinates must be two finite numbers [longitude, latitude], got [NaN, 34.75]', session);
    rejects(() => session.moveSite('P1', [113.6, Infinity]), 'site "P1": coordinates must be two finite numbers [longitude, latitude], got [113.6, Infinity]', session);
    rejects(
      () => session.moveSite('P1', ['113.6', 34.7] as unknown as LngLat),
      'site "P1": coordinates must be two finite numbers [longitude, latitude], got [113.6, 34.7]',
      session,
    );
    rejects(() => session.moveSite('P1', [34.75, 113.6]), 'site "P1": coordinates [34.75, 113.6] are outside longitude ±180, latitude ±90', session);
    rejects(
      () => session.addSite({ id: 'P2', seats: 90 } as unknown as ProposedSite),
      'site "P2": coordinates must be two finite numbers [longitude, latitude], got undefined',
      session,
    );
  });

  it('refuses seats ≤ 0 or not finite, and bad classes', () => {
    rejects(() => session.resizeSite('P1', 0), 'site "P1": seats must be a finite number > 0, got 0', session);
    rejects(() => session.resizeSite('P1', -45), 'site "P1": seats must be a finite number > 0, got -45', session);
    rejects(() => session.resizeSite('P1', NaN), 'site "P1": seats must be a finite number > 0, got NaN', session);
    rejects(() => session.addSite({ id: 'P2', lngLat: at, seats: Infinity }), 'site "P2": seats must be a finite number > 0, got Infinity', session);
    rejects(() => session.resizeSite('P1', 90, 2.5), 'site "P1": classes must be a whole number ≥ 1, got 2.5', session);
    const clinics = createWhatIfSession(input, { type: 'health_station' });
    rejects(() => clinics.addSite({ id: 'H', lngLat: at, seats: 90, classes: 2 }), 'site "H": classes are for schools, not health_station', clinics);
  });

  it('checks a whole new set before using any of it', () => {
    rejects(
      () => session.setSites([{ id: 'A', lngLat: at, seats: 90 }, { id: 'B', lngLat: at, seats: 0 }]),
      'site "B": seats must be a finite number > 0, got 0',
      session,
    );
    rejects(() => session.setSites([null as unknown as ProposedSite]), 'a proposed site must be an object, got null', session);
  });
});
