export type { PcscCard, PcscErrorCode, PcscTransport, PcscTransportEvents } from './pcsc-transport';
export { PcscError } from './pcsc-transport';
export { SW_OK, splitResponse, swHex, transmitApdu, withLe, type RawTransmit, type ResponseApdu } from './apdu';
export { SmartcardTransport, TRANSMIT_TIMEOUT_MS, pcscErrorFrom } from './smartcard-transport';
