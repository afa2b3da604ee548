import type { ApiDocumentsSpec } from './api-spec';
import type { RecordedCall } from './recorded-call';
import { withoutSecretFields, withoutSecretParams } from './redact';

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
	// A token or signature in the app's call is its session's, never the definition's.
	const url = withoutSecretParams(new URL(call.url));
	// A parameter the app sends more than once (`fields[]=id&fields[]=title`) cannot be one
	// entry of `query`: those stay in the address itself, in the app's order.
	const names = [...url.searchParams.keys()];
	const repeated = new Set(names.filter((n, i) => names.indexOf(n) !== i));
	const kept = new URLSearchParams([...url.searchParams].filter(([n]) => repeated.has(n)));
	const search = repeated.size ? `?${kept.toString()}` : '';
	const request: ApiDocumentsSpec['request'] = {
		method: call.method === 'POST' ? 'POST' : 'GET',
		url: `${url.origin === origin ? '' : url.origin}${url.pathname}${search}`,
	};
	const single = withoutSecretFields(
		Object.fromEntries(Object.entries(query).filter(([n]) => !repeated.has(n))),
	);
	if (Object.keys(single).length) request.query = single;
	if (request.method !== 'POST' || !call.requestBody) return request;
	const body = withoutSecretFields(JSON.parse(call.requestBody) as unknown);
	const graphql = body as { query?: unknown; variables?: Record<string, unknown> };
	if (graphql && typeof graphql.query === 'string')
		request.graphql = {
			query: graphql.query,
			...(graphql.variables ? { variables: graphql.variables } : {}),
		};
	else request.body = body as Record<string, unknown>;
	return request;
}
