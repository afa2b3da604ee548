import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { invalidInput } from '../../../../portals/core/outcomes/errors';
import { documentMetadata } from '../../../../portals/core/contract/documents';
import { AUTOMATIC_PORTAL } from '../../../../portals/discovery/automatic-portal';
import type { AutomaticLearned } from '../../../../portals/discovery/automatic-adapter';
import { connectionFor, type ItemRun, type OperationOutput } from '../../../shared/run';
import type { PortalRequest } from '../operation-contract';

export const description: INodeProperties[] = [];

/**
 * Discovers the portal of an Automatic connection afresh (login, documents list) and outputs the
 * definition it wrote and the step-by-step report: for users without a terminal, the same as
 * `npm run portal:check -- --discover`. The connection keeps the definition for its next runs.
 * Lists the documents, downloads none.
 */
export async function request(this: IExecuteFunctions, itemIndex: number): Promise<PortalRequest> {
	const connection = await connectionFor(this, itemIndex);
	if (connection.portal.slug !== AUTOMATIC_PORTAL)
		throw invalidInput(
			'portal',
			'Discover works with an Invoice Portal API credential whose Portal is "Automatic (Any Portal)": set it, with the Login URL of the portal.',
		);
	return {
		run: { mode: 'list', filters: {}, onlyNew: false, output: { discover: true } },
		forgetLearned: true,
	};
}

/** The definition and the report as one item (also after Submit Code, when discovery met a code page). */
export async function finish(
	_ctx: IExecuteFunctions,
	itemIndex: number,
	item: ItemRun,
): Promise<OperationOutput> {
	const { result } = item.run;
	const learned = result.learned as AutomaticLearned | undefined;
	return {
		documents: [
			{
				json: {
					connection: item.connection.label,
					definition: (learned?.definition ?? null) as unknown as IDataObject,
					report: result.discovery ?? [],
					documentsFound: result.counts.found,
					samples: result.selected.slice(0, 3).map(documentMetadata) as unknown as IDataObject[],
				},
				pairedItem: { item: itemIndex },
			},
		],
		actions: [],
	};
}
