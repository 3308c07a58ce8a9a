import { describe, expect, it } from 'vitest';
import { parseConnectionString, parseNhub } from '../../../../../main/core/credentials/nhub-connection-string';

const KEY = 'abc+/def0123456789ABCDEFGHIJKLMNOPQRSTUV=';

describe('Notification Hubs connection string parser', () => {
  it('reads the parts in any order, with whitespace, a trailing ; and = inside the key', () => {
    expect(
      parseConnectionString(
        ` SharedAccessKey=${KEY} ;\n Endpoint=sb://my-ns.servicebus.windows.net ; SharedAccessKeyName=DefaultFullSharedAccessSignature;`,
      ),
    ).toEqual({
      endpoint: 'sb://my-ns.servicebus.windows.net/',
      keyName: 'DefaultFullSharedAccessSignature',
      key: KEY,
    });
  });

  it('shows namespace, endpoint, key name and hub, never the key', () => {
    const parsed = parseNhub({
      connectionString: `Endpoint=sb://my-ns.servicebus.windows.net/;SharedAccessKeyName=Listen;SharedAccessKey=${KEY}`,
      hubName: 'my-hub',
    });
    expect(parsed.metadata).toEqual({
      namespace: 'my-ns',
      endpoint: 'sb://my-ns.servicebus.windows.net/',
      keyName: 'Listen',
      hubName: 'my-hub',
      rights: 'unknown',
    });
    expect(JSON.stringify(parsed.metadata)).not.toContain(KEY);
    expect(parsed.secret.key).toBe(KEY);
  });

  it('knows the rights of the two default policies and warns that the listen-only one cannot send', () => {
    const parse = (keyName: string) =>
      parseNhub({
        connectionString: `Endpoint=sb://my-ns.servicebus.windows.net/;SharedAccessKeyName=${keyName};SharedAccessKey=${KEY}`,
        hubName: 'my-hub',
      });
    const full = parse('DefaultFullSharedAccessSignature');
    expect(full.metadata['rights']).toBe('Listen, Manage, Send');
    expect(full.warnings).toEqual([]);
    const listen = parse('DefaultListenSharedAccessSignature');
    expect(listen.metadata['rights']).toBe('Listen');
    expect(listen.warnings).toHaveLength(1);
    expect(listen.warnings[0]).toContain('can only listen');
  });

  it('names the missing part', () => {
    expect(() => parseConnectionString(`Endpoint=sb://x.servicebus.windows.net/;SharedAccessKey=${KEY}`)).toThrow(
      'The connection string has no SharedAccessKeyName.',
    );
    expect(() => parseConnectionString('SharedAccessKeyName=a;SharedAccessKey=b')).toThrow(
      'The connection string has no Endpoint.',
    );
    expect(() => parseConnectionString('Endpoint=sb://x/')).toThrow(
      'The connection string has no SharedAccessKeyName or SharedAccessKey.',
    );
    expect(() => parseConnectionString('Endpoint=sb://x/;garbage')).toThrow(
      'Part 2 of the connection string has no "name=value".',
    );
    expect(() => parseConnectionString('Endpoint=ftp://x/;SharedAccessKeyName=a;SharedAccessKey=b')).toThrow(
      /must start with sb:\/\//,
    );
  });

  it('requires a valid hub name and a connection string', () => {
    const connectionString = `Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=${KEY}`;
    expect(() => parseNhub({ connectionString })).toThrow(/hub name is required/);
    expect(() => parseNhub({ connectionString, hubName: 'bad hub!' })).toThrow(/is not a valid hub name/);
    expect(() => parseNhub({ hubName: 'h' })).toThrow(/Paste the connection string/);
  });

  describe('refuses, each with its own message', () => {
    const rest = `SharedAccessKeyName=DefaultFullSharedAccessSignature;SharedAccessKey=${KEY}`;
    const refusal = (text: string, hubName?: string): string => {
      try {
        parseNhub({ connectionString: text, ...(hubName === undefined ? {} : { hubName }) });
      } catch (error) {
        const message = (error as Error).message;
        expect(message).not.toContain(KEY);
        return message;
      }
      throw new Error('accepted');
    };

    it('an endpoint with a path', () => {
      expect(refusal(`Endpoint=sb://my-ns.servicebus.windows.net/my-hub/;${rest}`, 'my-hub')).toBe(
        'The endpoint has a path (/my-hub/); it should be the namespace alone, sb://<namespace>.servicebus.windows.net/.',
      );
    });

    it('an endpoint with a query', () => {
      expect(refusal(`Endpoint=sb://my-ns.servicebus.windows.net/?api-version=2015-01;${rest}`, 'h')).toBe(
        'The endpoint has a query (?…); it should be the namespace alone, sb://<namespace>.servicebus.windows.net/.',
      );
    });

    it('an empty namespace', () => {
      const expected = 'The endpoint names no namespace: it should be sb://<namespace>.servicebus.windows.net/.';
      expect(refusal(`Endpoint=sb://.servicebus.windows.net/;${rest}`, 'h')).toBe(expected);
      expect(refusal(`Endpoint=sb://;${rest}`, 'h')).toBe(expected);
    });

    it('a key given twice, naming the key and not its value', () => {
      expect(refusal(`Endpoint=sb://my-ns.servicebus.windows.net/;${rest};SharedAccessKey=${KEY}`, 'h')).toBe(
        'The connection string gives SharedAccessKey twice; it must appear once.',
      );
      expect(
        refusal(`endpoint=sb://a.servicebus.windows.net/;Endpoint=sb://b.servicebus.windows.net/;${rest}`, 'h'),
      ).toBe('The connection string gives Endpoint twice; it must appear once.');
    });

    it('an EntityPath that disagrees with the hub', () => {
      expect(refusal(`Endpoint=sb://my-ns.servicebus.windows.net/;${rest};EntityPath=orders`, 'payments')).toBe(
        'The connection string is for the hub "orders" (its EntityPath), not "payments".',
      );
    });
  });

  it('takes the hub from EntityPath when none is given, and accepts one that agrees', () => {
    const text = `Endpoint=sb://my-ns.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=${KEY};EntityPath=orders`;
    expect(parseNhub({ connectionString: text }).secret.hubName).toBe('orders');
    expect(parseNhub({ connectionString: text, hubName: 'Orders' }).secret.hubName).toBe('Orders');
  });
});
