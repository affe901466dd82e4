import { describe, expect, it } from 'vitest';
import { encodeChinese } from './text-encoding';

const decode = (bytes: Uint8Array) => new TextDecoder('gb18030').decode(bytes);

describe('encodeChinese', () => {
  it('writes every character in GB18030: rare name characters and emoji survive', () => {
    const text = '客户号,姓名\r\n0510001,王䶮\r\n0510002,李㛃😀?\r\n';
    const { bytes, unencodable } = encodeChinese(text, 'gb18030');
    expect(unencodable).toBe(0);
    expect(decode(bytes)).toBe(text);
  });

  it('writes GBK with a ? for each character GBK lacks, and counts them (a ? in the text is not counted)', () => {
    const { bytes, unencodable } = encodeChinese('李㛃😀?,张三', 'gbk');
    expect(decode(bytes)).toBe('李???,张三');
    expect(unencodable).toBe(2);
  });

  it('writes the GBK two-byte form of common characters', () => {
    expect([...encodeChinese('张', 'gbk').bytes]).toEqual([0xd5, 0xc5]);
    expect([...encodeChinese('张', 'gb18030').bytes]).toEqual([0xd5, 0xc5]);
  });
});
