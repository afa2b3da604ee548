import type { ApiDocumentsSpec } from './api-spec';
import type { RecordedCall } from './recorded-call';

/**
 * The `request` part for the list's call: its address relative to the portal's origin (absolute
 * when it is another allowed host), the parameters other than the paging one, and a POST's JSON
 * body, or its GraphQL query and variables.
 */
export function requestSpec(
	call: RecordedCall,
	query: Record<string, string>,
	origin: string,
): ApiDocumentsSpec['request'] {
	const url = new URL(call.url);
	const request: ApiDocumentsSpec['request'] = {
		method: call.method === 'POST' ? 'POST' : 'GET',
		url: url.origin === origin ? url.pathname : `${url.origin}${url.pathname}`,
	};
	if (Object.keys(query).length) request.query = query;
	if (request.method !== 'POST' || !call.requestBody) return request;
	const body = JSON.parse(call.requestBody) as unknown;
	const graphql = body as { query?: unknown; variables?: Record<string, unknown> };
	if (graphql && typeof graphql.query === 'string')
		request.graphql = {
			query: graphql.query,
			...(graphql.variables ? { variables: graphql.variables } : {}),
		};
	else request.body = body as Record<string, unknown>;
	return request;
}
