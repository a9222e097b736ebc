import { useState } from 'react';
import { KeyboardField } from '../../components/KeyboardField';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';

/** A field typed on the on-screen keyboard: how long it may get, and whether it takes digits only. */
export interface TypedFieldSpec {
  max: number;
  digits?: boolean;
}

/**
 * A small form of keyboard fields, one of them receiving the keys: the technician's wizard steps
 * use it for references, pressures and names. Each field takes only what it can hold.
 */
export function useTypedFields<F extends string>(specs: Record<F, TypedFieldSpec>, first: NoInfer<F>) {
  const empty = Object.fromEntries(Object.keys(specs).map((k) => [k, ''])) as Record<F, string>;
  const [values, setValues] = useState<Record<F, string>>(empty);
  const [active, setActive] = useState<F>(first);
  const type = (char: string) =>
    setValues((v) => {
      const spec = specs[active];
      if (spec.digits && !/\d/.test(char)) return v;
      if (v[active].length >= spec.max) return v;
      return { ...v, [active]: v[active] + char };
    });
  const erase = () => setValues((v) => ({ ...v, [active]: v[active].slice(0, -1) }));
  const reset = (focus: F = first) => {
    setValues(empty);
    setActive(focus);
  };

  const field = (name: F, label: string, hint?: string, display?: (value: string) => string) => (
    <KeyboardField
      id={`calibration-${name}`}
      label={label}
      value={display ? display(values[name]) : values[name]}
      active={active === name}
      onSelect={() => setActive(name)}
      hint={hint}
    />
  );
  const keyboard = (
    <OnScreenKeyboard
      layout={specs[active].digits ? 'digits' : 'letters'}
      withDigits
      onKey={type}
      onBackspace={erase}
    />
  );
  return { values, field, keyboard, reset, setActive };
}

/** A pressure in whole mmHg, on the digits keyboard. */
export const PRESSURE_FIELD = { max: 3, digits: true } as const;

/** A typed whole number, or null while the field is empty. */
export function typedNumber(value: string): number | null {
  return value === '' ? null : Number.parseInt(value, 10);
}

/**
 * A value typed as digits with `decimals` implied (the digits keyboard has no separator): "371"
 * with one decimal is 37.1. Null while the field is empty.
 */
export function typedDecimal(value: string, decimals: number): number | null {
  const whole = typedNumber(value);
  return whole === null ? null : whole / 10 ** decimals;
}
