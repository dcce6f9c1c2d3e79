import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { EngageConnection } from '../transport';
import { getConnection, redactEmittedError, setCallBounds } from '../transport';
import { writeInto } from './cursor';
import { pollReportEvent, sampleReportEvent } from './events/reportEvent';
import { pollRosterChanged, sampleRosterChanged } from './events/rosterChanged';
import { pollDeadline, requestReserveMs } from './pollDeadline';
import { readSettings, type TriggerSettings } from './settings';

/*
 * The trigger's poll: in trigger mode it works on a copy of the node's static data and writes the
 * new state back only when every request of the poll succeeded (a failed request throws, n8n records
 * a failed execution, and the cursor stays where it was). In manual mode ("Fetch Test Event") it
 * returns a recent sample and never touches static data.
 *
 * Every wait of a poll (the rate budget, backoff, each request's own time) ends by the poll's
 * deadline: the transport reads it from the poll's call bounds (transport/bounds.ts), so the
 * sign-in, the server-clock measurement and the roster lists keep it as the report windows do.
 */

/** n8n's own limit on a poll, when the engine offers it. */
function engineBudgetMs(ctx: IPollFunctions): number | undefined {
	try {
		return typeof ctx.getPollBudgetMs === 'function' ? ctx.getPollBudgetMs() : undefined;
	} catch {
		return undefined;
	}
}

/** Who a trigger is for the rate budget's fairness: one caller per workflow and node. */
export function triggerCaller(ctx: IPollFunctions): string {
	return `trigger:${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id ?? ctx.getNode().name}`;
}

/*
 * Polls of a trigger that are running now in this process. n8n runs every poll of a trigger on one
 * process (the main process, the leader in multi-main), but it can start one while the previous is
 * still running: with its durable scheduler the activation poll runs outside the scheduler, and the
 * scheduler's first poll then starts from the same, not yet committed cursor, delivering the same
 * windows twice. A poll that finds the previous one still running returns nothing and leaves the
 * cursor to it; the next poll goes on from what that one committed.
 */
const pollsRunning = new Set<string>();

export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	if (this.getMode() === 'manual') return await pollOnce(this);
	const key = triggerCaller(this);
	if (pollsRunning.has(key)) {
		this.logger.info(
			'Engage Voice Trigger: the previous poll of this trigger is still running; this poll was skipped',
			{
				workflowId: this.getWorkflow().id,
				node: this.getNode().name,
			},
		);
		return null;
	}
	pollsRunning.add(key);
	try {
		return await pollOnce(this);
	} finally {
		pollsRunning.delete(key);
	}
}

async function pollOnce(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	let connection: EngageConnection | undefined;
	try {
		const settings = readSettings(ctx);
		const startedMs = Date.now();
		const deadlineMs = pollDeadline({
			startMs: startedMs,
			maxPollMs: settings.maxPollMs,
			intervalMs: settings.pollIntervalMs,
			engineBudgetMs: engineBudgetMs(ctx),
		});
		setCallBounds(ctx, {
			deadlineMs,
			reserveMs: requestReserveMs(startedMs, deadlineMs),
			deadlineName: "this poll's deadline (Max Poll Duration)",
			caller: triggerCaller(ctx),
		});
		connection = await getConnection(ctx);
		return await pollWith(ctx, settings, connection);
	} catch (error) {
		// nothing reaches the failed execution, its error workflow or a log with a secret in it
		throw await redactEmittedError(ctx, error, connection);
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
