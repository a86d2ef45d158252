import { CapInputError } from './cap-error';
import { validateCapAlertInput, type CapAlertInput } from './cap-input';

const REF = { sender: 'klimavagt@assens.dk', identifier: 'a-1', sent: '2023-10-20T21:12:00Z' };

function input(over: Partial<CapAlertInput> = {}): CapAlertInput {
  return {
    alertId: 'a',
    sequence: 1,
    sender: 'klimavagt@assens.dk',
    sentAt: '2023-10-20T21:12:00Z',
    msgType: 'Alert',
    zone: { id: 'z', name: 'Assens Havn', geometry: { type: 'Polygon', coordinates: [] } },
    hazard: 'coastal-flooding',
    severity: 'yellow',
    onset: '2023-10-20T21:10:00Z',
    expires: '2023-10-21T09:10:00Z',
    ...over,
  };
}
const refused = (over: Partial<CapAlertInput>) => () => validateCapAlertInput(input(over));

describe('validateCapAlertInput', () => {
  it('accepts a plain Alert, and Update/Cancel with references', () => {
    expect(validateCapAlertInput(input())).toEqual(input());
    expect(() =>
      validateCapAlertInput(input({ msgType: 'Update', sequence: 2, references: [REF] })),
    ).not.toThrow();
    expect(() =>
      validateCapAlertInput(input({ msgType: 'Cancel', sequence: 2, severity: null, references: [REF] })),
    ).not.toThrow();
  });

  it('refuses identifiers and senders CAP cannot carry (spaces, commas, < and &)', () => {
    for (const alertId of ['a b', 'a,b', 'a<b', 'a&b', '', 'æøå', 'a\tb']) {
      expect(refused({ alertId })).toThrow(CapInputError);
    }
    expect(refused({ sender: 'Assens Kommune' })).toThrow(/^sender: /);
    expect(refused({ sequence: 0 })).toThrow(/^sequence: /);
    expect(refused({ sequence: 1.5 })).toThrow(/^sequence: /);
  });

  it('requires references on Update and Cancel, each a valid triple', () => {
    expect(refused({ msgType: 'Update', sequence: 2 })).toThrow(/^references: an Update must reference/);
    expect(refused({ msgType: 'Cancel', sequence: 2, severity: null, references: [] })).toThrow(
      /^references: /,
    );
    expect(refused({ msgType: 'Update', sequence: 2, references: [{ ...REF, identifier: 'a,b' }] })).toThrow(
      /^references\[0\]\.identifier: /,
    );
    expect(refused({ msgType: 'Update', sequence: 2, references: [{ ...REF, sent: 'earlier' }] })).toThrow(
      /^references\[0\]\.sent: /,
    );
  });

  it('requires a severity except on Cancel', () => {
    expect(refused({ severity: null })).toThrow(/^severity: is required on Alert/);
    expect(refused({ severity: 'purple' as never })).toThrow(/^severity: unknown/);
    expect(refused({ hazard: 'tsunami' as never })).toThrow(/^hazard: unknown/);
  });

  it('refuses times that are not instants, and an expiry before the onset', () => {
    expect(refused({ sentAt: 'now' })).toThrow(/^sentAt: /);
    expect(refused({ onset: '2023-10-20' })).toThrow(/^onset: /);
    expect(refused({ expires: '2023-10-20T21:00:00Z' })).toThrow(/^expires: .* before onset/);
  });

  it('refuses a zone without a name, a non-finite value and a web address that is no URL', () => {
    expect(refused({ zone: { ...input().zone, name: ' ' } })).toThrow(/^zone\.name: /);
    const decidedBy = {
      stationId: '9020201',
      parameter: 'sea_level' as const,
      observedAt: '2023-10-20T21:10:00Z',
      value: NaN,
      measure: 'value' as const,
    };
    expect(refused({ decidedBy })).toThrow(/^decidedBy\.value: /);
    expect(refused({ decidedBy: { ...decidedBy, value: 1, observedAt: 'x' } })).toThrow(
      /^decidedBy\.observedAt: /,
    );
    expect(refused({ web: 'assens.dk/klima' })).toThrow(/^web: /);
  });
});
