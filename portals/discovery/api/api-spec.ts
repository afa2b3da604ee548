/**
 * The `documents.api` part discovery writes: the definitions' own types (api-spec.ts there),
 * under the names discovery's finders use.
 */
export type {
	ApiListSpec as ApiDocumentsSpec,
	ApiFieldSpec,
	ApiValueSource as ApiAuthSource,
} from '../../definitions/api-spec';
