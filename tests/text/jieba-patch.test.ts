import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patchNodejieba } from '../../scripts/jieba-lazy-textrank.mjs';
import { keywords, segment } from '../../src/text/segment.ts';

// nodejieba 3.5's addon as published: load() makes the segmenter and the TextRank extractor; textRankExtract() uses the latter.
const CPP = `Napi::Value NodeJieba::load(const Napi::CallbackInfo& info) {
  delete _jieba_handle;
  _jieba_handle = new cppjieba::Jieba(dictPath,
                                  modelPath,
                                  userDictPath,
                                  idfPath,
                                  stopWordsPath);

  delete _text_rank_extractor_handle;
  _text_rank_extractor_handle = new cppjieba
		      ::TextRankExtractor(dictPath,
                                  modelPath,
                                  stopWordsPath,
                                  userDictPath);

  return Napi::Boolean::New(info.Env(), true);
}

Napi::Value NodeJieba::textRankExtract(const Napi::CallbackInfo& info) {
  if( !_text_rank_extractor_handle ){
    Napi::Error::New(info.Env(), "Before calling any other function you have to call load() first").ThrowAsJavaScriptException();
  }

  std::vector<std::pair<std::string, double> > words;
  _text_rank_extractor_handle->Extract(sentence, words, topN);
}
`;
const H = `#include <napi.h>

class NodeJieba : public Napi::Addon<NodeJieba> {
  cppjieba::Jieba* _jieba_handle{nullptr};
  cppjieba::TextRankExtractor* _text_rank_extractor_handle{nullptr};
};
`;

describe('the nodejieba patch (postinstall): TextRank made at its first use', () => {
  it('GIVEN the published addon source THEN load() no longer makes the extractor, textRankExtract() makes it from the paths load() kept, and a second run leaves it alone', () => {
    const patched = patchNodejieba(CPP, H);
    if (!patched || patched === 'patched') throw new Error('the published source was not recognised');
    const load = patched.cpp.slice(0, patched.cpp.indexOf('Napi::Value NodeJieba::textRankExtract'));
    expect(load).not.toMatch(/new cppjieba\s*::TextRankExtractor/);
    expect(load).toMatch(/_text_rank_extractor_handle = nullptr;/);
    expect(load).toMatch(/_dict_path = dictPath;[\s\S]*_stop_words_path = stopWordsPath;/);
    const use = patched.cpp.slice(patched.cpp.indexOf('Napi::Value NodeJieba::textRankExtract'));
    expect(use).toMatch(/if\( !_text_rank_extractor_handle \)\{\s*_text_rank_extractor_handle = new cppjieba::TextRankExtractor\(_dict_path, _model_path, _stop_words_path, _user_dict_path\);/);
    expect(patched.h).toMatch(/#include <string>[\s\S]*std::string _dict_path, _model_path, _user_dict_path, _stop_words_path;/);
    expect(patchNodejieba(patched.cpp, patched.h)).toBe('patched');
  });

  it('GIVEN a source it does not know THEN it changes nothing', () => {
    expect(patchNodejieba(CPP.replace('stopWordsPath,\n                                  userDictPath);', 'userDictPath);'), H)).toBeUndefined();
    expect(patchNodejieba(CPP, H.replace('_text_rank_extractor_handle{nullptr}', '_text_rank{nullptr}'))).toBeUndefined();
    expect(patchNodejieba(CPP + CPP, H)).toBeUndefined();
  });

  it('GIVEN the installed addon, patched or not THEN jieba cuts, tags and ranks keywords as it always did', () => {
    const dir = dirname(createRequire(import.meta.url).resolve('nodejieba/package.json'));
    const cpp = readFileSync(join(dir, 'lib', 'nodejieba.cpp'), 'utf8');
    const h = readFileSync(join(dir, 'lib', 'nodejieba.h'), 'utf8');
    // Patched or patchable: an upgrade of nodejieba that the patch no longer knows shows here, not as 110 MB more per thread.
    expect(patchNodejieba(cpp, h)).toBeDefined();
    // The one function the patch changes still works, made at its first use.
    const nodejieba = createRequire(import.meta.url)('nodejieba') as { textRankExtract(text: string, n: number): { word: string }[] };
    expect(nodejieba.textRankExtract('驻日美军经费问题在日美首脑会谈中被提及，驻日美军经费', 2)).toHaveLength(2);
    // The user dictionary's word stays whole, the dictionary's words are cut as words, keywords are ranked by IDF.
    const terms = segment('驻日美军经费问题在日美首脑会谈中被提及').map((t) => t.term);
    for (const w of ['驻日美军', '经费', '首脑', '会谈', '提及']) expect(terms).toContain(w);
    const top = keywords('驻日美军经费问题在日美首脑会谈中被提及，首脑会谈', 3);
    expect(top).toHaveLength(3);
    expect(top).toContain('首脑');
  });
});
