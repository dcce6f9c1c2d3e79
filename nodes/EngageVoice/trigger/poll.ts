import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { EngageConnection } from '../transport';
import { getConnection, redactEmittedError } from '../transport';
import { writeInto } from './cursor';
import { pollReportEvent, sampleReportEvent } from './events/reportEvent';
import { pollRosterChanged, sampleRosterChanged } from './events/rosterChanged';
import { readSettings, type TriggerSettings } from './settings';

/*
 * The trigger's poll: in trigger mode it works on a copy of the node's static data and writes the
 * new state back only when every request of the poll succeeded (a failed request throws, n8n records
 * a failed execution, and the cursor stays where it was). In manual mode ("Fetch Test Event") it
 * returns a recent sample and never touches static data.
 */
export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	let connection: EngageConnection | undefined;
	try {
		const settings = readSettings(this);
		connection = await getConnection(this);
		return await pollWith(this, settings, connection);
	} catch (error) {
		// nothing reaches the failed execution, its error workflow or a log with a secret in it
		throw await redactEmittedError(this, error, connection);
	}
}

async function pollWith(
	ctx: IPollFunctions,
	settings: TriggerSettings,
	connection: EngageConnection,
): Promise<INodeExecutionData[][] | null> {
	if (ctx.getMode() === 'manual') {
		const sample =
			settings.event === 'rosterChanged'
				? await sampleRosterChanged(ctx, settings, connection)
				: await sampleReportEvent(ctx, settings, connection);
		if (!sample.length) {
			throw new NodeOperationError(ctx.getNode(), 'No agents found in the sub-account', {
				description: 'Check the sub-account, or the credential’s access to its agent groups.',
			});
		}
		return [sample];
	}

	const staticData = ctx.getWorkflowStaticData('node');
	const stored = JSON.parse(JSON.stringify(staticData)) as IDataObject;
	let items: INodeExecutionData[];
	let state: IDataObject | undefined;
	if (settings.event === 'rosterChanged') {
		({ items, state } = await pollRosterChanged(ctx, settings, connection, stored));
	} else {
		({ items, state } = await pollReportEvent(ctx, settings, connection, stored));
	}
	if (state) writeInto(staticData, state);
	return items.length ? [items] : null;
}
