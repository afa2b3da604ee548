import type { RecordedCall } from '../../../../../portals/discovery/api/recorded-call';

let order = 0;

/** A recorded call as record.ts keeps it: an answer with JSON, the request's headers. */
export function call(url: string, json: unknown, extra: Partial<RecordedCall> = {}): RecordedCall {
	return {
		order: order++,
		method: 'GET',
		url,
		resourceType: 'fetch',
		requestHeaders: {},
		status: 200,
		responseHeaders: { 'content-type': 'application/json' },
		responseBody: JSON.stringify(json),
		json,
		contentType: 'application/json',
		...extra,
	};
}
