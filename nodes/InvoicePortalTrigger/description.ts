import type { INodeProperties } from 'n8n-workflow';
import { MAX_EVERY_DAYS, MIN_EVERY_DAYS } from '../../portals/core/scheduling/schedule';
import { captchaSolverProperty } from '../shared/credentials.description';
import { mailboxProperties } from '../shared/mailbox';
import { FILTER_OPTIONS } from '../shared/filters.description';
import { credentialsHere } from '../shared/layout';
import { readInvoiceDataOption } from '../shared/invoice-data';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * The trigger's settings, in n8n's order: the credentials (after Poll Times, which n8n puts first on
 * every polling node), what it triggers on, whether, how often, when, what; the login's options last.
 */
export const triggerProperties: INodeProperties[] = [
	credentialsHere,
	// n8n's node picker names a trigger by its "Trigger On" options (or "On new … event" without).
	{
		displayName: 'Trigger On',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'New Invoices',
				value: 'newDocuments',
				action: 'On new invoices',
				description:
					"Each new document of the portal on its own item, and an item when the connection's status changes",
			},
		],
		default: 'newDocuments',
	},
	{
		displayName: 'Downloads Enabled',
		name: 'enabled',
		type: 'boolean',
		default: true,
		description:
			'Whether scheduled downloads run. Off: the connection is paused and nothing is fetched.',
	},
	{
		displayName: 'Check Every (Days)',
		name: 'everyDays',
		type: 'number',
		typeOptions: { minValue: MIN_EVERY_DAYS, maxValue: MAX_EVERY_DAYS },
		default: 7,
		description:
			'How many days after a successful run the portal is checked again. Poll Times above only decides how often the node wakes up to see whether a check is due (every hour is a good choice).',
	},
	{
		displayName: 'Allowed Weekdays',
		name: 'weekdays',
		type: 'multiOptions',
		// Calendar order, not alphabetical: people read weekdays Monday to Sunday.
		options: WEEKDAYS.map((name, index) => ({ name, value: index + 1 })),
		default: [1, 2, 3, 4, 5],
		description:
			'Days on which a download may start, so that verification codes do not arrive at weekends',
	},
	{
		displayName: 'Allowed Hours',
		name: 'hourRanges',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Hour Range',
		default: { range: [{ from: 8, to: 18 }] },
		description: 'Hours (local time, in the time zone below) in which a download may start',
		options: [
			{
				displayName: 'Hour Range',
				name: 'range',
				values: [
					{
						displayName: 'From Hour',
						name: 'from',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 23 },
						default: 8,
						description: 'First hour of the range (0–23)',
					},
					{
						displayName: 'To Hour',
						name: 'to',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 24 },
						default: 18,
						description: 'The range ends at the start of this hour (1–24; 24 is midnight)',
					},
				],
			},
		],
	},
	{
		displayName: 'Time Zone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'Europe/Amsterdam',
		description:
			"Time zone of the allowed hours, as an IANA name. Empty: the workflow's time zone (Workflow Settings), or else the instance's.",
	},
	{
		displayName: 'Random Delay (Minutes)',
		name: 'maxRandomDelayMinutes',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1440 },
		default: 60,
		description:
			'Start up to this many minutes after an allowed range opens (a fixed, random amount per connection), so that many connections do not all log in at the same minute. 0 starts at once.',
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		description:
			'The first run fetches documents issued since this date. Empty: 90 days before the first run.',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		// Dates are the trigger's own business (start date, then only new documents).
		options: FILTER_OPTIONS.filter(
			(option) => option.name !== 'startDate' && option.name !== 'endDate',
		).map((option) =>
			option.name === 'limit'
				? {
						...option,
						description: 'Max number of documents per run; the others follow at the next wake-up',
					}
				: option,
		),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		// In a collection, as on Download: no credential's rule may depend on it (main auth field).
		options: [readInvoiceDataOption],
	},
	captchaSolverProperty,
	...mailboxProperties,
];
