import { validateNir } from '../../../common/identity/nir';
import { UsageError, type CliCommand } from '../command';

/**
 * `kioskctl nir <value>`: checks a NIR (format of sex, month, department, then the key) and prints
 * `{"valid": bool, "key": "NN", "reason": string|null}`; exit 0 when valid, 1 when not. The
 * number may be given spaced as printed on the card, in one or several arguments.
 */
export const nirCommand: CliCommand = {
  name: ['nir'],
  summary: 'check a NIR (social security number) and its key',
  usage: [
    'Usage: kioskctl nir <NIR>',
    '  e.g. kioskctl nir 2 69 05 49 588 157 80',
    '  Prints {"valid", "key" (the key the first 13 characters call for), "reason"}; exit 0 valid, 1 invalid.',
    '  Reasons: length, format, sex, month, department, key.',
  ].join('\n'),
  run(args, io) {
    if (args.length === 0) return Promise.reject(new UsageError('give the NIR to check'));
    const check = validateNir(args.join(''));
    io.out(JSON.stringify({ valid: check.valid, key: check.key, reason: check.reason }));
    return Promise.resolve(check.valid ? 0 : 1);
  },
};
