import { describe, expect, it } from 'vitest';
import { assertUnreachable } from './assert-unreachable';

type Shape = { kind: 'circle'; r: number } | { kind: 'square'; side: number };

function area(shape: Shape): number {
  switch (shape.kind) {
    case 'circle':
      return Math.PI * shape.r ** 2;
    case 'square':
      return shape.side ** 2;
    default:
      return assertUnreachable(shape, 'shape');
  }
}

describe('assertUnreachable', () => {
  it('is never reached for a value of the union', () => {
    expect(area({ kind: 'square', side: 3 })).toBe(9);
  });

  it('throws, naming the value, when untyped input escaped the union', () => {
    const escaped = JSON.parse('{"kind":"triangle"}') as Shape;
    expect(() => area(escaped)).toThrow('Unexpected shape: {"kind":"triangle"}');
  });

  it('is a compile error where a member of the union can still reach it', () => {
    const square: Shape = { kind: 'square', side: 2 };
    // @ts-expect-error -- a Shape is not `never`: a switch missing this case would not compile.
    expect(() => assertUnreachable(square)).toThrow('Unexpected value: {"kind":"square","side":2}');
  });
});
