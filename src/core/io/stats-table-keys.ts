/**
 * Suffixes that name the level of an area rather than the area (建设路社区 and 建设路 are one
 * community): longest first, one taken off. Communities (社区, 居委会, 村委会 and their full
 * forms) and sub-districts (街道, 办事处).
 */
const SUFFIXES = ['社区居民委员会', '社区居委会', '居民委员会', '村民委员会', '街道办事处', '居委会', '村委会', '办事处', '社区', '街道'];

/**
 * A join key as it is compared: full-width characters as half-width (NFKC: `１２３` → `123`,
 * `（` → `(`), whitespace removed, Latin letters lower-cased, and one trailing level suffix
 * (`社区`, `居委会`, `村委会`, `街道`, `办事处` …) taken off unless nothing would be left. Numbers
 * from a spreadsheet compare as their decimal text.
 */
export function normaliseJoinKey(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = (typeof value === 'number' ? String(value) : String(value)).normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  for (const suffix of SUFFIXES) {
    if (text.endsWith(suffix) && text.length > suffix.length) return text.slice(0, -suffix.length);
  }
  return text;
}

/** Column names that hold a community's or sub-district's code or name, best first (compared after normaliseFieldName). */
export const JOIN_KEY_NAMES = [
  '社区代码', '社区编码', '社区名称', '社区', '居委会', '居委会名称', '村委会', '街道代码', '街道名称', '街道', '区划代码', '行政区划代码', '代码', '编码', '名称',
  'community_code', 'community', 'community_name', 'code', 'name', 'id',
] as const;
