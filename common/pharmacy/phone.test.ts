import { describe, expect, it } from 'vitest';
import { frenchPhone } from './phone';

describe('frenchPhone', () => {
  it.each([
    ['0612345678', '06 12 34 56 78'],
    ['06 12 34 56 78', '06 12 34 56 78'],
    ['06.12.34.56.78', '06 12 34 56 78'],
    ['+33 6 12 34 56 78', '06 12 34 56 78'],
    ['0033612345678', '06 12 34 56 78'],
    ['01-23-45-67-89', '01 23 45 67 89'],
  ])('reads %s as %s', (typed, shown) => expect(frenchPhone(typed)).toBe(shown));

  it.each(['', '061234567', '06123456789', '0012345678', '+44 20 7946 0958', '06 12 34 56 7a', '6 12 34 56 78'])(
    'refuses %s',
    (typed) => expect(frenchPhone(typed)).toBeNull(),
  );
});
