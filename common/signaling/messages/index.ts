/**
 * The signalling messages, one module per concern: the frames and their errors (frames.ts), how a
 * method table types its requests and results (method-table.ts), the shared consultation shapes
 * (consultation.ts), how a server types a handler per request (handlers.ts), media negotiation (media.ts), the room events (room-events.ts), and what the
 * kiosk (kiosk.ts), the doctor console (doctor.ts) and the pharmacist's portal (pharmacist.ts) may send and receive. Import from here.
 */
export * from './consultation';
export * from './consultation-note';
export * from './doctor';
export * from './frames';
export * from './handlers';
export * from './kiosk';
export * from './media';
export * from './pharmacist';
export {
  type AnyRequestBody,
  type Method,
  type MethodTable,
  type ParamsOf,
  type RequestBody,
  type RequestFrame,
  type RequestOf,
  type ResultOf,
} from './method-table';
