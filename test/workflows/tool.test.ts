import { NodeConnectionTypes } from 'n8n-workflow';

import { EngageVoice } from '../../nodes/EngageVoice/EngageVoice.node';
import { PACKAGE, TestCredentialsHelper, registerNodeType, runWorkflow } from '../helpers/harness';
import type { Simulator } from '../helpers/simulator';
import { jwtCredential, startSim } from '../helpers/simulator';
import { AgentStandIn, toolVariantOf } from '../helpers/toolVariant';

registerNodeType(`${PACKAGE}.engageVoiceTool`, toolVariantOf(new EngageVoice()));
registerNodeType('test.agentStandIn', new AgentStandIn());

let sim: Simulator;
beforeAll(async () => {
	sim = await startSim({ seed: 21 });
});
afterAll(async () => await sim.close());

function agentWorkflow(toolParameters: Record<string, unknown>, question: Record<string, unknown>) {
	return {
		nodes: [
			{ id: 's', name: 'Start', type: 'test.items', typeVersion: 1, position: [0, 0] as [number, number], parameters: { items: JSON.stringify([question]) } },
			{ id: 'a', name: 'Agent', type: 'test.agentStandIn', typeVersion: 1, position: [200, 0] as [number, number], parameters: {} },
			{
				id: 't',
				name: 'Get agents of a sub-account',
				type: `${PACKAGE}.engageVoiceTool`,
				typeVersion: 1,
				position: [200, 200] as [number, number],
				parameters: toolParameters as any,
				credentials: { engageVoiceJwtApi: { id: 'jwt', name: 'jwt' } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Agent', type: NodeConnectionTypes.Main, index: 0 }]] },
			'Get agents of a sub-account': { ai_tool: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }]] },
		},
	};
}

describe('Engage Voice as an AI tool (engageVoiceTool)', () => {
	it('runs an operation with arguments the model supplies through $fromAI', async () => {
		const creds = new TestCredentialsHelper();
		creds.set('jwt', jwtCredential(sim));
		const subAccountId = sim.world.mainSubAccountId;
		const result = await runWorkflow(
			agentWorkflow(
				{
					authentication: 'ringCentralJwt',
					resource: 'agent',
					operation: 'getAll',
					subAccount: {
						__rl: true,
						mode: 'id',
						value: "={{ $fromAI('subAccountId', 'The numeric Engage sub-account ID', 'string') }}",
					},
					returnAll: true,
					simplify: true,
				},
				{ subAccountId },
			),
			creds,
		);
		expect(result.error).toBeUndefined();
		const [answer] = result.output('Agent');
		expect(answer.json.toolName).toBe('Get_agents_of_a_sub-account');
		expect(String(answer.json.toolDescription)).toMatch(/agent/i);
		const agents = JSON.parse(String(answer.json.answer)) as Array<Record<string, unknown>>;
		const expected = sim.world.agents.filter((a: any) => String(a.subAccountId) === String(subAccountId));
		expect(agents.length).toBeGreaterThan(0);
		expect(new Set(agents.map((a) => String(a.agentId)))).toEqual(new Set(expected.map((a: any) => String(a.agentId))));
		expect(agents[0]).toHaveProperty('supervisorAgentIds');
	});

	it('returns the error text to the model instead of failing silently', async () => {
		const creds = new TestCredentialsHelper();
		creds.set('jwt', jwtCredential(sim));
		const result = await runWorkflow(
			agentWorkflow(
				{
					authentication: 'ringCentralJwt',
					resource: 'agentGroup',
					operation: 'getAll',
					subAccount: { __rl: true, mode: 'id', value: "={{ $fromAI('subAccountId', 'sub-account', 'string') }}" },
					returnAll: true,
				},
				{ subAccountId: '12/34' },
			),
			creds,
		);
		const [answer] = result.output('Agent');
		expect(String(answer.json.answer)).toMatch(/^ERROR: "Sub-Account" must be a numeric ID/);
	});
});
