// Types for JsBarcode's Code 128 encoder alone (its package types only the
// DOM-rendering entry point, which pulls in every other symbology too).
declare module 'jsbarcode/bin/barcodes/CODE128' {
  export class CODE128 {
    constructor(data: string, options: object);
    valid(): boolean;
    /** `data`: one character per module, '1' a bar, '0' a space; start, check and stop included. */
    encode(): { text: string; data: string };
  }
}
