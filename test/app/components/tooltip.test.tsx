import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { Tooltip } from '../../../src/app/components/Tooltip.tsx';
import { describePick } from '../../../src/app/map/describe-pick.ts';
import { makeI18n } from '../../../src/app/i18n/i18n.ts';

const en = makeI18n('en');
const zh = makeI18n('zh-CN');

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
    const lines = describePick('villages', village, en)!;
    expect(lines[0]).toBe('Urban village: <img src=x onerror="alert(1)"> (<b>bold</b>)');
    const html = renderToStaticMarkup(<Tooltip tooltip={{ x: 0, y: 0, lines }} />);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('Migrant share: 50%');
  });

  it('describes facilities with their capacity unit and ignores unknown layers', () => {
    const school = { properties: { id: 'p1', name: '一小', name_en: 'No. 1', type: 'primary', capacity: 1620, classes: 36 } };
    expect(describePick('facilities', school, en)).toEqual(['一小 (No. 1)', 'Primary school', 'Seats: 1,620 (36 classes)']);
    const clinic = { properties: { id: 'h1', name: '站', name_en: '', type: 'health_station', capacity: 120 } };
    expect(describePick('facilities', clinic, en)![2]).toBe('Capacity: 120 patient visits a day');
    expect(describePick('roads', {}, en)).toBeNull();
    expect(describePick('villages', null, en)).toBeNull();
  });

  it('speaks Chinese when the locale is zh-CN', () => {
    const school = { properties: { id: 'p1', name: '一小', name_en: 'No. 1', type: 'primary', capacity: 1620, classes: 36 } };
    expect(describePick('facilities', school, zh)).toEqual(['一小 (No. 1)', '小学', '学位：1,620（36 个班）']);
  });
});
