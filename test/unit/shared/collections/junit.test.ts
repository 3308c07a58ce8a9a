import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { junitXml } from '../../../../shared/collections/junit';
import { countVerdicts, type RequestReport, type RunReport } from '../../../../shared/collections/report';
import { missingXmllint, validateJunitText } from '../../../support/junit-xsd';
import { describeWithSystem } from '../../../support/system';

const request = (over: Partial<RequestReport>): RequestReport => ({
  path: 'apns.json',
  name: 'APNs alert',
  folders: [],
  provider: 'apns',
  verdict: 'passed',
  checks: [{ label: 'status', ok: true, message: 'status: 200' }],
  captured: {},
  durationMs: 12.5,
  ...over,
});

function report(requests: RequestReport[]): RunReport {
  return {
    collection: 'smoke <&> "tests"',
    environment: 'local',
    startedAt: '2026-12-04T14:00:00.123Z',
    durationMs: 1234,
    requests,
    counts: countVerdicts(requests),
  };
}

const failed = request({
  path: 'fcm/topic.json',
  folders: ['fcm'],
  name: 'FCM topic',
  verdict: 'failed',
  checks: [
    { label: 'status', ok: false, message: 'status: expected 200, got 410 (Unregistered)' },
    { label: 'header x', ok: false, message: 'header x: expected "<a>", got no such header' },
  ],
});
const errored = request({ verdict: 'error', checks: [], error: 'No answer from wns: connection reset \u0001.' });
const skipped = request({ verdict: 'skipped', checks: [], path: 'nhub.json' });

describeWithSystem('JUnit XML from a run', missingXmllint(), () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-junit-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('meets the JUnit schema with a pass, a failure, an error and a skip, escaped', async () => {
    const xml = junitXml(report([request({}), failed, errored, skipped]), 'ci-host');
    const verdict = await validateJunitText(dir, xml);
    expect(verdict.valid, `${verdict.said}\n${xml}`).toBe(true);
    expect(xml).toContain('tests="4" failures="1" errors="1" skipped="1" time="1.234"');
    expect(xml).toContain('timestamp="2026-12-04T14:00:00"');
    expect(xml).toContain(
      '<failure type="assertion" message="status: expected 200, got 410 (Unregistered)">status: expected 200, got 410 (Unregistered)\nheader x: expected &quot;&lt;a&gt;&quot;, got no such header</failure>',
    );
    expect(xml).toContain('classname="smoke-&lt;&amp;&gt;-&quot;tests&quot;.fcm"');
    expect(xml).toMatch(/<error type="transport" message="No answer from wns: connection reset \uFFFD.">/);
    expect(xml).toContain('<skipped/>');
  });

  it('an empty run and a run with no environment are valid too', async () => {
    const empty = { ...report([]), environment: undefined };
    const verdict = await validateJunitText(dir, junitXml(empty));
    expect(verdict.valid, verdict.said).toBe(true);
  });

  it('the schema refuses what CI readers refuse (a testcase with no time)', async () => {
    const broken = junitXml(report([request({})])).replace(/ time="0\.013"/, '');
    expect((await validateJunitText(dir, broken)).valid).toBe(false);
  });
});
