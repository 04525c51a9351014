#!/usr/bin/env python3
"""Held-out prose for measuring line quality: about 2,000 words each of English (the GPL-3 text,
with its all-capitals warranty passage), German (fortunes-de), and Spanish, French and
Portuguese (prose paragraphs of the manpages-es/-fr/-pt-br pages). None of it is in the repo
and none was used to tune the breaker.

    apt-get install fortunes-de manpages-es manpages-fr manpages-pt-br
    python3 tools/heldout.py OUT_DIR        # writes OUT_DIR/{en,es,de,fr,pt}.md

tools/measure.sh runs the measuring tools over them.
"""
import os
import sys
import re, subprocess, glob, random
random.seed(7)
def prose_ok(p):
    if len(p) < 250: return False
    letters = sum(c.isalpha() for c in p)
    if letters / len(p) < 0.78: return False
    if re.search(r'[=<>{}\[\]|\\/_#@$*`]', p): return False
    if re.search(r'\s-{1,2}[a-zA-Z]', p): return False
    return True
MARK={'es':[' que ',' los ',' una ',' del '],'fr':[' les ',' des ',' une ',' est '],'pt_BR':[' que ',' não ',' uma ',' para ',' os ']}
def langok(lang,p):
    return sum(m in p for m in MARK[lang])>=2 and ' the ' not in p
def man_paras(lang, n_words):
    paras=[]
    files=sorted(glob.glob(f'/usr/share/man/{lang}/man1/*.gz'))
    random.shuffle(files)
    for f in files:
        try:
            t=subprocess.run(['man','-l','-Tutf8',f],capture_output=True,text=True,timeout=10,env={'MANWIDTH':'2000','LANG':'C.UTF-8','PATH':'/usr/bin:/bin'}).stdout
        except Exception: continue
        t=re.sub(r'.\x08','',t)
        for block in re.split(r'\n\s*\n', t):
            lines=[l.strip() for l in block.split('\n')]
            if len(lines)<2: continue
            if lines and lines[0].upper()==lines[0]: lines=lines[1:]
            p=' '.join(lines)
            p=re.sub(r'\u2010 ','',p)
            p=re.sub(r'\s+',' ',p)
            if not langok(lang,p): continue
            if prose_ok(p) and p not in paras:
                paras.append(p)
        if sum(len(p.split()) for p in paras) > n_words: break
    out=[];w=0
    for p in paras:
        out.append(p); w+=len(p.split())
        if w>n_words: break
    return out
def fortune_paras(n_words):
    paras=[]
    for f in sorted(glob.glob('/usr/share/games/fortunes/de/*.u8')) or sorted(glob.glob('/usr/share/games/fortunes/de/*')):
        if f.endswith('.dat'): continue
        t=open(f,encoding='utf-8',errors='ignore').read()
        for fo in t.split('\n%\n'):
            p=re.sub(r'\s+',' ',fo).strip()
            if prose_ok(p) and '--' not in p: paras.append(p)
    random.shuffle(paras)
    out=[];w=0
    for p in paras:
        out.append(p); w+=len(p.split())
        if w>n_words: break
    return out
def gpl(n_words):
    t=open('/usr/share/common-licenses/GPL-3').read()
    paras=[re.sub(r'\s+',' ',b).strip() for b in re.split(r'\n\s*\n',t)]
    paras=[p for p in paras if len(p)>250]
    caps=[p for p in paras if p.upper()==p]
    rest=[p for p in paras if p.upper()!=p][10:]
    out=[];w=0
    for p in rest:
        out.append(p); w+=len(p.split())
        if w>n_words: break
    return out[:len(out)//2]+caps+out[len(out)//2:]
OUT = sys.argv[1] if len(sys.argv) > 1 else '.'
os.makedirs(OUT, exist_ok=True)

def write(name, lang, paras):
    with open(f'{OUT}/{name}.md','w') as f:
        f.write(f'+++\nlang = "{lang}"\n+++\n')
        f.write('\n\n'.join(paras)+'\n')
    print(name, len(paras), sum(len(p.split()) for p in paras))
write('en','en',gpl(2000))
write('es','es',man_paras('es',2000))
write('de','de',fortune_paras(2000))
write('fr','fr',man_paras('fr',2000))
write('pt','pt',man_paras('pt_BR',2000))
