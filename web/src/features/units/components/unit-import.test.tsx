import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { manager } from '@/testing/fixtures';
import { apiUrl, server } from '@/testing/msw-server';
import { renderApp } from '@/testing/render-app';

describe('unit CSV import', () => {
  it('lists every wrong row in a table when the import is refused', async () => {
    let sent: unknown;
    server.use(
      http.get(apiUrl('/api/buildings/lofts-des-arts/units'), () => HttpResponse.json([])),
      http.post(apiUrl('/api/buildings/lofts-des-arts/units/import'), async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(
          {
            title: 'Le fichier contient des erreurs.',
            status: 400,
            code: 'import-invalid',
            rows: [
              { row: 2, field: 'floor', message: 'L’étage doit être un nombre.' },
              { row: 3, field: 'type', message: 'Type inconnu.' },
            ],
          },
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        );
      }),
    );
    renderApp('/fr/console/unites', { me: manager });
    const user = userEvent.setup();

    await user.click(await screen.findByLabelText('Ou collez le contenu CSV'));
    await user.paste('number,floor,type\n504,cinq,residential\n505,5,garage');
    await user.click(screen.getByRole('button', { name: 'Importer' }));

    const table = await screen.findByRole('table', { name: 'Lignes à corriger' });
    expect(table).toHaveTextContent('L’étage doit être un nombre.');
    expect(table).toHaveTextContent('Type inconnu.');
    expect(screen.getByText(/Rien n’a été importé/)).toBeInTheDocument();
    expect(sent).toEqual({ csv: 'number,floor,type\n504,cinq,residential\n505,5,garage' });
  });

  it('reports the count and reloads the list after a successful import', async () => {
    let units: unknown[] = [];
    server.use(
      http.get(apiUrl('/api/buildings/lofts-des-arts/units'), () => HttpResponse.json(units)),
      http.post(apiUrl('/api/buildings/lofts-des-arts/units/import'), () => {
        units = [{ id: '504', number: '504', floor: 5, type: 'residential', areaSqFt: 812, bedrooms: 2, residentCount: 0 }];
        return HttpResponse.json({ imported: 1 });
      }),
    );
    renderApp('/fr/console/unites', { me: manager });
    const user = userEvent.setup();

    await user.click(await screen.findByLabelText('Ou collez le contenu CSV'));
    await user.paste('number,floor,type,area,bedrooms\n504,5,residential,812,2');
    await user.click(screen.getByRole('button', { name: 'Importer' }));

    expect(await screen.findByText(/^Unités importées.: 1\.$/)).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Gérer les codes de l’unité 504' })).toBeInTheDocument();
  });
});
