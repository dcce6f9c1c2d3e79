import { spawn, ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { req } from './helpers';

const { startSimulator } = require('../../simulator') as typeof import('../../simulator');

const SCRIPT = path.join(__dirname, '..', '..', '..', 'scripts', 'simulator.js');

function run(args: string[], until = '\n'): { child: ChildProcess; firstOutput: Promise<string> } {
	// the CLI is a separate process by design (tests only)
	const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	const firstOutput = new Promise<string>((resolve, reject) => {
		let out = '';
		let err = '';
		child.stdout!.on('data', (d) => {
			out += d.toString();
			if (out.includes(until)) resolve(out);
		});
		child.stderr!.on('data', (d) => (err += d.toString()));
		child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
	});
	return { child, firstOutput };
}

function exitOf(child: ChildProcess): Promise<number | null> {
	return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('scripts/simulator.js', () => {
	it('--json prints url, secrets and a world summary; stops cleanly on SIGTERM', async () => {
		const { child, firstOutput } = run(['--port', '0', '--seed', '7', '--json']);
		const info = JSON.parse((await firstOutput).split('\n')[0]);
		expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const inProcess = await startSimulator({ port: 0, seed: 7 });
		try {
			expect(info.secrets).toEqual(inProcess.secrets);
			expect(info.world.mainAccountId).toBe(inProcess.world.mainAccountId);
			expect(info.world.subAccounts).toHaveLength(3);
			expect(info.world.bigQueueGroupId).toBe(inProcess.world.bigQueueGroupId);
		} finally {
			await inProcess.close();
		}
		const health = await req(`${info.url}/__sim/health`);
		expect(health.json).toEqual({ ok: true });
		const exited = exitOf(child);
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	});

	it('text mode names the hosts, secrets and world; --clock-speed and --start apply; SIGINT stops it', async () => {
		const { child, firstOutput } = run(['--port=0', '--seed=3', '--clock-speed', '60', '--start', '2026-03-02T18:00:00Z'], 'Press Ctrl+C');
		const out = await firstOutput;
		const url = /listening on (http:\/\/\S+)/.exec(out)![1];
		expect(out).toContain(`Legacy host:         ${url}/api`);
		expect(out).toMatch(/clientSecret\s+[0-9a-f]{40}/);
		expect(out).toContain('(no WEM access)');
		expect(out).toContain('speed 60');
		const clock = await req(`${url}/__sim/clock`);
		expect(clock.json.now).toBeGreaterThanOrEqual(Date.parse('2026-03-02T18:00:00Z'));
		expect(clock.json.now).toBeLessThan(Date.parse('2026-03-02T19:00:00Z'));
		const exited = exitOf(child);
		child.kill('SIGINT');
		expect(await exited).toBe(0);
	});

	it('--busy-day and --no-auto-deliver start those modes; campaigns are listed', async () => {
		const { child, firstOutput } = run(['--port', '0', '--seed', '7', '--busy-day', '30', '--no-auto-deliver'], 'Press Ctrl+C');
		const out = await firstOutput;
		const url = /listening on (http:\/\/\S+)/.exec(out)![1];
		expect(out).toContain('busy day            30 calls per 5 minutes');
		expect(out).toMatch(/campaigns\s+\d+ Renewal Outreach/);
		expect((await req(`${url}/__sim/busy-day`)).json.busyDay).toEqual(expect.objectContaining({ callsPerBucket: 30 }));
		expect((await req(`${url}/__sim/deliveries/auto`)).json).toEqual({ auto: false });
		const exited = exitOf(child);
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
		const bad = spawn(process.execPath, [SCRIPT, '--busy-day', '0'], { stdio: 'ignore' });
		expect(await exitOf(bad)).toBe(2);
	});

	it('rejects unknown options', async () => {
		const child = spawn(process.execPath, [SCRIPT, '--nope'], { stdio: 'ignore' });
		expect(await exitOf(child)).toBe(2);
	});
});
