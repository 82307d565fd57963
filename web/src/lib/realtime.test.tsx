import { act, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { dispatchPush, usePush, type PushKind, type PushMessage } from './realtime';

function Listener({ kinds, onPush }: { kinds: PushKind[]; onPush: (m: PushMessage) => void }) {
  usePush(kinds, onPush);
  return null;
}

describe('usePush', () => {
  it('delivers pushes of the subscribed kinds while mounted only', () => {
    const handler = vi.fn();
    const view = render(<Listener kinds={['registration.submitted']} onPush={handler} />);

    act(() => dispatchPush({ kind: 'registration.submitted', ids: { registrationId: 'r1' } }));
    act(() => dispatchPush({ kind: 'registration.decided', ids: { registrationId: 'r1' } }));
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler).toHaveBeenCalledWith({ kind: 'registration.submitted', ids: { registrationId: 'r1' } });

    view.unmount();
    act(() => dispatchPush({ kind: 'registration.submitted', ids: { registrationId: 'r2' } }));
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
