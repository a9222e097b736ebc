export type { SerialPortEvents, SerialPortHandle, SerialPortOpener } from './serial-port';
export { openNodeSerialPort } from './node-serial-port';
export { CommandQueue, CommandTimeoutError, CommandQueueClosedError } from './command-queue';
export type { CommandOptions } from './command-queue';
