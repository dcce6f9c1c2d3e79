import type { IDisplayOptions, INodeProperties, INodeType } from 'n8n-workflow';
import { updateDisplayOptions as n8nUpdateDisplayOptions } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../nodes/EngageVoice/parameters/displayOptions';

/*
 * The package merges display options itself (a sixth of its load time went to lodash's first
 * deep merge). The node must be exactly what n8n-workflow's updateDisplayOptions would make.
 */

function actionNodeDescription(merge: 'ours' | 'n8n'): string {
	let description = '';
	jest.isolateModules(() => {
		if (merge === 'n8n') {
			jest.doMock('../../../nodes/EngageVoice/parameters/displayOptions', () => ({
				updateDisplayOptions: n8nUpdateDisplayOptions,
			}));
		}
		const { EngageVoice } = require('../../../nodes/EngageVoice/EngageVoice.node') as {
			EngageVoice: new () => INodeType;
		};
		description = JSON.stringify(new EngageVoice().description);
	});
	jest.dontMock('../../../nodes/EngageVoice/parameters/displayOptions');
	return description;
}

const property = (displayOptions?: IDisplayOptions): INodeProperties => ({
	displayName: 'Field',
	name: 'field',
	type: 'string',
	default: '',
	...(displayOptions ? { displayOptions } : {}),
});

describe("display options: the package's merge is n8n-workflow's updateDisplayOptions", () => {
	it('gives the action node, every operation of every resource, byte for byte', () => {
		const ours = actionNodeDescription('ours');
		const n8n = actionNodeDescription('n8n');
		expect(JSON.parse(ours).properties.length).toBeGreaterThan(100);
		expect(ours).toBe(n8n);
	});

	it.each<[string, IDisplayOptions | undefined, IDisplayOptions]>([
		['a property without display options', undefined, { show: { resource: ['agent'], operation: ['getAll'] } }],
		['show keys of its own', { show: { scope: ['one'] } }, { show: { resource: ['agent'], operation: ['getAll'] } }],
		['a hide beside the show', { hide: { simplify: [true] } }, { show: { resource: ['lead'] } }],
		['arrays merged index by index', { show: { resource: ['a', 'b', 'c'] } }, { show: { resource: ['x'] } }],
		['conditions and versions', { show: { '@version': [{ _cnd: { gte: 2 } }] } }, { show: { '@version': [1] } }],
		['an undefined value does not replace one', { show: { scope: ['one'] } }, { show: { scope: undefined } }],
		['an undefined value where there is none', undefined, { show: { scope: undefined } }],
	])('%s', (_, own, added) => {
		const properties = [property(own), property({ show: { other: [1] } })];
		const before = JSON.stringify(properties);
		const ours = updateDisplayOptions(added, properties);
		expect(ours).toEqual(n8nUpdateDisplayOptions(added, properties));
		expect(JSON.stringify(ours)).toBe(JSON.stringify(n8nUpdateDisplayOptions(added, properties)));
		// the properties it was given are left as they were, and nothing is shared with them
		expect(JSON.stringify(properties)).toBe(before);
		expect(ours[0].displayOptions).not.toBe(own);
		if (own?.show) expect(ours[0].displayOptions!.show).not.toBe(own.show);
	});
});
