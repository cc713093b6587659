/**
 * postinstall: nodejieba's load() builds a Jieba segmenter AND a TextRank keyword extractor, and
 * the extractor holds its own copy of the dictionary trie and HMM model (~110 MB of native memory
 * in every thread that loads jieba: the bot's, and the build's worker). shiji never calls
 * textRankExtract(). This patches nodejieba's addon to make the extractor at its first use
 * instead, and rebuilds it (measured: a load goes from 242 to 130 MB; cut, tag, extract and
 * textRankExtract give the same results).
 *
 * It never breaks an install: when nodejieba's source is not the one this patch knows, or the
 * rebuild fails, or the rebuilt addon does not cut as before, the original source and binary
 * are put back and jieba just takes more memory. Plain JavaScript: it runs before (or without) dev
 * dependencies. Run again at any time: an addon already patched is left alone.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARK = '// shiji: the TextRank extractor is made at its first use';

const LOAD_ANCHOR = `  delete _text_rank_extractor_handle;
  _text_rank_extractor_handle = new cppjieba
		      ::TextRankExtractor(dictPath,
                                  modelPath,
                                  stopWordsPath,
                                  userDictPath);
`;
const LOAD_PATCHED = `  ${MARK} (textRankExtract).
  delete _text_rank_extractor_handle;
  _text_rank_extractor_handle = nullptr;
  _dict_path = dictPath;
  _model_path = modelPath;
  _user_dict_path = userDictPath;
  _stop_words_path = stopWordsPath;
`;
const USE_ANCHOR = `  if( !_text_rank_extractor_handle ){
    Napi::Error::New(info.Env(), "Before calling any other function you have to call load() first").ThrowAsJavaScriptException();
  }
`;
const USE_PATCHED = `  if( !_jieba_handle ){
    Napi::Error::New(info.Env(), "Before calling any other function you have to call load() first").ThrowAsJavaScriptException();
    return info.Env().Undefined();
  }
  if( !_text_rank_extractor_handle ){
    _text_rank_extractor_handle = new cppjieba::TextRankExtractor(_dict_path, _model_path, _stop_words_path, _user_dict_path);
  }
`;
const HEADER_ANCHOR = '  cppjieba::TextRankExtractor* _text_rank_extractor_handle{nullptr};\n';
const HEADER_PATCHED = `${HEADER_ANCHOR}  ${MARK}: the paths it is made from.\n  std::string _dict_path, _model_path, _user_dict_path, _stop_words_path;\n`;

/**
 * The patched addon source ({ cpp, h }), 'patched' when it already is, or undefined when the
 * source is not the one this patch was written for (each anchor must occur exactly once).
 */
export function patchNodejieba(cpp, h) {
  if (cpp.includes(MARK) && h.includes(MARK)) return 'patched';
  const once = (text, anchor) => text.split(anchor).length === 2;
  if (!once(cpp, LOAD_ANCHOR) || !once(cpp, USE_ANCHOR) || !once(h, HEADER_ANCHOR) || !h.includes('#include <napi.h>')) return undefined;
  // The use anchor also appears nowhere else: textRankExtract is the only reader of the handle.
  const textRankFrom = cpp.indexOf('Napi::Value NodeJieba::textRankExtract(');
  if (textRankFrom < 0 || cpp.indexOf(USE_ANCHOR) < textRankFrom) return undefined;
  return {
    cpp: cpp.replace(LOAD_ANCHOR, LOAD_PATCHED).replace(USE_ANCHOR, USE_PATCHED),
    h: h.replace('#include <napi.h>', '#include <napi.h>\n#include <string>').replace(HEADER_ANCHOR, HEADER_PATCHED),
  };
}

// What the rebuilt addon must still do, in a fresh process: load, cut a name and a phrase as before, rank keywords both ways.
const CHECK = `const j = require(process.argv[1]); j.load();
const cut = j.cut('驻日美军经费问题在日美首脑会谈中被提及', true).join('/');
if (cut !== process.argv[2]) throw new Error('cut: ' + cut);
if (j.extract('驻日美军经费问题在日美首脑会谈中被提及', 2).length !== 2) throw new Error('extract');
if (j.textRankExtract('驻日美军经费问题在日美首脑会谈中被提及，驻日美军经费', 2).length !== 2) throw new Error('textRankExtract');`;

function run(command, args, cwd) {
  const r = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 600_000 });
  return r.status === 0 ? undefined : `${command} ${args.join(' ')}: ${(r.stderr || r.stdout || String(r.error ?? r.status)).trim().split('\n').slice(-3).join(' | ')}`;
}

function main() {
  const require = createRequire(import.meta.url);
  const say = (line) => process.stdout.write(`jieba-lazy-textrank: ${line}\n`);
  let dir;
  try {
    dir = dirname(require.resolve('nodejieba/package.json'));
  } catch {
    return say('nodejieba is not installed; nothing to do');
  }
  const cppPath = join(dir, 'lib', 'nodejieba.cpp');
  const hPath = join(dir, 'lib', 'nodejieba.h');
  const binary = join(dir, 'build', 'Release', 'nodejieba.node');
  if (!existsSync(cppPath) || !existsSync(hPath) || !existsSync(binary)) return say('nodejieba has no source or no built addon here; left as it is');
  const cpp = readFileSync(cppPath, 'utf8');
  const h = readFileSync(hPath, 'utf8');
  const patched = patchNodejieba(cpp, h);
  if (patched === 'patched') return say('already patched');
  if (!patched) return say('nodejieba source not recognised (another version?): left as it is (jieba takes ~110 MB more per thread)');
  // How the original cuts: the rebuilt one must cut the same.
  const probe = spawnSync(process.execPath, ['-e', "const j = require(process.argv[1]); j.load(); process.stdout.write(j.cut('驻日美军经费问题在日美首脑会谈中被提及', true).join('/'))", dir], { encoding: 'utf8' });
  if (probe.status !== 0) return say('the installed nodejieba does not load; left as it is');
  const expected = probe.stdout;
  // Kept outside build/: node-pre-gyp rebuild starts by deleting build/Release.
  const saved = join(dir, 'nodejieba.node.orig');
  copyFileSync(binary, saved);
  writeFileSync(cppPath, patched.cpp);
  writeFileSync(hPath, patched.h);
  const preGyp = (() => {
    try {
      return require.resolve('@mapbox/node-pre-gyp/bin/node-pre-gyp');
    } catch {
      return undefined;
    }
  })();
  // The Makefile node-gyp left is the quickest rebuild (the objects of the other source file are kept); else a full rebuild.
  const failures = [];
  const built = () => {
    if (existsSync(join(dir, 'build', 'Makefile'))) {
      const e = run('make', ['-C', 'build', 'BUILDTYPE=Release'], dir);
      if (!e) return true;
      failures.push(e);
    }
    if (preGyp) {
      const e = run(process.execPath, [preGyp, 'rebuild'], dir);
      if (!e) return true;
      failures.push(e);
    }
    return false;
  };
  const ok = built() && !run(process.execPath, ['-e', CHECK, dir, expected], dir);
  if (ok) {
    rmSync(saved, { force: true });
    return say('nodejieba rebuilt: TextRank made at first use (one dictionary per thread)');
  }
  writeFileSync(cppPath, cpp);
  writeFileSync(hPath, h);
  mkdirSync(dirname(binary), { recursive: true });
  copyFileSync(saved, binary);
  rmSync(saved, { force: true });
  say(`rebuild failed, original nodejieba put back (jieba takes ~110 MB more per thread): ${failures.join('; ') || 'the rebuilt addon did not cut as before'}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main();
  } catch (err) {
    // An install never fails for this: at worst jieba keeps its second dictionary copy.
    process.stdout.write(`jieba-lazy-textrank: skipped (${err instanceof Error ? err.message : String(err)})\n`);
  }
}
