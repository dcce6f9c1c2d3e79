'use strict';
// The outbound dialer of the seeded contact center (API doc §10): dial groups, campaigns, lead lists,
// the leads each campaign starts with, and the account DNC list. Pure data, a function of the seed
// only (its own random stream, so the rest of the world keeps its ids). The lead store (leadStore.js)
// starts from these leads and changes them at run time.

const { rng } = require('./prng');

/** [spec] lead states (hyphenated), in the spec's order; the old docs spell them with underscores. */
const LEAD_STATES = [
	'ACTIVE', 'AGENT-CALLBACK', 'CALLBACK-CANCELLED', 'CALLBACK', 'CANCELLED', 'COMPLETE', 'DISCONNECTED', 'DO-NOT-CALL', 'INTERCEPT',
	'MAX-DIAL-LIMIT', 'PAUSED', 'PENDING-CALLBACK', 'PENDING-ERR', 'PENDING-HCI', 'PENDING', 'READY', 'TRANSITIONED', 'WHITELIST',
];
const SYSTEM_DISPOSITIONS = [
	'ANSWER', 'NOANSWER', 'BUSY', 'MACHINE', 'INTERCEPT', 'DISCONNECT', 'ABANDON', 'CONGESTION', 'MANUAL_PASS', 'INBOUND_CALLBACK', 'APP_DNC',
	'APP_REQUEUE', 'APP_REQUEUE_COMPLETE', 'APP_REQUEUE_ABANDON', 'INBOUND_ABANDON', 'API_BLOCKED', 'API_ERROR',
];
const AGENT_DISPOSITIONS = ['Sale', 'Not Interested', 'Call Back Later', 'Wrong Number', 'Renewed', 'Left Message'];
/** Area code → lead time zone abbreviation (NPA_NXX); also the seeded leads' phones. */
const AREA_ZONES = { 202: 'EST', 212: 'EST', 617: 'EST', 305: 'EST', 312: 'CST', 713: 'CST', 303: 'MST', 602: 'MST', 415: 'PST', 206: 'PST', 907: 'AKST', 808: 'HAST' };
/** First zip digit → zone (ZIPCODE). */
const ZIP_ZONES = { 0: 'EST', 1: 'EST', 2: 'EST', 3: 'EST', 4: 'EST', 5: 'CST', 6: 'CST', 7: 'CST', 8: 'MST', 9: 'PST' };
const US_STATES = { 202: 'DC', 212: 'NY', 617: 'MA', 305: 'FL', 312: 'IL', 713: 'TX', 303: 'CO', 602: 'AZ', 415: 'CA', 206: 'WA', 907: 'AK', 808: 'HI' };

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Tim', 'Margaret', 'John', 'Hedy', 'Claude', 'Karen', 'Niklaus'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Perlman', 'Berners-Lee', 'Hamilton', 'Backus', 'Lamarr', 'Shannon', 'Spärck Jones', 'Wirth'];

/** Fixed seed dates (the dialer has no notion of the sim clock): leads were loaded in Jan–Feb 2026. */
const SEED_FROM_MS = Date.UTC(2026, 0, 5, 14, 0, 0);

function pad(n, w = 2) {
	return String(n).padStart(w, '0');
}

function createDialer(world) {
	const r = rng(world.seed, 'dialer');
	const [mainSub, partnerSub, noWemSub] = [world.mainSubAccountId, world.partnerSubAccountId, world.noWemSubAccountId];
	const specs = [
		{
			sub: mainSub, name: 'Outbound Renewals', desc: 'Renewal outreach campaigns', mode: 'PREVIEW', active: true, search: 'YES',
			campaigns: [
				{ name: 'Renewal Outreach', desc: 'Contracts expiring this quarter', leads: 240, config: 'SIMPLE', active: 1 },
				{ name: 'Win-back', desc: 'Former customers', leads: 60, config: 'SIMPLE', active: 1 },
			],
		},
		{
			sub: mainSub, name: 'Collections', desc: 'Payment reminders', mode: 'PREDICTIVE', active: true, search: 'YES',
			campaigns: [
				{ name: 'Early Stage', desc: '1–30 days overdue', leads: 80, config: 'STRATEGIC', active: 1 },
				{ name: 'Late Stage', desc: 'Paused until further notice', leads: 20, config: 'SIMPLE', active: 0 },
			],
		},
		{ sub: mainSub, name: 'Spring Promo', desc: 'Not started', mode: 'CLICK_TO_TALK', active: false, search: 'NO', campaigns: [] },
		{
			sub: partnerSub, name: 'Partner Callbacks', desc: 'Partner follow-ups', mode: 'POWER', active: true, search: 'YES',
			campaigns: [{ name: 'Partner Follow-up', desc: 'Leads from partner events', leads: 30, config: 'SIMPLE', active: 1 }],
		},
		{
			sub: noWemSub, name: 'Legacy Dialer', desc: 'Outbound only sub-account', mode: 'PREDICTIVE', active: true, search: 'YES',
			campaigns: [{ name: 'Legacy Campaign', desc: 'Imported from the old dialer', leads: 25, config: 'SIMPLE', active: 1 }],
		},
	];

	let dialGroupId = r.int(100000, 180000);
	let campaignId = r.int(200000, 280000);
	let listId = r.int(300000, 380000);
	let leadId = r.int(1000000, 1800000);
	const dialGroups = [];
	const campaigns = [];
	const lists = [];
	const leads = [];
	const dnc = {};
	for (const s of world.subAccounts) dnc[s.subAccountId] = [];

	const phoneOf = () => {
		const area = r.pick(Object.keys(AREA_ZONES));
		return `${area}555${pad(r.int(0, 9999), 4)}`;
	};

	for (const spec of specs) {
		const group = {
			dialGroupId: (dialGroupId += r.int(1, 40)),
			subAccountId: spec.sub,
			dialGroupName: spec.name,
			dialGroupDesc: spec.desc,
			dialMode: spec.mode,
			isActive: spec.active,
			allowLeadSearch: spec.search,
			maxLeadsReturned: 100,
			enableAgentFilter: false,
			hciEnabled: 'DISABLED',
		};
		dialGroups.push(group);
		const agents = world.agents.filter((a) => a.subAccountId === spec.sub && a.isActive);
		for (const cs of spec.campaigns) {
			const startMs = Date.UTC(2026, r.int(0, 1), r.int(1, 28), 7, 0, 0);
			const campaign = {
				campaignId: (campaignId += r.int(1, 40)),
				dialGroupId: group.dialGroupId,
				subAccountId: spec.sub,
				campaignName: cs.name,
				campaignDesc: cs.desc,
				callerId: `8${r.digits(9)}`,
				isActive: cs.active,
				startDateMs: startMs,
				endDateMs: null,
				callingConfiguration: cs.config,
				maxPasses: r.int(3, 6),
			};
			campaigns.push(campaign);
			const campaignLists = [];
			for (let i = 0; i < (cs.leads > 50 ? 2 : 1); i++) {
				const list = {
					listId: (listId += r.int(1, 40)),
					campaignId: campaign.campaignId,
					listDesc: i === 0 ? `${cs.name} import` : `${cs.name} web leads`,
					listState: 'ACTIVE',
					uploadDateMs: SEED_FROM_MS + i * 7 * 86400000,
					dialPriority: 'NORMAL',
					timeZoneOption: 'NPA_NXX',
					seeded: true,
				};
				lists.push(list);
				campaignLists.push(list);
			}
			for (let i = 0; i < cs.leads; i++) {
				const list = campaignLists[i % campaignLists.length];
				const phone = phoneOf();
				const area = phone.slice(0, 3);
				const first = r.pick(FIRST);
				const last = r.pick(LAST);
				const roll = r.next();
				let state = 'READY';
				// READY 55 %, then the other states in rough dialer proportions
				const table = [
					[0.55, 'READY'], [0.67, 'COMPLETE'], [0.72, 'CALLBACK'], [0.77, 'AGENT-CALLBACK'], [0.81, 'PAUSED'], [0.85, 'CANCELLED'],
					[0.89, 'MAX-DIAL-LIMIT'], [0.92, 'PENDING'], [0.95, 'DO-NOT-CALL'], [0.97, 'INTERCEPT'], [0.98, 'DISCONNECTED'],
					[0.99, 'PENDING-CALLBACK'], [1.01, 'CALLBACK-CANCELLED'],
				];
				for (const [p, st] of table) {
					if (roll < p) {
						state = st;
						break;
					}
				}
				const loaded = list.uploadDateMs + r.int(0, 3600) * 1000;
				const maxPasses = campaign.maxPasses;
				const passes = state === 'READY' ? r.int(0, 2) : state === 'MAX-DIAL-LIMIT' ? maxPasses : r.int(1, maxPasses);
				const lastAgent = passes > 0 && agents.length ? r.pick(agents) : null;
				const lastDispo = passes > 0 ? r.pick(['ANSWER', 'NOANSWER', 'BUSY', 'MACHINE', 'ANSWER', 'NOANSWER']) : null;
				const lastPassMs = passes > 0 ? loaded + r.int(1, 20) * 86400000 : null;
				const callbackAgent = ['AGENT-CALLBACK', 'PENDING-CALLBACK'].includes(state) && agents.length ? r.pick(agents) : null;
				const zip = `${r.int(0, 9)}${pad(r.int(0, 9999), 4)}`;
				const id = (leadId += r.int(1, 5));
				const lead = {
					leadId: id,
					campaignId: campaign.campaignId,
					listId: list.listId,
					externId: `crm-${pad(r.int(1, 99999), 5)}`,
					leadPhone: phone,
					leadPhoneE164: `+1${phone}`,
					title: null,
					firstName: first,
					midName: null,
					lastName: last,
					suffix: null,
					address1: `${r.int(1, 999)} ${r.pick(['Main St', 'Oak Ave', 'Market St', 'Elm Rd', 'Pine Ct'])}`,
					address2: null,
					city: r.pick(['Springfield', 'Riverside', 'Fairview', 'Madison', 'Georgetown']),
					state: US_STATES[area],
					zip,
					email: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + `${i}@example.org`,
					gateKeeper: null,
					auxData1: r.pick(['gold', 'silver', 'bronze']),
					auxData2: String(r.int(1, 60)),
					auxData3: null,
					auxData4: null,
					auxData5: null,
					auxPhone: null,
					auxExternalUrl: null,
					auxGreeting: null,
					callerId: null,
					liveAnswerMessage: null,
					machAnswerMessage: null,
					leadPriority: r.int(1, 10),
					maxPasses,
					leadTimezone: AREA_ZONES[area],
					extendedLeadData: null,
					suppressed: r.chance(0.04),
					leadState: state,
					leadPasses: passes,
					loadedDts: loaded,
					nextDialTime: state === 'READY' || state.includes('CALLBACK') ? loaded + r.int(1, 30) * 86400000 : null,
					lastPassDts: lastPassMs,
					lastPassDisposition: lastDispo,
					agentDisposition: lastDispo === 'ANSWER' ? r.pick(AGENT_DISPOSITIONS) : null,
					lastPassAgentId: lastAgent ? lastAgent.agentId : null,
					pendingAgentId: callbackAgent ? callbackAgent.agentId : null,
					stateDts: lastPassMs || loaded,
					uploadedBy: world.users[0].userName,
					searchableAtMs: 0,
				};
				leads.push(lead);
				if (state === 'DO-NOT-CALL') dnc[spec.sub].push(phone);
			}
			// quirks the search must cope with: two leads share a phone, two share an externId
			const mine = leads.filter((l) => l.campaignId === campaign.campaignId);
			if (mine.length >= 10) {
				mine[7].leadPhone = mine[3].leadPhone;
				mine[7].leadPhoneE164 = mine[3].leadPhoneE164;
				mine[8].externId = mine[4].externId;
			}
		}
	}
	// a DNC number no lead has yet (loading it counts in dncReturnedCount)
	for (const s of world.subAccounts) dnc[s.subAccountId].push(`202555${pad(r.int(0, 9999), 4)}`);

	return {
		dialGroups,
		campaigns,
		lists,
		leads,
		dnc,
	};
}

module.exports = { createDialer, LEAD_STATES, SYSTEM_DISPOSITIONS, AGENT_DISPOSITIONS, AREA_ZONES, ZIP_ZONES };
