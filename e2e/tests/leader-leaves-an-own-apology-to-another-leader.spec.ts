import { expect, test } from '../support/fixtures.js';
import { ApologiesPage } from '../pages/apologies-page.js';
import { dossierWithLeader, draftApology, publicProcedures, signInOfficer } from '../support/office-api.js';

const PROCEDURE_CODE = '1.009994';

test('the leader who drafted an apology is offered no decision on it, and is told another leader decides', async ({
  request,
  signIn,
}) => {
  // Given a construction permit dossier on the leader's desk for approval
  const [receptionist, specialist, leader] = await Promise.all([
    signInOfficer(request, 'receptionist'),
    signInOfficer(request, 'specialist'),
    signInOfficer(request, 'leader'),
  ]);
  const procedure = (await publicProcedures(request)).find((candidate) => candidate.code === PROCEDURE_CODE);
  expect(procedure).toBeDefined();
  const { code } = await dossierWithLeader(request, { receptionist, specialist, leader }, procedure!, {
    fullName: 'Lê Thị Kim Oanh',
    idNumber: '049190005555',
    phone: '0905333444',
    address: 'Thôn Mỹ Phước, xã Duy Hòa, huyện Duy Xuyên',
  });

  // And the leader, its handler now, drafts an apology with a new date
  await draftApology(request, leader, code, 'Cần xác minh thêm ranh giới thửa đất với địa phương');

  // When the same leader opens the apologies waiting for a decision
  const page = await signIn('leader');
  const apologies = new ApologiesPage(page);
  await apologies.open();

  // Then the draft is listed without approve or reject, with who decides instead
  await expect(apologies.row(code)).toContainText('Chờ lãnh đạo duyệt');
  await expect(apologies.row(code)).toContainText('Phiếu do bạn soạn: một lãnh đạo khác của cơ quan sẽ duyệt.');
  await expect(apologies.decisionButtons(code)).toHaveCount(0);
});
