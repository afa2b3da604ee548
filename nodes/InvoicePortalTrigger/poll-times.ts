import type { INodeProperties } from 'n8n-workflow';

/** Poll Times' default on this trigger: the node checks once an hour whether a download is due. */
export const HOURLY_POLL = { item: [{ mode: 'everyHour' }] };

/**
 * n8n adds Poll Times to every polling node when it loads it (n8n-core's DirectoryLoader,
 * applySpecialNodeParameters: `properties.unshift(...commonPollingParameters)`), one shared field
 * whose default polls every minute; a node cannot declare its own. Waking every minute only to find
 * nothing due is noise in the executions list, and the Check Every hint recommends hourly. So the
 * trigger's list takes a copy of that field with an hourly default as n8n puts it in. Workflows that
 * saved their Poll Times keep them; where n8n ever adds the field otherwise, it stays per minute.
 */
class PropertiesWithHourlyPoll extends Array<INodeProperties> {
	unshift(...items: INodeProperties[]): number {
		return super.unshift(
			...items.map((p) =>
				p.name === 'pollTimes' && p.type === 'fixedCollection' ? { ...p, default: HOURLY_POLL } : p,
			),
		);
	}
}

/** A fresh list per node instance, so that n8n's unshift never lands in a list shared by two. */
export function withHourlyPollTimes(properties: INodeProperties[]): INodeProperties[] {
	const list = new PropertiesWithHourlyPoll();
	list.push(...properties);
	return list;
}
