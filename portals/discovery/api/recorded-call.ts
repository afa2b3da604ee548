/**
 * One request the portal's own app made while discovery watched (record.ts), with its answer.
 * Held in memory for the discovery only: header values and bodies may hold the session's
 * secrets, so nothing of it is printed or saved as recorded (redact.ts makes the printable view).
 */
export interface RecordedCall {
	/** Order of recording, from 0. */
	order: number;
	method: string;
	url: string;
	/** Playwright's resource type: xhr, fetch, document, ... */
	resourceType: string;
	/** Lower-case names. */
	requestHeaders: Record<string, string>;
	requestBody?: string;
	status: number;
	responseHeaders: Record<string, string>;
	/** The body as text when it is JSON and under the cap; undefined otherwise. */
	responseBody?: string;
	/** The parsed JSON body, when there is one. */
	json?: unknown;
	/** The answer's content type (lower case, without parameters). */
	contentType: string;
	/** The address of the page that made the call: where its list is shown. */
	pageUrl?: string;
}
