/**
 * What happened to the documents at each stage of a run. Together these answer
 * "the portal says connected, but my invoice is missing".
 */
export interface StageCounts {
	found: number;
	outsideDateRange: number;
	excludedByType: number;
	excludedByAccount: number;
	excludedByAmount: number;
	alreadyDelivered: number;
	overLimit: number;
	downloaded: number;
	failed: number;
}

export type FilterStage = Exclude<
	keyof StageCounts,
	'found' | 'downloaded' | 'failed' | 'alreadyDelivered' | 'overLimit'
>;

export function emptyCounts(): StageCounts {
	return {
		found: 0,
		outsideDateRange: 0,
		excludedByType: 0,
		excludedByAccount: 0,
		excludedByAmount: 0,
		alreadyDelivered: 0,
		overLimit: 0,
		downloaded: 0,
		failed: 0,
	};
}
