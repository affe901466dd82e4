import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { nameKeys, nameParts, normalizeQuery, prepareNameKeys } from './name-keys';

describe('nameKeys: what a name is found by', () => {
  it.each([
    // name, full pinyin, initials, first character's key
    ['张晓明', 'zhangxiaoming', 'zxm', 'zhang'],
    ['王芳', 'wangfang', 'wf', 'wang'],
    // Surnames read otherwise than the character elsewhere.
    ['单雄信', 'shanxiongxin', 'sxx', 'shan'],
    ['曾国藩', 'zengguofan', 'zgf', 'zeng'],
    ['解晓东', 'xiexiaodong', 'xxd', 'xie'],
    ['仇一', 'qiuyi', 'qy', 'qiu'],
    ['区达', 'ouda', 'od', 'ou'],
    // A compound surname: the first character alone is what a masked name shows.
    ['欧阳春晓', 'ouyangchunxiao', 'oycx', 'ou'],
    // ü is typed v.
    ['吕布', 'lvbu', 'lb', 'lv'],
    // Separators and spaces are no part of a key; full-width letters fold.
    ['阿卜杜·热合曼', 'abudureheman', 'abdrhm', 'a'],
    [' 李 四 ', 'lisi', 'ls', 'li'],
    ['Ｚｈａｎｇ三', 'zhangsan', 'zs', 'z'],
    // Latin words: whole in the full key, their first letter in the initials and as the first character.
    ['David王', 'davidwang', 'dw', 'd'],
    ['Mary Jane李', 'maryjaneli', 'mjl', 'm'],
    // 生僻字: one the dictionary knows, and one it does not (it stands for itself: typing around it finds nothing).
    ['王䶮', 'wangyan', 'wy', 'wang'],
    ['王𠀾明', 'wang𠀾ming', 'w𠀾m', 'wang'],
    ['', '', '', ''],
  ])('%s → %s / %s / %s', (name, full, initials, first) => {
    expect(nameKeys(name, pinyin)).toEqual({ full, initials, first });
  });

  it.each([
    ['长孙无忌', '长海'],
    ['尉迟恭', '尉海'],
    ['万俟卨', '万海'],
    ['单于', '单雄信'],
  ])('gives %s the first key of %s: nothing in it depends on the characters a masked name hides', (a, b) => {
    expect(nameKeys(a, pinyin).first).toBe(nameKeys(b, pinyin).first);
  });

  it('gives a name that starts with a separator no first key (a masked ·*四 shows no letter)', () => {
    expect(nameKeys('·李四', pinyin).first).toBe('');
  });

  it('reads a title without surname rules (名单 is ming dan, 单 alone shan only as a surname)', () => {
    expect(nameKeys('客户名单', pinyin, { surname: false }).initials).toBe('khmd');
    expect(nameKeys('单', pinyin, { surname: false }).full).toBe('dan');
    expect(nameKeys('单', pinyin).full).toBe('shan');
  });

  it('gives, converting many names, the keys nameKeys gives each (characters of one reading joined, others whole)', () => {
    const keysOf = prepareNameKeys(pinyin);
    // Surnames read otherwise, compound ones, polyphonic characters, latin, separators, 生僻字, compatibility forms.
    const written = [
      '单雄信',
      '曾国藩',
      '解晓东',
      '仇一',
      '区达',
      '欧阳春晓',
      '长孙无忌',
      '尉迟恭',
      '万俟卨',
      '司马光',
      '上官婉儿',
      '诸葛亮',
      '吕布',
      '女娲',
      '阿卜杜·热合曼',
      ' 李 四 ',
      'Ｚｈａｎｇ三',
      'David王',
      '王䶮',
      '王𠀾明',
      '',
      '乐乐',
      '朴重',
      '查理',
      '盖聂',
    ];
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const drawn = Array.from({ length: 20_000 }, () =>
      String.fromCodePoint(...Array.from({ length: 2 + random(3) }, () => 0x4e00 + random(0x9fa5 - 0x4e00 + 1))),
    );
    const differing = [...written, ...drawn].filter(
      (name) => JSON.stringify(keysOf(name)) !== JSON.stringify(nameKeys(name, pinyin)),
    );
    expect(differing).toEqual([]);
  });

  it.each([
    ['张晓明', ['晓明', '明']],
    ['王芳芳', ['芳芳', '芳']],
    ['欧阳春晓', ['阳春晓', '春晓', '晓']],
    ['王', []],
    ['王𠀾', ['𠀾']],
  ])('the parts of %s after its first character: %j', (name, parts) => {
    expect(nameParts(name)).toEqual(parts);
  });

  it('normalizes a typed query the way the keys are written', () => {
    expect(normalizeQuery(' Zhang Xiao-Ming ')).toBe('zhangxiaoming');
    expect(normalizeQuery('ＺＸＭ')).toBe('zxm');
  });
});
