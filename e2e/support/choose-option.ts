import { expect, type Locator } from '@playwright/test';

/**
 * Chooses an option of a select or autocomplete field and waits until its list has closed.
 *
 * Why not two clicks: an option clicked while the menu is still opening, or while the field's
 * choices re-render after they load, can be lost, and the list stays open over the form
 * (seen in a fresh-clone run on 2026-12-07: the reception checklist never appeared). Every
 * field closes its list once an option is taken, so a closed list is the sign the choice held;
 * until then the choice is made again.
 */
export async function chooseOption(field: Locator, option: Locator): Promise<void> {
  const list = field.page().getByRole('listbox');
  await expect(async () => {
    if (!(await list.isVisible())) await field.click();
    await option.click({ timeout: 2_000 });
    await expect(list).toBeHidden({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}
