import { normalizeAgent } from '../../../nodes/EngageVoice/reports/directoryRows';
import {
	agentFingerprint,
	diffRoster,
	fingerprintFields,
	readFingerprints,
	ROSTER_FIELDS,
} from '../../../nodes/EngageVoice/trigger/rosterFingerprint';

const jane = {
	rcUserId: 1009,
	agentId: 1386703,
	agentGroupId: 30,
	firstName: 'Jane',
	lastName: 'Doe',
	engageUserName: 'jane.doe+wfo1@ringcentral.com',
	userName: 'jane.doe+wfo1+eo1@ringcentral.com',
	email: 'jane.doe@ringcentral.com',
	agentType: 'SUPERVISOR',
	isActive: true,
	supervisorAgentIds: [1386605, 1386600],
	superviseeAgentIds: [1386804, 1386905],
	envID: 'eo1',
};

describe('roster fingerprints', () => {
	it('keep only the watched fields, compactly, and the same for both supervision spellings', () => {
		const fingerprint = agentFingerprint(normalizeAgent(jane));
		expect(fingerprint).toEqual([30, 1009, 'Jane', 'Doe', 'jane.doe@ringcentral.com', 'SUPERVISOR', 1, [1386600, 1386605], [1386804, 1386905]]);
		const where = {
			...jane,
			supervisorAgentIds: undefined,
			superviseeAgentIds: undefined,
			whereSupervisee: [{ agentId: 1386703, supervisorId: 1386605 }, { agentId: 1386703, supervisorId: 1386600 }],
			whereSupervisor: [{ agentId: 1386905, supervisorId: 1386703 }, { agentId: 1386804, supervisorId: 1386703 }],
		};
		expect(agentFingerprint(normalizeAgent(where))).toEqual(fingerprint);
		expect(fingerprintFields(fingerprint)).toEqual({
			agentGroupId: 30,
			rcUserId: 1009,
			firstName: 'Jane',
			lastName: 'Doe',
			email: 'jane.doe@ringcentral.com',
			agentType: 'SUPERVISOR',
			isActive: true,
			supervisorAgentIds: [1386600, 1386605],
			superviseeAgentIds: [1386804, 1386905],
		});
		// compact: well under the whole record
		expect(JSON.stringify(fingerprint).length).toBeLessThan(JSON.stringify(jane).length / 2);
	});

	it('diff: added, removed and changed agents with old and new values, by agent id', () => {
		const a = agentFingerprint(normalizeAgent(jane));
		const b = agentFingerprint(normalizeAgent({ ...jane, agentId: 7, supervisorAgentIds: [], superviseeAgentIds: [] }));
		const moved = agentFingerprint(normalizeAgent({ ...jane, agentGroupId: 31, isActive: false, email: 'j@x.com' }));
		const c = agentFingerprint(normalizeAgent({ ...jane, agentId: 12 }));
		expect(diffRoster({ '1386703': a, '7': b }, { '1386703': a, '7': b })).toEqual([]);
		expect(diffRoster({ '1386703': a, '7': b }, { '1386703': moved, '12': c })).toEqual([
			{ changeType: 'removed', agentId: '7', changedFields: [], changes: {} },
			{ changeType: 'added', agentId: '12', changedFields: [], changes: {} },
			{
				changeType: 'changed',
				agentId: '1386703',
				changedFields: ['agentGroupId', 'email', 'isActive'],
				changes: {
					agentGroupId: { old: 30, new: 31 },
					email: { old: 'jane.doe@ringcentral.com', new: 'j@x.com' },
					isActive: { old: true, new: false },
				},
			},
		]);
	});

	it('reads stored fingerprints and drops what is not one', () => {
		const a = agentFingerprint(normalizeAgent(jane));
		expect(readFingerprints(JSON.parse(JSON.stringify({ '1': a, '2': [1, 2], '3': 'x' })))).toEqual({ '1': a });
		expect(readFingerprints(undefined)).toBeUndefined();
		expect(readFingerprints([a])).toBeUndefined();
		expect(ROSTER_FIELDS).toHaveLength(a.length);
	});
});
