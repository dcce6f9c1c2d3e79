import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { getTimeZones } from '../../../nodes/EngageVoice/methods/loadOptions';
import { isValidTimeZone } from '../../../nodes/EngageVoice/reports';

describe('getTimeZones (Report › Time Zone)', () => {
	it("offers the workflow's zone first, then the API's US names, then every IANA zone, all valid", async () => {
		const ctx = { getTimezone: () => 'America/New_York' } as unknown as ILoadOptionsFunctions;
		const options = await getTimeZones.call(ctx);
		expect(options[0]).toMatchObject({ name: 'Workflow Time Zone (America/New_York)', value: '' });
		const zones = options.slice(1).map((o) => String(o.value));
		expect(zones.slice(0, 3)).toEqual(['US/Alaska', 'US/Arizona', 'US/Central']);
		expect(zones).toEqual(expect.arrayContaining(['US/Eastern', 'UTC', 'Europe/Berlin', 'America/New_York']));
		expect(new Set(zones).size).toBe(zones.length);
		expect(zones.every(isValidTimeZone)).toBe(true);
	});
});
