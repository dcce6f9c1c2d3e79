import type { ILoadOptionsFunctions, INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';

import { EngageVoice } from '../../nodes/EngageVoice/EngageVoice.node';
import { EngageVoiceEventsTrigger } from '../../nodes/EngageVoice/EngageVoiceEventsTrigger.node';
import { EngageVoiceTrigger } from '../../nodes/EngageVoice/EngageVoiceTrigger.node';
import * as listSearchModule from '../../nodes/EngageVoice/methods/listSearch';
import * as loadOptionsModule from '../../nodes/EngageVoice/methods/loadOptions';
import { byDisplayName } from '../../nodes/EngageVoice/parameters/properties';

/*
 * What n8n loads with the package: the nodes list their dropdown methods by name and load the
 * code on first call (nodes/EngageVoice/onFirstCall.ts), and the descriptions sort their lists
 * without ICU collation. How fast the package loads is measured by `npm run bench`, not here.
 */

const nodes: Array<[string, INodeType]> = [
	['Engage Voice', new EngageVoice()],
	['Engage Voice Trigger', new EngageVoiceTrigger()],
	['Engage Voice Events Trigger', new EngageVoiceEventsTrigger()],
];

describe('package loading', () => {
	it.each(nodes)('%s lists every dropdown and list-search method of the methods modules', (_, node) => {
		expect(Object.keys(node.methods?.listSearch ?? {}).sort()).toEqual(Object.keys(listSearchModule).sort());
		expect(Object.keys(node.methods?.loadOptions ?? {}).sort()).toEqual(Object.keys(loadOptionsModule).sort());
	});

	it('a listed method loads its module on the first call and runs with the caller as `this`', async () => {
		const ctx = { getTimezone: () => 'Europe/Berlin' } as unknown as ILoadOptionsFunctions;
		const node = new EngageVoice();
		const viaNode = await node.methods!.loadOptions!.getTimeZones.call(ctx);
		expect(viaNode[0]).toMatchObject({ name: 'Workflow Time Zone (Europe/Berlin)', value: '' });
		expect(viaNode).toEqual(await loadOptionsModule.getTimeZones.call(ctx));
	});

	it('a listed method passes on what the method throws', async () => {
		// no credential and no sub-account: the real method fails, and so does the listed one, the same way
		const ctx = {
			getNode: () => ({ name: 'Engage Voice', type: 'engageVoice', typeVersion: 1, parameters: {} }),
			getCurrentNodeParameter: () => undefined,
			getNodeParameter: () => undefined,
		} as unknown as ILoadOptionsFunctions;
		const node = new EngageVoice();
		const direct = await loadOptionsModule.getAgentGroups.call(ctx).then(
			() => 'resolved',
			(error: Error) => error.message,
		);
		const listed = await node.methods!.loadOptions!.getAgentGroups.call(ctx).then(
			() => 'resolved',
			(error: Error) => error.message,
		);
		expect(direct).not.toBe('resolved');
		expect(listed).toBe(direct);
	});

	it('byDisplayName puts every option list of the three nodes in the order localeCompare gives', () => {
		const lists: string[][] = [];
		const walk = (properties: Array<INodeProperties | INodePropertyCollection>) => {
			for (const property of properties) {
				const options = (property as INodeProperties).options ?? (property as INodePropertyCollection).values;
				if (!Array.isArray(options)) continue;
				const named = options.filter((o): o is INodeProperties => typeof (o as INodeProperties).displayName === 'string');
				if (named.length > 1) lists.push(named.map((o) => o.displayName));
				walk(options as Array<INodeProperties | INodePropertyCollection>);
			}
		};
		for (const [, node] of nodes) walk(node.description.properties);
		expect(lists.length).toBeGreaterThan(20);
		for (const names of lists) {
			const ours = names.map((displayName) => ({ displayName })).sort(byDisplayName).map((o) => o.displayName);
			expect(ours).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	});
});
