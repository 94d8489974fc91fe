import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { Tooltip } from '../../../src/app/components/Tooltip.tsx';
import { describePick } from '../../../src/app/map/describe-pick.ts';

describe('hover tooltip', () => {
  it('shows property values as text, never as HTML', () => {
    const village = {
      properties: {
        id: 'uv1',
        name: '<img src=x onerror="alert(1)">',
        name_en: '<b>bold</b>',
        population: 1234,
        migrant_share: 0.5,
      },
    };
    const lines = describePick('villages', village)!;
    expect(lines[0]).toBe('Urban village: <img src=x onerror="alert(1)"> (<b>bold</b>)');
    const html = renderToStaticMarkup(<Tooltip tooltip={{ x: 0, y: 0, lines }} />);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('Migrant share: 50%');
  });

  it('describes facilities with their capacity unit and ignores unknown layers', () => {
    const school = { properties: { id: 'p1', name: '一小', name_en: 'No. 1', type: 'primary', capacity: 1620, classes: 36 } };
    expect(describePick('facilities', school)).toEqual(['一小 (No. 1)', 'Primary school', 'Seats: 1,620 (36 classes)']);
    const clinic = { properties: { id: 'h1', name: '站', name_en: '', type: 'health_station', capacity: 120 } };
    expect(describePick('facilities', clinic)![2]).toBe('Capacity: 120 patient visits a day');
    expect(describePick('roads', {})).toBeNull();
    expect(describePick('villages', null)).toBeNull();
  });
});
