import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

/**
 * src/lib/api-schema.d.ts is generated from openapi.json (the self-host's document, kept current by the .NET
 * test OpenApiDocumentTests): regenerating it here must give the committed file, so the types the contract
 * checks (src/lib/api-contract.ts) use are those of the current document.
 */
describe('api-schema.d.ts', () => {
  it('is what `npm run gen:api` makes of openapi.json', async () => {
    const document = JSON.parse(await readFile(join(process.cwd(), 'openapi.json'), 'utf8')) as Parameters<typeof openapiTS>[0];
    const committed = await readFile(join(process.cwd(), 'src', 'lib', 'api-schema.d.ts'), 'utf8');

    const generated = COMMENT_HEADER + astToString(await openapiTS(document));

    expect(generated === committed, 'src/lib/api-schema.d.ts is stale: run `npm run gen:api` and commit it').toBe(true);
  });
});
