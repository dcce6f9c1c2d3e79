import {
	maxBudgetWaitOption,
	maxRetryAfterOption,
	maxToolCallOption,
	maxWindowsOption,
	timeoutOption,
} from '../../../nodes/EngageVoice/parameters/properties';
import { DEFAULT_MAX_WINDOWS } from '../../../nodes/EngageVoice/reports';
import {
	DEFAULT_MAX_BUDGET_WAIT_MS,
	DEFAULT_MAX_RETRY_AFTER_MS,
	DEFAULT_MAX_TOOL_CALL_MS,
	DEFAULT_TIMEOUT_MS,
	reportRunLimitsFrom,
	transportOptionsFrom,
} from '../../../nodes/EngageVoice/transport';

describe('the options that bound waits', () => {
	it('show the defaults the transport and the planner use (one value, written twice for the lint)', () => {
		expect(timeoutOption.default).toBe(DEFAULT_TIMEOUT_MS / 1000);
		expect(maxRetryAfterOption.default).toBe(DEFAULT_MAX_RETRY_AFTER_MS / 1000);
		expect(maxBudgetWaitOption.default).toBe(DEFAULT_MAX_BUDGET_WAIT_MS / 1000);
		expect(maxToolCallOption.default).toBe(DEFAULT_MAX_TOOL_CALL_MS / 1000);
		expect(maxWindowsOption.default).toBe(DEFAULT_MAX_WINDOWS);
		// well under the two minutes of the issue, and well under an MCP client's 60 s
		expect(DEFAULT_TIMEOUT_MS).toBeLessThan(120_000);
		expect(DEFAULT_MAX_TOOL_CALL_MS).toBeLessThan(60_000);
	});

	it('are read into the transport options and the report run limits', () => {
		expect(transportOptionsFrom({ timeoutSeconds: 20, maxRetryAfterSeconds: 90, maxBudgetWaitSeconds: 600 })).toEqual({
			timeoutMs: 20_000,
			maxRetryAfterMs: 90_000,
			maxBudgetWaitMs: 600_000,
		});
		expect(transportOptionsFrom({})).toEqual({});
		expect(reportRunLimitsFrom({})).toEqual({ maxWindows: undefined, maxToolCallMs: DEFAULT_MAX_TOOL_CALL_MS });
		expect(reportRunLimitsFrom({ maxWindows: 50, maxToolCallSeconds: 25 })).toEqual({ maxWindows: 50, maxToolCallMs: 25_000 });
	});
});
