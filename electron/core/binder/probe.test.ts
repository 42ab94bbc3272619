import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePdf, makeTruncatedPdf } from '../../../test/support/sample-files.js';
import { tempDir } from '../../../test/support/temp.js';
import { inspectPdf, UNPRINTABLE } from './probe.js';

describe('inspectPdf', () => {
  it('takes the page count stored at import without parsing the file again, and still refuses a file cut short', async () => {
    const dir = tempDir();
    const file = await makePdf(path.join(dir, 'plan.pdf'), { pages: 3 });
    expect(await inspectPdf(file)).toEqual({ pages: 3 });
    // Its body overwritten but its end intact: only a parse would notice, and with a stored count none is made here.
    const bytes = readFileSync(file);
    bytes.fill(0x20, 0, Math.floor(bytes.length / 2));
    writeFileSync(file, bytes);
    expect(await inspectPdf(file)).toEqual({ reason: UNPRINTABLE.damaged });
    expect(await inspectPdf(file, 3)).toEqual({ pages: 3 });
    const truncated = await makeTruncatedPdf(path.join(dir, 'cut.pdf'));
    expect(await inspectPdf(truncated, 3)).toEqual({ reason: UNPRINTABLE.truncated });
    expect(await inspectPdf(path.join(dir, 'gone.pdf'), 3)).toEqual({ reason: UNPRINTABLE.damaged });
  });
});
