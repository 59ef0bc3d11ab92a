/** A webhook call refused before anything was written: its HTTP status and why. */
export class ReceiptRefused extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 413,
    message: string,
  ) {
    super(message);
  }
}
