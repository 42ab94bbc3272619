import type { YearInfo } from '../../shared/api/archive.js';

/** The archive's years as a list's options, newest first. */
export function YearOptions({ years }: { years: readonly YearInfo[] }) {
  return (
    <>
      {[...years].reverse().map((y) => (
        <option key={y.year} value={y.year}>
          {y.year} 年
        </option>
      ))}
    </>
  );
}
