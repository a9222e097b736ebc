import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { communesModule, GENERATED } from './build-communes';

describe('the communes index (common/identity/communes-fr.generated.ts)', () => {
  it('is what the installed @etalab/decoupage-administratif gives', () => {
    // After upgrading the package: node --import tsx scripts/build-communes.ts
    expect(readFileSync(GENERATED, 'utf8') === communesModule(), 'communes-fr.generated.ts is stale').toBe(true);
  });
});
