/*
 * A report called by an AI agent (the engageVoiceTool variant, through n8n-core's tool machinery)
 * must answer within the time an MCP client waits (issue 9 item 16): a range that would take longer
 * at the current rate budget is answered at once with how many requests it needs, how long they
 * take and a narrower range that fits; that range then answers within the bound.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { EngageVoice } from '../../nodes/EngageVoice/EngageVoice.node';
import type { TestCredentialsHelper } from '../helpers/harness';
import { PACKAGE, registerNodeType, runWorkflow } from '../helpers/harness';
import { reportRequests } from '../helpers/reportTruth';
import type { Simulator } from '../helpers/simulator';
import { useSimulator } from '../helpers/suite';
import { AgentStandIn, toolVariantOf } from '../helpers/toolVariant';

registerNodeType(`${PACKAGE}.engageVoiceTool`, toolVariantOf(new EngageVoice()));
registerNodeType('test.agentStandIn', new AgentStandIn());

let sim: Simulator;
let creds: TestCredentialsHelper;

useSimulator({ seed: 23 }, (s) => ({ sim, creds } = s));

/** Queue Statistics as a tool, Start and End from the model; the default report budget. */
function askForQueueStatistics(question: IDataObject, options: Record<string, number> = {}) {
	return runWorkflow(
		{
			nodes: [
				{ id: 's', name: 'Start', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify([question]) } },
				{ id: 'a', name: 'Agent', type: 'test.agentStandIn', typeVersion: 1, position: [200, 0], parameters: {} },
				{
					id: 't',
					name: 'Queue statistics',
					type: `${PACKAGE}.engageVoiceTool`,
					typeVersion: 1,
					position: [200, 200],
					parameters: {
						authentication: 'ringCentralJwt',
						resource: 'report',
						operation: 'queueStats',
						subAccount: { __rl: true, mode: 'id', value: sim.world.mainSubAccountId },
						apiFamily: 'cx',
						start: "={{ $fromAI('start', 'Start of the range', 'string') }}",
						end: "={{ $fromAI('end', 'End of the range', 'string') }}",
						timeZone: 'US/Eastern',
						interval: 60,
						options,
					},
					credentials: { engageVoiceJwtApi: { id: 'jwt', name: 'jwt' } },
				},
			],
			connections: {
				Start: { main: [[{ node: 'Agent', type: NodeConnectionTypes.Main, index: 0 }]] },
				'Queue statistics': { ai_tool: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }]] },
			},
		},
		creds,
	);
}

describe('a report as an AI tool (issue 9 item 16)', () => {
	it('a day (8 requests at 2 per minute) is answered at once with the count, the time and a range that fits', async () => {
		// the simulator allows what the real API allows
		sim.control.setLimits({ report: [{ count: 2, windowMs: 60_000 }, { count: 9, windowMs: 15 * 60_000 }] });
		const result = await askForQueueStatistics({ start: '2026-11-10T00:00:00', end: '2026-11-11T00:00:00' });
		expect(result.error).toBeUndefined();
		const answer = String(result.output('Agent')[0].json.answer);
		expect(answer).toMatch(
			/^ERROR: This range needs 8 report requests, about 3 min with the report rate budget \(2 per minute and 9 per 15 minutes\), longer than the 40 s a tool call may take\. Ask for a narrower range that fits: Start 2026-11-10T00:00:00-05:00, End 2026-11-10T06:00:00-05:00 \(2 requests\), then continue from that End\./,
		);
		// nothing was requested
		expect(reportRequests(sim)).toEqual([]);

		// the model asks for that range: it is answered, well within the bound
		const narrower = await askForQueueStatistics({ start: '2026-11-10T00:00:00-05:00', end: '2026-11-10T06:00:00-05:00' });
		const rows = JSON.parse(String(narrower.output('Agent')[0].json.answer)) as IDataObject[];
		expect(rows.length).toBeGreaterThan(0);
		expect(new Set(rows.map((row) => row.intervalStart)).size).toBe(6);
		expect(reportRequests(sim).map((request) => request.status)).toEqual([200, 200]);
	});

	it('when the budget is used up, it says when to ask again; the bound is an option', async () => {
		sim.control.setLimits({ report: [{ count: 2, windowMs: 60_000 }, { count: 9, windowMs: 15 * 60_000 }] });
		const first = await askForQueueStatistics({ start: '2026-11-10T00:00:00-05:00', end: '2026-11-10T06:00:00-05:00' });
		expect(String(first.output('Agent')[0].json.answer)).toMatch(/^\[/);
		const next = await askForQueueStatistics({ start: '2026-11-10T06:00:00-05:00', end: '2026-11-10T09:00:00-05:00' });
		expect(String(next.output('Agent')[0].json.answer)).toMatch(
			/^ERROR: This range needs 1 report request, about \d+ s with the report rate budget \(2 per minute and 9 per 15 minutes\), longer than the 40 s a tool call may take\. The budget has no free request for the next \d+ s: ask again after that\./,
		);
		// a client that gives a tool less time: two requests sent at once plus their time do not fit 5 s
		const hasty = await askForQueueStatistics(
			{ start: '2026-11-11T00:00:00-05:00', end: '2026-11-11T06:00:00-05:00' },
			{ maxToolCallSeconds: 5 },
		);
		expect(String(hasty.output('Agent')[0].json.answer)).toMatch(/longer than the 5 s a tool call may take/);
		expect(reportRequests(sim)).toHaveLength(2);
	});
});
