import { hashPin } from '../../auth/pin';
import { UsageError, type CliCommand } from '../command';

/** Prints the scrypt hash of a PIN for the config's pinHashes (the PIN itself is never stored). */
export const pinHashCommand: CliCommand = {
  name: ['pin', 'hash'],
  summary: 'hash a pharmacist or technician PIN for the config',
  usage: 'Usage: kioskctl pin hash <4-12 digits>',
  async run(args, io) {
    const [pin] = args;
    if (pin === undefined || !/^\d{4,12}$/.test(pin)) throw new UsageError('give a PIN of 4 to 12 digits');
    io.out(JSON.stringify({ hash: hashPin(pin) }));
    return 0;
  },
};
