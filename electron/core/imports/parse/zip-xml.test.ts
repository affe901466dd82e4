import { describe, expect, it } from 'vitest';
import { tagTexts } from './zip-xml';

describe("tags are split where the reader's parser splits them", () => {
  it.each([
    ['end tags too, and text between tags left out', '<a>text</a>', ['a', '/a']],
    ['a ">" inside a quoted value, either quote', `<a x="1>2"/><b y='>'/>`, ['a x="1>2"/', "b y='>'/"]],
    ['an unmatched quote as an ordinary character', `<a b='x><c>`, ["a b='x", 'c']],
    [
      'no tags in a declaration, comment, CDATA section or processing instruction',
      '<?xml version="1.0"?><!-- <c/> --><![CDATA[<d/>]]><?pi <e/> ?><f/>',
      ['f/'],
    ],
    ['no tag that is never closed', '<a/><b x="1"', ['a/']],
    ['nothing after a comment never closed', '<a/><!-- <b/>', ['a/']],
    ['text in UTF-8 as it was written', '<a t="王芳"/>', ['a t="王芳"/']],
  ])('%s', (_, xml, tags) => {
    expect([...tagTexts(Buffer.from(xml))]).toEqual(tags);
  });
});
