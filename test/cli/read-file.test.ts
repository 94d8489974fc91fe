import { describe, expect, it } from 'vitest';
import { jsonErrorPosition, parseJson } from '../../src/cli/read-file.ts';

describe('parseJson', () => {
  it('finds the same error position as V8 where V8 states one', () => {
    for (const text of ['{"a":1,}', '{"a" 1}', '[1,2', '[1 2]', '{"a":[1,{"b":2,}]}', '"\\x"', '{"a":1}x', '[01]']) {
      let stated: number | null = null;
      try {
        JSON.parse(text);
      } catch (err) {
        const m = /at position (\d+)/.exec((err as Error).message);
        stated = m ? Number(m[1]) : null;
      }
      if (stated !== null) expect(jsonErrorPosition(text), text).toBe(stated);
    }
    expect(jsonErrorPosition('abc')).toBe(0);
    expect(jsonErrorPosition('{"a":tru}')).toBe(8);
    expect(jsonErrorPosition('{"a":1}')).toBe(7);
  });

  it('drops prototype keys and keeps everything else', () => {
    const value = parseJson('{"__proto__":{"x":1},"a":{"constructor":1,"prototype":2,"b":[{"__proto__":3}]}}', 'f') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['a']);
    expect(value.a).toEqual({ b: [{}] });
    expect(() => parseJson('{', 'f.json')).toThrow(/f\.json: invalid JSON at position 1/);
  });
});
