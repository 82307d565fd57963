import { Button, Dialog, DialogSurface, DialogTitle, makeStyles } from '@fluentui/react-components';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { readCspNonce } from '@/lib/csp-nonce';
import { AppProviders, createRenderer } from './providers';

const useStyles = makeStyles({ root: { color: 'red', '@media (min-width: 10px)': { color: 'blue' } } });

function Styled() {
  const styles = useStyles();
  return (
    <>
      <Button className={styles.root}>OK</Button>
      <Dialog open>
        <DialogSurface>
          <DialogTitle>Titre</DialogTitle>
        </DialogSurface>
      </Dialog>
    </>
  );
}

describe('CSP nonce for runtime styles', () => {
  it('puts the nonce on every <style> element Griffel and FluentProvider create', async () => {
    for (const style of document.head.querySelectorAll('style')) {
      style.remove();
    }
    render(
      <AppProviders renderer={createRenderer('n0nce-123', document)} initialMe={null}>
        <Styled />
      </AppProviders>,
    );
    await screen.findByRole('dialog');

    const styles = [...document.head.querySelectorAll('style')];
    expect(styles.some((s) => s.id.startsWith('fui-FluentProvider'))).toBe(true);
    expect(styles.some((s) => s.hasAttribute('data-make-styles-bucket'))).toBe(true);
    for (const style of styles) {
      expect(style.getAttribute('nonce'), style.outerHTML.slice(0, 80)).toBe('n0nce-123');
    }
    // Nothing is written as inline text: rules go through the CSSOM (insertRule).
    expect(styles.every((s) => s.textContent === '')).toBe(true);
  });

  it('reads the nonce from the meta element, ignoring the unreplaced placeholder', () => {
    const meta = document.createElement('meta');
    meta.setAttribute('property', 'csp-nonce');
    meta.setAttribute('nonce', '__CSP_NONCE__');
    document.head.append(meta);
    expect(readCspNonce()).toBeUndefined();

    meta.setAttribute('nonce', 'abc');
    expect(readCspNonce()).toBe('abc');
    meta.remove();
    expect(readCspNonce()).toBeUndefined();
  });
});
