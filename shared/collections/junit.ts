import type { RequestReport, RunReport } from './report';

/**
 * A run as JUnit XML, the shape CI systems read (the Ant JUnit task's, as the Windy Road
 * JUnit.xsd describes it): one testsuite per collection, one testcase per request, a failed
 * assertion a <failure>, a request that could not be sent or got no answer an <error>, a request
 * --bail skipped a <skipped/>. The strict schema wants properties, system-out and system-err on
 * every suite, and a timestamp without a zone; they are always written.
 */
function escape(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // XML 1.0 has no way to write most control characters, even escaped.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '\ufffd')
  );
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(suite: string, request: RequestReport): string {
  const classname = [suite, ...request.folders].join('.');
  const open = `    <testcase name="${escape(`${request.name} (${request.path})`)}" classname="${escape(classname)}" time="${seconds(request.durationMs)}"`;
  const failed = request.checks.filter((check) => !check.ok);
  if (request.verdict === 'skipped') return `${open}>\n      <skipped/>\n    </testcase>`;
  if (request.verdict === 'error') {
    const message = request.error ?? 'The request could not be sent.';
    return `${open}>\n      <error type="transport" message="${escape(message)}">${escape(message)}</error>\n    </testcase>`;
  }
  if (request.verdict === 'failed') {
    const first = failed[0]?.message ?? 'An assertion failed.';
    const all = failed.map((check) => check.message).join('\n');
    return `${open}>\n      <failure type="assertion" message="${escape(first)}">${escape(all)}</failure>\n    </testcase>`;
  }
  return `${open}/>`;
}

/** Every check of every request, one line each, for the suite's system-out. */
function checkLines(report: RunReport): string {
  return report.requests
    .flatMap((request) => [
      `${request.verdict.toUpperCase()} ${request.path}`,
      ...request.checks.map((check) => `  ${check.ok ? 'ok' : 'FAILED'} ${check.message}`),
      ...(request.error ? [`  ERROR ${request.error}`] : []),
    ])
    .join('\n');
}

export function junitXml(report: RunReport, hostname = 'localhost'): string {
  const { counts } = report;
  const timestamp = report.startedAt.replace(/\.\d+Z$|Z$/, '');
  const suite = report.collection.replace(/\s+/g, '-') || 'collection';
  const properties = report.environment
    ? `    <properties>\n      <property name="environment" value="${report.environment}"/>\n    </properties>`
    : '    <properties/>';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites>',
    `  <testsuite name="${escape(report.collection)}" package="${escape(suite)}" id="0" timestamp="${timestamp}" hostname="${escape(hostname)}" tests="${report.requests.length}" failures="${counts.failed}" errors="${counts.error}" skipped="${counts.skipped}" time="${seconds(report.durationMs)}">`,
    properties,
    ...report.requests.map((request) => testcase(suite, request)),
    `    <system-out>${escape(checkLines(report))}</system-out>`,
    '    <system-err/>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
