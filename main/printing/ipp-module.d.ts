/** Types for the `ipp` package (it ships none): the part main/printing/ipp-client.ts uses. */
declare module 'ipp' {
  export type IppAttributes = Record<string, unknown>;
  export interface IppResponse {
    statusCode: string;
    'operation-attributes-tag'?: IppAttributes;
    'job-attributes-tag'?: IppAttributes;
    'printer-attributes-tag'?: IppAttributes;
  }
  export interface IppMessage {
    'operation-attributes-tag': IppAttributes;
    'job-attributes-tag'?: IppAttributes;
    data?: Buffer;
  }
  export interface IppPrinter {
    execute(
      operation: string,
      message: IppMessage,
      callback: (error: Error | null, response: IppResponse) => void,
    ): void;
  }
  const ipp: { Printer(url: string, options?: { version?: string }): IppPrinter };
  export default ipp;
}
