import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { renderRefusal } from '../../src/forms/index.js';
import { FONTS, fontData } from '../../src/forms/fonts.js';
import { refusalData } from './fixtures.js';
import { readPdf } from './pdf.js';

/** Every Vietnamese letter with a diacritic, lower and upper case. */
const VIETNAMESE = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
const LETTERS = [...VIETNAMESE, ...VIETNAMESE.toLocaleUpperCase('vi-VN')];

describe('form fonts', () => {
  it('ships all four faces in the repository, each with a glyph for every Vietnamese letter', () => {
    const faces = fontData();

    expect([...faces.keys()].sort()).toEqual(Object.values(FONTS).sort());
    for (const [name, data] of faces) {
      const font = fontkit.create(data) as fontkit.Font;
      const missing = LETTERS.filter((letter) => !font.hasGlyphForCodePoint(letter.codePointAt(0) ?? 0));
      expect({ name, missing }).toEqual({ name, missing: [] });
    }
  });

  it('prints every diacritic so that the text reads back unchanged', async () => {
    const line = 'ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự ỳ ỷ ỹ ỵ đ Đ';

    const pdf = await readPdf(await renderRefusal(refusalData({ reasons: [line] })));

    expect(pdf.text.normalize('NFC')).toContain(line);
  });
});
