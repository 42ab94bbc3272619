import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameOf, uprightMatrix, type PageBox } from './frame.js';

function apply(m: number[], x: number, y: number): [number, number] {
  return [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];
}

const box = fc.record({
  x: fc.integer({ min: -200, max: 200 }),
  y: fc.integer({ min: -200, max: 200 }),
  width: fc.integer({ min: 50, max: 2000 }),
  height: fc.integer({ min: 50, max: 2000 }),
  rotation: fc.constantFrom(0, 90, 180, 270),
}) as fc.Arbitrary<PageBox>;

describe('page frames', () => {
  it('map a displayed point into page space and back through the upright matrix', () => {
    fc.assert(
      fc.property(box, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (b, fu, fv) => {
        const frame = frameOf(b);
        const u = fu * frame.width;
        const v = fv * frame.height;
        const p = frame.at(u, v);
        // The point lies on the page…
        expect(p.x).toBeGreaterThanOrEqual(b.x - 1e-6);
        expect(p.x).toBeLessThanOrEqual(b.x + b.width + 1e-6);
        expect(p.y).toBeGreaterThanOrEqual(b.y - 1e-6);
        expect(p.y).toBeLessThanOrEqual(b.y + b.height + 1e-6);
        // …and the matrix that redraws the page upright brings it back where the reader saw it.
        const [bu, bv] = apply(uprightMatrix(b, 1, 0, 0), p.x, p.y);
        expect(bu).toBeCloseTo(u, 6);
        expect(bv).toBeCloseTo(v, 6);
      }),
      { numRuns: 500 },
    );
  });

  it('swaps width and height for pages turned a quarter', () => {
    expect(frameOf({ x: 0, y: 0, width: 595, height: 842, rotation: 90 })).toMatchObject({ width: 842, height: 595, rotation: 90 });
    expect(frameOf({ x: 0, y: 0, width: 595, height: 842, rotation: 180 })).toMatchObject({ width: 595, height: 842 });
    // Scaled and moved: the displayed bottom-left corner lands at (dx, dy).
    const m = uprightMatrix({ x: 10, y: 20, width: 100, height: 200, rotation: 270 }, 0.5, 7, 9);
    const corner = frameOf({ x: 10, y: 20, width: 100, height: 200, rotation: 270 }).at(0, 0);
    expect(apply(m, corner.x, corner.y)).toEqual([7, 9]);
  });
});
