describe('parser libraries', () => {
	it('load on first use, not with the package', () => {
		const loaded: string[] = [];
		jest.isolateModules(() => {
			jest.doMock('papaparse', () => {
				loaded.push('papaparse');
				return jest.requireActual('papaparse');
			});
			jest.doMock('xml2js', () => {
				loaded.push('xml2js');
				return jest.requireActual('xml2js');
			});
			// The node loads the reports barrel (planner, parsers, normaliser) at start-up.
			const reports = require('../../../nodes/EngageVoice/reports') as typeof import('../../../nodes/EngageVoice/reports');
			expect(loaded).toEqual([]);
			expect(reports.parseCsvReport('a,b\n1,2\n', { windowLabel: 'w' })).toEqual([{ a: '1', b: '2' }]);
			expect(loaded).toEqual(['papaparse']);
			reports.parseCsvReport('a\n1\n', { windowLabel: 'w' });
			expect(loaded).toEqual(['papaparse']);
		});
	});

	it('xml2js too', async () => {
		const loaded: string[] = [];
		let parseXmlReport: typeof import('../../../nodes/EngageVoice/reports').parseXmlReport = async () => [];
		jest.isolateModules(() => {
			jest.doMock('xml2js', () => {
				loaded.push('xml2js');
				return jest.requireActual('xml2js');
			});
			parseXmlReport = (require('../../../nodes/EngageVoice/reports') as typeof import('../../../nodes/EngageVoice/reports')).parseXmlReport;
		});
		expect(loaded).toEqual([]);
		expect(await parseXmlReport('<r><row a="1"/></r>', { windowLabel: 'w' })).toEqual([{ a: '1' }]);
		expect(loaded).toEqual(['xml2js']);
	});
});
