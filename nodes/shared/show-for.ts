import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * The fields of one operation (or resource), shown only for it: the same idea as n8n's
 * `updateDisplayOptions` (n8n-nodes-base), so that no field repeats
 * `displayOptions: { show: { resource: [...], operation: [...] } }`. A field may add conditions of
 * its own (Limit: only without Return All); they come after the operation's, as they were written
 * by hand before. A field may not name the operation's keys again: its own value would silently
 * replace the operation's and show the field elsewhere, so that is refused when the node loads.
 */
export function showFor(
	show: NonNullable<IDisplayOptions['show']>,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => {
		const own = property.displayOptions?.show ?? {};
		const repeated = Object.keys(own).filter((key) => key in show);
		if (repeated.length)
			throw new Error(
				`The field "${property.name}" names ${repeated.join(', ')} in its own displayOptions: showFor() sets them.`,
			);
		return {
			...property,
			displayOptions: { ...property.displayOptions, show: { ...show, ...own } },
		};
	});
}
