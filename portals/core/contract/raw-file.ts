/** A file as a portal handed it over, before any check. */
export interface RawFile {
	body: Buffer;
	contentType?: string;
	suggestedName?: string;
	/** A page the browser printed to PDF (surface.printPage), not a file of the portal. */
	printed?: boolean;
}

/** Default cap for one document; invoices are rarely above a few MB. */
export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;
