import { expect, test } from '@playwright/test';
import { expectPublicStatus, publicProcedures, receiveComplete, signInDemoOfficers } from '../support/office-api.js';
import { takeToReturnByPost } from '../support/return-dossier.js';

/**
 * Issue 7, done when: "after `npm start` on a fresh clone, an outside client can receive a dossier
 * of each shipped procedure and take it to completion with the roles of the receiving agency". Over
 * HTTP only, as a kiosk or another system would: the procedures come from the public catalogue, the
 * officers of each agency are found by signing in the demo accounts and reading GET /api/me, and
 * every step's decision is read from the work list. No procedure, agency or step is named here.
 */

/** What one procedure may take on a loaded machine: reception, a few steps, the workers in between. */
const PER_PROCEDURE_MS = 240_000;

test('an outside client receives a dossier of each shipped procedure and takes it to its return by post', async ({
  request,
}) => {
  // Given the public catalogue and the demo accounts, each with the agency GET /api/me gives it
  const procedures = await publicProcedures(request);
  expect(procedures.length, 'the catalogue ships procedures').toBeGreaterThan(0);
  test.setTimeout(procedures.length * PER_PROCEDURE_MS);
  const officers = await signInDemoOfficers(request);

  for (const [index, procedure] of procedures.entries()) {
    await test.step(`${procedure.code} ${procedure.name} (${procedure.agency.name})`, async () => {
      // the roles of the agency that handles the procedure, and nobody else's
      const agencyOfficers = officers.filter((officer) => officer.agency.code === procedure.agency.code);
      const receptionist = agencyOfficers.find((officer) => officer.roles.includes('receptionist'));
      expect(receptionist, `a demo receptionist of ${procedure.agency.name}`).toBeDefined();
      if (!receptionist) return;

      // When its receptionist receives a complete dossier, the result to be sent by post
      const code = await receiveComplete(request, receptionist, procedure, {
        applicant: {
          fullName: 'Võ Thị Thu Hà',
          idNumber: `04919000${String(7000 + index).padStart(4, '0')}`,
          phone: '0905777888',
          address: 'Thôn Tây Sơn, xã Duy Trung, huyện Duy Xuyên',
        },
        resultDelivery: 'post',
        deliveryAddress: 'Thôn Tây Sơn, xã Duy Trung, huyện Duy Xuyên, tỉnh Quảng Nam',
      });
      expect(code.startsWith(`${procedure.agency.code}-`), `${code} is a code of ${procedure.agency.code}`).toBe(true);

      // And the agency's officers claim and complete each task in turn, moving it forward
      await takeToReturnByPost(request, agencyOfficers, code, `EB${String(100_000_000 + index)}VN`);

      // Then the citizen's page shows the dossier returned, with the day it was
      const shown = await expectPublicStatus(request, code, 'returned');
      expect(shown.procedure.name).toBe(procedure.name);
      expect(shown.finishedAt).not.toBeNull();
    });
  }
});
